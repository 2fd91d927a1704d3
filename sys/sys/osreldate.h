/*
 * The FreeBSD release TagOS's user ABI follows.  crt0 stamps it into the
 * .note.tag ABI note and exec passes it as AT_OSRELDATE; 1500058 is also
 * the osrel from which FreeBSD turns top-byte-ignore on for a process
 * (docs/abi.md section 2.2), which tagged pointers need.  Assembler-safe:
 * a single define.  One copy for the kernel and programs
 * (lib/libc/include/osreldate.h forwards here).
 */
#ifndef _OSRELDATE_H_
#define	_OSRELDATE_H_

#define	__FreeBSD_version	1500058

#endif /* !_OSRELDATE_H_ */
