/*
 * The physical memory allocator: a binary buddy allocator (see vm_phys.h).
 *
 * A free block of order n is 2^n pages whose first page's physical address
 * is a multiple of 2^n pages, so its buddy, the block it merges with into
 * order n + 1, is at pa ^ (PAGE_SIZE << n).  Blocks never span segments:
 * each segment has its own vm_page array, and callers walk a run as
 * m[0] .. m[2^n - 1].
 *
 * Before vm_page_startup() the memory not yet in use is a sorted list of
 * ranges, vm_phys_avail; exclusions and bootstrap allocations cut holes in
 * it, and startup hands what remains to the free lists.
 *
 * Single pages, the bulk of all traffic (every 4 KiB fault takes one),
 * go through a small cache per CPU first (FreeBSD's per-CPU page caches,
 * Linux's per-cpu pagesets): a page is taken from or put on the CPU's
 * array without the free-list lock and without buddy coalescing, and the
 * array is refilled or drained VM_PHYS_CACHE_BATCH pages at a time under
 * the lock.  A cached page is free: PG_FREE set, counted in
 * vm_phys_nfree, but heading no block (order VM_FREE_ORDER_NONE), so no
 * buddy merges with it.  The caches never strand memory: an allocation
 * the free lists cannot satisfy drains every CPU's cache and tries again
 * before it fails or breaks a reservation (vm_phys_cache_drain), and the
 * page daemon drains them before it counts a pass as fruitless.
 *
 * Locks, as in vm_page.h, plus:
 *	(b) boot CPU only, before vm_page_startup()
 *	(c) the cache's busy word: its CPU, with interrupts masked, or a
 *	    drainer on any CPU
 */
#include "sys/systm.h"
#include "sys/param.h"
#include "sys/queue.h"
#include "sys/spinlock.h"
#include "vm/pmap.h"
#include "machine/vmparam.h"
#include "vm/vm_page.h"
#include "vm/vm_page_tags.h"
#include "vm/vm_phys.h"
#include "vm/vm_reserv.h"

/* A range of RAM and the vm_page array describing it. */
struct vm_phys_seg {
	vm_paddr_t	start;		/* (C) page aligned */
	vm_paddr_t	end;		/* (C) page aligned, exclusive */
	struct vm_page	*first_page;	/* (C) page of start, in the DMAP */
};

/* A range of free physical memory, before startup. */
struct vm_phys_range {
	vm_paddr_t	start;
	vm_paddr_t	end;
};

/* Every cut can split one range in two, so allow plenty. */
#define VM_PHYS_AVAIL_MAX	32

TAILQ_HEAD(vm_freelist, vm_page);

static struct vm_phys_seg vm_phys_segs[VM_PHYSSEG_MAX];	/* (C) sorted */
static int	vm_phys_nsegs;				/* (C) */
static bool	vm_phys_started;			/* (C) */
static u_long	vm_phys_npages;				/* (C) managed */

static struct vm_phys_range vm_phys_avail[VM_PHYS_AVAIL_MAX]; /* (b) sorted */
static int	vm_phys_navail;				/* (b) */

static struct spinlock vm_phys_lock = SPINLOCK_INITIALIZER("vm_phys");
static struct vm_freelist vm_phys_free_queues[VM_NFREEORDER];	/* (F) */
/*
 * (A) free pages, on the free lists and in the per-CPU caches; changed
 * with and without vm_phys_lock (a cache hit takes no lock) and read
 * without it (vm_phys_free_count), so every change is one atomic add.
 */
u_long		vm_phys_nfree;

/* Add delta (two's complement) to vm_phys_nfree. */
static inline void
vm_phys_nfree_add(u_long delta)
{
	__atomic_add_fetch(&vm_phys_nfree, delta, __ATOMIC_RELAXED);
}

