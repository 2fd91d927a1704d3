/*
 * Kernel malloc.  A request is rounded up to a power of two, at least
 * 16 bytes so every allocation starts on an MTE tag granule.  Sizes up to
 * 2 KiB are chunks carved from single pages, one size per page; larger
 * sizes are a run of pages straight from vm_phys.  Either way the
 * allocation is naturally aligned to its rounded size, and the first page's
 * kmalloc_shift records that size, so kfree() needs no size argument.
 *
 * Freed chunks wait on a free list per size.  A page whose chunks are all
 * free is not given back to vm_phys: that would need a count of live chunks
 * per page, and kernel allocations of one size tend to recur.
 *
 * In front of the shared lists, each CPU keeps a short list per size of
 * its own, used with interrupts masked and no lock: most allocations
 * (a shadow object at a copy-on-write fault, say) are a pop from it, and
 * most frees a push.  A chunk on any list is free; which list holds it
 * does not matter, so a chunk freed on another CPU simply stays there.
 */
#include "sys/systm.h"
#include "sys/param.h"
#include "sys/malloc.h"
#include "sys/spinlock.h"
#include "machine/vmparam.h"
#include "vm/vm_page.h"
#include "vm/vm_phys.h"

#define KMALLOC_MIN_SHIFT	4	/* 16 bytes, the MTE tag granule */
#define KMALLOC_MAX_SHIFT	11	/* 2 KiB, so a page holds two or more */
#define KMALLOC_NSIZES		(KMALLOC_MAX_SHIFT - KMALLOC_MIN_SHIFT + 1)
/* largest allocation: the largest vm_phys block */
#define KMALLOC_MAX_LARGE_SHIFT	(PAGE_SHIFT + VM_NFREEORDER - 1)

/* A free chunk; the link lives in the chunk itself. */
struct kmalloc_chunk {
	struct kmalloc_chunk	*next;
};

/*
 * Locks, as in vm_page.h, plus:
 *	(K) kmalloc_lock
 */
static struct spinlock kmalloc_lock = SPINLOCK_INITIALIZER("kmalloc");
static struct kmalloc_chunk *kmalloc_free_chunks[KMALLOC_NSIZES]; /* (K) */

/*
 * For leak checks (sysctl vm.stats.kmalloc_*): allocations not yet freed,
 * and pages taken from vm_phys and not given back, so that free pages
 * plus these come back to where they were once everything is released.
 */
static u_long kmalloc_live;		/* (A) */
static u_long kmalloc_pages;		/* (A) */

/*
 * A CPU's own free chunks, at most KMALLOC_CPU_MAX of each size; only
 * that CPU touches them, with interrupts masked (an interrupt handler
 * may allocate).
 */
#define KMALLOC_CPU_MAX		32
struct kmalloc_cpu {
	struct kmalloc_chunk	*kc_free[KMALLOC_NSIZES];
	u_int			kc_count[KMALLOC_NSIZES];
} __aligned(64);
static struct kmalloc_cpu kmalloc_cpu[MAXCPU];

/* log2 of the smallest power of two not below size. */
static u_int
kmalloc_size_shift(size_t size)
{
	if (size <= 1)
		return (0);
	return (sizeof(size_t) * 8 - __builtin_clzl(size - 1));
}

/*
 * kmalloc_small when this CPU's list is empty: pop a chunk of 2^shift
 * bytes from the shared list, carving a fresh page if that is empty too;
 * NULL if vm_phys has no page.  Out of line, so the common case saves no
 * registers for it.
 */
static __attribute__((__noinline__)) void *
kmalloc_small_shared(u_int shift)
{
	struct kmalloc_chunk **list, *c, *first, *last;
	struct vm_page *m;
	char *page;
	u_long i, n;

	list = &kmalloc_free_chunks[shift - KMALLOC_MIN_SHIFT];
	spin_lock(&kmalloc_lock);
	c = *list;
	if (c != NULL)
		*list = c->next;
	spin_unlock(&kmalloc_lock);
	if (c != NULL)
		return (c);

	/* The page is ours alone until its chunks go on the list. */
	m = vm_phys_alloc_pages(0);
	if (m == NULL)
		return (NULL);
	__atomic_fetch_add(&kmalloc_pages, 1, __ATOMIC_RELAXED);
	m->kmalloc_shift = shift;
	page = vm_page_to_dmap(m);
	n = PAGE_SIZE >> shift;
	for (i = 1; i < n - 1; i++)
		((struct kmalloc_chunk *)(page + (i << shift)))->next =
		    (struct kmalloc_chunk *)(page + ((i + 1) << shift));
	first = (struct kmalloc_chunk *)(page + (1UL << shift));
	last = (struct kmalloc_chunk *)(page + ((n - 1) << shift));
	spin_lock(&kmalloc_lock);
	last->next = *list;
	*list = first;
	spin_unlock(&kmalloc_lock);
	return (page);
}

/* Pop a chunk of 2^shift bytes from this CPU's own list, or NULL. */
static inline void *
kmalloc_cpu_pop(u_int shift)
{
	struct kmalloc_chunk *c;
	struct kmalloc_cpu *kc;
	register_t intr;
	u_int i_size = shift - KMALLOC_MIN_SHIFT;

	intr = intr_disable();
	kc = &kmalloc_cpu[curcpu_id()];
	c = kc->kc_free[i_size];
	if (__predict_true(c != NULL)) {
		kc->kc_free[i_size] = c->next;
		kc->kc_count[i_size]--;
	}
	intr_restore(intr);
	return (c);
}

/* Pop a chunk of 2^shift bytes, or NULL if memory is exhausted. */
static void *
kmalloc_small(u_int shift)
{
	void *c;

	if ((c = kmalloc_cpu_pop(shift)) != NULL)
		return (c);
	return (kmalloc_small_shared(shift));
}

