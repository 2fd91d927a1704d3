/*
 * stdio's output path: a sink for the printf engine that collects bytes
 * on the caller's stack and writes them to a descriptor, in one write(2)
 * when they fit (see <stdio.h> for why there is no FILE buffer).
 */
#ifndef _LIBC_STDIO_LOCAL_H_
#define	_LIBC_STDIO_LOCAL_H_

#include <stddef.h>

#include "stdio/format.h"

struct __fd_sink {
	struct __fmt_sink fds_sink;	/* first: the engine's view */
	int		fds_fd;		/* where the bytes go */
	int		fds_error;	/* a write failed: the rest is dropped */
	size_t		fds_len;	/* bytes waiting in fds_buf */
	char		fds_buf[512];
};

void	__fd_sink_init(struct __fd_sink *, int);
void	__fd_sink_put(struct __fd_sink *, const char *, size_t);
int	__fd_sink_flush(struct __fd_sink *);

#endif /* !_LIBC_STDIO_LOCAL_H_ */
