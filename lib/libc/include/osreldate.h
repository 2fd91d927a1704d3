/*
 * The FreeBSD release TagOS's user ABI follows.  crt0 stamps it into the
 * .note.tag ABI note; 1500058 is also the osrel from which FreeBSD turns
 * top-byte-ignore on for a process (docs/abi.md section 2.2), which tagged
 * pointers need.  Assembler-safe: a single define.
 */
#ifndef _OSRELDATE_H_
#define	_OSRELDATE_H_

#define	__FreeBSD_version	1500058

#endif /* !_OSRELDATE_H_ */
