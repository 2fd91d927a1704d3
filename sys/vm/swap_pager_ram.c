/*
 * A stand-in swap pager over RAM, until the swap pager proper (on the
 * virtio-blk disk) replaces this file: with the boot argument swap.ram=N,
 * N MiB of RAM are taken at boot and serve as swap slots, one page each,
 * with each slot's tags kept beside it; without it there is no swap.  It
 * keeps swap_pager.h's contract (writes end asynchronously, from another
 * thread here; a page is resident or on swap), so the VM's page-out and
 * page-in paths can be exercised before the disk exists.
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/kernel.h"
#include "sys/malloc.h"
#include "sys/proc.h"
#include "vm/vm.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"
#include "vm/vm_page_tags.h"
#include "vm/vm_phys.h"
#include "vm/swap_pager.h"

#define SWR_HASH	4096
#define SWR_NONE	(~0u)

struct swr_slot {
	struct vm_object *object;	/* owner, NULL if free */
	vm_pindex_t	pindex;
	u_int		next;		/* hash chain or free list */
	bool		tagged;
	struct vm_page	*page;		/* where the data is */
};

/* Slots whose tags one page holds. */
#define SWR_TAGS_PER_PAGE	(PAGE_SIZE / MD_TAG_PAGE_BYTES)

/* A write queued for the completion thread. */
struct swr_done {
	struct vm_page	*m;
	u_int		slot;
	void		(*done)(struct vm_page *, int);
};

static struct spinlock swr_lock = SPINLOCK_INITIALIZER("swap_pager_ram");
static struct swr_slot *swr_slots;	/* (C) */
static u_int	swr_nslots;		/* (C) */
static u_int	swr_hash[SWR_HASH];	/* (swr_lock) */
static u_int	swr_free;		/* (swr_lock) free list */
static u_int	swr_nfree;		/* (swr_lock) */
static struct swr_done *swr_queue;	/* (swr_lock) ring of completions */
static u_int	swr_qhead, swr_qlen;	/* (swr_lock) */
static struct vm_page **swr_tagpages;	/* (C) where the slots' tags are */

/* Slot s's tag buffer. */
static uint8_t *
swr_tags(u_int s)
{
	return ((uint8_t *)vm_page_to_dmap(swr_tagpages[s /
	    SWR_TAGS_PER_PAGE]) + (s % SWR_TAGS_PER_PAGE) * MD_TAG_PAGE_BYTES);
}

static u_int
swr_bucket(struct vm_object *object, vm_pindex_t pindex)
{
	return ((((uintptr_t)object >> 6) * 31 + pindex) % SWR_HASH);
}

/* The slot of (object, pindex), or SWR_NONE (swr_lock held). */
static u_int
swr_lookup(struct vm_object *object, vm_pindex_t pindex)
{
	u_int s;

	for (s = swr_hash[swr_bucket(object, pindex)]; s != SWR_NONE;
	    s = swr_slots[s].next)
		if (swr_slots[s].object == object &&
		    swr_slots[s].pindex == pindex)
			return (s);
	return (SWR_NONE);
}

/* Take slot s off its hash chain and free it (swr_lock held). */
static void
swr_release(u_int s)
{
	u_int *pp = &swr_hash[swr_bucket(swr_slots[s].object,
	    swr_slots[s].pindex)];

	while (*pp != s)
		pp = &swr_slots[*pp].next;
	*pp = swr_slots[s].next;
	swr_slots[s].object = NULL;
	swr_slots[s].next = swr_free;
	swr_free = s;
	swr_nfree++;
}

/* Give slot s to (object, pindex) (swr_lock held). */
static void
swr_assign(u_int s, struct vm_object *object, vm_pindex_t pindex)
{
	u_int b = swr_bucket(object, pindex);

	swr_slots[s].object = object;
	swr_slots[s].pindex = pindex;
	swr_slots[s].next = swr_hash[b];
	swr_hash[b] = s;
}

/* Ends queued writes, outside every lock, as an interrupt would. */
static void
swr_completion_thread(void *arg __unused)
{
	struct swr_done d;

	spin_lock(&swr_lock);
	for (;;) {
		while (swr_qlen == 0)
			sleep_on(&swr_qlen, &swr_lock, false, 0);
		d = swr_queue[swr_qhead];
		swr_qhead = (swr_qhead + 1) % swr_nslots;
		swr_qlen--;
		swr_assign(d.slot, d.m->object, d.m->pindex);
		spin_unlock(&swr_lock);
		d.done(d.m, 0);
		spin_lock(&swr_lock);
	}
}

void
swap_pager_init(void)
{
	const char *arg = bootarg_value("swap.ram");
	u_long mb = 0;
	u_int i;

	for (i = 0; arg != NULL && arg[i] >= '0' && arg[i] <= '9'; i++)
		mb = mb * 10 + (arg[i] - '0');
	for (i = 0; i < SWR_HASH; i++)
		swr_hash[i] = SWR_NONE;
	swr_free = SWR_NONE;
	if (mb == 0)
		return;
	swr_nslots = mb * 1024 * 1024 / PAGE_SIZE;
	swr_slots = kmalloc(swr_nslots * sizeof(*swr_slots), M_ZERO);
	swr_queue = kmalloc(swr_nslots * sizeof(*swr_queue), M_ZERO);
	swr_tagpages = kmalloc((swr_nslots / SWR_TAGS_PER_PAGE + 1) *
	    sizeof(*swr_tagpages), M_ZERO);
	if (swr_slots == NULL || swr_queue == NULL || swr_tagpages == NULL)
		panic("swap_pager_init: no memory for %u slots", swr_nslots);
	for (i = 0; i <= swr_nslots / SWR_TAGS_PER_PAGE; i++)
		if ((swr_tagpages[i] = vm_phys_alloc_pages(0)) == NULL)
			panic("swap_pager_init: no page for tags");
	for (i = 0; i < swr_nslots; i++) {
		if ((swr_slots[i].page = vm_phys_alloc_pages(0)) == NULL)
			panic("swap_pager_init: no page for slot %u", i);
		swr_slots[i].next = swr_free;
		swr_free = i;
	}
	swr_nfree = swr_nslots;
	if (kthread_start(swr_completion_thread, NULL) != 0)
		panic("swap_pager_init: no thread");
	printf("swap: %lu MiB of RAM as swap (swap.ram)\n", mb);
}