/* A naturally aligned run of 2^shift bytes of pages, or NULL. */
static void *
kmalloc_large(u_int shift)
{
	struct vm_page *m;

	m = vm_phys_alloc_pages(shift - PAGE_SHIFT);
	if (m == NULL)
		return (NULL);
	__atomic_fetch_add(&kmalloc_pages, 1UL << (shift - PAGE_SHIFT),
	    __ATOMIC_RELAXED);
	m->kmalloc_shift = shift;
	return (vm_page_to_dmap(m));
}

/*
 * Zero the first size bytes of a fresh 2^shift-byte allocation at p.  The
 * whole allocation is the caller's and aligned to its size, so when it
 * spans whole DC ZVA blocks it is zeroed with them and nothing else,
 * without memset's alignment and tail cases.
 */
static void
kmalloc_zero(void *p, size_t size, u_int shift)
{
	size_t bs = cpu_zero_block_size;

	if (bs != 0 && (1UL << shift) >= bs && size > (1UL << shift) / 2)
		cpu_zero_blocks(p, 1UL << shift);
	else
		memset(p, 0, size);
}

/*
 * kmalloc for everything but its common case: a large size, M_ZERO, or
 * this CPU's list of the size empty.
 */
static __attribute__((__noinline__)) void *
kmalloc_slow(size_t size, int flags)
{
	u_int shift;
	void *p;

	if (size > (1UL << KMALLOC_MAX_LARGE_SHIFT))
		return (NULL);
	shift = MAX(kmalloc_size_shift(size), KMALLOC_MIN_SHIFT);
	if (shift <= KMALLOC_MAX_SHIFT)
		p = kmalloc_small(shift);
	else
		p = kmalloc_large(shift);
	if (p == NULL)
		return (NULL);
	__atomic_fetch_add(&kmalloc_live, 1, __ATOMIC_RELAXED);
	if ((flags & M_ZERO) != 0)
		kmalloc_zero(p, size, shift);
	return (p);
}

/*
 * Allocate size bytes (0 counts as 1), naturally aligned to size rounded up
 * to a power of two and at least 16; zeroed if flags has M_ZERO.  Returns
 * NULL when memory is exhausted or size is over 2 MiB.  The common case,
 * a small chunk not zeroed that this CPU's list holds, calls nothing.
 */
void *
kmalloc(size_t size, int flags)
{
	void *p;

	if (__predict_true(size <= (1UL << KMALLOC_MAX_SHIFT) &&
	    (flags & M_ZERO) == 0)) {
		/*
		 * MAX(kmalloc_size_shift(size), KMALLOC_MIN_SHIFT) with one
		 * test fewer: OR-ing 15 into size - 1 makes anything up to
		 * 16 bytes (0 counts as 1) a 16-byte chunk.
		 */
		p = kmalloc_cpu_pop(sizeof(size_t) * 8 - __builtin_clzl(
		    (size != 0 ? size - 1 : 0) |
		    ((1UL << KMALLOC_MIN_SHIFT) - 1)));
		if (__predict_true(p != NULL)) {
			__atomic_fetch_add(&kmalloc_live, 1,
			    __ATOMIC_RELAXED);
			return (p);
		}
	}
	return (kmalloc_slow(size, flags));
}

/*
 * Free what kmalloc() returned; NULL is ignored.  Panics on a pointer
 * that cannot be a kmalloc() allocation or on a large one freed twice;
 * a small chunk freed twice is not detected.
 */
void
kfree(void *p)
{
	struct kmalloc_chunk *c, **list;
	struct kmalloc_cpu *kc;
	struct vm_page *m;
	vm_paddr_t pa;
	register_t intr;
	u_int shift, i_size;

	if (p == NULL)
		return;
	pa = DMAP_TO_PHYS((vm_offset_t)p);
	m = PHYS_TO_VM_PAGE(pa);
	KASSERT(m != NULL && m->kmalloc_shift != 0,
	    ("%s: %p was not allocated by kmalloc", __func__, p));
	shift = m->kmalloc_shift;
	__atomic_fetch_sub(&kmalloc_live, 1, __ATOMIC_RELAXED);
	KASSERT((pa & ((1UL << shift) - 1)) == 0,
	    ("%s: %p is inside a %lu-byte allocation", __func__, p,
	    1UL << shift));
	if (shift > KMALLOC_MAX_SHIFT) {
		m->kmalloc_shift = 0;
		__atomic_fetch_sub(&kmalloc_pages, 1UL << (shift - PAGE_SHIFT),
		    __ATOMIC_RELAXED);
		vm_phys_free_pages(m, shift - PAGE_SHIFT);
		return;
	}
	c = p;
	i_size = shift - KMALLOC_MIN_SHIFT;
	intr = intr_disable();
	kc = &kmalloc_cpu[curcpu_id()];
	if (__predict_true(kc->kc_count[i_size] < KMALLOC_CPU_MAX)) {
		c->next = kc->kc_free[i_size];
		kc->kc_free[i_size] = c;
		kc->kc_count[i_size]++;
		intr_restore(intr);
		return;
	}
	intr_restore(intr);
	list = &kmalloc_free_chunks[i_size];
	spin_lock(&kmalloc_lock);
	c->next = *list;
	*list = c;
	spin_unlock(&kmalloc_lock);
}

/* Allocations made and not yet freed. */
u_long
kmalloc_live_count(void)
{
	return (__atomic_load_n(&kmalloc_live, __ATOMIC_RELAXED));
}

/* Pages kmalloc holds from vm_phys, in use or on its free lists. */
u_long
kmalloc_page_count(void)
{
	return (__atomic_load_n(&kmalloc_pages, __ATOMIC_RELAXED));
}