/*
 * A CPU's cache of free single pages.  Its CPU uses it with interrupts
 * masked (so no interrupt handler on the same CPU and no other thread
 * gets in between) and with busy set, which is what lets another CPU
 * drain it: a drainer sets busy too, and the owner that finds it set
 * goes to the free lists instead of waiting.  While busy is held only
 * vm_phys_lock may be taken (lock order: busy, then vm_phys_lock).
 * VM_PHYS_CACHE_MAX pages per CPU at most (Linux's per-cpu pagesets
 * keep a few hundred): 512 KiB, under 1% of the smallest configuration
 * (128 MiB, 2 CPUs), and drained whenever memory is short.  Large enough
 * that a process freeing and faulting a few hundred KiB over and over
 * (a malloc arena's churn, a short-lived mapping) recycles its pages
 * through the cache without touching the free lists.
 */
#define VM_PHYS_CACHE_MAX	128
#define VM_PHYS_CACHE_BATCH	32	/* pages per refill or flush */
/* No two CPUs' caches share a cache line (128 bytes covers every core). */
#define VM_PHYS_CACHE_ALIGN	128

struct vm_phys_cache {
	uint32_t	busy;		/* (A) 1 while in use */
	u_int		count;		/* (c) pages in pages[] */
	struct vm_page	*pages[VM_PHYS_CACHE_MAX]; /* (c) most recent last */
} __aligned(VM_PHYS_CACHE_ALIGN);

static struct vm_phys_cache vm_phys_caches[MAXCPU];

/* Insert [start, end) as vm_phys_avail[i], shifting the rest up. */
static void
vm_phys_avail_insert(int i, vm_paddr_t start, vm_paddr_t end)
{
	int j;

	if (vm_phys_navail == VM_PHYS_AVAIL_MAX)
		panic("vm_phys: more than %d free ranges at boot",
		    VM_PHYS_AVAIL_MAX);
	for (j = vm_phys_navail; j > i; j--)
		vm_phys_avail[j] = vm_phys_avail[j - 1];
	vm_phys_avail[i].start = start;
	vm_phys_avail[i].end = end;
	vm_phys_navail++;
}

/* Delete vm_phys_avail[i], shifting the rest down. */
static void
vm_phys_avail_remove(int i)
{
	for (; i < vm_phys_navail - 1; i++)
		vm_phys_avail[i] = vm_phys_avail[i + 1];
	vm_phys_navail--;
}

/*
 * Take the page-aligned [start, end) out of the free ranges, wherever it
 * overlaps them.
 */
static void
vm_phys_avail_cut(vm_paddr_t start, vm_paddr_t end)
{
	struct vm_phys_range *r;
	int i;

	for (i = 0; i < vm_phys_navail; i++) {
		r = &vm_phys_avail[i];
		if (r->end <= start || r->start >= end)
			continue;
		if (r->start < start && r->end > end) {
			vm_phys_avail_insert(i + 1, end, r->end);
			r->end = start;
			i++;
		} else if (r->start < start) {
			r->end = start;
		} else if (r->end > end) {
			r->start = end;
		} else {
			vm_phys_avail_remove(i);
			i--;
		}
	}
}

/*
 * Register the RAM in [start, end), shrunk to whole pages.  Segments must
 * not overlap; panics past VM_PHYSSEG_MAX.
 */
void
vm_phys_add_seg(vm_paddr_t start, vm_paddr_t end)
{
	struct vm_phys_seg *seg;
	int i;

	KASSERT(!vm_phys_started, ("%s: after vm_page_startup", __func__));
	start = round_page(start);
	end = trunc_page(end);
	if (start >= end)
		return;
	if (vm_phys_nsegs == VM_PHYSSEG_MAX)
		panic("%s: more than %d segments, %#lx-%#lx", __func__,
		    VM_PHYSSEG_MAX, start, end);
	for (i = 0; i < vm_phys_nsegs; i++) {
		seg = &vm_phys_segs[i];
		KASSERT(end <= seg->start || start >= seg->end,
		    ("%s: %#lx-%#lx overlaps %#lx-%#lx", __func__, start, end,
		    seg->start, seg->end));
	}
	for (i = vm_phys_nsegs; i > 0 && vm_phys_segs[i - 1].start > start;
	    i--)
		vm_phys_segs[i] = vm_phys_segs[i - 1];
	vm_phys_segs[i].start = start;
	vm_phys_segs[i].end = end;
	vm_phys_segs[i].first_page = NULL;
	vm_phys_nsegs++;

	for (i = 0; i < vm_phys_navail && vm_phys_avail[i].start < start; i++)
		;
	vm_phys_avail_insert(i, start, end);
}

