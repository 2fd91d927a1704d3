/*
 * The swap pager (swap_pager.h): anonymous pages written to the swap disk
 * and read back, their MTE tags with them.
 *
 * On-disk layout.  The disk is cut into blocks of one page (block b is
 * the bytes [b * PAGE_SIZE, (b + 1) * PAGE_SIZE)), handed out by
 * swap_slots.c.  swap_pager_putpages() writes a cluster of k pages as one
 * request to k contiguous blocks, or k + 1 if any page of it is tagged:
 *
 *	blk ... blk + k - 1	the pages' data, in the order given
 *	blk + k			the tag block: the compressed tag records
 *				(swap_tags.c) of the cluster's tagged pages,
 *				one after the other from byte 0; only the
 *				sectors they fill are written
 *
 * k <= 32 records of at most 128 bytes always fit one block.  The
 * object's swap map (swap_map.h) entry of each page says where its data
 * block is and, if it was tagged, which block holds its record, at which
 * offset, and how long it is; the length tells the record's form, so the
 * record has no header and a page whose granules share one tag costs one
 * byte.  Several pages share a tag block: swap_tagref[] counts, per
 * block, the pages whose records it holds, and the last one frees it.
 *
 * Page-out: each tagged page's tags are saved (vm_page_tag_save)
 * straight into its record's place in a bounce page and shortened there
 * (swap_tags_compress) before the request is queued; the request ends in
 * interrupt context (swap_pager_write_done), which makes the entries
 * valid, zeroes the bytes of the bounce page that held tags and gives it
 * back (swap_bounce_put: to a small pool of zeroed pages, or vm_phys),
 * and reports each page: once a write has ended no copy of the page's
 * tags is left in kernel memory.
 * Page-in (swap_pager_getpages) reads each run of consecutive data blocks
 * in one request, with the tag block that follows it when the run was
 * written as a cluster, and restores the tags (vm_page_tag_restore)
 * straight from the records in the read buffer (swap_tags_words) before
 * returning, so the caller may map the pages at once.
 *
 * Locking: the object's lock covers its swap map; swap_lock, key (s),
 * covers the block allocator and swap_tagref, and is taken after an
 * object's lock.
 */
#include "sys/systm.h"
#include "sys/param.h"
#include "sys/errno.h"
#include "sys/malloc.h"
#include "sys/bio.h"
#include "sys/spinlock.h"
#include "vm/vm.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"
#include "vm/vm_page_tags.h"
#include "vm/vm_phys.h"
#include "vm/pmap.h"
#include "vm/swap_map.h"
#include "vm/swap_slots.h"
#include "vm/swap_tags.h"
#include "vm/swap_pager.h"

_Static_assert(SWAP_PAGER_MAXPAGES * SWAP_TAGS_MAXREC <= PAGE_SIZE,
    "a cluster's tag records fit one block");
_Static_assert(SWAP_PAGER_MAXPAGES + 1 <= BIO_MAXSEGS,
    "a cluster and its tag block fit one request");
_Static_assert(SWAP_PAGER_MAXPAGES + 1 <= SWAP_SLOTS_MAXRUN,
    "a cluster and its tag block are one run of blocks");
_Static_assert(SWAP_PAGER_MAXPAGES <= 255, "swap_tagref is a byte");

/* Most blocks: the allocator's maps and swap_tagref in one kmalloc. */
#define SWAP_MAX_BLOCKS		(1U << 20)	/* 4 GiB */

struct swap_pager_counters swap_pager_counters;

static struct spinlock	swap_lock = SPINLOCK_INITIALIZER("swap");
static struct disk	*swap_disk;	/* (C) once set; NULL: no swap */
static u_int		swap_nblocks;	/* (C) once swap_disk is set */
static struct swap_slots swap_slots;	/* (s) swap_lock */
static uint8_t		*swap_tagref;	/* (s) per block: pages whose tag
					   record it holds */
static struct vm_page	*swap_bounce_pool[SWAP_BOUNCE_POOL]; /* (s) zeroed
					   bounce pages */
