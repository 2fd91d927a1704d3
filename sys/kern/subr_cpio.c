/*
 * cpio "newc" archive reader, for the initramfs.  Each member is
 *
 *	header	110 ASCII bytes: the magic "070701", then 13 fields of 8 hex
 *		digits: ino, mode, uid, gid, nlink, mtime, filesize,
 *		devmajor, devminor, rdevmajor, rdevminor, namesize, check
 *	name	namesize bytes including its NUL, then NULs up to a
 *		multiple of 4 (counted from the start of the archive)
 *	data	filesize bytes, then NULs up to a multiple of 4
 *
 * and the member named "TRAILER!!!" ends the archive.  cpio_next() checks
 * that a whole member lies inside the archive before handing out pointers
 * to it, and every size test is a subtraction from what is left, so no
 * field value can make an offset wrap.
 */
#include "sys/param.h"
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/cpio.h"

#define CPIO_MAGIC		"070701"
#define CPIO_MAGIC_LEN		6
#define CPIO_FIELD_LEN		8
#define CPIO_HEADER_SIZE	110
#define CPIO_ALIGN		4
#define CPIO_TRAILER		"TRAILER!!!"

/* The header's hex fields, in order. */
enum {
	CPIO_F_INO, CPIO_F_MODE, CPIO_F_UID, CPIO_F_GID, CPIO_F_NLINK,
	CPIO_F_MTIME, CPIO_F_FILESIZE, CPIO_F_DEVMAJOR, CPIO_F_DEVMINOR,
	CPIO_F_RDEVMAJOR, CPIO_F_RDEVMINOR, CPIO_F_NAMESIZE, CPIO_F_CHECK,
	CPIO_NFIELDS
};
CTASSERT(CPIO_MAGIC_LEN + CPIO_NFIELDS * CPIO_FIELD_LEN == CPIO_HEADER_SIZE);

/* Parse the 8 hex digits at p into *val; false if any is not a digit. */
static bool
cpio_hex(const char *p, uint32_t *val)
{
	uint32_t v;
	int i, digit;

	v = 0;
	for (i = 0; i < CPIO_FIELD_LEN; i++) {
		if (p[i] >= '0' && p[i] <= '9')
			digit = p[i] - '0';
		else if (p[i] >= 'a' && p[i] <= 'f')
			digit = p[i] - 'a' + 10;
		else if (p[i] >= 'A' && p[i] <= 'F')
			digit = p[i] - 'A' + 10;
		else
			return (false);
		v = v << 4 | (uint32_t)digit;
	}
	*val = v;
	return (true);
}

/* The padding that takes archive offset off to a multiple of 4. */
static size_t
cpio_pad(size_t off)
{
	return (-off & (CPIO_ALIGN - 1));
}

/*
 * Fill *e from the member at *offset and step *offset past it.  Returns 0,
 * ENOENT at the trailer or the end, or EINVAL; *offset stays on error.
 */
int
cpio_next(const void *archive, size_t len, size_t *offset,
    struct cpio_entry *e)
{
	uint32_t f[CPIO_NFIELDS];
	const char *hdr, *name;
	size_t off, name_end, data_off, data_end, i;

	off = *offset;
	/* An archive that just stops, without a trailer, has ended too. */
	if (off >= len)
		return (ENOENT);
	if (len - off < CPIO_HEADER_SIZE)
		return (EINVAL);
	hdr = (const char *)archive + off;
	if (memcmp(hdr, CPIO_MAGIC, CPIO_MAGIC_LEN) != 0)
		return (EINVAL);
	for (i = 0; i < CPIO_NFIELDS; i++)
		if (!cpio_hex(hdr + CPIO_MAGIC_LEN + i * CPIO_FIELD_LEN,
		    &f[i]))
			return (EINVAL);

	/* The name: at least one character, and its NUL only at the end. */
	if (f[CPIO_F_NAMESIZE] < 2 ||
	    f[CPIO_F_NAMESIZE] > len - off - CPIO_HEADER_SIZE)
		return (EINVAL);
	name = hdr + CPIO_HEADER_SIZE;
	for (i = 0; i < f[CPIO_F_NAMESIZE] - 1; i++)
		if (name[i] == '\0')
			return (EINVAL);
	if (name[i] != '\0')
		return (EINVAL);
	if (strcmp(name, CPIO_TRAILER) == 0)
		return (ENOENT);

	name_end = off + CPIO_HEADER_SIZE + f[CPIO_F_NAMESIZE];
	if (cpio_pad(name_end) > len - name_end)
		return (EINVAL);
	data_off = name_end + cpio_pad(name_end);
	if (f[CPIO_F_FILESIZE] > len - data_off)
		return (EINVAL);
	data_end = data_off + f[CPIO_F_FILESIZE];

	e->name = name;
	e->data = (const char *)archive + data_off;
	e->size = f[CPIO_F_FILESIZE];
	e->mode = f[CPIO_F_MODE];
	e->ino = f[CPIO_F_INO];
	e->devmajor = f[CPIO_F_DEVMAJOR];
	e->devminor = f[CPIO_F_DEVMINOR];
	e->nlink = f[CPIO_F_NLINK];
	/* The last member's padding may be cut off; the next call ends. */
	*offset = data_end + MIN(cpio_pad(data_end), len - data_end);
	return (0);
}

/*
 * Skip the prefixes that do not change what a path names: leading "/" and
 * "./", and a "." that is all that is left, so "/", "." and "./" all
 * become "" (the archive's root, stored as ".").
 */
static const char *
cpio_strip(const char *path)
{
	for (;;) {
		if (path[0] == '/')
			path++;
		else if (path[0] == '.' && path[1] == '/')
			path += 2;
		else if (path[0] == '.' && path[1] == '\0')
			path++;
		else
			return (path);
	}
}

/*
 * `cpio -H newc` stores a file that has several hard links once, with the
 * last of its names; the earlier names have size 0.  Give e the contents of
 * the member after offset off that shares its inode, if one has any.
 * Returns 0, or EINVAL for a malformed header on the way.
 */
static int
cpio_link_data(const void *archive, size_t len, size_t off,
    struct cpio_entry *e)
{
	struct cpio_entry l;
	int error;

	while ((error = cpio_next(archive, len, &off, &l)) == 0) {
		if (l.ino == e->ino && l.devmajor == e->devmajor &&
		    l.devminor == e->devminor &&
		    (l.mode & CPIO_S_IFMT) == CPIO_S_IFREG && l.size != 0) {
			e->data = l.data;
			e->size = l.size;
			return (0);
		}
	}
	return (error == ENOENT ? 0 : error);
}

/*
 * Find the member named path, following a size-0 hard link to its data.
 * Returns 0, ENOENT, or EINVAL for a malformed header before the answer.
 */
int
cpio_lookup(const void *archive, size_t len, const char *path,
    const void **data, size_t *size, uint32_t *mode)
{
	struct cpio_entry e;
	size_t off;
	int error;

	path = cpio_strip(path);
	off = 0;
	/* The first member of that name wins. */
	while ((error = cpio_next(archive, len, &off, &e)) == 0)
		if (strcmp(cpio_strip(e.name), path) == 0)
			break;
	if (error != 0)
		return (error);
	if ((e.mode & CPIO_S_IFMT) == CPIO_S_IFREG && e.size == 0 &&
	    e.nlink > 1) {
		error = cpio_link_data(archive, len, off, &e);
		if (error != 0)
			return (error);
	}
	*data = e.data;
	*size = e.size;
	*mode = e.mode;
	return (0);
}
