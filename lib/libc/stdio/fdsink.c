/* The descriptor sink of stdio/local.h. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "stdio/local.h"

/* Write all n bytes, retrying partial writes and EINTR.  0 or -1. */
static int
write_all(int fd, const char *p, size_t n)
{
	ssize_t r;

	while (n > 0) {
		r = write(fd, p, n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return (-1);
		}
		p += r;
		n -= r;
	}
	return (0);
}

/* The engine's entry to __fd_sink_put. */
static void
fd_sink_put_cb(struct __fmt_sink *fs, const char *s, size_t n)
{

	__fd_sink_put((struct __fd_sink *)fs, s, n);
}

/* Start an empty sink writing to fd. */
void
__fd_sink_init(struct __fd_sink *fds, int fd)
{

	fds->fds_sink.fs_put = fd_sink_put_cb;
	fds->fds_fd = fd;
	fds->fds_error = 0;
	fds->fds_len = 0;
}

/* Queue n bytes, writing out what does not fit (large runs directly). */
void
__fd_sink_put(struct __fd_sink *fds, const char *s, size_t n)
{

	if (fds->fds_error)
		return;
	if (n > sizeof(fds->fds_buf) - fds->fds_len) {
		if (__fd_sink_flush(fds) != 0)
			return;
		if (n >= sizeof(fds->fds_buf)) {
			if (write_all(fds->fds_fd, s, n) != 0)
				fds->fds_error = 1;
			return;
		}
	}
	memcpy(fds->fds_buf + fds->fds_len, s, n);
	fds->fds_len += n;
}

/* Write out what is queued.  0, or -1 (errno set) if any write failed. */
int
__fd_sink_flush(struct __fd_sink *fds)
{

	if (!fds->fds_error && fds->fds_len != 0 &&
	    write_all(fds->fds_fd, fds->fds_buf, fds->fds_len) != 0)
		fds->fds_error = 1;
	fds->fds_len = 0;
	return (fds->fds_error ? -1 : 0);
}
