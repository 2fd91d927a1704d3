/*
 * Directory entries as getdirentries(2) returns them: FreeBSD's (ino64)
 * struct dirent (docs/abi.md section 4.4).  One copy for the kernel and for
 * programs (lib/libc/include/dirent.h includes it).  Entries are packed
 * one after another; d_reclen is each one's length, a multiple of 8
 * (GENERIC_DIRSIZ), so the next starts aligned.
 */
#ifndef _SYS_DIRENT_H_
#define	_SYS_DIRENT_H_

#include "sys/_types.h"

#define	MAXNAMLEN	255

struct dirent {
	__uint64_t	d_fileno;	/* ino_t: the file's number */
	__int64_t	d_off;		/* off_t: cookie of the next entry */
	__uint16_t	d_reclen;	/* length of this record */
	__uint8_t	d_type;		/* DT_* below */
	__uint8_t	d_pad0;
	__uint16_t	d_namlen;	/* length of d_name, without its NUL */
	__uint16_t	d_pad1;
	char		d_name[MAXNAMLEN + 1];
};

_Static_assert(sizeof(struct dirent) == 280, "struct dirent is 280 bytes");
_Static_assert(__builtin_offsetof(struct dirent, d_reclen) == 16, "d_reclen");
_Static_assert(__builtin_offsetof(struct dirent, d_namlen) == 20, "d_namlen");
_Static_assert(__builtin_offsetof(struct dirent, d_name) == 24, "d_name");

#define	DT_UNKNOWN	0
#define	DT_FIFO		1
#define	DT_CHR		2
#define	DT_DIR		4
#define	DT_BLK		6
#define	DT_REG		8
#define	DT_LNK		10
#define	DT_SOCK		12
#define	DT_WHT		14

/* Record length for a name of namlen bytes: header, name, NUL, to 8. */
#define	_GENERIC_DIRLEN(namlen)	\
	((__builtin_offsetof(struct dirent, d_name) + (namlen) + 1 + 7) & ~7)
#define	GENERIC_DIRSIZ(dp)	_GENERIC_DIRLEN((dp)->d_namlen)

#endif /* !_SYS_DIRENT_H_ */