static u_int		swap_bounce_npool; /* (s) pages in it */

/* A page-out in flight: what swap_pager_write_done needs. */
struct swap_write {
	struct bio	sw_bio;
	struct vm_object *sw_object;
	void		(*sw_done)(struct vm_page *m, int error);
	struct vm_page	*sw_bounce;	/* the tag block's bytes, or NULL */
	bool		sw_bounce_zero;	/* it was all zeroes when taken */
	u_int		sw_tagbytes;	/* bytes of records in it */
	u_int		sw_tagdirty;	/* bytes of it written: the records,
					   and the raw words past the last
					   one if it was shortened */
	int		sw_n;
	int		sw_ntagged;
	struct vm_page	*sw_pages[SWAP_PAGER_MAXPAGES];
	vm_pindex_t	sw_pindex[SWAP_PAGER_MAXPAGES];
	uint16_t	sw_tagoff[SWAP_PAGER_MAXPAGES];
	uint8_t		sw_taglen[SWAP_PAGER_MAXPAGES];
};

/* Add n to a counter of swap_pager_counters. */
static void
swap_count(u_long *counter, u_long n)
{
	__atomic_add_fetch(counter, n, __ATOMIC_RELAXED);
}

/*
 * Take the first disk as the swap device, with every block free.  Once;
 * without a disk (or memory for its maps), there is no swap.
 */
void
swap_pager_init(void)
{
	struct vm_page *m;
	struct disk *dp;
	uint64_t nblocks;
	size_t mapsize;
	void *mem;

	if (swap_disk != NULL || (dp = disk_first()) == NULL)
		return;
	nblocks = MIN(dp->d_mediasize / PAGE_SIZE, SWAP_MAX_BLOCKS);
	if (nblocks < SWAP_PAGER_MAXPAGES + 1) {
		printf("swap: %s is too small\n", dp->d_name);
		return;
	}
	mapsize = swap_slots_memsize(nblocks);
	mem = kmalloc(mapsize + nblocks, M_WAITOK);
	if (mem == NULL) {
		printf("swap: no memory for the maps of %s\n", dp->d_name);
		return;
	}
	swap_slots_init(&swap_slots, nblocks, mem);
	swap_tagref = (uint8_t *)mem + mapsize;
	memset(swap_tagref, 0, nblocks);
	while (swap_bounce_npool < SWAP_BOUNCE_POOL &&
	    (m = vm_phys_alloc_pages(0)) != NULL) {
		pmap_zero_page(m);
		swap_bounce_pool[swap_bounce_npool++] = m;
	}
	swap_nblocks = nblocks;
	__atomic_store_n(&swap_disk, dp, __ATOMIC_RELEASE);
	printf("swap: %s, %lu MiB\n", dp->d_name,
	    (u_long)(nblocks * PAGE_SIZE) >> 20);
}

/* Bytes of swap in all: 0 without a swap disk. */
uint64_t
swap_pager_total(void)
{
	return ((uint64_t)__atomic_load_n(&swap_nblocks, __ATOMIC_RELAXED) *
	    PAGE_SIZE);
}

/* Bytes of swap in use, including blocks of writes still in flight. */
uint64_t
swap_pager_used(void)
{
	if (__atomic_load_n(&swap_disk, __ATOMIC_ACQUIRE) == NULL)
		return (0);
	return ((uint64_t)(swap_nblocks -
	    __atomic_load_n(&swap_slots.ss_nfree, __ATOMIC_RELAXED)) *
	    PAGE_SIZE);
}

/*
 * True if npages pages could be written now, counting the tag block a
 * cluster may need; a run of that many free blocks may still not exist.
 */
bool
swap_pager_avail(u_int npages)
{
	if (__atomic_load_n(&swap_disk, __ATOMIC_ACQUIRE) == NULL)
		return (false);
	return (__atomic_load_n(&swap_slots.ss_nfree, __ATOMIC_RELAXED) >=
	    npages + 1);
}

