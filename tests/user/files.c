/*
 * The file system calls (docs/abi.md section 4.4): the memory file system
 * at /, its copy of the initramfs, /tmp, /dev/null and /dev/zero, every
 * call's work and FreeBSD's errno for bad input, and libc's stdio,
 * opendir and mkstemp on top.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define	BAD_ADDR	((void *)0x10)

/* True if directory path holds an entry name of DT_* type. */
static bool
dir_has(const char *path, const char *name, int type)
{
	struct dirent *dp;
	bool found = false;
	DIR *dirp;

	if ((dirp = opendir(path)) == NULL)
		return (false);
	while ((dp = readdir(dirp)) != NULL)
		if (strcmp(dp->d_name, name) == 0 && dp->d_type == type &&
		    dp->d_namlen == strlen(name))
			found = true;
	closedir(dirp);
	return (found);
}

/* The root holds the initramfs's programs, /dev and a writable /tmp. */
static void
test_root(void)
{
	struct stat sb;

	CHECK_OK(stat("/", &sb));
	CHECK(S_ISDIR(sb.st_mode));
	CHECK_EQ(sb.st_ino, 2);
	CHECK_OK(stat("/bin/sh", &sb));
	CHECK(S_ISREG(sb.st_mode) && sb.st_size > 0 && (sb.st_mode & 0111));
	CHECK(sb.st_blocks >= sb.st_size / 512);
	CHECK_OK(stat("/tmp", &sb));
	CHECK(S_ISDIR(sb.st_mode) && (sb.st_mode & 01777) == 01777);
	CHECK_OK(stat("/dev/null", &sb));
	CHECK(S_ISCHR(sb.st_mode));
	CHECK(dir_has("/", "bin", DT_DIR));
	CHECK(dir_has("/", "tmp", DT_DIR));
	CHECK(dir_has("/bin", "sh", DT_REG));
	CHECK(dir_has("/dev", "zero", DT_CHR));
	CHECK(dir_has("/bin", ".", DT_DIR) && dir_has("/bin", "..", DT_DIR));
	CHECK_OK(stat("/bin/../bin/./sh", &sb));
	CHECK_OK(stat("//bin//sh", &sb));
	CHECK_OK(stat("bin/sh", &sb));		/* relative: from the root */
	CHECK_OK(access("/bin/sh", X_OK));
	CHECK_OK(access("/tmp", R_OK | W_OK | X_OK));
	CHECK_OK(access("/dev/null", F_OK));
}

