/*
 * Shared memory objects, FreeBSD's semantics (sys/kern/uipc_shm.c,
 * kern_shm_open2(), shm_dotruncate(), shm_mmap(), shm_stat()): an
 * anonymous object from shm_open2(SHM_ANON), sized by ftruncate, mapped
 * MAP_SHARED by parent and child alike and still there after close(2); a
 * MAP_PRIVATE mapping copies on write; touching a mapped page past the
 * object's end is SIGBUS with BUS_OBJERR (vm_fault_trap()); truncation
 * drops pages and zeroes the tail of the last one.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

static size_t pg;	/* the page size */

/* The object's size as fstat reports it, or -1. */
static off_t
object_size(int fd)
{
	struct stat st;

	if (fstat(fd, &st) != 0)
		return (-1);
	return (st.st_size);
}

/*
 * shm_open2(SHM_ANON) makes a regular file of size 0; ftruncate sets any
 * size, fstat reports it.  Read-only or write-only anonymous objects,
 * unknown flags, negative sizes and non-objects are refused.
 */
static void
test_create_truncate(void)
{
	struct stat st;
	int fd, fds[2];

	fd = shm_open2(SHM_ANON, O_RDWR, 0600, 0, NULL);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	CHECK_OK(fstat(fd, &st));
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_size, 0);
	CHECK_OK(ftruncate(fd, 3 * pg));
	CHECK_EQ(object_size(fd), 3 * pg);
	CHECK_OK(ftruncate(fd, 3 * pg + 100));
	CHECK_EQ(object_size(fd), 3 * pg + 100);
	CHECK_OK(ftruncate(fd, pg / 2));
	CHECK_EQ(object_size(fd), pg / 2);
	CHECK_ERRNO(ftruncate(fd, -1), EINVAL);
	CHECK_EQ(object_size(fd), pg / 2);
	CHECK_OK(close(fd));

	CHECK_ERRNO(shm_open2(SHM_ANON, O_RDONLY, 0600, 0, NULL), EINVAL);
	CHECK_ERRNO(shm_open2(SHM_ANON, O_WRONLY, 0600, 0, NULL), EINVAL);
	CHECK_ERRNO(shm_open2(SHM_ANON, O_RDWR | O_APPEND, 0600, 0, NULL),
	    EINVAL);
	CHECK_ERRNO(shm_open2(SHM_ANON, O_RDWR, 0600, 0x100, NULL), EINVAL);
	fd = shm_open(SHM_ANON, O_RDWR, 0600);
	CHECK(fd >= 0);
	if (fd >= 0)
		CHECK_OK(close(fd));

	CHECK_ERRNO(ftruncate(77, pg), EBADF);
	CHECK_OK(pipe2(fds, 0));
	CHECK_ERRNO(ftruncate(fds[1], pg), EINVAL);
	close(fds[0]);
	close(fds[1]);
}

/*
 * MAP_SHARED: parent and child see each other's writes, through the
 * mapping inherited by fork and through a second mapping of the
 * inherited descriptor.
 */
static void
test_shared_fork(void)
{
	struct turns turns;
	int fd;
	char *p, *q;
	pid_t pid;

	fd = check_shm_anon(3 * pg);
	p = CHECK_MMAP(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
	    0);
	CHECK(all_are(p, 3 * pg, 0));
	memset(p, 'A', 3 * pg);
	turns_open(&turns);
	pid = CHECK_FORK();
	if (pid == 0) {
		CHECK(all_are(p, 3 * pg, 'A'));
		memset(p + pg, 'B', pg);
		q = CHECK_MMAP(NULL, 3 * pg, PROT_READ | PROT_WRITE,
		    MAP_SHARED, fd, 0);
		CHECK(all_are(q + pg, pg, 'B'));
		turns_child_pass(&turns);
		CHECK(all_are(p + 2 * pg, pg, 'C'));
		CHECK(all_are(q + 2 * pg, pg, 'C'));
		q[0] = 'Q';
		check_child_exit();
	}
	turns_parent_wait(&turns);
	CHECK(all_are(p + pg, pg, 'B'));
	memset(p + 2 * pg, 'C', pg);
	turns_parent_pass(&turns);
	CHECK_WAIT_EXIT(pid, 0);
	/* Written through the child's own mapping, which died with it. */
	CHECK_EQ(p[0], 'Q');
	CHECK(all_are(p + 1, pg - 1, 'A'));
	CHECK_OK(munmap(p, 3 * pg));
	CHECK_OK(close(fd));
	turns_close(&turns);
}