/*
 * Give back one page's blocks: its data block, and its share of the tag
 * block holding its record (freed with the last share).  swap_lock held.
 */
static void
swap_release(const struct swap_ent *se)
{
	swap_slots_free(&swap_slots, se->se_blk, 1);
	if (se->se_taglen == 0)
		return;
	KASSERT(swap_tagref[se->se_tagblk] > 0,
	    ("swap_release: tag block %u has no pages", se->se_tagblk));
	if (--swap_tagref[se->se_tagblk] == 0)
		swap_slots_free(&swap_slots, se->se_tagblk, 1);
}

/*
 * A page for a tag block, or NULL if none is free; *zero says whether
 * it is all zeroes.  Mostly one of the pool (zeroed), a pop under
 * swap_lock: no trip to vm_phys, no zeroing, and page-out can write
 * tagged pages when no page is free.  More I/O in flight than the pool
 * holds takes pages from vm_phys, as they are.  Takes swap_lock: an object's lock
 * may be held.
 */
static struct vm_page *
swap_bounce_get(bool *zero)
{
	struct vm_page *m = NULL;

	spin_lock(&swap_lock);
	if (swap_bounce_npool > 0)
		m = swap_bounce_pool[--swap_bounce_npool];
	spin_unlock(&swap_lock);
	*zero = m != NULL;
	if (m == NULL)
		m = vm_phys_alloc_pages(0);
	return (m);
}

/*
 * Give back a bounce page whose first len bytes held tags: they are
 * zeroed, so no copy of a swapped page's tags outlives the I/O.  It goes
 * back to the pool if there is room, all zeroes (the whole page is
 * zeroed unless it was zero past len: zero, as swap_bounce_get said),
 * else to vm_phys.  Interrupt context or not; takes swap_lock.
 */
static void
swap_bounce_put(struct vm_page *m, u_int len, bool zero)
{
	bool whole;

	/* A page not known zero is zeroed whole only if it may be pooled. */
	whole = !zero && __atomic_load_n(&swap_bounce_npool,
	    __ATOMIC_RELAXED) < SWAP_BOUNCE_POOL;
	memset(vm_page_to_dmap(m), 0, whole ? PAGE_SIZE : len);
	spin_lock(&swap_lock);
	if ((zero || whole) && swap_bounce_npool < SWAP_BOUNCE_POOL) {
		swap_bounce_pool[swap_bounce_npool++] = m;
		m = NULL;
	}
	spin_unlock(&swap_lock);
	if (m != NULL)
		vm_phys_free_pages(m, 0);
}

/*
 * The end of a page-out request, in interrupt context: each page's entry
 * becomes valid, or on error (or if it was freed meanwhile) goes with
 * its blocks; then the bounce page is wiped and freed and each page
 * reported.  A disk that ends a request inside disk_strategy() ends it
 * under the object's lock, which putpages holds then: it is not taken
 * again.
 */
static void
swap_pager_write_done(struct bio *bp)
{
	struct swap_write *sw = bp->bio_caller1;
	struct vm_object *object = sw->sw_object;
	struct swap_ent *se;
	int error = bp->bio_error, i;
	bool locked;

	locked = spin_owned(&object->lock);
	if (!locked)
		vm_object_lock(object);
	spin_lock(&swap_lock);
	for (i = 0; i < sw->sw_n; i++) {
		se = swap_map_lookup(&object->swp_map, sw->sw_pindex[i]);
		KASSERT(se != NULL && (se->se_flags & SWE_PENDING) != 0,
		    ("swap_pager_write_done: index %#lx of object %p not "
		    "being written", sw->sw_pindex[i], object));
		if (error != 0 || (se->se_flags & SWE_FREED) != 0) {
			swap_release(se);
			swap_map_remove(&object->swp_map, sw->sw_pindex[i]);
		} else
			se->se_flags = 0;
	}
	spin_unlock(&swap_lock);
	if (!locked)
		vm_object_unlock(object);
	if (error == 0) {
		swap_count(&swap_pager_counters.pgsout, sw->sw_n);
		swap_count(&swap_pager_counters.tagged_out, sw->sw_ntagged);
		swap_count(&swap_pager_counters.tag_bytes_out,
		    sw->sw_tagbytes);
	}
	if (sw->sw_bounce != NULL)
		swap_bounce_put(sw->sw_bounce,
		    roundup2(sw->sw_tagdirty, DEV_BSIZE), sw->sw_bounce_zero);
	for (i = 0; i < sw->sw_n; i++)
		sw->sw_done(sw->sw_pages[i], error);
	kfree(sw);
}

