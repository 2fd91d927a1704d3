/* File calls libc builds from others: stat, lstat, creat, dup3, remove. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

/* stat(2): fstatat from the current directory, following links. */
int
stat(const char *path, struct stat *sb)
{

	return (fstatat(AT_FDCWD, path, sb, 0));
}

/* lstat(2): the same without following a last symbolic link. */
int
lstat(const char *path, struct stat *sb)
{

	return (fstatat(AT_FDCWD, path, sb, AT_SYMLINK_NOFOLLOW));
}

/* creat(2): open for writing, created or truncated. */
int
creat(const char *path, mode_t mode)
{

	return (open(path, O_WRONLY | O_CREAT | O_TRUNC, mode));
}

/*
 * dup3(2) as FreeBSD's libc builds it on fcntl(F_DUP2FD): EINVAL if the
 * descriptors are equal or flags has a bit other than O_CLOEXEC.
 */
int
dup3(int oldfd, int newfd, int flags)
{

	if (oldfd == newfd || (flags & ~O_CLOEXEC) != 0) {
		errno = EINVAL;
		return (-1);
	}
	return (fcntl(oldfd, (flags & O_CLOEXEC) != 0 ? F_DUP2FD_CLOEXEC :
	    F_DUP2FD, newfd));
}

/* remove(3): rmdir for a directory, unlink for anything else. */
int
remove(const char *path)
{
	struct stat sb;

	if (lstat(path, &sb) < 0)
		return (-1);
	return (S_ISDIR(sb.st_mode) ? rmdir(path) : unlink(path));
}