/*
 * Mark [start, end), grown to whole pages, as in use so it is never handed
 * out.  Applies to the segments already added.
 */
void
vm_phys_exclude(vm_paddr_t start, vm_paddr_t end)
{
	KASSERT(!vm_phys_started, ("%s: after vm_page_startup", __func__));
	start = trunc_page(start);
	end = round_page(end);
	if (start < end)
		vm_phys_avail_cut(start, end);
}

/*
 * Carve size bytes (rounded up to pages) aligned to align (a power of two)
 * from the highest free range that fits; the memory is never freed and its
 * contents are undefined.  Panics if nothing fits.
 */
vm_paddr_t
vm_phys_bootstrap_alloc(vm_size_t size, vm_size_t align)
{
	struct vm_phys_range *r;
	vm_paddr_t pa;
	int i;

	KASSERT(!vm_phys_started, ("%s: after vm_page_startup", __func__));
	KASSERT(size > 0 && powerof2(align),
	    ("%s: size %#lx align %#lx", __func__, size, align));
	size = round_page(size);
	align = MAX(align, PAGE_SIZE);
	for (i = vm_phys_navail - 1; i >= 0; i--) {
		r = &vm_phys_avail[i];
		if (r->end - r->start < size)
			continue;
		pa = rounddown2(r->end - size, align);
		if (pa < r->start)
			continue;
		vm_phys_avail_cut(pa, pa + size);
		return (pa);
	}
	panic("%s: no %#lx bytes aligned to %#lx", __func__, size, align);
}

/* The segment holding pa, or NULL. */
static struct vm_phys_seg *
vm_phys_paddr_to_seg(vm_paddr_t pa)
{
	int i;

	for (i = 0; i < vm_phys_nsegs; i++)
		if (pa >= vm_phys_segs[i].start && pa < vm_phys_segs[i].end)
			return (&vm_phys_segs[i]);
	return (NULL);
}

/* The segment whose vm_page array holds m, or NULL if m is no vm_page. */
static struct vm_phys_seg *
vm_phys_page_to_seg(const struct vm_page *m)
{
	struct vm_phys_seg *seg;
	uintptr_t first, last;
	int i;

	if (!vm_phys_started)
		return (NULL);
	for (i = 0; i < vm_phys_nsegs; i++) {
		seg = &vm_phys_segs[i];
		first = (uintptr_t)seg->first_page;
		last = (uintptr_t)&seg->first_page[atop(seg->end - seg->start)];
		if ((uintptr_t)m >= first && (uintptr_t)m < last &&
		    ((uintptr_t)m - first) % sizeof(*m) == 0)
			return (seg);
	}
	return (NULL);
}

/*
 * The vm_page of pa (any address inside the page); NULL if pa is not RAM
 * or the pages do not exist yet.
 */
struct vm_page *
vm_phys_paddr_to_vm_page(vm_paddr_t pa)
{
	struct vm_phys_seg *seg;

	if (!vm_phys_started)
		return (NULL);
	seg = vm_phys_paddr_to_seg(pa);
	if (seg == NULL)
		return (NULL);
	return (&seg->first_page[atop(pa - seg->start)]);
}

/*
 * Link the run of 2^order pages at m, already marked PG_FREE and counted
 * in vm_phys_nfree, onto the free lists, merging it with free buddies.
 * Called with vm_phys_lock held.
 */