/* open's flags, read, write, lseek, ftruncate, fstat. */
static void
test_open_rw(void)
{
	char buf[64];
	struct stat sb;
	int fd, fd2;

	(void)unlink("/tmp/f");
	CHECK_ERRNO(open("/tmp/f", O_RDONLY), ENOENT);
	fd = open("/tmp/f", O_RDWR | O_CREAT | O_EXCL, 0640);
	CHECK(fd >= 0);
	CHECK_ERRNO(open("/tmp/f", O_RDWR | O_CREAT | O_EXCL, 0640), EEXIST);
	CHECK_OK(fstat(fd, &sb));
	CHECK(S_ISREG(sb.st_mode) && (sb.st_mode & 0777) == 0640);
	CHECK_EQ(sb.st_size, 0);
	CHECK_EQ(sb.st_nlink, 1);
	CHECK_EQ(write(fd, "hello, world", 12), 12);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 12);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 12);
	CHECK(memcmp(buf, "hello, world", 12) == 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);
	CHECK_EQ(lseek(fd, -5, SEEK_END), 7);
	CHECK_EQ(read(fd, buf, 5), 5);
	CHECK(memcmp(buf, "world", 5) == 0);
	CHECK_ERRNO(lseek(fd, -100, SEEK_CUR), EINVAL);
	CHECK_ERRNO(lseek(fd, 0, 7), EINVAL);
	CHECK_ERRNO(lseek(fd, INT64_MAX, SEEK_END), EOVERFLOW);

	/* A hole reads as zeros; the size counts it. */
	CHECK_EQ(lseek(fd, 3 * 4096 + 10, SEEK_SET), 3 * 4096 + 10);
	CHECK_EQ(write(fd, "x", 1), 1);
	CHECK_OK(fstat(fd, &sb));
	CHECK_EQ(sb.st_size, 3 * 4096 + 11);
	CHECK_EQ(pread(fd, buf, 8, 4096), 8);
	CHECK(buf[0] == 0 && buf[7] == 0);
	CHECK_EQ(pread(fd, buf, 1, 3 * 4096 + 10), 1);
	CHECK_EQ(buf[0], 'x');

	/* ftruncate shrinks (and zeroes what grows back) and grows. */
	CHECK_OK(ftruncate(fd, 5));
	CHECK_OK(fstat(fd, &sb));
	CHECK_EQ(sb.st_size, 5);
	CHECK_OK(ftruncate(fd, 100));
	CHECK_EQ(pread(fd, buf, 10, 0), 10);
	CHECK(memcmp(buf, "hello\0\0\0\0\0", 10) == 0);
	CHECK_ERRNO(ftruncate(fd, -1), EINVAL);

	/* O_APPEND writes at the end whatever the offset. */
	fd2 = open("/tmp/f", O_WRONLY | O_APPEND);
	CHECK(fd2 >= 0);
	CHECK_EQ(lseek(fd2, 0, SEEK_SET), 0);
	CHECK_EQ(write(fd2, "!", 1), 1);
	CHECK_OK(fstat(fd2, &sb));
	CHECK_EQ(sb.st_size, 101);
	CHECK_EQ(fcntl(fd2, F_GETFL), O_WRONLY | O_APPEND);
	CHECK_OK(fcntl(fd2, F_SETFL, 0));
	CHECK_EQ(fcntl(fd2, F_GETFL), O_WRONLY);
	CHECK_EQ(lseek(fd2, 0, SEEK_SET), 0);
	CHECK_EQ(write(fd2, "H", 1), 1);
	CHECK_EQ(pread(fd, buf, 1, 0), 1);
	CHECK_EQ(buf[0], 'H');
	/* Access modes: EBADF for the wrong direction. */
	CHECK_ERRNO(read(fd2, buf, 1), EBADF);
	CHECK_ERRNO(pread(fd2, buf, 1, 0), EBADF);
	CHECK_ERRNO(ftruncate(open("/tmp/f", O_RDONLY), 0), EINVAL);
	CHECK_OK(close(fd2));

	/* O_TRUNC empties an existing file. */
	fd2 = open("/tmp/f", O_RDWR | O_TRUNC);
	CHECK(fd2 >= 0);
	CHECK_OK(fstat(fd, &sb));
	CHECK_EQ(sb.st_size, 0);
	CHECK_OK(close(fd2));
	CHECK_OK(close(fd));
	CHECK_ERRNO(open("/tmp/f", O_ACCMODE), EINVAL);
	CHECK_OK(unlink("/tmp/f"));
}

