/* reboot(2) howto flags (FreeBSD's values); reboot itself is in <unistd.h>. */
#ifndef _SYS_REBOOT_H_
#define	_SYS_REBOOT_H_

#define	RB_AUTOBOOT	0	/* flags for system auto-booting itself */
#define	RB_NOSYNC	0x004	/* dont sync before reboot */
#define	RB_HALT		0x008	/* don't reboot, just halt */
#define	RB_DUMP		0x100	/* dump kernel memory before reboot */
#define	RB_POWEROFF	0x4000	/* turn the power off if possible */
#define	RB_POWERCYCLE	0x400000 /* power cycle if possible */

#endif /* !_SYS_REBOOT_H_ */
