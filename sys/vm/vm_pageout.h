/*
 * The page daemon (vm_pageout.c): a kernel thread that keeps free memory
 * above a target by writing anonymous pages to swap, and when nothing can
 * be written any more, kills the process using most memory (the OOM
 * killer).  Allocators of pages for objects that find memory short wait
 * for it (vm_wait) instead of failing at once.
 */
#ifndef _VM_VM_PAGEOUT_H_
#define _VM_VM_PAGEOUT_H_

#include "sys/types.h"

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

void	vm_pageout_start(void);
void	vm_pageout_range(struct vm_object *object, vm_pindex_t start,
	    vm_pindex_t end);
bool	vm_page_count_ok(u_long npages);
int	vm_wait(void);
int	vm_wait_free(u_long npages);
void	vm_wait_wakeup(void);
u_long	vm_pageout_free_target(void);
bool	vm_pageout_oom_enabled(void);

#endif /* !_VM_VM_PAGEOUT_H_ */