/*
 * Save the tags of sw's tagged pages straight into their records' places
 * in the tag block, a bounce page allocated at the first, and shorten
 * each in place (swap_tags_compress): the tags pass through no other
 * buffer.  Each record starts where the last ended, so before the last
 * page at most 31 * 128 bytes are taken and a raw record always fits.
 * Sets sw_taglen[] (0: untagged), sw_tagoff[], sw_tagdirty,
 * sw_ntagged and sw_tagbytes, and counts the saved pages once.  ENOMEM
 * if no page was free.
 */
static int
swap_pager_pack_tags(struct swap_write *sw)
{
	uint8_t *buf = NULL, *rec;
	u_int off = 0, len;
	int i, ntagged = 0;

	sw->sw_bounce = NULL;
	sw->sw_tagdirty = 0;
	for (i = 0; i < sw->sw_n; i++) {
		sw->sw_taglen[i] = 0;
		if (buf == NULL) {
			if (!vm_page_tagged(sw->sw_pages[i]))
				continue;
			sw->sw_bounce = swap_bounce_get(&sw->sw_bounce_zero);
			if (sw->sw_bounce == NULL)
				return (ENOMEM);
			buf = vm_page_to_dmap(sw->sw_bounce);
		}
		rec = buf + off;
		if (!vm_page_tag_save(sw->sw_pages[i], rec))
			continue;
		len = swap_tags_compress(rec);
		sw->sw_tagoff[i] = off;
		sw->sw_taglen[i] = len;
		sw->sw_tagdirty = off + MD_TAG_PAGE_BYTES;
		off += len;
		ntagged++;
	}
	sw->sw_tagbytes = off;
	sw->sw_ntagged = ntagged;
	if (ntagged > 0)
		vm_page_tag_saved(ntagged);
	return (0);
}

/*
 * Queue one write of ma[0..n) and their packed tag records (swap_pager.h):
 * records first (they decide whether a tag block is needed), then the
 * blocks, then the pending entries, then the request.  0, ENOSPC or
 * ENOMEM, with nothing left behind on failure.
 */
