/*
 * The opendir family: a DIR holds a block of struct dirent records read
 * with getdirentries(2) and hands them out one at a time.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define	DIRBLKSIZ	4096		/* bytes asked of getdirentries */

struct _dirdesc {
	int	dd_fd;			/* the open directory */
	size_t	dd_loc;			/* next record in dd_buf */
	size_t	dd_size;		/* bytes of records in dd_buf */
	char	dd_buf[DIRBLKSIZ];	/* records, 8-byte aligned */
} __attribute__((__aligned__(8)));

/* A DIR reading the open directory fd; NULL with errno set. */
DIR *
fdopendir(int fd)
{
	struct stat sb;
	DIR *dirp;

	if (fstat(fd, &sb) < 0)
		return (NULL);
	if (!S_ISDIR(sb.st_mode)) {
		errno = ENOTDIR;
		return (NULL);
	}
	if ((dirp = malloc(sizeof(*dirp))) == NULL)
		return (NULL);
	dirp->dd_fd = fd;
	dirp->dd_loc = dirp->dd_size = 0;
	(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	return (dirp);
}

/* Open the directory at path; NULL with errno set (ENOTDIR, ENOENT...). */
DIR *
opendir(const char *path)
{
	DIR *dirp;
	int fd, saved;

	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return (NULL);
	if ((dirp = fdopendir(fd)) == NULL) {
		saved = errno;
		close(fd);
		errno = saved;
	}
	return (dirp);
}

/*
 * The next entry ("." and ".." included), valid until the next call on
 * dirp; NULL at the end (errno unchanged) or on error (errno set).
 */
struct dirent *
readdir(DIR *dirp)
{
	struct dirent *dp;
	ssize_t n;

	if (dirp->dd_loc >= dirp->dd_size) {
		n = getdirentries(dirp->dd_fd, dirp->dd_buf,
		    sizeof(dirp->dd_buf), NULL);
		if (n <= 0)
			return (NULL);
		dirp->dd_size = (size_t)n;
		dirp->dd_loc = 0;
	}
	dp = (struct dirent *)(dirp->dd_buf + dirp->dd_loc);
	dirp->dd_loc += dp->d_reclen;
	return (dp);
}

/* Start again from the first entry. */
void
rewinddir(DIR *dirp)
{

	(void)lseek(dirp->dd_fd, 0, SEEK_SET);
	dirp->dd_loc = dirp->dd_size = 0;
}

/* The descriptor dirp reads. */
int
dirfd(DIR *dirp)
{

	return (dirp->dd_fd);
}

/* Close the directory and free dirp; close's result. */
int
closedir(DIR *dirp)
{
	int fd = dirp->dd_fd;

	free(dirp);
	return (close(fd));
}