static void
vm_phys_link_block(struct vm_page *m, int order)
{
	struct vm_phys_seg *seg;
	struct vm_page *buddy;
	vm_paddr_t pa, buddy_pa;

	seg = vm_phys_page_to_seg(m);
	KASSERT(seg != NULL, ("%s: %p is not a vm_page", __func__, m));
	pa = VM_PAGE_TO_PHYS(m);
	KASSERT((atop(pa) & ((1UL << order) - 1)) == 0,
	    ("%s: page %#lx is not aligned for order %d", __func__, pa, order));
	KASSERT(pa + (PAGE_SIZE << order) <= seg->end,
	    ("%s: %#lx order %d runs past segment end %#lx", __func__, pa,
	    order, seg->end));
	while (order < VM_NFREEORDER - 1) {
		buddy_pa = pa ^ (PAGE_SIZE << order);
		if (buddy_pa < seg->start || buddy_pa >= seg->end)
			break;
		buddy = &seg->first_page[atop(buddy_pa - seg->start)];
		if (buddy->order != order)
			break;
		TAILQ_REMOVE(&vm_phys_free_queues[order], buddy, freeq);
		buddy->order = VM_FREE_ORDER_NONE;
		pa = MIN(pa, buddy_pa);
		order++;
	}
	m = &seg->first_page[atop(pa - seg->start)];
	m->order = order;
	TAILQ_INSERT_HEAD(&vm_phys_free_queues[order], m, freeq);
}

/*
 * Put the run of 2^order pages at m on the free lists, merging it with
 * free buddies.  Called with vm_phys_lock held.
 */
static void
vm_phys_free_block(struct vm_page *m, int order)
{
	u_long i;

	KASSERT(order >= 0 && order < VM_NFREEORDER,
	    ("%s: order %d out of range", __func__, order));
	for (i = 0; i < (1UL << order); i++) {
		KASSERT((vm_page_flags(&m[i]) & PG_FREE) == 0,
		    ("%s: page %#lx is already free", __func__,
		    VM_PAGE_TO_PHYS(&m[i])));
		KASSERT(m[i].ref_count == 0 && m[i].object == NULL &&
		    m[i].kmalloc_shift == 0,
		    ("%s: page %#lx still in use: refs %u object %p kmalloc %u",
		    __func__, VM_PAGE_TO_PHYS(&m[i]), m[i].ref_count,
		    m[i].object, m[i].kmalloc_shift));
		vm_page_flag_set(&m[i], PG_FREE);
	}
	vm_phys_nfree_add(1UL << order);
	vm_phys_link_block(m, order);
}

/*
 * Build the vm_page arrays from bootstrap memory and free every page not
 * excluded or carved, in the largest aligned blocks that fit.  One pass
 * over the zeroed pages fills them in (free ones born PG_FREE, as nothing
 * else sees them yet), so freeing the blocks afterwards only links them:
 * boot does not walk the page array a second time.
 */
void
vm_page_startup(void)
{
	struct vm_phys_seg *seg;
	struct vm_phys_range *r;
	struct vm_page *m;
	vm_paddr_t pa, free_start, free_end;
	u_long npages;
	int i, j, order;

	KASSERT(!vm_phys_started, ("%s: called twice", __func__));
	for (i = 0; i < vm_phys_nsegs; i++) {
		seg = &vm_phys_segs[i];
		npages = atop(seg->end - seg->start);
		pa = vm_phys_bootstrap_alloc(npages * sizeof(struct vm_page),
		    _Alignof(struct vm_page));
		seg->first_page = (struct vm_page *)PHYS_TO_DMAP(pa);
	}
	/*
	 * vm_phys_avail is sorted and final: walk it beside the pages, with
	 * the current range in locals (pmap_page_init is a call).
	 */
	j = 0;
	free_start = free_end = 0;
	for (i = 0; i < vm_phys_nsegs; i++) {
		seg = &vm_phys_segs[i];
		npages = atop(seg->end - seg->start);
		memset(seg->first_page, 0, npages * sizeof(struct vm_page));
		for (pa = seg->start, m = seg->first_page; pa < seg->end;
		    pa += PAGE_SIZE, m++) {
			while (pa >= free_end && j < vm_phys_navail) {
				free_start = vm_phys_avail[j].start;
				free_end = vm_phys_avail[j].end;
				j++;
			}
			m->phys_addr = pa;
			m->order = VM_FREE_ORDER_NONE;
			if (pa >= free_start && pa < free_end)
				m->flags = PG_FREE;
			pmap_page_init(m);
		}
	}
	vm_phys_started = true;

	spin_lock(&vm_phys_lock);
	for (order = 0; order < VM_NFREEORDER; order++)
		TAILQ_INIT(&vm_phys_free_queues[order]);
	for (i = 0; i < vm_phys_navail; i++) {
		r = &vm_phys_avail[i];
		for (pa = r->start; pa < r->end; pa += PAGE_SIZE << order) {
			order = VM_NFREEORDER - 1;
			while ((atop(pa) & ((1UL << order) - 1)) != 0 ||
			    pa + (PAGE_SIZE << order) > r->end)
				order--;
			vm_phys_nfree_add(1UL << order);
			vm_phys_link_block(PHYS_TO_VM_PAGE(pa), order);
		}
	}
	vm_phys_npages = vm_phys_nfree;
	spin_unlock(&vm_phys_lock);
}