int
swap_pager_putpages(struct vm_object *object, struct vm_page **ma, int n,
    void (*done)(struct vm_page *m, int error))
{
	struct swap_write *sw;
	struct swap_ent *se;
	struct bio *bp;
	u_int nblk, len, end;
	swblk_t blk;
	int error, i;

	KASSERT(n >= 1 && n <= SWAP_PAGER_MAXPAGES,
	    ("swap_pager_putpages: %d pages", n));
	KASSERT(spin_owned(&object->lock),
	    ("swap_pager_putpages: object %p not locked", object));
	if (__atomic_load_n(&swap_disk, __ATOMIC_ACQUIRE) == NULL)
		return (ENOSPC);
	/* Not zeroed: each field is set before it is read (1.4 KiB). */
	sw = kmalloc(sizeof(*sw), M_NOWAIT);
	if (sw == NULL)
		return (ENOMEM);
	sw->sw_object = object;
	sw->sw_done = done;
	sw->sw_n = n;
	for (i = 0; i < n; i++) {
		KASSERT(ma[i]->object == object,
		    ("swap_pager_putpages: page %#lx not of object %p",
		    VM_PAGE_TO_PHYS(ma[i]), object));
		sw->sw_pages[i] = ma[i];
		sw->sw_pindex[i] = ma[i]->pindex;
	}
	if ((error = swap_pager_pack_tags(sw)) != 0)
		goto fail;

	nblk = n + (sw->sw_ntagged > 0);
	spin_lock(&swap_lock);
	blk = swap_slots_alloc(&swap_slots, nblk);
	if (blk != SWAP_SLOT_NONE && sw->sw_ntagged > 0)
		swap_tagref[blk + n] = sw->sw_ntagged;
	spin_unlock(&swap_lock);
	if (blk == SWAP_SLOT_NONE) {
		error = ENOSPC;
		goto fail;
	}
	for (i = 0; i < n; i++) {
		se = swap_map_insert(&object->swp_map, sw->sw_pindex[i]);
		if (se == NULL) {
			while (--i >= 0)
				swap_map_remove(&object->swp_map,
				    sw->sw_pindex[i]);
			spin_lock(&swap_lock);
			swap_tagref[blk + n] = 0;
			swap_slots_free(&swap_slots, blk, nblk);
			spin_unlock(&swap_lock);
			error = ENOMEM;
			goto fail;
		}
		se->se_blk = blk + i;
		se->se_flags = SWE_PENDING;
		if (sw->sw_taglen[i] != 0) {
			se->se_tagblk = blk + n;
			se->se_tagoff = sw->sw_tagoff[i];
			se->se_taglen = sw->sw_taglen[i];
		}
	}

	bp = &sw->sw_bio;
	bio_init(bp, swap_disk, BIO_WRITE, (off_t)blk * PAGE_SIZE);
	for (i = 0; i < n; i++) {
		bp->bio_segs[i].bs_addr = VM_PAGE_TO_PHYS(ma[i]);
		bp->bio_segs[i].bs_len = PAGE_SIZE;
	}
	bp->bio_nsegs = n;
	if (sw->sw_ntagged > 0) {
		/*
		 * Whole sectors.  The tail of the last one is written but
		 * never read: zeroed so that no stale memory reaches the
		 * disk.  A page from the pool is zero past the records but
		 * for the raw words of a last record shortened in place.
		 * The tag block is one more segment of the request.
		 */
		len = roundup2(sw->sw_tagbytes, DEV_BSIZE);
		end = sw->sw_bounce_zero ? MIN(len, sw->sw_tagdirty) : len;
		if (end > sw->sw_tagbytes)
			memset((char *)vm_page_to_dmap(sw->sw_bounce) +
			    sw->sw_tagbytes, 0, end - sw->sw_tagbytes);
		bp->bio_segs[n].bs_addr = VM_PAGE_TO_PHYS(sw->sw_bounce);
		bp->bio_segs[n].bs_len = len;
		bp->bio_nsegs++;
	}
	bp->bio_done = swap_pager_write_done;
	bp->bio_caller1 = sw;
	disk_strategy(bp);
	return (0);
fail:
	if (sw->sw_bounce != NULL)
		swap_bounce_put(sw->sw_bounce,
		    roundup2(sw->sw_tagdirty, DEV_BSIZE), sw->sw_bounce_zero);
	kfree(sw);
	return (error);
}

/* True if pindex's entry in map exists and its write has ended. */
static bool
swap_pager_valid(struct vm_object *object, vm_pindex_t pindex)
{
	struct swap_ent *se;

	se = swap_map_lookup(&object->swp_map, pindex);
	return (se != NULL && (se->se_flags & SWE_PENDING) == 0);
}

/* pindex's page is on swap, its write ended; neighbours for read-around. */
bool
swap_pager_haspage(struct vm_object *object, vm_pindex_t pindex,
    int *before, int *after)
{
	int i;

	KASSERT(spin_owned(&object->lock),
	    ("swap_pager_haspage: object %p not locked", object));
	if (!swap_pager_valid(object, pindex))
		return (false);
	if (before != NULL) {
		for (i = 0; i < SWAP_PAGER_MAXPAGES - 1 && i < pindex &&
		    swap_pager_valid(object, pindex - i - 1); i++)
			;
		*before = i;
	}
	if (after != NULL) {
		for (i = 0; i < SWAP_PAGER_MAXPAGES - 1 &&
		    pindex + i + 1 > pindex &&
		    swap_pager_valid(object, pindex + i + 1); i++)
			;
		*after = i;
	}
	return (true);
}