/* pread, pwrite, readv, writev and their bad input. */
static void
test_vectors(void)
{
	char a[4], b[6], buf[16];
	struct iovec iov[2];
	int fd, p[2];

	fd = open("/tmp/v", O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	iov[0].iov_base = "abcd";
	iov[0].iov_len = 4;
	iov[1].iov_base = "efghij";
	iov[1].iov_len = 6;
	CHECK_EQ(writev(fd, iov, 2), 10);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 10);
	CHECK_EQ(pwrite(fd, "XY", 2, 2), 2);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 10);	/* pwrite leaves it */
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	iov[0].iov_base = a;
	iov[0].iov_len = sizeof(a);
	iov[1].iov_base = b;
	iov[1].iov_len = sizeof(b);
	CHECK_EQ(readv(fd, iov, 2), 10);
	CHECK(memcmp(a, "abXY", 4) == 0 && memcmp(b, "efghij", 6) == 0);
	CHECK_ERRNO(readv(fd, iov, -1), EINVAL);
	CHECK_ERRNO(readv(fd, iov, 1025), EINVAL);
	CHECK_ERRNO(readv(fd, BAD_ADDR, 1), EFAULT);
	CHECK_ERRNO(writev(99, iov, 1), EBADF);
	CHECK_EQ(readv(fd, iov, 0), 0);
	CHECK_ERRNO(pread(fd, buf, 1, -1), EINVAL);
	CHECK_ERRNO(pwrite(fd, buf, 1, -1), EINVAL);
	CHECK_ERRNO(pread(fd, BAD_ADDR, 4, 0), EFAULT);
	CHECK_ERRNO(write(fd, BAD_ADDR, 4), EFAULT);
	CHECK_ERRNO(pread(99, buf, 1, 0), EBADF);
	CHECK_OK(pipe(p));
	CHECK_ERRNO(pread(p[0], buf, 1, 0), ESPIPE);
	CHECK_ERRNO(lseek(p[0], 0, SEEK_SET), ESPIPE);
	CHECK_ERRNO(lseek(99, 0, SEEK_SET), EBADF);
	close(p[0]);
	close(p[1]);
	CHECK_OK(close(fd));
	CHECK_OK(unlink("/tmp/v"));
}