uint64_t
swap_pager_total(void)
{
	return ((uint64_t)swr_nslots * PAGE_SIZE);
}

uint64_t
swap_pager_used(void)
{
	return ((uint64_t)(swr_nslots - __atomic_load_n(&swr_nfree,
	    __ATOMIC_RELAXED)) * PAGE_SIZE);
}

bool
swap_pager_avail(u_int npages)
{
	return (__atomic_load_n(&swr_nfree, __ATOMIC_RELAXED) >= npages);
}

int
swap_pager_putpages(struct vm_object *object, struct vm_page **ma, int n,
    void (*done)(struct vm_page *m, int error))
{
	struct swr_slot *sl;
	u_int s;
	int i;

	spin_lock(&swr_lock);
	if (swr_nfree < (u_int)n) {
		spin_unlock(&swr_lock);
		return (ENOSPC);
	}
	for (i = 0; i < n; i++) {
		KASSERT(ma[i]->object == object && (ma[i]->busy & VPB_XBUSY),
		    ("swap_pager_putpages: page %d not busy in object", i));
		s = swr_free;
		sl = &swr_slots[s];
		swr_free = sl->next;
		swr_nfree--;
		memcpy(vm_page_to_dmap(sl->page), vm_page_to_dmap(ma[i]),
		    PAGE_SIZE);
		sl->tagged = vm_page_tag_save(ma[i], swr_tags(s));
		swr_queue[(swr_qhead + swr_qlen) % swr_nslots] =
		    (struct swr_done){ ma[i], s, done };
		swr_qlen++;
	}
	spin_unlock(&swr_lock);
	wakeup(&swr_qlen);
	return (0);
}

bool
swap_pager_haspage(struct vm_object *object, vm_pindex_t pindex, int *before,
    int *after)
{
	bool has;
	int i;

	spin_lock(&swr_lock);
	has = swr_lookup(object, pindex) != SWR_NONE;
	if (before != NULL) {
		for (i = 0; has && i < SWAP_PAGER_MAXPAGES - 1 &&
		    pindex > (vm_pindex_t)i &&
		    swr_lookup(object, pindex - i - 1) != SWR_NONE; i++)
			;
		*before = has ? i : 0;
	}
	if (after != NULL) {
		for (i = 0; has && i < SWAP_PAGER_MAXPAGES - 1 &&
		    swr_lookup(object, pindex + i + 1) != SWR_NONE; i++)
			;
		*after = has ? i : 0;
	}
	spin_unlock(&swr_lock);
	return (has);
}

int
swap_pager_getpages(struct vm_object *object, struct vm_page **ma, int n)
{
	struct swr_slot *sl;
	u_int s;
	int i;

	KASSERT(curpcpu()->pc_spin_depth == 0,
	    ("swap_pager_getpages: spin lock held"));
	spin_lock(&swr_lock);
	for (i = 0; i < n; i++) {
		s = swr_lookup(object, ma[i]->pindex);
		KASSERT(s != SWR_NONE, ("swap_pager_getpages: %#lx not on swap",
		    ma[i]->pindex));
		sl = &swr_slots[s];
		memcpy(vm_page_to_dmap(ma[i]), vm_page_to_dmap(sl->page),
		    PAGE_SIZE);
		if (sl->tagged)
			vm_page_tag_restore(ma[i], swr_tags(s));
		swr_release(s);
	}
	spin_unlock(&swr_lock);
	return (0);
}

void
swap_pager_freespace(struct vm_object *object, vm_pindex_t start,
    vm_pindex_t end)
{
	u_int s;

	spin_lock(&swr_lock);
	for (s = 0; s < swr_nslots; s++)
		if (swr_slots[s].object == object &&
		    swr_slots[s].pindex >= start && swr_slots[s].pindex < end)
			swr_release(s);
	spin_unlock(&swr_lock);
}

void
swap_pager_copy(struct vm_object *src, struct vm_object *dst,
    vm_pindex_t offset)
{
	vm_pindex_t idx;
	u_int s;

	spin_lock(&swr_lock);
	for (s = 0; s < swr_nslots; s++) {
		if (swr_slots[s].object != src)
			continue;
		idx = swr_slots[s].pindex;
		if (idx < offset || idx - offset >= dst->size ||
		    vm_page_lookup(dst, idx - offset) != NULL ||
		    swr_lookup(dst, idx - offset) != SWR_NONE) {
			swr_release(s);
			continue;
		}
		swr_release(s);
		swr_nfree--;
		swr_free = swr_slots[s].next;	/* take s back off the list */
		swr_assign(s, dst, idx - offset);
	}
	spin_unlock(&swr_lock);
}