/*
 * Read the bytes [0, len) of block blk into the bounce page before the
 * pages ma[i..j) (whose data blocks are consecutive from blk - (j - i)),
 * in one request; either part may be empty.  Sleeps; returns 0 or EIO.
 */
static int
swap_pager_read(struct vm_page **ma, int i, int j, swblk_t first,
    struct vm_page *bounce, u_int len)
{
	struct bio bio;
	int k;

	bio_init(&bio, swap_disk, BIO_READ, (off_t)first * PAGE_SIZE);
	for (k = i; k < j; k++) {
		bio.bio_segs[bio.bio_nsegs].bs_addr = VM_PAGE_TO_PHYS(ma[k]);
		bio.bio_segs[bio.bio_nsegs++].bs_len = PAGE_SIZE;
	}
	if (len > 0) {
		bio.bio_segs[bio.bio_nsegs].bs_addr = VM_PAGE_TO_PHYS(bounce);
		bio.bio_segs[bio.bio_nsegs++].bs_len = roundup2(len,
		    DEV_BSIZE);
	}
	return (disk_io_wait(&bio) != 0 ? EIO : 0);
}

/*
 * Bytes of tag block tagblk that hold records of the pages se[tag[0..nt)]
 * whose tags are not restored yet (se_taglen not 0); 0 if none.
 */
static u_int
swap_pager_tag_extent(const struct swap_ent *se, const uint8_t *tag, int nt,
    swblk_t tagblk)
{
	const struct swap_ent *e;
	u_int end = 0;
	int j;

	for (j = 0; j < nt; j++) {
		e = &se[tag[j]];
		if (e->se_taglen != 0 && e->se_tagblk == tagblk)
			end = MAX(end, (u_int)e->se_tagoff + e->se_taglen);
	}
	return (end);
}

/*
 * Give the tagged pages ma[tag[0..nt)] whose records buf (tag block
 * tagblk, just read) holds their tags, straight from the records where
 * they lie (swap_tags_words, inline: a raw record is its own words, a
 * uniform one's come from a constant table), as one run (vm_page_tag_restore: one barrier, the
 * counters added once).  With all, every record is in buf (the whole
 * read was one tag block): nothing is tested or marked per page.  Else
 * each page restored is marked done in se[] (the caller's copy of the
 * entries: se_taglen 0).  Returns how many were restored, or -1, none
 * restored, if a record is damaged.
 */
static int
swap_pager_restore_tags(struct vm_page **ma, struct swap_ent *se,
    const uint8_t *tag, int nt, swblk_t tagblk, const uint8_t *buf, bool all)
{
	struct vm_page *pages[SWAP_PAGER_MAXPAGES];
	const uint8_t *words[SWAP_PAGER_MAXPAGES];
	struct swap_ent *e;
	int j, done = 0;

	for (j = 0; j < nt; j++) {
		e = &se[tag[j]];
		if (!all && (e->se_taglen == 0 || e->se_tagblk != tagblk))
			continue;
		words[done] = swap_tags_words(buf + e->se_tagoff,
		    e->se_taglen);
		if (words[done] == NULL)
			return (-1);
		pages[done++] = ma[tag[j]];
	}
	vm_page_tag_restore(pages, words, done);
	if (!all)
		for (j = 0; j < nt; j++)
			if (se[tag[j]].se_tagblk == tagblk)
				se[tag[j]].se_taglen = 0;
	return (done);
}

/*
 * Read ma[0..n) back, data and tags (swap_pager.h); their slots are freed
 * only once everything was read and every tag restored.
 */