/*
 * Take a naturally aligned block of 2^order pages off the free lists,
 * splitting the smallest larger block if needed; its pages keep PG_FREE
 * and stay counted as free.  NULL if no block is large enough.  Called
 * with vm_phys_lock held.
 */
static struct vm_page *
vm_phys_take_block(int order)
{
	struct vm_page *m, *half;
	int o;

	for (o = order; o < VM_NFREEORDER; o++)
		if (!TAILQ_EMPTY(&vm_phys_free_queues[o]))
			break;
	if (o == VM_NFREEORDER)
		return (NULL);
	m = TAILQ_FIRST(&vm_phys_free_queues[o]);
	TAILQ_REMOVE(&vm_phys_free_queues[o], m, freeq);
	m->order = VM_FREE_ORDER_NONE;
	while (o > order) {
		o--;
		half = &m[1UL << o];
		half->order = o;
		TAILQ_INSERT_HEAD(&vm_phys_free_queues[o], half, freeq);
	}
	return (m);
}

/* Push the 2^order pages of block m on cache c, m[0] on top. */
static inline void
vm_phys_cache_push_block(struct vm_phys_cache *c, struct vm_page *m,
    int order)
{
	u_long i, n = 1UL << order;

	for (i = 0; i < n; i++)
		c->pages[c->count + i] = &m[n - 1 - i];
	c->count += n;
}

/*
 * Fill c (busy, this CPU's, interrupts masked) with VM_PHYS_CACHE_BATCH
 * pages from the free lists under one hold of their lock: the small
 * blocks first, whole, so the cache does not split large blocks while
 * small ones lie about; then a larger block split as far as needed.
 * Fewer if the free lists run dry.  Called with c empty.
 */
static __noinline void
vm_phys_cache_refill(struct vm_phys_cache *c)
{
	struct vm_page *m;
	u_long want = VM_PHYS_CACHE_BATCH;
	int o;

	KASSERT(c->count == 0, ("%s: %u pages cached", __func__, c->count));
	spin_lock(&vm_phys_lock);
	for (o = 0; o < VM_NFREEORDER && (1UL << o) <= want; o++) {
		while ((1UL << o) <= want &&
		    (m = TAILQ_FIRST(&vm_phys_free_queues[o])) != NULL) {
			TAILQ_REMOVE(&vm_phys_free_queues[o], m, freeq);
			m->order = VM_FREE_ORDER_NONE;
			vm_phys_cache_push_block(c, m, o);
			want -= 1UL << o;
		}
	}
	/* What is still missing comes from splitting larger blocks. */
	while (want > 0) {
		o = 63 - __builtin_clzl(want);	/* the largest block that fits */
		if ((m = vm_phys_take_block(o)) == NULL)
			break;
		vm_phys_cache_push_block(c, m, o);
		want -= 1UL << o;
	}
	spin_unlock(&vm_phys_lock);
}

/*
 * Give the n oldest pages of cache c (busy) back to the free lists,
 * merging them with their buddies; they stay free and counted.
 */
static __noinline void
vm_phys_cache_flush(struct vm_phys_cache *c, u_int n)
{
	u_int i;

	KASSERT(n <= c->count, ("%s: %u of %u pages", __func__, n, c->count));
	spin_lock(&vm_phys_lock);
	for (i = 0; i < n; i++)
		vm_phys_link_block(c->pages[i], 0);
	spin_unlock(&vm_phys_lock);
	for (i = n; i < c->count; i++)
		c->pages[i - n] = c->pages[i];
	c->count -= n;
}

