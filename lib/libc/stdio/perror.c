/* perror(3). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "stdio/local.h"

/* Write "s: <message for errno>\n" (or just the message) to stderr at once. */
void
perror(const char *s)
{
	struct __fd_sink fds;
	const char *msg;

	msg = strerror(errno);
	__fd_sink_init(&fds, fileno(stderr));
	if (s != NULL && *s != '\0') {
		__fd_sink_put(&fds, s, strlen(s));
		__fd_sink_put(&fds, ": ", 2);
	}
	__fd_sink_put(&fds, msg, strlen(msg));
	__fd_sink_put(&fds, "\n", 1);
	__fd_sink_flush(&fds);
}