int
swap_pager_getpages(struct vm_object *object, struct vm_page **ma, int n)
{
	struct swap_ent se[SWAP_PAGER_MAXPAGES], *e;
	uint8_t tag[SWAP_PAGER_MAXPAGES];
	struct vm_page *bounce;
	const uint8_t *buf;
	u_int len, readmax, oneend;
	bool zero = false;
	int done, error, i, j, k, ntagged, nleft;
	swblk_t tagblk, oneblk;

	KASSERT(n >= 1 && n <= SWAP_PAGER_MAXPAGES,
	    ("swap_pager_getpages: %d pages", n));
	KASSERT(!spin_owned(&object->lock),
	    ("swap_pager_getpages: object %p locked", object));
	/*
	 * While the entries are copied: the tagged pages' indexes (tag[]),
	 * and if every record is in one tag block (oneblk; SWAP_SLOT_NONE
	 * if they are in several), the bytes they take there (oneend), so
	 * that the common case, one cluster read back, needs no scan for its
	 * tag block's extent and no test per page of where a record is.
	 */
	ntagged = 0;
	oneblk = SWAP_SLOT_NONE;
	oneend = 0;
	vm_object_lock(object);
	for (i = 0; i < n; i++) {
		e = swap_map_lookup(&object->swp_map, ma[i]->pindex);
		KASSERT(e != NULL && (e->se_flags & SWE_PENDING) == 0,
		    ("swap_pager_getpages: index %#lx of object %p not on "
		    "swap", ma[i]->pindex, object));
		KASSERT(i == 0 || ma[i]->pindex == ma[i - 1]->pindex + 1,
		    ("swap_pager_getpages: indexes not consecutive"));
		se[i] = *e;
		if (e->se_taglen != 0) {
			if (ntagged == 0)
				oneblk = e->se_tagblk;
			else if (e->se_tagblk != oneblk)
				oneblk = SWAP_SLOT_NONE;
			tag[ntagged++] = i;
			oneend = MAX(oneend, (u_int)e->se_tagoff +
			    e->se_taglen);
		}
	}
	vm_object_unlock(object);

	bounce = NULL;
	if (ntagged > 0 && (bounce = swap_bounce_get(&zero)) == NULL)
		return (ENOMEM);
	buf = bounce != NULL ? vm_page_to_dmap(bounce) : NULL;
	readmax = 0;
	nleft = ntagged;
	error = 0;
	/*
	 * The data, a run of consecutive blocks per request; the tag block
	 * after a run (it was one cluster) comes in the same request.
	 */
	for (i = 0; i < n && error == 0; i = j) {
		for (j = i + 1; j < n && se[j].se_blk == se[j - 1].se_blk + 1;
		    j++)
			;
		tagblk = se[j - 1].se_blk + 1;
		if (nleft == 0)
			len = 0;
		else if (oneblk != SWAP_SLOT_NONE)
			len = tagblk == oneblk ? oneend : 0;
		else
			len = swap_pager_tag_extent(se, tag, ntagged, tagblk);
		error = swap_pager_read(ma, i, j, se[i].se_blk, bounce, len);
		readmax = MAX(readmax, len);
		if (error == 0 && len > 0) {
			done = swap_pager_restore_tags(ma, se, tag, ntagged,
			    tagblk, buf, oneblk != SWAP_SLOT_NONE);
			if (done < 0)
				error = EIO;
			else
				nleft -= done;
		}
	}
	/* Records whose tag block did not follow their data here. */
	for (k = 0; k < ntagged && nleft > 0 && error == 0; k++) {
		if (se[tag[k]].se_taglen == 0)
			continue;
		tagblk = se[tag[k]].se_tagblk;
		len = swap_pager_tag_extent(se, tag, ntagged, tagblk);
		error = swap_pager_read(ma, 0, 0, tagblk, bounce, len);
		readmax = MAX(readmax, len);
		if (error == 0) {
			done = swap_pager_restore_tags(ma, se, tag, ntagged,
			    tagblk, buf, oneblk != SWAP_SLOT_NONE);
			if (done < 0)
				error = EIO;
			else
				nleft -= done;
		}
	}
	/* Only the sectors read into the bounce page hold records. */
	if (bounce != NULL)
		swap_bounce_put(bounce, roundup2(readmax, DEV_BSIZE), zero);
	if (error != 0)
		return (error);

	/* The pages are the only copy now: their slots go. */
	vm_object_lock(object);
	spin_lock(&swap_lock);
	for (i = 0; i < n; i++) {
		e = swap_map_lookup(&object->swp_map, ma[i]->pindex);
		KASSERT(e != NULL, ("swap_pager_getpages: index %#lx lost",
		    ma[i]->pindex));
		swap_release(e);
		swap_map_remove(&object->swp_map, ma[i]->pindex);
	}
	spin_unlock(&swap_lock);
	vm_object_unlock(object);
	swap_count(&swap_pager_counters.pgsin, n);
	swap_count(&swap_pager_counters.tagged_in, ntagged);
	return (0);
}

