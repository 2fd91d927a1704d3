/*
 * Opening, reading, writing and closing files as FILEs.  There is no
 * buffer (see <stdio.h>): fread and fwrite loop on read(2) and write(2)
 * until the whole request is done, the file ends or an error occurs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/*
 * The open(2) flags of an fopen mode: "r", "w" or "a", then any of "+"
 * (read and write), "b" (ignored), "x" (O_EXCL), "e" (O_CLOEXEC).
 * -1 with errno EINVAL for anything else.
 */
static int
fopen_flags(const char *mode)
{
	int flags;

	switch (*mode++) {
	case 'r':
		flags = O_RDONLY;
		break;
	case 'w':
		flags = O_WRONLY | O_CREAT | O_TRUNC;
		break;
	case 'a':
		flags = O_WRONLY | O_CREAT | O_APPEND;
		break;
	default:
		errno = EINVAL;
		return (-1);
	}
	for (; *mode != '\0'; mode++) {
		switch (*mode) {
		case '+':
			flags = (flags & ~O_ACCMODE) | O_RDWR;
			break;
		case 'b':
			break;
		case 'x':
			flags |= O_EXCL;
			break;
		case 'e':
			flags |= O_CLOEXEC;
			break;
		default:
			errno = EINVAL;
			return (-1);
		}
	}
	return (flags);
}

/* A FILE on descriptor fd, which fclose will close. */
FILE *
fdopen(int fd, const char *mode)
{
	FILE *fp;

	if (fopen_flags(mode) < 0)
		return (NULL);
	if ((fp = malloc(sizeof(*fp))) == NULL)
		return (NULL);
	fp->_file = fd;
	fp->_flags = __SALLOC;
	return (fp);
}

/* Open path as mode says (files are created 0666); NULL with errno set. */
FILE *
fopen(const char *path, const char *mode)
{
	FILE *fp;
	int fd, flags, saved;

	if ((flags = fopen_flags(mode)) < 0)
		return (NULL);
	if ((fd = open(path, flags, 0666)) < 0)
		return (NULL);
	if ((fp = fdopen(fd, mode)) == NULL) {
		saved = errno;
		close(fd);
		errno = saved;
	}
	return (fp);
}

/* Close fp's descriptor and free fp (unless it is a standard stream). */
int
fclose(FILE *fp)
{
	int error;

	error = close(fp->_file);
	if (fp->_flags & __SALLOC)
		free(fp);
	return (error < 0 ? EOF : 0);
}

/*
 * fread (writing false) and fwrite (writing true): move n items of size
 * bytes between buf and fp's file; the count of whole items moved.  A
 * read that meets the end of the file sets fp's end-of-file flag; any
 * other short transfer sets its error flag, as does a size * n that
 * does not fit (EINVAL).  buf is only read when writing.
 */
static size_t
transfer(FILE *fp, void *buf, size_t size, size_t n, bool writing)
{
	size_t total, done = 0;
	ssize_t r;

	if (size == 0 || n == 0)
		return (0);
	if (n > (size_t)-1 / size) {
		errno = EINVAL;
		fp->_flags |= __SERR;
		return (0);
	}
	total = size * n;
	while (done < total) {
		if (writing)
			r = write(fp->_file, (char *)buf + done, total - done);
		else
			r = read(fp->_file, (char *)buf + done, total - done);
		if (r <= 0) {
			fp->_flags |= r == 0 && !writing ? __SEOF : __SERR;
			break;
		}
		done += (size_t)r;
	}
	return (done / size);
}

/* Read up to n items of size bytes; the count of whole items read. */
size_t
fread(void *buf, size_t size, size_t n, FILE *fp)
{
	return (transfer(fp, buf, size, n, false));
}

/* Write n items of size bytes; the count of whole items written. */
size_t
fwrite(const void *buf, size_t size, size_t n, FILE *fp)
{
	return (transfer(fp, (void *)(uintptr_t)buf, size, n, true));
}

/* Move fp's position (lseek); clears end of file.  0, or -1 and errno. */
int
fseek(FILE *fp, long off, int whence)
{

	if (lseek(fp->_file, off, whence) < 0)
		return (-1);
	fp->_flags &= ~__SEOF;
	return (0);
}

/* fp's position, or -1 and errno (ESPIPE for a pipe). */
long
ftell(FILE *fp)
{

	return ((long)lseek(fp->_file, 0, SEEK_CUR));
}

/* Back to the start, forgetting end of file and errors. */
void
rewind(FILE *fp)
{

	(void)fseek(fp, 0, SEEK_SET);
	fp->_flags &= ~__SERR;
}