/* mkdir, rmdir, unlink, rename and their errno values. */
static void
test_names(void)
{
	char longname[300], buf[32];
	struct stat sb;
	int fd;

	CHECK_OK(mkdir("/tmp/d", 0755));
	CHECK_ERRNO(mkdir("/tmp/d", 0755), EEXIST);
	CHECK_ERRNO(mkdir("/", 0755), EEXIST);
	CHECK_ERRNO(mkdir("/tmp/nope/d", 0755), ENOENT);
	CHECK_OK(stat("/tmp/d", &sb));
	CHECK_EQ(sb.st_nlink, 2);
	CHECK_OK(mkdir("/tmp/d/sub/", 0755));	/* a trailing slash is fine */
	CHECK_OK(stat("/tmp/d", &sb));
	CHECK_EQ(sb.st_nlink, 3);
	fd = open("/tmp/d/file", O_WRONLY | O_CREAT, 0644);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, "data", 4), 4);
	CHECK_OK(close(fd));

	CHECK_ERRNO(open("/tmp/d/file/x", O_RDONLY), ENOTDIR);
	CHECK_ERRNO(open("/tmp/d/file/", O_RDONLY), ENOTDIR);
	CHECK_ERRNO(stat("/tmp/d/file/x", &sb), ENOTDIR);
	CHECK_ERRNO(open("/tmp/d", O_WRONLY), EISDIR);
	CHECK_ERRNO(open("/tmp/d", O_RDONLY | O_CREAT, 0644), EISDIR);
	CHECK_ERRNO(open("/tmp/d/new/", O_RDWR | O_CREAT, 0644), EISDIR);
	CHECK_ERRNO(open("/tmp/d/file", O_RDONLY | O_DIRECTORY), ENOTDIR);
	CHECK_ERRNO(read(fd = open("/tmp/d", O_RDONLY), buf, 1), EISDIR);
	close(fd);
	CHECK_ERRNO(open("", O_RDONLY), ENOENT);
	CHECK_ERRNO(open(BAD_ADDR, O_RDONLY), EFAULT);
	CHECK_ERRNO(open(NULL, O_RDONLY), EFAULT);
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	CHECK_ERRNO(open(longname, O_RDONLY), ENAMETOOLONG);
	CHECK_ERRNO(mkdir(longname, 0755), ENAMETOOLONG);
	CHECK_ERRNO(access("/tmp/nope", F_OK), ENOENT);
	CHECK_ERRNO(access("/tmp/d/file", X_OK), EACCES);
	CHECK_ERRNO(access("/tmp/d/file", 0x100), EINVAL);

	CHECK_ERRNO(rmdir("/tmp/d"), ENOTEMPTY);
	CHECK_ERRNO(rmdir("/tmp/d/file"), ENOTDIR);
	CHECK_ERRNO(rmdir("/tmp/d/."), EINVAL);
	CHECK_ERRNO(rmdir("/tmp/d/sub/.."), ENOTEMPTY);
	CHECK_ERRNO(rmdir("/tmp/nope"), ENOENT);
	CHECK_ERRNO(rmdir("/"), EBUSY);
	CHECK_ERRNO(unlink("/tmp/d"), EPERM);
	CHECK_ERRNO(unlink("/tmp/nope"), ENOENT);
	CHECK_ERRNO(unlinkat(AT_FDCWD, "/tmp/d", 0x1), EINVAL);

	/* rename within and between directories, replacing a file. */
	CHECK_OK(rename("/tmp/d/file", "/tmp/d/sub/moved"));
	CHECK_ERRNO(stat("/tmp/d/file", &sb), ENOENT);
	CHECK_EQ(slurp("/tmp/d/sub/moved", buf, sizeof(buf)), 4);
	fd = open("/tmp/other", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK_EQ(write(fd, "other", 5), 5);
	close(fd);
	CHECK_OK(rename("/tmp/d/sub/moved", "/tmp/other"));
	CHECK_EQ(slurp("/tmp/other", buf, sizeof(buf)), 4);
	CHECK(strcmp(buf, "data") == 0);
	CHECK_OK(rename("/tmp/other", "/tmp/other"));
	CHECK_ERRNO(rename("/tmp/nope", "/tmp/x"), ENOENT);
	CHECK_ERRNO(rename("/tmp/other", "/tmp/d"), EISDIR);
	CHECK_ERRNO(rename("/tmp/d", "/tmp/other"), ENOTDIR);
	CHECK_ERRNO(rename("/tmp/d", "/tmp/d/sub/inside"), EINVAL);
	CHECK_ERRNO(rename("/tmp/d/.", "/tmp/e"), EINVAL);
	CHECK_ERRNO(rename("/tmp/other", "/tmp/nope/x"), ENOENT);
	CHECK_ERRNO(rename(BAD_ADDR, "/tmp/x"), EFAULT);
	/* A directory moves with its contents; ".." follows it. */
	CHECK_OK(rename("/tmp/d", "/tmp/e"));
	CHECK_OK(stat("/tmp/e/sub/../sub", &sb));
	CHECK_OK(mkdir("/tmp/empty", 0755));
	CHECK_ERRNO(rename("/tmp/empty", "/tmp/e"), ENOTEMPTY);
	CHECK_OK(rename("/tmp/e/sub", "/tmp/empty"));
	CHECK_OK(stat("/tmp/e", &sb));
	CHECK_EQ(sb.st_nlink, 2);

	CHECK_OK(unlink("/tmp/other"));
	CHECK_OK(rmdir("/tmp/empty"));
	CHECK_OK(unlinkat(AT_FDCWD, "/tmp/e", AT_REMOVEDIR));
	CHECK_ERRNO(stat("/tmp/e", &sb), ENOENT);
}