/*
 * This CPU's cache with busy set and interrupts masked (*s gets the mask
 * to restore), or NULL if a drainer holds it: the caller then uses the
 * free lists.
 */
static inline struct vm_phys_cache *
vm_phys_cache_enter(register_t *s)
{
	struct vm_phys_cache *c;

	*s = intr_disable();
	c = &vm_phys_caches[curcpu_id()];
	if (__predict_false(__atomic_exchange_n(&c->busy, 1,
	    __ATOMIC_ACQUIRE) != 0)) {
		intr_restore(*s);
		return (NULL);
	}
	return (c);
}

/* Leave cache c, as vm_phys_cache_enter() gave it with mask s. */
static inline void
vm_phys_cache_exit(struct vm_phys_cache *c, register_t s)
{
	__atomic_store_n(&c->busy, 0, __ATOMIC_RELEASE);
	intr_restore(s);
}

/*
 * A free page from this CPU's cache, refilled from the free lists if it
 * is empty; NULL if the free lists are empty too or a drainer holds the
 * cache.
 */
static struct vm_page *
vm_phys_cache_alloc(void)
{
	struct vm_phys_cache *c;
	struct vm_page *m;
	register_t s;

	if ((c = vm_phys_cache_enter(&s)) == NULL)
		return (NULL);
	if (c->count == 0)
		vm_phys_cache_refill(c);
	m = NULL;
	if (c->count > 0) {
		m = c->pages[--c->count];
		KASSERT((vm_page_flags(m) & PG_FREE) != 0 &&
		    m->order == VM_FREE_ORDER_NONE,
		    ("%s: cached page %#lx is not free (%#x, order %u)",
		    __func__, VM_PAGE_TO_PHYS(m), vm_page_flags(m), m->order));
		vm_page_flag_clear(m, PG_FREE);
		vm_phys_nfree_add(-1UL);
	}
	vm_phys_cache_exit(c, s);
	return (m);
}

/*
 * Put m, a single page being freed, in this CPU's cache (making room by
 * flushing the oldest VM_PHYS_CACHE_BATCH when it is full); false if a
 * drainer holds the cache, and the caller frees it to the free lists.
 */
static bool
vm_phys_cache_free(struct vm_page *m)
{
	struct vm_phys_cache *c;
	register_t s;

	KASSERT((vm_page_flags(m) & PG_FREE) == 0,
	    ("%s: page %#lx is already free", __func__, VM_PAGE_TO_PHYS(m)));
	KASSERT(m->ref_count == 0 && m->object == NULL &&
	    m->kmalloc_shift == 0 && m->order == VM_FREE_ORDER_NONE,
	    ("%s: page %#lx still in use: refs %u object %p kmalloc %u "
	    "order %u", __func__, VM_PAGE_TO_PHYS(m), m->ref_count, m->object,
	    m->kmalloc_shift, m->order));
	if ((c = vm_phys_cache_enter(&s)) == NULL)
		return (false);
	if (c->count == VM_PHYS_CACHE_MAX)
		vm_phys_cache_flush(c, VM_PHYS_CACHE_BATCH);
	vm_page_flag_set(m, PG_FREE);
	c->pages[c->count++] = m;
	vm_phys_nfree_add(1);
	vm_phys_cache_exit(c, s);
	return (true);
}

/*
 * Give every CPU's cached pages back to the free lists, where they merge
 * into larger blocks: for an allocation the free lists could not
 * satisfy, and for the page daemon.  Waits for a CPU using its cache
 * (briefly: with interrupts masked, taking at most vm_phys_lock).  True
 * if any page moved.  Called with no cache held.
 */
bool
vm_phys_cache_drain(void)
{
	struct vm_phys_cache *c;
	bool moved = false;
	int i;

	for (i = 0; i < MAXCPU; i++) {
		c = &vm_phys_caches[i];
		if (__atomic_load_n(&c->count, __ATOMIC_RELAXED) == 0)
			continue;
		spinlock_enter();
		while (__atomic_exchange_n(&c->busy, 1, __ATOMIC_ACQUIRE) != 0)
			cpu_spinwait();
		if (c->count > 0) {
			vm_phys_cache_flush(c, c->count);
			moved = true;
		}
		__atomic_store_n(&c->busy, 0, __ATOMIC_RELEASE);
		spinlock_exit();
	}
	return (moved);
}

