/*
 * What the machine-independent VM calls outside itself for paging, as a
 * host test has it: no page daemon (allocations are never held back and a
 * wait for memory fails at once) and no other thread (sleeping would
 * never end, so it panics).  The swap pager is the real one, over
 * tests/host/fake_disk.c: with no disk attached, there is no swap, and
 * MADV_PAGEOUT does nothing.
 */
#include "sys/types.h"
#include "sys/errno.h"
#include "sys/sleep.h"
#include "vm/vm_pageout.h"

void	panic(const char *fmt, ...) __attribute__((__noreturn__));

struct vm_pageout_counters vm_pageout_counters;

int
sleep_on(const void *chan, struct spinlock *lock, bool catch,
    uint64_t timo_ticks)
{
	(void)lock;
	(void)catch;
	(void)timo_ticks;
	panic("sleep_on(%p): a host test has no other thread", chan);
}

void
wakeup(const void *chan)
{
	(void)chan;
}

/* No daemon: no target, so vm_page_count_ok always says yes. */
u_long	vm_free_target;
u_long	vm_free_reserve;

bool
vm_page_count_low(u_long free, u_long npages)
{
	(void)free;
	(void)npages;
	return (true);
}

int
vm_wait(void)
{
	return (ENOMEM);
}

void
vm_wait_wakeup(void)
{
}

/* MADV_PAGEOUT: no page daemon here to launder with; nothing goes out. */
void
vm_pageout_range(struct vm_object *object, vm_pindex_t start,
    vm_pindex_t end)
{
	(void)object;
	(void)start;
	(void)end;
}
