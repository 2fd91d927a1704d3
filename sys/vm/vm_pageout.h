/*
 * The page daemon (vm_pageout.c): a kernel thread that keeps free memory
 * above a target by writing anonymous pages to swap, and when nothing can
 * be written any more, kills the process using most memory (the OOM
 * killer).  Allocators of pages for objects that find memory short wait
 * for it (vm_wait) instead of failing at once.
 */
#ifndef _VM_VM_PAGEOUT_H_
#define _VM_VM_PAGEOUT_H_

#include "sys/cdefs.h"
#include "sys/types.h"
#include "vm/vm_phys.h"

struct vm_object;

/* Events since boot and the daemon's state, each (A). */
struct vm_pageout_counters {
	u_long	pdwakeups;	/* daemon wakeups (vm.stats.vm.v_pdwakeups) */
	u_long	scans;		/* scan passes (vm.stats.vm.v_pdscans) */
	u_long	pages_written;	/* page-outs that completed */
	u_long	pages_freed;	/* pages freed after their write */
	u_long	write_errors;	/* page-outs that failed (page kept) */
	u_long	pageins;	/* pages read back by faults */
	u_long	oom_kills;	/* processes the OOM killer ended
				   (vm.oom_kills) */
	u_long	nomem;		/* waits that ended in failure */
};
extern struct vm_pageout_counters vm_pageout_counters;

/*
 * Free pages above the reserve that fork and thr_new ask for: a thread's
 * stack and tables, and a few pages for its first writes.
 */
#define VM_PAGEOUT_NEW_THREAD_PAGES	16

extern u_long	vm_free_target;		/* (C) 0 until the daemon runs */
extern u_long	vm_free_reserve;	/* (C) below the target */

bool	vm_page_count_low(u_long free, u_long npages);

/*
 * True if npages more pages may be given to objects now: free memory
 * stays above the reserve.  Below the daemon's target, wakes the daemon
 * (vm_page_count_low).  Before the daemon runs there is no reserve.
 * Inline: every page allocation for an object asks, and above the
 * target (the reserve is below it) the answer is yes at once.
 */
static inline bool
vm_page_count_ok(u_long npages)
{
	u_long free;

	if (vm_free_target == 0)
		return (true);
	free = vm_phys_free_count();
	if (__predict_false(free < vm_free_target + npages))
		return (vm_page_count_low(free, npages));
	return (true);
}

void	vm_pageout_start(void);
void	vm_pageout_range(struct vm_object *object, vm_pindex_t start,
	    vm_pindex_t end);
int	vm_wait(void);
int	vm_wait_free(u_long npages);
void	vm_wait_wakeup(void);
u_long	vm_pageout_free_target(void);
bool	vm_pageout_oom_enabled(void);

#endif /* !_VM_VM_PAGEOUT_H_ */
