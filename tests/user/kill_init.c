/*
 * No process may signal init (found by tests/fuzz/seqfuzz: a kill(1,
 * SIGKILL) with a hostile pid ended init, and the machine sat idle with
 * nothing to reap orphans or power off).  kill(1, sig) is EPERM for every
 * signal, 0 included, and init lives on: the run of this test ends.
 */
#include <signal.h>

#include "check.h"

int
main(void)
{
	static const int sigs[] = { 0, SIGKILL, SIGTERM, SIGSEGV, SIGSTOP,
	    SIGUSR1 };
	u_int i;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		CHECK_ERRNO(kill(1, sigs[i]), EPERM);
	/* Signalling anyone else still works. */
	CHECK_OK(kill(getpid(), 0));
	return (check_done());
}