/* Pages in the per-CPU caches now (a snapshot, for tests and sysctls). */
u_long
vm_phys_cache_count(void)
{
	u_long n = 0;
	int i;

	for (i = 0; i < MAXCPU; i++)
		n += __atomic_load_n(&vm_phys_caches[i].count,
		    __ATOMIC_RELAXED);
	return (n);
}

/*
 * Allocate a naturally aligned run of 2^order pages, a single page from
 * this CPU's cache if it can; returns its first page, or NULL if no block
 * is large enough even after draining the per-CPU caches and breaking
 * every partly used superpage reservation (vm_reserv_reclaim).  The pages
 * have ref_count 0 and their contents are untouched.  Called without
 * vm_reserv's lock.
 */
struct vm_page *
vm_phys_alloc_pages(int order)
{
	struct vm_page *m;

	if (order == 0 && (m = vm_phys_cache_alloc()) != NULL)
		return (m);
	while ((m = vm_phys_alloc_pages_nobreak(order)) == NULL)
		if (!vm_reserv_reclaim())
			break;
	return (m);
}

/* vm_phys_alloc_pages_nobreak() from the free lists alone, no drain. */
static struct vm_page *
vm_phys_alloc_block(int order)
{
	struct vm_page *m;
	u_long i;

	spin_lock(&vm_phys_lock);
	m = vm_phys_take_block(order);
	if (m != NULL) {
		for (i = 0; i < (1UL << order); i++) {
			KASSERT((vm_page_flags(&m[i]) & PG_FREE) != 0,
			    ("%s: page %#lx on a free list is not free",
			    __func__, VM_PAGE_TO_PHYS(&m[i])));
			vm_page_flag_clear(&m[i], PG_FREE);
		}
		vm_phys_nfree_add(-(1UL << order));
	}
	spin_unlock(&vm_phys_lock);
	return (m);
}

/*
 * vm_phys_alloc_pages() from the free lists only (draining the per-CPU
 * caches into them if they fall short), never breaking a reservation:
 * how a reservation itself is made.
 */
struct vm_page *
vm_phys_alloc_pages_nobreak(int order)
{
	struct vm_page *m;

	KASSERT(order >= 0 && order < VM_NFREEORDER,
	    ("%s: order %d out of range", __func__, order));
	m = vm_phys_alloc_block(order);
	if (m == NULL && vm_phys_cache_drain())
		m = vm_phys_alloc_block(order);
	return (m);
}

/*
 * Return the run of 2^order pages at m, as vm_phys_alloc_pages() gave it
 * or a naturally aligned part of one; a single page goes to this CPU's
 * cache.  Panics on a double free, a misaligned run, or a page still
 * referenced.
 */
void
vm_phys_free_pages(struct vm_page *m, int order)
{
	KASSERT(order >= 0 && order < VM_NFREEORDER,
	    ("%s: order %d out of range", __func__, order));
	/* A freed page loses its tag state (docs/abi.md invariant 4). */
	vm_page_tag_free(m, 1UL << order);
	if (order == 0 && vm_phys_cache_free(m))
		return;
	spin_lock(&vm_phys_lock);
	vm_phys_free_block(m, order);
	spin_unlock(&vm_phys_lock);
}

/* The lowest and highest (exclusive) addresses of managed RAM. */
void
vm_phys_span(vm_paddr_t *lo, vm_paddr_t *hi)
{
	*lo = *hi = 0;
	if (vm_phys_nsegs > 0) {
		*lo = vm_phys_segs[0].start;
		*hi = vm_phys_segs[vm_phys_nsegs - 1].end;
	}
}

/*
 * Pages the allocator manages: all RAM except what was excluded or carved
 * by vm_phys_bootstrap_alloc() (including the vm_page arrays).
 */
u_long
vm_phys_total_count(void)
{
	return (vm_phys_npages);
}
