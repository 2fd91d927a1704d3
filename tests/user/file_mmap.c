/*
 * Mappings of regular files: MAP_SHARED writes reach the file and read(2)
 * sees them, write(2) reaches the mapping, MAP_PRIVATE copies on write and
 * leaves the file alone, a fault past the end of the file (also after a
 * truncation) is SIGBUS, and PROT_MTE on any file mapping is EINVAL by
 * mmap and by mprotect with nothing changed (docs/abi.md row 20).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

#define	PAGE	4096

static volatile char sink;

/* check_run body: read the byte at arg. */
static void
touch(void *arg)
{
	sink = *(volatile char *)arg;
}

/* A file of npages pages, byte i of page p holding 'a' + p. */
static int
make_file(const char *path, int npages)
{
	char page[PAGE];
	int fd, p;

	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	for (p = 0; p < npages; p++) {
		memset(page, 'a' + p, sizeof(page));
		CHECK_EQ(write(fd, page, sizeof(page)), PAGE);
	}
	return (fd);
}

static void
test_shared(void)
{
	char buf[8], *p;
	pid_t pid;
	int fd;

	fd = make_file("/tmp/map_shared", 2);
	p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED);
	CHECK_EQ(p[0], 'a');
	CHECK_EQ(p[PAGE], 'b');
	/* A store through the mapping is in the file. */
	p[1] = 'X';
	CHECK_EQ(pread(fd, buf, 2, 0), 2);
	CHECK(buf[0] == 'a' && buf[1] == 'X');
	/* A write(2) is in the mapping. */
	CHECK_EQ(pwrite(fd, "YZ", 2, PAGE + 10), 2);
	CHECK(p[PAGE + 10] == 'Y' && p[PAGE + 11] == 'Z');
	/* A child's stores too. */
	pid = CHECK_FORK();
	if (pid == 0) {
		p[2] = 'C';
		_exit(0);
	}
	CHECK_WAIT_EXIT(pid, 0);
	CHECK_EQ(pread(fd, buf, 1, 2), 1);
	CHECK_EQ(buf[0], 'C');
	/* Stores survive the mapping and the descriptor. */
	CHECK_OK(munmap(p, 2 * PAGE));
	CHECK_OK(close(fd));
	fd = open("/tmp/map_shared", O_RDONLY);
	CHECK_EQ(pread(fd, buf, 3, 0), 3);
	CHECK(memcmp(buf, "aXC", 3) == 0);
	/* Read-only descriptor: no shared writable mapping. */
	CHECK_ERRNO(mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
	    0), EACCES);
	p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED);
	CHECK_ERRNO(mprotect(p, PAGE, PROT_READ | PROT_WRITE), EACCES);
	CHECK_OK(munmap(p, PAGE));
	CHECK_OK(close(fd));
	CHECK_OK(unlink("/tmp/map_shared"));
}

static void
test_private(void)
{
	char buf[4], *p;
	int fd;

	fd = make_file("/tmp/map_private", 2);
	p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED);
	CHECK_EQ(p[PAGE], 'b');
	/* A store copies the page: the file keeps its byte. */
	p[0] = 'P';
	CHECK_EQ(p[0], 'P');
	CHECK_EQ(pread(fd, buf, 1, 0), 1);
	CHECK_EQ(buf[0], 'a');
	/* The copy no longer follows the file. */
	CHECK_EQ(pwrite(fd, "Q", 1, 1), 1);
	CHECK_EQ(p[1], 'a');
	CHECK_OK(munmap(p, 2 * PAGE));
	/* A read-only descriptor may still be mapped private and written. */
	CHECK_OK(close(fd));
	fd = open("/tmp/map_private", O_RDONLY);
	p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED);
	p[5] = 'W';
	CHECK_EQ(pread(fd, buf, 1, 5), 1);
	CHECK_EQ(buf[0], 'a');
	CHECK_OK(munmap(p, PAGE));
	CHECK_OK(close(fd));
	CHECK_OK(unlink("/tmp/map_private"));
}

static void
test_sigbus(void)
{
	siginfo_t si;
	char *p;
	int fd;

	fd = make_file("/tmp/map_bus", 3);
	p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED);
	CHECK_EQ(p[2 * PAGE], 'c');
	/* The page past the end of the file. */
	CHECK_EQ(check_run(touch, p + 3 * PAGE, &si), SIGBUS);
	/* Truncation takes the pages away from the mapping. */
	CHECK_OK(ftruncate(fd, PAGE + 1));
	CHECK_EQ(check_run(touch, p + 2 * PAGE, &si), SIGBUS);
	CHECK_EQ(si.si_addr, p + 2 * PAGE);
	CHECK_EQ(check_run(touch, p + PAGE, &si), 0);
	/* Past the end inside the last page reads zero. */
	CHECK_EQ(p[PAGE + 100], 0);
	/* Growing again brings zero pages back. */
	CHECK_OK(ftruncate(fd, 3 * PAGE));
	CHECK_EQ(check_run(touch, p + 2 * PAGE, &si), 0);
	CHECK_EQ(p[2 * PAGE], 0);
	CHECK_OK(munmap(p, 4 * PAGE));
	/* A private mapping: SIGBUS past the end too. */
	p = mmap(NULL, 4 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED);
	CHECK_EQ(check_run(touch, p + 3 * PAGE, &si), SIGBUS);
	CHECK_OK(munmap(p, 4 * PAGE));
	CHECK_OK(close(fd));
	CHECK_OK(unlink("/tmp/map_bus"));
}

static void
test_mte_refused(void)
{
	static const int kinds[] = { MAP_SHARED, MAP_PRIVATE };
	char *p;
	int fd, i;

	fd = make_file("/tmp/map_mte", 1);
	for (i = 0; i < 2; i++) {
		CHECK_ERRNO(mmap(NULL, PAGE, PROT_READ | PROT_WRITE | PROT_MTE,
		    kinds[i], fd, 0), EINVAL);
		p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, kinds[i], fd, 0);
		CHECK(p != MAP_FAILED);
		p[0] = 'm';
		CHECK_ERRNO(mprotect(p, PAGE, PROT_READ | PROT_WRITE |
		    PROT_MTE), EINVAL);
		/* Nothing changed: still readable and writable. */
		p[1] = 'n';
		CHECK_EQ(p[0], 'm');
		CHECK_OK(munmap(p, PAGE));
	}
	CHECK_OK(close(fd));
	CHECK_OK(unlink("/tmp/map_mte"));
}

/* Mapped pages count in st_blocks, and an unlinked mapped file lives on. */
static void
test_lifetime(void)
{
	struct stat sb;
	char *p;
	int fd;

	fd = open("/tmp/map_life", O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK_OK(ftruncate(fd, 4 * PAGE));
	p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED);
	p[0] = 1;
	p[3 * PAGE] = 2;
	CHECK_OK(close(fd));
	CHECK_OK(unlink("/tmp/map_life"));
	CHECK_EQ(p[3 * PAGE], 2);
	p[PAGE] = 3;
	CHECK_OK(munmap(p, 4 * PAGE));
	fd = open("/tmp/map_life2", O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK_OK(ftruncate(fd, 2 * PAGE));
	p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED);
	p[PAGE] = 1;
	CHECK_OK(fstat(fd, &sb));
	CHECK_EQ(sb.st_blocks, PAGE / 512);
	CHECK_OK(munmap(p, 2 * PAGE));
	CHECK_OK(close(fd));
	CHECK_OK(unlink("/tmp/map_life2"));
}

int
main(void)
{
	test_shared();
	test_private();
	test_sigbus();
	test_mte_refused();
	test_lifetime();
	return (check_done());
}
