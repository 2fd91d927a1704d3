/*
 * Sleeping on a wait channel and waking it (kern_synch.c), apart from
 * sys/proc.h so machine-independent code that only sleeps and wakes (the
 * VM's busy pages) needs nothing of threads.
 */
#ifndef _SYS_SLEEP_H_
#define _SYS_SLEEP_H_

#include "sys/types.h"

struct spinlock;

int	sleep_on(const void *chan, struct spinlock *lock, bool catch,
	    uint64_t timo_ticks);
void	wakeup(const void *chan);

#endif /* !_SYS_SLEEP_H_ */