/* An unlinked file lives on while open; the *at calls use dirfd. */
static void
test_unlinked_and_at(void)
{
	char buf[8];
	struct stat sb;
	int fd, dfd;

	fd = open("/tmp/gone", O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	CHECK_OK(unlink("/tmp/gone"));
	CHECK_EQ(write(fd, "still", 5), 5);
	CHECK_EQ(pread(fd, buf, 5, 0), 5);
	CHECK(memcmp(buf, "still", 5) == 0);
	CHECK_OK(fstat(fd, &sb));
	CHECK_EQ(sb.st_nlink, 0);
	CHECK_OK(close(fd));

	dfd = open("/tmp", O_RDONLY | O_DIRECTORY);
	CHECK(dfd >= 0);
	fd = openat(dfd, "at", O_RDWR | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0);
	close(fd);
	CHECK_OK(fstatat(dfd, "at", &sb, 0));
	CHECK_OK(faccessat(dfd, "at", R_OK, 0));
	CHECK_OK(mkdirat(dfd, "atdir", 0700));
	CHECK_OK(renameat(dfd, "at", dfd, "atdir/at"));
	CHECK_OK(stat("/tmp/atdir/at", &sb));
	CHECK_OK(unlinkat(dfd, "atdir/at", 0));
	CHECK_OK(unlinkat(dfd, "atdir", AT_REMOVEDIR));
	CHECK_ERRNO(fstatat(dfd, "at", &sb, 0), ENOENT);
	CHECK_ERRNO(fstatat(dfd, "at", &sb, 0x8000), EINVAL);
	CHECK_ERRNO(openat(99, "x", O_RDONLY), EBADF);
	fd = open("/dev/null", O_RDONLY);
	CHECK_ERRNO(openat(fd, "x", O_RDONLY), ENOTDIR);
	close(fd);
	/* An absolute path ignores dirfd. */
	CHECK_OK(fstatat(99, "/bin/sh", &sb, 0));
	CHECK_ERRNO(fstatat(dfd, "/bin/sh", BAD_ADDR, 0), EFAULT);
	close(dfd);
}

/* getdirentries: records, positions, bad input. */
static void
test_getdirentries(void)
{
	char buf[4096], *p;
	struct dirent *dp;
	off_t base;
	ssize_t n;
	int fd, i, seen = 0;

	CHECK_OK(mkdir("/tmp/dir", 0755));
	for (i = 0; i < 40; i++) {
		snprintf(buf, sizeof(buf), "/tmp/dir/entry%02d", i);
		fd = open(buf, O_WRONLY | O_CREAT, 0644);
		CHECK(fd >= 0);
		close(fd);
	}
	fd = open("/tmp/dir", O_RDONLY);
	CHECK(fd >= 0);
	/* A small buffer: several calls, every record whole and aligned. */
	while ((n = getdirentries(fd, buf, 200, &base)) > 0) {
		for (p = buf; p < buf + n; p += dp->d_reclen) {
			dp = (struct dirent *)p;
			CHECK(dp->d_reclen % 8 == 0 && dp->d_reclen >=
			    offsetof(struct dirent, d_name) + dp->d_namlen + 1);
			CHECK(dp->d_name[dp->d_namlen] == '\0');
			seen++;
		}
	}
	CHECK_EQ(n, 0);
	CHECK_EQ(seen, 42);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_ERRNO(getdirentries(fd, buf, 8, &base), EINVAL);
	CHECK_ERRNO(getdirentries(fd, BAD_ADDR, 4096, &base), EFAULT);
	CHECK_ERRNO(getdirentries(99, buf, 4096, &base), EBADF);
	CHECK_OK(close(fd));
	fd = open("/tmp", O_RDONLY);
	CHECK_EQ(getdirentries(fd, buf, sizeof(buf), NULL) > 0, 1);
	close(fd);
	fd = open("/dev/null", O_RDONLY);
	CHECK_ERRNO(getdirentries(fd, buf, sizeof(buf), &base), EINVAL);
	close(fd);
	for (i = 0; i < 40; i++) {
		snprintf(buf, sizeof(buf), "/tmp/dir/entry%02d", i);
		CHECK_OK(unlink(buf));
	}
	CHECK_OK(rmdir("/tmp/dir"));
}

/* dup, dup2, dup3, fcntl. */
static void
test_descriptors(void)
{
	char buf[4];
	int fd, fd2;

	fd = open("/tmp/dup", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	CHECK(fd >= 0);
	CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	CHECK_OK(fcntl(fd, F_SETFD, 0));
	CHECK_EQ(fcntl(fd, F_GETFD), 0);
	fd2 = dup(fd);
	CHECK(fd2 > fd || fd2 < fd);
	CHECK_EQ(fcntl(fd2, F_GETFD), 0);
	/* Duplicates share the offset. */
	CHECK_EQ(write(fd, "ab", 2), 2);
	CHECK_EQ(lseek(fd2, 0, SEEK_CUR), 2);
	CHECK_OK(close(fd2));
	CHECK_EQ(fcntl(fd, F_DUPFD, 20), 20);
	CHECK_EQ(fcntl(fd, F_DUPFD_CLOEXEC, 20), 21);
	CHECK_EQ(fcntl(21, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(dup3(fd, 30, O_CLOEXEC), 30);
	CHECK_EQ(fcntl(30, F_GETFD), FD_CLOEXEC);
	CHECK_ERRNO(dup3(fd, fd, 0), EINVAL);
	CHECK_ERRNO(dup3(fd, 31, O_APPEND), EINVAL);
	CHECK_EQ(dup2(fd, 31), 31);
	CHECK_EQ(pread(31, buf, 2, 0), 2);
	CHECK_ERRNO(dup(99), EBADF);
	CHECK_ERRNO(dup(-1), EBADF);
	CHECK_ERRNO(dup2(fd, 100000), EBADF);
	CHECK_ERRNO(fcntl(99, F_GETFD), EBADF);
	CHECK_ERRNO(fcntl(99, F_GETFL), EBADF);
	CHECK_ERRNO(fcntl(fd, F_DUPFD, -1), EINVAL);
	CHECK_ERRNO(fcntl(fd, F_DUPFD, 100000), EINVAL);
	CHECK_ERRNO(fcntl(fd, 999), EINVAL);
	CHECK_EQ(fcntl(fd, F_GETFL), O_RDWR);
	CHECK_OK(fcntl(fd, F_SETFL, O_NONBLOCK | O_APPEND | O_CREAT));
	CHECK_EQ(fcntl(fd, F_GETFL), O_RDWR | O_NONBLOCK | O_APPEND);
	close(20);
	close(21);
	close(30);
	close(31);
	CHECK_OK(close(fd));
	CHECK_ERRNO(close(fd), EBADF);
	CHECK_OK(unlink("/tmp/dup"));
}

/* /dev/null, /dev/zero and an mmap of /dev/zero. */
static void
test_devices(void)
{
	char buf[1000], *p, *q;
	pid_t pid;
	int fd, i;

	fd = open("/dev/null", O_RDWR);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, "gone", 4), 4);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);
	CHECK_OK(close(fd));
	fd = open("/dev/zero", O_RDWR);
	CHECK(fd >= 0);
	memset(buf, 'x', sizeof(buf));
	CHECK_EQ(read(fd, buf, sizeof(buf)), (ssize_t)sizeof(buf));
	for (i = 0; i < (int)sizeof(buf) && buf[i] == 0; i++)
		;
	CHECK_EQ(i, sizeof(buf));
	CHECK_EQ(write(fd, buf, 10), 10);
	CHECK_ERRNO(read(fd, BAD_ADDR, 10), EFAULT);

	/* Private: anonymous memory of its own. */
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED);
	CHECK(p[0] == 0 && p[8191] == 0);
	p[100] = 7;
	CHECK_EQ(p[100], 7);
	/* Shared: a child's writes are seen. */
	q = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(q != MAP_FAILED);
	pid = CHECK_FORK();
	if (pid == 0) {
		q[0] = 42;
		_exit(0);
	}
	CHECK_WAIT_EXIT(pid, 0);
	CHECK_EQ(q[0], 42);
	/* docs/abi.md section 6: PROT_MTE on any descriptor is refused. */
	CHECK_ERRNO(mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_MTE,
	    MAP_SHARED, fd, 0), EINVAL);
	CHECK_ERRNO(mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_MTE,
	    MAP_PRIVATE, fd, 0), EINVAL);
	munmap(p, 8192);
	munmap(q, 4096);
	CHECK_OK(close(fd));
	/* Neither /dev/null nor a directory can be mapped. */
	fd = open("/dev/null", O_RDWR);
	CHECK_ERRNO(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0), ENODEV);
	close(fd);
	fd = open("/tmp", O_RDONLY);
	CHECK_ERRNO(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0), ENODEV);
	close(fd);
}