/* Mappings outlive the descriptor; two mappings alias the same pages. */
static void
test_after_close(void)
{
	char *p, *q;
	pid_t pid;
	int fd;

	fd = check_shm_anon(2 * pg);
	p = CHECK_MMAP(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
	    0);
	q = CHECK_MMAP(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
	    0);
	CHECK(p != q);
	CHECK_OK(close(fd));
	p[0] = 'x';
	CHECK_EQ(q[0], 'x');
	q[2 * pg - 1] = 'z';
	CHECK_EQ(p[2 * pg - 1], 'z');
	CHECK_OK(munmap(p, 2 * pg));
	q[pg] = 'y';
	CHECK_EQ(q[pg], 'y');
	pid = CHECK_FORK();
	if (pid == 0) {
		CHECK_EQ(q[pg], 'y');
		q[pg + 1] = 'c';
		check_child_exit();
	}
	CHECK_WAIT_EXIT(pid, 0);
	CHECK_EQ(q[pg + 1], 'c');
	CHECK_OK(munmap(q, 2 * pg));
}

/*
 * MAP_PRIVATE of an object: starts with the object's data, and its writes
 * are its own; the object and its shared mappings never see them, a child
 * inherits the private copy.
 */
static void
test_private_cow(void)
{
	char *s, *v, *s2;
	pid_t pid;
	int fd;

	fd = check_shm_anon(2 * pg);
	s = CHECK_MMAP(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
	    0);
	memset(s, 'S', 2 * pg);
	v = CHECK_MMAP(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd,
	    0);
	CHECK(all_are(v, 2 * pg, 'S'));
	memset(v, 'V', pg);
	CHECK(all_are(v, pg, 'V'));
	CHECK(all_are(s, 2 * pg, 'S'));
	s2 = CHECK_MMAP(NULL, 2 * pg, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(all_are(s2, 2 * pg, 'S'));
	pid = CHECK_FORK();
	if (pid == 0) {
		CHECK(all_are(v, pg, 'V'));
		CHECK(all_are(s, 2 * pg, 'S'));
		memset(v + pg, 'W', pg);
		check_child_exit();
	}
	CHECK_WAIT_EXIT(pid, 0);
	CHECK(all_are(v + pg, pg, 'S'));
	CHECK(all_are(s, 2 * pg, 'S'));
	CHECK_OK(munmap(v, 2 * pg));
	v = CHECK_MMAP(NULL, 2 * pg, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(all_are(v, 2 * pg, 'S'));
	CHECK_OK(munmap(v, 2 * pg));
	CHECK_OK(munmap(s, 2 * pg));
	CHECK_OK(munmap(s2, 2 * pg));
	CHECK_OK(close(fd));
}

/*
 * Pages of a shared mapping past the object's end raise SIGBUS
 * (BUS_OBJERR); growing the object makes them zero pages, shrinking it
 * drops pages and zeroes the tail of its last page.
 */
static void
test_sigbus(void)
{
	char *p, *o;
	int fd;

	fd = check_shm_anon(2 * pg);
	p = CHECK_MMAP(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
	    0);
	CHECK_WRITABLE(p + pg + 7);
	CHECK_FAULT(p + 2 * pg, 0, SIGBUS, BUS_OBJERR);
	CHECK_FAULT(p + 4 * pg - 1, 1, SIGBUS, BUS_OBJERR);
	CHECK_FAULT(p + 3 * pg + 12, 0, SIGBUS, BUS_OBJERR);

	CHECK_OK(ftruncate(fd, 4 * pg));
	CHECK(all_are(p + 2 * pg, 2 * pg, 0));
	memset(p, 'g', 4 * pg);

	CHECK_OK(ftruncate(fd, pg));
	CHECK_EQ(object_size(fd), pg);
	CHECK(all_are(p, pg, 'g'));
	CHECK_FAULT(p + pg, 0, SIGBUS, BUS_OBJERR);
	CHECK_FAULT(p + 3 * pg, 1, SIGBUS, BUS_OBJERR);
	CHECK_OK(ftruncate(fd, 2 * pg));
	CHECK(all_are(p + pg, pg, 0));

	/* A partial last page: readable to its end, zero past the size. */
	memset(p + pg, 0x7e, pg);
	CHECK_OK(ftruncate(fd, pg + pg / 2));
	CHECK(all_are(p + pg, pg / 2, 0x7e));
	CHECK(all_are(p + pg + pg / 2, pg / 2, 0));
	CHECK_FAULT(p + 2 * pg, 0, SIGBUS, BUS_OBJERR);
	CHECK_OK(ftruncate(fd, 2 * pg));
	CHECK(all_are(p + pg + pg / 2, pg / 2, 0));

	/* A mapping that starts past the end. */
	o = CHECK_MMAP(NULL, pg, PROT_READ, MAP_SHARED, fd, 8 * pg);
	CHECK_FAULT(o + 5, 0, SIGBUS, BUS_OBJERR);
	CHECK_OK(munmap(o, pg));
	CHECK_OK(munmap(p, 4 * pg));
	CHECK_OK(close(fd));
}

/*
 * mmap's arguments with an object: one of MAP_SHARED and MAP_PRIVATE
 * (MAP_FSTRICT), no negative offset, MAP_ANON only with fd -1.  An offset
 * need not be page aligned: the mapping starts mid-page (kern_mmap()
 * keeps the page offset), except with MAP_FIXED at an address of another
 * page offset.  PROT_MTE on an object is EINVAL on any machine (docs/abi.md section 6).
 */
static void
test_mmap_args(void)
{
	const int rw = PROT_READ | PROT_WRITE;
	char *p, *q;
	int fd, i;

	fd = check_shm_anon(2 * pg);
	p = CHECK_MMAP(NULL, 2 * pg, rw, MAP_SHARED, fd, 0);
	for (i = 0; i < 64; i++)
		p[i] = (char)i;

	CHECK_ERRNO(mmap(NULL, pg, rw, MAP_SHARED | MAP_PRIVATE, fd, 0),
	    EINVAL);
	CHECK_ERRNO(mmap(NULL, pg, rw, 0, fd, 0), EINVAL);
	CHECK_ERRNO(mmap(NULL, pg, PROT_READ, MAP_SHARED, fd, -(off_t)pg),
	    EINVAL);
	CHECK_ERRNO(mmap(NULL, pg, rw, MAP_SHARED | MAP_ANON, fd, 0), EINVAL);

	q = CHECK_MMAP(NULL, 100, PROT_READ, MAP_SHARED, fd, 10);
	CHECK_EQ((uintptr_t)q % pg, 10);
	CHECK_EQ(q[0], 10);
	CHECK_EQ(q[53], 63);
	CHECK_OK(munmap(q, 100));
	CHECK_ERRNO(mmap(p + pg, pg, PROT_READ, MAP_FIXED | MAP_SHARED, fd,
	    10), EINVAL);

	CHECK_ERRNO(mmap(NULL, pg, rw | PROT_MTE, MAP_SHARED, fd, 0), EINVAL);
	CHECK_ERRNO(mmap(NULL, pg, rw | PROT_MTE, MAP_PRIVATE, fd, 0), EINVAL);
	CHECK_ERRNO(mprotect(p, pg, rw | PROT_MTE), EINVAL);
	CHECK_WRITABLE(p + 100);
	CHECK_EQ(p[1], 1);
	CHECK_OK(munmap(p, 2 * pg));
	CHECK_OK(close(fd));
}

int
main(void)
{

	pg = getpagesize();
	test_create_truncate();
	test_shared_fork();
	test_after_close();
	test_private_cow();
	test_sigbus();
	test_mmap_args();
	return (check_done());
}