/*
 * Free object's slots for [start, end); an entry whose write has not
 * ended is marked, and its slot freed when the write ends.
 */
void
swap_pager_freespace(struct vm_object *object, vm_pindex_t start,
    vm_pindex_t end)
{
	struct swap_ent *se;
	vm_pindex_t p;

	KASSERT(spin_owned(&object->lock),
	    ("swap_pager_freespace: object %p not locked", object));
	if (object->swp_map.sm_count == 0)
		return;
	spin_lock(&swap_lock);
	for (p = start; swap_map_next(&object->swp_map, &p, end); p++) {
		se = swap_map_lookup(&object->swp_map, p);
		if ((se->se_flags & SWE_PENDING) != 0) {
			se->se_flags |= SWE_FREED;
			continue;
		}
		swap_release(se);
		swap_map_remove(&object->swp_map, p);
	}
	spin_unlock(&swap_lock);
}

/*
 * True if src's entry at p moves to dst in a copy at offset: it lies in
 * dst's window and dst has that index neither resident nor on swap.
 */
static bool
swap_pager_copy_moves(struct vm_object *dst, vm_pindex_t p,
    vm_pindex_t offset)
{
	return (p >= offset && p - offset < dst->size &&
	    vm_page_lookup(dst, p - offset) == NULL &&
	    swap_map_lookup(&dst->swp_map, p - offset) == NULL);
}

/*
 * Two passes, so a collapse never loses a page to a failed allocation:
 * the first makes every chunk dst will need (or, out of memory, undoes
 * that and changes nothing), the second moves entries, which then cannot
 * fail, and frees the others.
 */
int
swap_pager_copy(struct vm_object *src, struct vm_object *dst,
    vm_pindex_t offset)
{
	struct swap_ent *se, *dse;
	vm_pindex_t p, q;
	int error = 0;

	KASSERT(spin_owned(&src->lock) && spin_owned(&dst->lock),
	    ("swap_pager_copy: objects %p, %p not locked", src, dst));
	for (p = 0; swap_map_next(&src->swp_map, &p, OBJ_MAX_PINDEX); p++) {
		KASSERT((swap_map_lookup(&src->swp_map, p)->se_flags &
		    SWE_PENDING) == 0,
		    ("swap_pager_copy: index %#lx of object %p being written",
		    p, src));
		if (swap_pager_copy_moves(dst, p, offset) &&
		    (error = swap_map_prepare(&dst->swp_map, p - offset)) != 0)
			break;
	}
	if (error != 0) {
		for (q = 0; q < p &&
		    swap_map_next(&src->swp_map, &q, p); q++)
			if (q >= offset)
				swap_map_unprepare(&dst->swp_map, q - offset);
		return (error);
	}
	spin_lock(&swap_lock);
	for (p = 0; swap_map_next(&src->swp_map, &p, OBJ_MAX_PINDEX); p++) {
		se = swap_map_lookup(&src->swp_map, p);
		if (swap_pager_copy_moves(dst, p, offset)) {
			dse = swap_map_insert(&dst->swp_map, p - offset);
			KASSERT(dse != NULL, ("swap_pager_copy: chunk for "
			    "%#lx not prepared", p - offset));
			*dse = *se;
		} else
			swap_release(se);
		swap_map_remove(&src->swp_map, p);
	}
	spin_unlock(&swap_lock);
	return (0);
}
