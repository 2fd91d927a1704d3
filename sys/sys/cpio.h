/*
 * Reading the initramfs, a cpio archive in the SVR4 "newc" format (what
 * `cpio -o -H newc` writes).  The archive is read in place: names and file
 * contents are pointers into it, and nothing is copied or allocated.  The
 * archive is untrusted; a malformed one gives EINVAL, never a read outside
 * [archive, archive + len).
 */
#ifndef _SYS_CPIO_H_
#define _SYS_CPIO_H_

#include "sys/types.h"

/* File type bits of c_mode (POSIX cpio.h); the low 12 bits are permissions. */
#define CPIO_S_IFMT	0170000
#define CPIO_S_IFDIR	0040000
#define CPIO_S_IFREG	0100000
#define CPIO_S_IFLNK	0120000		/* data is the link target */

/* One archive member, as cpio_next() returns it. */
struct cpio_entry {
	const char	*name;		/* NUL-terminated, as stored */
	const void	*data;		/* size bytes inside the archive */
	size_t		size;
	uint32_t	mode;		/* CPIO_S_IF* type | permissions */
	uint32_t	ino;		/* with dev*, identifies hard links */
	uint32_t	devmajor;
	uint32_t	devminor;
	uint32_t	nlink;
};

/*
 * Fill *e with the member whose header is at *offset (0 for the first) and
 * advance *offset to the next one.  Returns 0, ENOENT at the trailer or the
 * end of the archive (leaving *offset there), or EINVAL for a bad header.
 */
int	cpio_next(const void *archive, size_t len, size_t *offset,
	    struct cpio_entry *e);

/*
 * Find path ("bin/init", "./bin/init" or "/bin/init" all name the same
 * member; the first such member wins) and return its contents and mode.
 * Returns 0, ENOENT if absent, or EINVAL if the search meets a bad header.
 */
int	cpio_lookup(const void *archive, size_t len, const char *path,
	    const void **data, size_t *size, uint32_t *mode);

#endif /* !_SYS_CPIO_H_ */
