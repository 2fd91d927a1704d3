/*
 * What the machine-independent VM calls outside itself for paging, as a
 * host test has it: no swap device (the swap pager's interface answers
 * "nothing on swap, no room"), no page daemon (allocations are never held
 * back and a wait for memory fails at once, as before paging), and no
 * other thread (sleeping would never end, so it panics).
 */
#include "sys/types.h"
#include "sys/errno.h"
#include "sys/sleep.h"
#include "vm/swap_pager.h"
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

bool
vm_page_count_ok(u_long npages)
{
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

bool
swap_pager_avail(u_int npages)
{
	(void)npages;
	return (false);
}

bool
swap_pager_haspage(struct vm_object *object, vm_pindex_t pindex, int *before,
    int *after)
{
	(void)object;
	(void)pindex;
	if (before != NULL)
		*before = 0;
	if (after != NULL)
		*after = 0;
	return (false);
}

int
swap_pager_getpages(struct vm_object *object, struct vm_page **ma, int n)
{
	(void)object;
	(void)ma;
	(void)n;
	return (EIO);
}

void
swap_pager_freespace(struct vm_object *object, vm_pindex_t start,
    vm_pindex_t end)
{
	(void)object;
	(void)start;
	(void)end;
}

void
swap_pager_copy(struct vm_object *src, struct vm_object *dst,
    vm_pindex_t offset)
{
	(void)src;
	(void)dst;
	(void)offset;
}
