/*
 * The last two threads of a process calling thr_exit at the same moment:
 * exactly one of them must end the process (it once ended with no thread
 * and no zombie, and its parent waited for ever).
 */
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define	ROUNDS	40

static volatile int go;

static void *
second(void *arg)
{
	(void)arg;
	while (!go)
		;
	pthread_exit(NULL);
}

int
main(void)
{
	pid_t pid, dog;
	pthread_t t;
	int i;

	dog = check_watchdog_start(60);
	for (i = 0; i < ROUNDS; i++) {
		pid = CHECK_FORK();
		if (pid == 0) {
			if (pthread_create(&t, NULL, second, NULL) != 0)
				_exit(2);
			go = 1;
			pthread_exit(NULL);
		}
		CHECK_WAIT_EXIT(pid, 0);
	}
	check_watchdog_stop(dog);
	return (check_done());
}
