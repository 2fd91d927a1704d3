/*
 * The swap pager: pages of anonymous objects written to the swap disk and
 * read back, data and MTE tags together (swap_pager.c).  The page daemon
 * (vm_pageout.c) decides which pages go; the fault path (vm_fault.c) brings
 * them back.  Tags travel with the data, compressed, on the disk: a swapped
 * page's tags never stay in kernel memory once its write has completed.
 *
 * Each object that has pages on swap keeps a map from page index to swap
 * slot (the object's swap map, protected by the object's lock).  A page is
 * either resident or on swap, never both: page-in frees the slot (the
 * resident page is then the only copy, and is written again if it is paged
 * out again).
 *
 * The caller of every function below holds the object's lock unless the
 * function says otherwise.
 */
#ifndef _VM_SWAP_PAGER_H_
#define _VM_SWAP_PAGER_H_

#include "sys/types.h"
#include "vm/vm.h"

struct vm_object;
struct vm_page;

/*
 * What the swap pager has done since boot (sysctl vm.stats.vm.v_swappgs*
 * and vm.mte.swap_*); every field is (A).
 */
struct swap_pager_counters {
	u_long	pgsout;		/* pages written */
	u_long	pgsin;		/* pages read back */
	u_long	tagged_out;	/* of those written, pages with tags */
	u_long	tag_bytes_out;	/* bytes of compressed tag records written */
	u_long	tagged_in;	/* of those read, pages whose tags came back */
};
extern struct swap_pager_counters swap_pager_counters;

/* Most pages one swap_pager_putpages or swap_pager_getpages call moves. */
#define SWAP_PAGER_MAXPAGES	32

/*
 * Bounce pages the pager keeps zeroed for tag blocks, taken at start-up:
 * as many as the writes one MADV_PAGEOUT of 4096 pages puts in flight (a
 * cluster each), so that tagged page-out rarely goes to vm_phys for one,
 * and a tagged page can be written when no page is free; 512 KiB.
 */
#define SWAP_BOUNCE_POOL	128

/* An end index past every object's last: "to the end" for freespace. */
#define OBJ_MAX_PINDEX		(~(vm_pindex_t)0)

/* Take the first disk (disk_first()) as the swap device; none, no swap. */
void	swap_pager_init(void);

/* Bytes of swap space in all, and in use (no lock needed). */
uint64_t swap_pager_total(void);
uint64_t swap_pager_used(void);

/* True if npages pages could be written now (no lock needed). */
bool	swap_pager_avail(u_int npages);

/*
 * Write ma[0..n) (n <= SWAP_PAGER_MAXPAGES), pages of object, to swap.
 * The caller has made each page exclusive busy and removed every mapping
 * of it; its data and, where PG_TAGGED, its tags are what will be saved.
 * Returns 0 once the writes are queued, ENOSPC if swap has no room for
 * them (no run of n + 1 free blocks: a smaller cluster may still fit;
 * nothing queued), ENOMEM.  For each page, when its write has ended,
 * done(m, error) is called from interrupt context (it may take spin locks,
 * not sleep), without the object's lock.  With error 0, the object's swap
 * map holds the page's index, its data and tags are on the disk and the
 * caller may free the page; on error the map is unchanged.  The caller
 * keeps the object alive until every done() has been called.  (A disk
 * that ends the request inside disk_strategy(), as one does a request it
 * refuses, calls done() before this returns, with the object still
 * locked.)
 */
int	swap_pager_putpages(struct vm_object *object, struct vm_page **ma,
	    int n, void (*done)(struct vm_page *m, int error));

/*
 * True if pindex of object is on swap.  If before/after are not NULL,
 * they are set to how many consecutive pages just below and above it are
 * on swap too (read-around), each at most SWAP_PAGER_MAXPAGES - 1.
 */
bool	swap_pager_haspage(struct vm_object *object, vm_pindex_t pindex,
	    int *before, int *after);

/*
 * Read ma[0..n), pages of object at consecutive indexes, all on swap, each
 * exclusive busy, inserted in object and mapped nowhere: their data, and
 * the tags of those that were tagged when paged out (set through
 * vm_page_tag_restore, which marks them PG_TAGGED).  Called WITHOUT the
 * object's lock and with no spin lock held: sleeps until the reads end.
 * Returns 0, and the pages' slots are freed; or EIO (or ENOMEM, no page
 * for the tag records), with the pages' contents (and tag state: some may
 * be PG_TAGGED) undefined and the slots kept: free the pages.
 */
int	swap_pager_getpages(struct vm_object *object, struct vm_page **ma,
	    int n);

/*
 * Free object's slots for the indexes [start, end); (0, OBJ_MAX_PINDEX)
 * frees them all, as the object's termination must.
 */
void	swap_pager_freespace(struct vm_object *object, vm_pindex_t start,
	    vm_pindex_t end);

/*
 * Collapse: move to dst the slots of src for the indexes in
 * [offset, offset + dst->size) that dst has neither resident nor on swap,
 * renumbered by -offset; free the rest of src's slots.  Both locked.
 * Returns 0, or ENOMEM (no memory for dst's map) with nothing moved or
 * freed: the collapse must wait.
 */
int	swap_pager_copy(struct vm_object *src, struct vm_object *dst,
	    vm_pindex_t offset);

#endif /* !_VM_SWAP_PAGER_H_ */