/* libc: fopen, fread, fwrite, fseek, fclose, mkstemp, mkdtemp, remove. */
static void
test_libc(void)
{
	char name[] = "/tmp/tmpXXXXXX", dname[] = "/tmp/dirXXXXXX";
	char bad[] = "/tmp/noX", buf[64];
	struct stat sb;
	FILE *fp;
	int fd, fd2;

	fp = fopen("/tmp/stdio", "w");
	CHECK(fp != NULL);
	CHECK_EQ(fwrite("0123456789", 2, 5, fp), 5);
	CHECK_EQ(fprintf(fp, "%d", 42), 2);
	CHECK_OK(fclose(fp));
	fp = fopen("/tmp/stdio", "r");
	CHECK(fp != NULL);
	CHECK_EQ(fread(buf, 1, sizeof(buf), fp), 12);
	CHECK(feof(fp));
	CHECK(memcmp(buf, "012345678942", 12) == 0);
	CHECK_OK(fseek(fp, 4, SEEK_SET));
	CHECK_EQ(ftell(fp), 4);
	CHECK_EQ(fgetc(fp), '4');
	/* A failed transfer is an error, not the end of the file. */
	CHECK(!feof(fp) && !ferror(fp));
	CHECK_EQ(fwrite("x", 1, 1, fp), 0);
	CHECK(ferror(fp) && !feof(fp));
	clearerr(fp);
	errno = 0;
	CHECK_EQ(fread(buf, 2, (size_t)-1, fp), 0);
	CHECK_EQ(errno, EINVAL);
	CHECK(ferror(fp) && !feof(fp));
	CHECK_OK(fclose(fp));
	fp = fopen("/tmp/stdio", "a+");
	CHECK(fp != NULL);
	CHECK_EQ(fwrite("!", 1, 1, fp), 1);
	CHECK_OK(fclose(fp));
	CHECK_OK(stat("/tmp/stdio", &sb));
	CHECK_EQ(sb.st_size, 13);
	CHECK(fopen("/tmp/stdio", "wx") == NULL && errno == EEXIST);
	CHECK(fopen("/tmp/stdio", "q") == NULL && errno == EINVAL);
	CHECK(fopen("/tmp/none/x", "r") == NULL && errno == ENOENT);
	CHECK_OK(remove("/tmp/stdio"));

	fd = mkstemp(name);
	CHECK(fd >= 0);
	/* The X's are replaced (by letters and digits, X among them). */
	CHECK(strncmp(name, "/tmp/tmp", 8) == 0 && strlen(name) == 14 &&
	    strcmp(name, "/tmp/tmpXXXXXX") != 0);
	fd2 = mkstemp(strcpy(buf, "/tmp/tmpXXXXXX"));
	CHECK(fd2 >= 0 && strcmp(buf, name) != 0);
	CHECK_OK(fstat(fd, &sb));
	CHECK_EQ(sb.st_mode & 0777, 0600);
	CHECK_ERRNO(mkstemp(bad), EINVAL);
	CHECK(mkdtemp(dname) == dname);
	CHECK_OK(stat(dname, &sb));
	CHECK(S_ISDIR(sb.st_mode));
	CHECK_OK(remove(dname));
	CHECK_OK(unlink(name));
	CHECK_OK(unlink(buf));
	close(fd);
	close(fd2);
}

/* Files survive the process and are shared with children. */
static void
test_fork_share(void)
{
	char buf[16];
	pid_t pid;
	int fd;

	fd = open("/tmp/shared", O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	pid = CHECK_FORK();
	if (pid == 0) {
		/* The child writes through the shared offset. */
		_exit(write(fd, "child", 5) == 5 ? 0 : 1);
	}
	CHECK_WAIT_EXIT(pid, 0);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 5);
	CHECK_EQ(write(fd, "parent", 6), 6);
	CHECK_EQ(slurp("/tmp/shared", buf, sizeof(buf)), 11);
	CHECK(strcmp(buf, "childparent") == 0);
	close(fd);
	CHECK_OK(unlink("/tmp/shared"));
}

int
main(void)
{
	test_root();
	test_open_rw();
	test_vectors();
	test_names();
	test_unlinked_and_at();
	test_getdirentries();
	test_descriptors();
	test_devices();
	test_libc();
	test_fork_share();
	return (check_done());
}
