/*
 * The smallest user test: write, getpid, fork and exit, each checked
 * against what it must return rather than only called.
 */
#include <string.h>
#include <unistd.h>

#include "check.h"

int
main(void)
{
	static const char msg[] = "hello from a TagOS process\n";
	pid_t self, pid;

	/* write returns the count it wrote. */
	CHECK_EQ(write(1, msg, sizeof(msg) - 1), sizeof(msg) - 1);
	/* A process keeps its pid, and it is not its parent's. */
	self = getpid();
	CHECK(self > 0);
	CHECK_EQ(getpid(), self);
	CHECK(getppid() != self);
	/*
	 * A child has a pid of its own, this process as its parent, and the
	 * parent sees the status the child passed to _exit.
	 */
	pid = CHECK_FORK();
	if (pid == 0) {
		if (getppid() != self)
			_exit(2);
		_exit(getpid() == self ? 3 : 42);
	}
	CHECK(pid != self);
	CHECK_WAIT_EXIT(pid, 42);
	return (check_done());
}
