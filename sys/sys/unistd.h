/*
 * <sys/unistd.h>: the access(2) modes and lseek(2) origins, FreeBSD's
 * values (docs/abi.md section 4.4).  One copy for the kernel and programs
 * (libc's <unistd.h> and <stdio.h> include it).
 */
#ifndef _SYS_UNISTD_H_
#define	_SYS_UNISTD_H_

/* access(2) modes. */
#define	F_OK		0		/* the file exists */
#define	X_OK		0x01		/* executable or searchable */
#define	W_OK		0x02		/* writable */
#define	R_OK		0x04		/* readable */

/* lseek(2) origins. */
#define	SEEK_SET	0		/* from the start */
#define	SEEK_CUR	1		/* from the current offset */
#define	SEEK_END	2		/* from the end */

#endif /* !_SYS_UNISTD_H_ */
