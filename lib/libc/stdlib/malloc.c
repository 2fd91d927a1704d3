/*
 * malloc(3), with an optional tagged heap (docs/malloc.md).
 *
 * Small requests (up to 32 KiB) are rounded up to one of 40 size classes:
 * 16 to 128 bytes in steps of 16, then four classes per power of two, so
 * no more than 25% is lost to rounding.  Each class cuts its chunks from
 * its own slabs ("regions", at least 128 KiB), so the neighbours of a
 * chunk are chunks of the same size:
 *
 *   region:  pad | hdr chunk0 | hdr chunk1 | ... | pad
 *
 * A 16-byte header (one MTE granule) precedes every chunk, so every
 * pointer handed out is 16-byte aligned.  Larger requests get a mapping
 * of their own with an inaccessible guard page after it.  A table of the
 * regions (sorted by address) and a list of the large mappings let free()
 * tell a pointer malloc returned from anything else.
 *
 * Tagged heap (MALLOC_TAGGING or malloc_set_tagging(), <malloc_np.h>):
 * regions and large mappings are PROT_MTE.  Headers and pads keep tag 0,
 * which no chunk ever gets.  A chunk's tag is random and differs from 0,
 * from both neighbouring chunks' tags and from its own last two tags; it
 * covers the granules up to the requested size rounded to a granule, and
 * the rest of the slot has tag 0.  So a linear overflow or underflow
 * always faults, and so does a stale pointer.  The tag is chosen when the
 * chunk is freed: free() retags the whole slot with the chunk's next tag,
 * so that malloc() only takes it from the free list's pointer and clears
 * the granules past the size (a fresh chunk gets its first tag at
 * malloc).  Allocation and free stacks go to a ring of records the header
 * points into, and a tag fault on the heap is described in words by
 * __malloc_fault() (malloc_tag.c's SIGSEGV handler calls it).
 *
 * Errors malloc sees itself (double free, free of a pointer it did not
 * return, a freed chunk written through a stale pointer) are reported the
 * same way and abort the program before the heap is changed.
 *
 * Threads: each thread keeps the chunks it frees in a cache per class
 * (struct tcache_bin, up to TCACHE_MAX) and allocates from it without a
 * lock; a full cache hands its oldest chunks to the class's shared free
 * list, an empty one takes up to TCACHE_BATCH from it, and an ending
 * thread hands back all it has.  One lock per class covers its shared
 * list and slab, one the region table, one the large list; each is held
 * for a few loads and stores, never while tags are set or stacks walked.
 * A chunk changes state by compare-and-swap of its header's magic, so two
 * threads freeing the same chunk cannot both succeed.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <errno.h>
#include <malloc_np.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libc_lock.h"
#include "stdlib/malloc_tag.h"

#define	GRANULE		MALLOC_GRANULE
#define	NCLASSES	40
#define	SMALL_MAX	32768		/* the largest class */
#define	REGION_MIN	(128 * 1024)	/* smallest slab */
#define	REGION_CHUNKS	4		/* chunks at least in a slab */
#define	MAX_REGIONS	4096
#define	LARGE_FREED	8		/* freed large chunks remembered */
#define	RING_SIZE	8192		/* stack records */
#define	FAULT_SEARCH	256		/* chunks a report looks either side */
#define	TCACHE_MAX	32		/* freed chunks a thread keeps */
#define	TCACHE_BATCH	16		/* moved at once to or from a class */

#define	CLASS_MASK	0x3f		/* mh_class: the class index or: */
#define	CLASS_BIG	0x3e		/* a chunk mapped alone */
#define	CLASS_ALIGNED	0x3f		/* points into another chunk */
#define	CHUNK_FIRST	0x40		/* mh_class: first in its region */
#define	CHUNK_LAST	0x80		/* mh_class: last in its region */
#define	MAGIC_USED	0xa110		/* mh_magic: allocated */
#define	MAGIC_FREE	0xf4ee		/* mh_magic: freed */
#define	LINK_KEY	0x3c3c3c3c3c3c3c3cUL	/* checks a free link; an
					   immediate operand of EOR */

#define	TAG_SHIFT	56

/*
 * The header before each chunk (tag 0).  mh_size is the size asked for
 * (a small chunk), or the distance back to the chunk really allocated
 * (CLASS_ALIGNED, made by posix_memalign); a large chunk's size is in
 * its struct lhdr.
 */
struct mhdr {
	uint32_t	mh_size;
	uint16_t	mh_magic;	/* MAGIC_USED or MAGIC_FREE (atomic) */
	uint8_t		mh_class;	/* class index | CHUNK_FIRST/LAST */
	uint8_t		mh_tags;	/* bits 3:0 this (or the last)
					   allocation's tag, 7:4 the one before */
	uint32_t	mh_alloc_rec;	/* stack_record()'s, or 0 */
	uint32_t	mh_free_rec;	/* the same for the free */
};
_Static_assert(sizeof(struct mhdr) == GRANULE, "header is one granule");

/* The start of a large chunk's mapping; the chunk follows. */
struct lhdr {
	struct lhdr	*lh_next;	/* (large_lock) */
	struct lhdr	*lh_prev;	/* (large_lock) */
	size_t		lh_maplen;	/* (C) bytes mapped, guard included */
	size_t		lh_size;	/* bytes asked for */
	struct mhdr	lh_common;
};
_Static_assert(sizeof(struct lhdr) % GRANULE == 0, "chunk stays aligned");

/* A freed small chunk: its free-list link, and the link ^ LINK_KEY. */
struct mfree {
	uintptr_t	mf_next;
	uintptr_t	mf_check;
};

/* A slab of one class. */
struct region {
	uintptr_t	r_start;	/* (C) */
	uintptr_t	r_end;		/* (C) */
	size_t		r_stride;	/* (C) header + class size */
	unsigned int	r_class;	/* (C) */
};

/* A class's free list and the slab it cuts new chunks from. */
struct class_state {
	uint32_t	cs_lock;
	uintptr_t	cs_free;	/* (cs_lock) tagged pointer or 0 */
	uintptr_t	cs_first;	/* (cs_lock) the slab's first header */
	uintptr_t	cs_next;	/* (cs_lock) next header to cut */
	uintptr_t	cs_end;		/* (cs_lock) */
};

/*
 * A thread's cache of freed chunks of one class: a list linked as the
 * class's own (struct mfree), so it is checked the same way, which the
 * thread alone uses, without a lock.  tb_head and tb_tail are tagged
 * pointers (the tag the chunk's memory holds), or 0.
 */
struct tcache_bin {
	uintptr_t	tb_head;
	uintptr_t	tb_tail;	/* the oldest; valid if tb_count > 0 */
	uint32_t	tb_count;
};

/* Where a chunk was allocated or freed. */
struct stack_rec {
	uintptr_t	sr_pc[MALLOC_STACK_DEPTH];	/* ends at a 0 or
							   the depth */
};

/* A large chunk freed lately, for use-after-free reports. */
struct large_freed {
	uintptr_t	lf_start;
	uintptr_t	lf_end;
	uintptr_t	lf_chunk;
	size_t		lf_size;
	uint32_t	lf_alloc_rec;
	uint32_t	lf_free_rec;
};

/* What the caller was doing when malloc found a bad pointer. */
enum malloc_op { OP_FREE, OP_REALLOC, OP_SIZE };

static struct class_state classes[NCLASSES];
static uint32_t	region_lock;
static struct region regions[MAX_REGIONS];	/* (region_lock) sorted */
static unsigned int nregions;			/* (region_lock) */
static uint32_t	large_lock;
static struct lhdr *large_list;			/* (large_lock) */
static struct large_freed large_freed[LARGE_FREED];	/* (large_lock) */
static unsigned int large_freed_next;		/* (large_lock) */

static uint32_t	init_lock;
static int	initialized;		/* (A) the heap's kind is fixed */
static int	requested_mode = -1;	/* (init_lock) malloc_set_tagging */
static int	heap_mode;		/* (C after init) MALLOC_TAGGING_* */
static bool	tagged;			/* (C after init) */
static struct stack_rec *ring;		/* (C after init) when tagged */
static uint32_t	ring_next;		/* (A) */
/*
 * own_tags[mh_tags]: the header's two tags (this life's and the last
 * one's) as an exclude mask, for the tag a freed chunk gets next.  A
 * table, since free needs it on every call.
 */
static uint16_t own_tags[256];		/* (C after init) */

/* The calling thread's: its cached chunks and the region it freed into last. */
static __thread struct tcache_bin tcache[NCLASSES];
static __thread struct region tcache_region;

#define	HDR(a)		((struct mhdr *)(a) - 1)
#define	UNLIKELY(x)	__builtin_expect(!!(x), 0)

/*
 * The public calls pass their own frame record down, for the stacks the
 * ring keeps; a tail call would free that frame before it is walked.
 */
#if __has_attribute(disable_tail_calls)
#define	KEEP_FRAME	__attribute__((disable_tail_calls))
#else
#define	KEEP_FRAME	__attribute__((optimize("no-optimize-sibling-calls")))
#endif

/* p without its top byte. */
static inline uintptr_t
untag(const void *p)
{

	return ((uintptr_t)p & ~(0xffUL << TAG_SHIFT));
}

/* The tag pointer p carries. */
static inline unsigned int
ptr_tag(const void *p)
{

	return (((uintptr_t)p >> TAG_SHIFT) & 0xf);
}

/* Address a carrying tag t. */
static inline void *
with_tag(uintptr_t a, unsigned int t)
{

	return ((void *)(a | (uintptr_t)t << TAG_SHIFT));
}

/* n rounded up to a whole number of granules. */
static inline size_t
granules(size_t n)
{

	return ((n + GRANULE - 1) & ~(size_t)(GRANULE - 1));
}

/* The class index of a small request (size <= SMALL_MAX). */
static unsigned int
size_class(size_t size)
{
	unsigned int b;

	if (size <= 128)
		return (size == 0 ? 0 : (size - 1) / 16);
	/* size - 1 lies in [2^b, 2^(b+1)); four classes split that range. */
	b = 63 - __builtin_clzl(size - 1);
	return (8 + (b - 7) * 4 + ((size - 1 - ((size_t)1 << b)) >> (b - 2)));
}

/*
 * The chunk sizes, by class: 16 to 128 in steps of 16, then four per
 * power of two (size_class() is their inverse).  A table, since the
 * tagged malloc needs the size on every call.
 */
static const uint32_t class_bytes[NCLASSES] = {
	16, 32, 48, 64, 80, 96, 112, 128,
	160, 192, 224, 256, 320, 384, 448, 512,
	640, 768, 896, 1024, 1280, 1536, 1792, 2048,
	2560, 3072, 3584, 4096, 5120, 6144, 7168, 8192,
	10240, 12288, 14336, 16384, 20480, 24576, 28672, 32768,
};
_Static_assert(sizeof(class_bytes) / sizeof(class_bytes[0]) == NCLASSES &&
    SMALL_MAX == 32768, "a size per class, the last SMALL_MAX");

/* The chunk size of class c. */
static inline size_t
class_size(unsigned int c)
{

	return (class_bytes[c]);
}

/*
 * The mode MALLOC_TAGGING asks for: off if unset or not understood (a
 * typo must not stop the program).
 */
static int
env_mode(void)
{
	const char *v;

	if ((v = getenv("MALLOC_TAGGING")) == NULL)
		return (MALLOC_TAGGING_OFF);
	if (strcmp(v, "sync") == 0)
		return (MALLOC_TAGGING_SYNC);
	if (strcmp(v, "async") == 0)
		return (MALLOC_TAGGING_ASYNC);
	if (strcmp(v, "asymm") == 0)
		return (MALLOC_TAGGING_ASYMM);
	return (MALLOC_TAGGING_OFF);
}

/*
 * Decide once, at the first allocation (malloc_init()), whether the heap
 * is tagged: as malloc_set_tagging() asked, else as MALLOC_TAGGING says,
 * and only if the machine has MTE.  ASYMM without FEAT_MTE3 falls back
 * to SYNC.
 */
static void
malloc_init_slow(void)
{
	unsigned int i;
	int mode;
	void *r;

	__libc_lock_acquire(&init_lock);
	if (!initialized) {
		for (i = 0; i < 256; i++)
			own_tags[i] = (uint16_t)(1U << (i & 0xf) |
			    1U << (i >> 4));
		mode = requested_mode >= 0 ? requested_mode : env_mode();
		if (mode != MALLOC_TAGGING_OFF && __malloc_mte_present()) {
			if (__malloc_tag_enable(mode) != 0 &&
			    mode == MALLOC_TAGGING_ASYMM)
				mode = MALLOC_TAGGING_SYNC;
			r = mmap(NULL, RING_SIZE * sizeof(struct stack_rec),
			    PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON,
			    -1, 0);
			if (r != MAP_FAILED && __malloc_tag_enable(mode) == 0) {
				ring = r;
				heap_mode = mode;
				tagged = true;
				__malloc_handler_install();
			}
		}
		__atomic_store_n(&initialized, 1, __ATOMIC_RELEASE);
	}
	__libc_lock_release(&init_lock);
}

/* The heap's kind is fixed when this returns (malloc_init_slow()). */
static inline void
malloc_init(void)
{

	if (UNLIKELY(!__atomic_load_n(&initialized, __ATOMIC_ACQUIRE)))
		malloc_init_slow();
}

/* See <malloc_np.h>. */
int
malloc_set_tagging(int mode)
{
	int error = 0;

	if (mode < MALLOC_TAGGING_OFF || mode > MALLOC_TAGGING_ASYMM) {
		errno = EINVAL;
		return (-1);
	}
	__libc_lock_acquire(&init_lock);
	if (initialized)
		error = EBUSY;
	else
		requested_mode = mode;
	__libc_lock_release(&init_lock);
	if (error != 0) {
		errno = error;
		return (-1);
	}
	return (0);
}

/* See <malloc_np.h>. */
int
malloc_tagging(void)
{

	malloc_init();
	return (tagged ? heap_mode : MALLOC_TAGGING_OFF);
}

/*
 * Record the stack above frame fp in the ring; the heap is tagged (an
 * untagged heap keeps no stacks: its headers hold 0).  Returns what a
 * header keeps: the record's sequence number + 1 (its slot is that number
 * modulo RING_SIZE, and report_stack() can tell from ring_next whether
 * the slot has been reused since).
 */
static uint32_t
stack_record(void *fp)
{
	uint32_t seq;

	seq = __atomic_fetch_add(&ring_next, 1, __ATOMIC_RELAXED);
	__malloc_stack(fp, ring[seq % RING_SIZE].sr_pc);
	return (seq + 1);
}

/*
 * Write one report line (printf-style) to stderr.  No allocation and no
 * stdio buffer, so it may run in a signal handler.
 */
static void __printflike(1, 2)
report_line(const char *fmt, ...)
{
	char line[200];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	(void)write(STDERR_FILENO, line, n);
}

/* Print the stack of record rec (a header's) as what. */
static void
report_stack(const char *what, uint32_t rec)
{
	struct stack_rec *sr;
	uint32_t i;

	if (rec == 0 || ring == NULL)
		return;
	if (__atomic_load_n(&ring_next, __ATOMIC_RELAXED) - (rec - 1) >
	    RING_SIZE) {
		report_line("  %s: (stack no longer recorded)", what);
		return;
	}
	sr = &ring[(rec - 1) % RING_SIZE];
	report_line("  %s:", what);
	for (i = 0; i < MALLOC_STACK_DEPTH && sr->sr_pc[i] != 0; i++)
		report_line("    #%u 0x%016lx", i, (unsigned long)sr->sr_pc[i]);
}

/* The chunk part of a report: where it is, how big, its stacks. */
static void
report_chunk(uintptr_t d, size_t size, unsigned int tag, uint32_t alloc_rec,
    uint32_t free_rec)
{

	report_line("  chunk 0x%016lx, %zu bytes, tag 0x%x",
	    (unsigned long)(uintptr_t)with_tag(d, tag), size, tag);
	report_stack("allocated at", alloc_rec);
	report_stack("freed at", free_rec);
}

/* The region holding address a, or NULL; region_lock held (or racy). */
static struct region *
region_find(uintptr_t a)
{
	unsigned int lo = 0, hi = nregions, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (a < regions[mid].r_start)
			hi = mid;
		else if (a >= regions[mid].r_end)
			lo = mid + 1;
		else
			return (&regions[mid]);
	}
	return (NULL);
}

/*
 * Add a region of class c; returns its first header address, or 0 if
 * out of memory.  Called with classes[c].cs_lock held.
 */
static uintptr_t
region_add(unsigned int c)
{
	size_t stride, len, pg;
	unsigned int i;
	void *p;
	int prot;

	pg = getpagesize();
	stride = sizeof(struct mhdr) + class_size(c);
	len = REGION_CHUNKS * stride + 2 * GRANULE;
	if (len < REGION_MIN)
		len = REGION_MIN;
	len = (len + pg - 1) & ~(pg - 1);
	prot = PROT_READ | PROT_WRITE | (tagged ? PROT_MTE : 0);
	p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANON, -1, 0);
	if (p == MAP_FAILED)
		return (0);
	__libc_lock_acquire(&region_lock);
	if (nregions == MAX_REGIONS) {
		__libc_lock_release(&region_lock);
		munmap(p, len);
		return (0);
	}
	for (i = nregions; i > 0 && regions[i - 1].r_start > (uintptr_t)p; i--)
		regions[i] = regions[i - 1];
	regions[i].r_start = (uintptr_t)p;
	regions[i].r_end = (uintptr_t)p + len;
	regions[i].r_stride = stride;
	regions[i].r_class = c;
	nregions++;
	__libc_lock_release(&region_lock);
	classes[c].cs_first = (uintptr_t)p + GRANULE;
	classes[c].cs_next = (uintptr_t)p + GRANULE;
	classes[c].cs_end = (uintptr_t)p + len - GRANULE;
	return (classes[c].cs_next);
}

/* Abort: the heap was found damaged at a (what says how). */
static void __attribute__((__noreturn__))
heap_corrupted(const char *what, uintptr_t a)
{

	report_line("malloc: heap corruption: %s (at 0x%016lx)", what,
	    (unsigned long)a);
	abort();
}

/*
 * The tags a new tag of the chunk with header h at d must avoid: 0, the
 * tags its neighbours' first granules hold, and the given tags.
 */
static unsigned int
tag_exclude(struct mhdr *h, uintptr_t d, size_t stride, unsigned int also)
{
	unsigned int excl = 1 | also;

	if ((h->mh_class & CHUNK_FIRST) == 0)
		excl |= 1U << __malloc_tag_get((void *)(d - stride));
	if ((h->mh_class & CHUNK_LAST) == 0)
		excl |= 1U << __malloc_tag_get((void *)(d + stride));
	return (excl);
}

/*
 * Check the link of the freed chunk f (tagged) and return the next one;
 * a link overwritten through a stale pointer stops the program.
 */
static inline uintptr_t
free_next(struct mfree *f)
{
	uintptr_t next = f->mf_next;

	if (UNLIKELY((next ^ LINK_KEY) != f->mf_check))
		heap_corrupted("a freed chunk was written after free "
		    "(use after free)", untag(f));
	return (next);
}

/* Make f (tagged) link to next. */
static inline void
free_link(struct mfree *f, uintptr_t next)
{

	f->mf_next = next;
	f->mf_check = next ^ LINK_KEY;
}

/*
 * Move up to TCACHE_BATCH chunks from class c's free list into the
 * calling thread's empty bin b.  Returns false if the class had none.
 */
static bool
tcache_refill(unsigned int c, struct tcache_bin *b)
{
	struct class_state *cs = &classes[c];
	uintptr_t head, last;
	uint32_t n;

	__libc_lock_acquire(&cs->cs_lock);
	head = last = cs->cs_free;
	for (n = 0; last != 0 && n < TCACHE_BATCH; n++) {
		b->tb_tail = last;
		last = free_next((struct mfree *)last);
	}
	cs->cs_free = last;
	__libc_lock_release(&cs->cs_lock);
	if (n == 0)
		return (false);
	free_link((struct mfree *)b->tb_tail, 0);
	b->tb_head = head;
	b->tb_count = n;
	return (true);
}

/*
 * Give class c all but the newest keep chunks of the calling thread's
 * bin b (keep < b->tb_count), so other threads can reuse them.
 */
static void
tcache_flush(unsigned int c, struct tcache_bin *b, uint32_t keep)
{
	struct class_state *cs = &classes[c];
	uintptr_t first, last = 0;
	uint32_t i;

	first = b->tb_head;
	for (i = 0; i < keep; i++) {
		last = first;
		first = free_next((struct mfree *)first);
	}
	__libc_lock_acquire(&cs->cs_lock);
	free_link((struct mfree *)b->tb_tail, cs->cs_free);
	cs->cs_free = first;
	__libc_lock_release(&cs->cs_lock);
	if (keep == 0) {
		b->tb_head = 0;
	} else {
		free_link((struct mfree *)last, 0);
		b->tb_tail = last;
	}
	b->tb_count = keep;
}

/* See libc_private.h: a thread's cached chunks go back to their classes. */
void
__malloc_thread_exit(void)
{
	unsigned int c;

	for (c = 0; c < NCLASSES; c++)
		if (tcache[c].tb_count != 0)
			tcache_flush(c, &tcache[c], 0);
}

/*
 * A chunk of class c never allocated before, cut from the class's slab,
 * for size bytes, as small_alloc().  Its memory has tag 0, so it gets a
 * tag here; freed chunks get theirs when they are freed.
 */
static void *
fresh_alloc(unsigned int c, size_t size, bool zero, void *fp)
{
	struct class_state *cs = &classes[c];
	struct mhdr *h;
	size_t stride;
	uintptr_t d;
	void *p;

	stride = sizeof(struct mhdr) + class_size(c);
	__libc_lock_acquire(&cs->cs_lock);
	if (cs->cs_next == 0 || cs->cs_next + stride > cs->cs_end) {
		if (region_add(c) == 0) {
			__libc_lock_release(&cs->cs_lock);
			return (NULL);
		}
	}
	h = (struct mhdr *)cs->cs_next;
	h->mh_class = c;
	if (cs->cs_next == cs->cs_first)
		h->mh_class |= CHUNK_FIRST;
	cs->cs_next += stride;
	if (cs->cs_next + stride > cs->cs_end)
		h->mh_class |= CHUNK_LAST;
	h->mh_tags = 0;
	h->mh_magic = MAGIC_USED;
	__libc_lock_release(&cs->cs_lock);
	d = (uintptr_t)(h + 1);
	h->mh_size = (uint32_t)size;
	h->mh_free_rec = 0;
	if (!tagged) {
		if (zero)
			memset((void *)d, 0, size);
		return ((void *)d);
	}
	p = __malloc_tag_random((void *)d, tag_exclude(h, d, stride, 0));
	if (zero)
		__malloc_tag_set_zero(p, granules(size));
	else
		__malloc_tag_set(p, granules(size));
	h->mh_tags = (uint8_t)ptr_tag(p);
	h->mh_alloc_rec = stack_record(fp);
	return (p);
}

/*
 * A chunk of class c for size bytes (zeroed if zero), tagged if the heap
 * is; fp is the frame of the public call.  NULL if out of memory.  A
 * freed chunk already holds its next tag (small_free() set it on the
 * whole slot), so only the granules past size lose it here, to tag 0.
 */
static void *
small_alloc(unsigned int c, size_t size, bool zero, void *fp)
{
	struct tcache_bin *b = &tcache[c];
	struct mfree *f;
	struct mhdr *h;
	size_t csize, used;
	uintptr_t d;

	if (b->tb_count == 0 && !tcache_refill(c, b))
		return (fresh_alloc(c, size, zero, fp));
	f = (struct mfree *)b->tb_head;
	d = untag(f);
	h = HDR(d);
	if (UNLIKELY(h->mh_magic != MAGIC_FREE ||
	    (h->mh_class & CLASS_MASK) != c))
		heap_corrupted("a free chunk's header was overwritten", d);
	b->tb_head = free_next(f);
	b->tb_count--;
	__atomic_store_n(&h->mh_magic, MAGIC_USED, __ATOMIC_RELAXED);
	h->mh_size = (uint32_t)size;
	h->mh_free_rec = 0;
	if (!tagged) {
		if (zero)
			memset(f, 0, size);
		return (f);
	}
	csize = class_size(c);
	used = granules(size);
	if (zero)
		__malloc_tag_set_zero(f, used);
	if (used < csize)
		__malloc_tag_set((void *)(d + used), csize - used);
	h->mh_tags = (uint8_t)(ptr_tag(f) | (h->mh_tags & 0xf) << 4);
	h->mh_alloc_rec = stack_record(fp);
	return (f);
}

/* A chunk mapped alone for size bytes, as small_alloc(); NULL if no memory. */
static void *
large_alloc(size_t size, bool zero, void *fp)
{
	struct lhdr *lh;
	size_t len, pg;
	uintptr_t d;
	void *p;
	int prot;

	(void)zero;		/* a fresh mapping is zero */
	pg = getpagesize();
	if (size > SIZE_MAX - sizeof(struct lhdr) - 2 * pg)
		return (NULL);
	len = ((size + sizeof(struct lhdr) + pg - 1) & ~(pg - 1)) + pg;
	prot = PROT_READ | PROT_WRITE | (tagged ? PROT_MTE : 0);
	if ((lh = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANON, -1, 0)) ==
	    MAP_FAILED)
		return (NULL);
	if (mprotect((char *)lh + len - pg, pg, PROT_NONE) != 0) {
		munmap(lh, len);
		return (NULL);
	}
	lh->lh_maplen = len;
	lh->lh_size = size;
	lh->lh_common.mh_class = CLASS_BIG;
	lh->lh_common.mh_magic = MAGIC_USED;
	d = (uintptr_t)(lh + 1);
	p = (void *)d;
	if (tagged) {
		p = __malloc_tag_random(p, 1);
		__malloc_tag_set(p, granules(size));
		lh->lh_common.mh_tags = (uint8_t)ptr_tag(p);
		lh->lh_common.mh_alloc_rec = stack_record(fp);
	}
	__libc_lock_acquire(&large_lock);
	lh->lh_prev = NULL;
	lh->lh_next = large_list;
	if (large_list != NULL)
		large_list->lh_prev = lh;
	large_list = lh;
	__libc_lock_release(&large_lock);
	return (p);
}

/* malloc(size) for the public calls; fp is the caller's frame. */
static void *
malloc_frame(size_t size, bool zero, void *fp)
{
	void *p;

	malloc_init();
	if (size <= SMALL_MAX)
		p = small_alloc(size_class(size), size, zero, fp);
	else
		p = large_alloc(size, zero, fp);
	if (p == NULL)
		errno = ENOMEM;
	return (p);
}

/* size bytes, 16-byte aligned, or NULL with errno ENOMEM. */
KEEP_FRAME void *
malloc(size_t size)
{

	return (malloc_frame(size, false, __builtin_frame_address(0)));
}

/* n * size zeroed bytes, or NULL with errno ENOMEM (also on overflow). */
KEEP_FRAME void *
calloc(size_t n, size_t size)
{
	size_t total;

	if (__builtin_mul_overflow(n, size, &total)) {
		errno = ENOMEM;
		return (NULL);
	}
	return (malloc_frame(total, true, __builtin_frame_address(0)));
}

/*
 * A chunk as the report and the checks see it: found from any address in
 * its slot (small) or mapping (large).
 */
struct chunk {
	struct mhdr	*c_hdr;
	uintptr_t	c_data;		/* untagged start */
	uintptr_t	c_slot_end;	/* end of its slot or mapping */
	size_t		c_size;		/* bytes asked for */
	struct region	*c_region;	/* NULL: large */
	struct lhdr	*c_large;
};

/* Fill *ch for chunk index i of region r. */
static void
chunk_at(struct region *r, uintptr_t i, struct chunk *ch)
{
	uintptr_t slot;

	slot = r->r_start + GRANULE + i * r->r_stride;
	ch->c_hdr = (struct mhdr *)slot;
	ch->c_data = slot + sizeof(struct mhdr);
	ch->c_slot_end = slot + r->r_stride;
	ch->c_size = ch->c_hdr->mh_size;
	ch->c_region = r;
	ch->c_large = NULL;
}

/* Number of chunk slots region r has room for. */
static uintptr_t
region_slots(struct region *r)
{

	return ((r->r_end - r->r_start - 2 * GRANULE) / r->r_stride);
}

/*
 * The chunk whose slot or mapping holds address a (untagged), in *ch:
 * true if there is one.  With lock (malloc's own calls), the region is
 * the calling thread's last one if a lies in it, else found with
 * region_lock held and copied to be the thread's last (regions never
 * change or go, but the table's entries move when one is added), and a
 * large chunk is looked up with large_lock held.  Without (the fault
 * handler, which must not disturb the thread's state), both are looked
 * up racily.
 */
static bool
chunk_find(uintptr_t a, struct chunk *ch, bool lock)
{
	struct region *r;
	struct lhdr *lh;
	uintptr_t i;

	if (!lock) {
		r = region_find(a);
	} else if (a - tcache_region.r_start < tcache_region.r_end -
	    tcache_region.r_start) {
		r = &tcache_region;
	} else {
		__libc_lock_acquire(&region_lock);
		r = region_find(a);
		if (r != NULL) {
			tcache_region = *r;
			r = &tcache_region;
		}
		__libc_lock_release(&region_lock);
	}
	if (r != NULL) {
		if (a < r->r_start + GRANULE)
			i = 0;
		else
			i = (a - r->r_start - GRANULE) / r->r_stride;
		if (i >= region_slots(r))
			i = region_slots(r) - 1;
		chunk_at(r, i, ch);
		return (true);
	}
	if (lock)
		__libc_lock_acquire(&large_lock);
	for (lh = large_list; lh != NULL; lh = lh->lh_next)
		if (a >= (uintptr_t)lh && a < (uintptr_t)lh + lh->lh_maplen)
			break;
	if (lh != NULL) {
		ch->c_hdr = &lh->lh_common;
		ch->c_data = (uintptr_t)(lh + 1);
		ch->c_slot_end = (uintptr_t)lh + lh->lh_maplen;
		ch->c_size = lh->lh_size;
		ch->c_region = NULL;
		ch->c_large = lh;
	}
	if (lock)
		__libc_lock_release(&large_lock);
	return (lh != NULL);
}

/* True if a was a large chunk freed lately. */
static bool
large_was_freed(uintptr_t a)
{
	unsigned int i;
	bool found = false;

	__libc_lock_acquire(&large_lock);
	for (i = 0; i < LARGE_FREED; i++)
		if (large_freed[i].lf_chunk == a)
			found = true;
	__libc_lock_release(&large_lock);
	return (found);
}

/* Report a bad free/realloc of p and abort: what the allocator saw. */
static void __attribute__((__noreturn__))
bad_pointer(enum malloc_op op, const char *kind, const void *p,
    const struct chunk *ch)
{
	static const char *const opname[] = { "free", "realloc",
	    "malloc_usable_size" };

	report_line("malloc: %s: %s(0x%016lx)", kind, opname[op],
	    (unsigned long)(uintptr_t)p);
	if (ch != NULL) {
		report_line("  pointer tag 0x%x, chunk tag 0x%x",
		    ptr_tag(p), ch->c_hdr->mh_tags & 0xf);
		report_chunk(ch->c_data, ch->c_size, ch->c_hdr->mh_tags & 0xf,
		    ch->c_hdr->mh_alloc_rec, ch->c_hdr->mh_free_rec);
	}
	abort();
}

/*
 * The chunk p points to, checked: p must be what malloc or
 * posix_memalign returned and not yet freed, else the program stops with
 * a report saying which mistake op made.  *ch gets the chunk really
 * allocated (an aligned pointer leads back to it).
 */
static void
chunk_of(void *p, enum malloc_op op, struct chunk *ch)
{
	const char *freed = op == OP_FREE ? "double free" :
	    "realloc of a freed pointer";
	struct mhdr *ah;
	uintptr_t a;
	unsigned int t;

	a = untag(p);
	if ((a & (GRANULE - 1)) != 0 || !chunk_find(a, ch, true)) {
		if (large_was_freed(a))
			bad_pointer(op, freed, p, NULL);
		bad_pointer(op, "invalid free: not a pointer malloc returned",
		    p, NULL);
	}
	if (a != ch->c_data) {
		/* posix_memalign's header, as tagged as the chunk it is in. */
		ah = HDR(a);
		if (a < ch->c_data + GRANULE || ch->c_hdr->mh_magic !=
		    MAGIC_USED)
			bad_pointer(op, "invalid free: a pointer into a chunk, "
			    "not to its start", p, ch);
		ah = with_tag((uintptr_t)ah, __malloc_tag_get(ah));
		if (ah->mh_magic != MAGIC_USED ||
		    (ah->mh_class & CLASS_MASK) != CLASS_ALIGNED ||
		    a - ah->mh_size != ch->c_data)
			bad_pointer(op, "invalid free: a pointer into a chunk, "
			    "not to its start", p, ch);
	}
	t = ch->c_hdr->mh_tags & 0xf;
	if (ch->c_hdr->mh_magic == MAGIC_FREE)
		bad_pointer(op, freed, p, ch);
	if (ch->c_hdr->mh_magic != MAGIC_USED)
		bad_pointer(op, "invalid free: no chunk allocated there", p,
		    ch);
	/* The tags differ only if the heap is tagged: test that second. */
	if (ptr_tag(p) != t && tagged) {
		if (ptr_tag(p) == ch->c_hdr->mh_tags >> 4)
			bad_pointer(op, op == OP_FREE ? "double free (the "
			    "chunk has been allocated again since)" :
			    "realloc of a freed pointer (the chunk has been "
			    "allocated again since)", p, ch);
		bad_pointer(op, "invalid free: the pointer's tag is not the "
		    "chunk's", p, ch);
	}
}

/*
 * Free the small chunk *ch (checked), which p points to; fp as above.
 * The chunk goes to the calling thread's bin for its class, retagged
 * with its next life's tag: not 0, not the neighbours', not its last two.
 */
static void
small_free(struct chunk *ch, void *p, void *fp)
{
	struct tcache_bin *b;
	struct mhdr *h = ch->c_hdr;
	struct mfree *f;
	uint16_t used = MAGIC_USED;
	unsigned int c;
	size_t stride;

	if (!__atomic_compare_exchange_n(&h->mh_magic, &used, MAGIC_FREE,
	    false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		bad_pointer(OP_FREE, "double free", p, ch);
	c = h->mh_class & CLASS_MASK;
	f = (struct mfree *)ch->c_data;
	if (tagged) {
		stride = ch->c_region->r_stride;
		f = __malloc_tag_random(f, tag_exclude(h, ch->c_data, stride,
		    own_tags[h->mh_tags]));
		__malloc_tag_set(f, stride - sizeof(struct mhdr));
		h->mh_free_rec = stack_record(fp);
	}
	b = &tcache[c];
	free_link(f, b->tb_head);
	if (b->tb_count++ == 0)
		b->tb_tail = (uintptr_t)f;
	b->tb_head = (uintptr_t)f;
	if (b->tb_count > TCACHE_MAX)
		tcache_flush(c, b, TCACHE_BATCH);
}

/* Unmap the large chunk *ch (checked); remember it for reports. */
static void
large_free(struct chunk *ch, void *p, void *fp)
{
	struct lhdr *lh = ch->c_large;
	struct large_freed *lf;
	uint16_t used = MAGIC_USED;

	if (!__atomic_compare_exchange_n(&lh->lh_common.mh_magic, &used,
	    MAGIC_FREE, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		bad_pointer(OP_FREE, "double free", p, ch);
	__libc_lock_acquire(&large_lock);
	if (lh->lh_prev != NULL)
		lh->lh_prev->lh_next = lh->lh_next;
	else
		large_list = lh->lh_next;
	if (lh->lh_next != NULL)
		lh->lh_next->lh_prev = lh->lh_prev;
	lf = &large_freed[large_freed_next++ % LARGE_FREED];
	lf->lf_start = (uintptr_t)lh;
	lf->lf_end = (uintptr_t)lh + lh->lh_maplen;
	lf->lf_chunk = ch->c_data;
	lf->lf_size = lh->lh_size;
	lf->lf_alloc_rec = lh->lh_common.mh_alloc_rec;
	lf->lf_free_rec = tagged ? stack_record(fp) : 0;
	__libc_lock_release(&large_lock);
	munmap(lh, lh->lh_maplen);
}

/* free() for the public calls. */
static void
free_frame(void *p, void *fp)
{
	struct chunk ch;

	if (p == NULL)
		return;
	malloc_init();
	chunk_of(p, OP_FREE, &ch);
	if (ch.c_region != NULL)
		small_free(&ch, p, fp);
	else
		large_free(&ch, p, fp);
}

/* Release p (NULL is allowed); a bad p stops the program with a report. */
KEEP_FRAME void
free(void *p)
{

	free_frame(p, __builtin_frame_address(0));
}

/*
 * Resize p to size bytes, keeping the contents up to the smaller size;
 * NULL p is malloc(size).  A small chunk stays put if size is of its
 * class (retagged for the new size).  Returns the chunk, or NULL with
 * errno ENOMEM and p untouched.
 */
KEEP_FRAME void *
realloc(void *p, size_t size)
{
	struct chunk ch;
	size_t have, used, csize;
	unsigned int c;
	void *n, *fp = __builtin_frame_address(0);

	if (p == NULL)
		return (malloc_frame(size, false, fp));
	malloc_init();
	chunk_of(p, OP_REALLOC, &ch);
	have = ch.c_size - (untag(p) - ch.c_data);
	c = ch.c_hdr->mh_class & CLASS_MASK;
	if (ch.c_region != NULL && untag(p) == ch.c_data &&
	    size <= SMALL_MAX && size_class(size) == c) {
		if (tagged) {
			csize = class_size(c);
			used = granules(size);
			if (used != 0)
				__malloc_tag_set(p, used);
			if (used < csize)
				__malloc_tag_set((void *)(ch.c_data + used),
				    csize - used);
		}
		ch.c_hdr->mh_size = (uint32_t)size;
		return (p);
	}
	if ((n = malloc_frame(size, false, fp)) == NULL)
		return (NULL);
	memcpy(n, p, size < have ? size : have);
	free_frame(p, fp);
	return (n);
}

/*
 * size bytes aligned to align, a power of two and a multiple of
 * sizeof(void *), in *pp.  Returns 0, EINVAL or ENOMEM (errno unchanged).
 * Beyond 16-byte alignment a larger chunk is allocated and a
 * CLASS_ALIGNED header in front of the aligned pointer (tagged as the
 * chunk) leads free() back to it.
 */
KEEP_FRAME int
posix_memalign(void **pp, size_t align, size_t size)
{
	struct mhdr *h;
	size_t total;
	char *p, *a;
	int saved;

	if (align < sizeof(void *) || (align & (align - 1)) != 0)
		return (EINVAL);
	if (align > ((size_t)1 << 31))
		return (ENOMEM);
	saved = errno;
	if (align <= GRANULE) {
		p = malloc_frame(size, false, __builtin_frame_address(0));
	} else {
		if (__builtin_add_overflow(size, align, &total))
			p = NULL;
		else
			p = malloc_frame(total, false,
			    __builtin_frame_address(0));
		if (p != NULL) {
			/* a - p >= 16: room for the extra header. */
			a = (char *)(((uintptr_t)p + align) &
			    ~(uintptr_t)(align - 1));
			h = HDR(a);
			h->mh_size = a - p;
			h->mh_class = CLASS_ALIGNED;
			h->mh_magic = MAGIC_USED;
			p = a;
		}
	}
	errno = saved;
	if (p == NULL)
		return (ENOMEM);
	*pp = p;
	return (0);
}

/*
 * C11 aligned_alloc: size bytes aligned to align, a power of two, or NULL
 * with errno (EINVAL or ENOMEM).
 */
void *
aligned_alloc(size_t align, size_t size)
{
	void *p;
	int error;

	if (align < sizeof(void *) && align != 0 && (align & (align - 1)) == 0)
		align = sizeof(void *);
	if ((error = posix_memalign(&p, align, size)) != 0) {
		errno = error;
		return (NULL);
	}
	return (p);
}

/* What a fault report says happened: the kind and where, in words. */
struct fault_kind {
	const char	*fk_kind;	/* "overflow", "use after free" ... */
	unsigned long	fk_bytes;	/* how far past, before or into */
	const char	*fk_where;	/* "past the end of" ... */
	const char	*fk_chunk;	/* "" or "freed " */
	const char	*fk_note;	/* "" or a remark after the size */
};

/* Set *fk. */
static void
fault_kind(struct fault_kind *fk, const char *kind, unsigned long bytes,
    const char *where, const char *chunk, const char *note)
{

	fk->fk_kind = kind;
	fk->fk_bytes = bytes;
	fk->fk_where = where;
	fk->fk_chunk = chunk;
	fk->fk_note = note;
}

/*
 * Classify a tag fault at a (untagged) by pointer tag pt in the small
 * chunk *ch's region: the chunk itself, then the nearest chunk either
 * side (within FAULT_SEARCH chunks) whose tag the pointer carries.  A
 * chunk further away may share that tag by chance (1 in 14), so the
 * nearer of the two is the likelier.  *ch becomes the chunk the access
 * was meant for.  Returns false if none was found.
 */
static bool
fault_small(uintptr_t a, unsigned int pt, struct chunk *ch,
    struct fault_kind *fk)
{
	struct region *r = ch->c_region;
	struct chunk below, above;
	uintptr_t i, k, slots;
	bool have_below = false, have_above = false;
	struct mhdr *h;

	h = ch->c_hdr;
	if (a >= ch->c_data && (h->mh_tags & 0xf) == pt) {
		if (h->mh_magic == MAGIC_FREE) {
			fault_kind(fk, "use after free", a - ch->c_data,
			    "into", "freed ", "");
			return (true);
		}
		if (h->mh_magic == MAGIC_USED) {
			fault_kind(fk, "overflow", a - ch->c_data -
			    ch->c_size + 1, "past the end of", "", "");
			return (true);
		}
	}
	if (a >= ch->c_data && h->mh_magic == MAGIC_USED &&
	    (h->mh_tags >> 4) == pt) {
		fault_kind(fk, "use after free", a - ch->c_data, "into",
		    "freed ", " (allocated again since: the size is the new "
		    "one's)");
		return (true);
	}
	if (a < ch->c_data && h->mh_magic == MAGIC_USED &&
	    (h->mh_tags & 0xf) == pt) {
		fault_kind(fk, "underflow", ch->c_data - a, "before", "", "");
		return (true);
	}
	i = (ch->c_data - r->r_start - GRANULE) / r->r_stride;
	slots = region_slots(r);
	for (k = 1; k <= FAULT_SEARCH && (!have_below || !have_above); k++) {
		if (!have_below && k <= i) {
			chunk_at(r, i - k, &below);
			have_below = below.c_hdr->mh_magic == MAGIC_USED &&
			    (below.c_hdr->mh_tags & 0xf) == pt;
		}
		if (!have_above && i + k < slots) {
			chunk_at(r, i + k, &above);
			have_above = above.c_hdr->mh_magic == MAGIC_USED &&
			    (above.c_hdr->mh_tags & 0xf) == pt;
		}
	}
	/* The nearer of the two; an overflow if they are as near. */
	if (have_below && (!have_above || a - (below.c_data +
	    below.c_size) <= above.c_data - a)) {
		*ch = below;
		fault_kind(fk, "overflow", a - ch->c_data - ch->c_size + 1,
		    "past the end of", "", "");
		return (true);
	}
	if (have_above) {
		*ch = above;
		fault_kind(fk, "underflow", ch->c_data - a, "before", "", "");
		return (true);
	}
	return (false);
}

/*
 * See malloc_tag.h: a fault at addr with si_code code.  Prints a report
 * if addr is on the heap (or the fault is an asynchronous tag fault, whose
 * address nobody knows); else nothing.
 */
void
__malloc_fault(int code, void *addr)
{
	struct fault_kind fk;
	struct large_freed *lf;
	struct chunk ch;
	uintptr_t a = untag(addr);
	unsigned int i, pt = ptr_tag(addr), mt, free_rec;
	bool found = false;

	if (!tagged)
		return;
	if (code == SEGV_MTEAERR) {
		report_line("malloc: tag check fault (asynchronous, "
		    "SEGV_MTEAERR): an access through a pointer of the wrong "
		    "tag happened before the last system call; run with "
		    "MALLOC_TAGGING=sync to find it");
		return;
	}
	mt = code == SEGV_MTESERR ? __malloc_tag_get((void *)a) : 0;
	if (chunk_find(a, &ch, false)) {
		if (ch.c_region != NULL) {
			if (code != SEGV_MTESERR)
				return;
			found = fault_small(a, pt, &ch, &fk);
		} else if (a >= ch.c_data + ch.c_size) {
			fault_kind(&fk, "overflow", a - ch.c_data - ch.c_size +
			    1, "past the end of", "", "");
			found = true;
		} else if (a < ch.c_data) {
			fault_kind(&fk, "underflow", ch.c_data - a, "before",
			    "", "");
			found = true;
		}
		free_rec = ch.c_hdr->mh_free_rec;
	} else {
		for (i = 0; i < LARGE_FREED; i++) {
			lf = &large_freed[i];
			if (a < lf->lf_start || a >= lf->lf_end)
				continue;
			fault_kind(&fk, "use after free", a - lf->lf_chunk,
			    "into", "freed ", " (unmapped since)");
			ch.c_data = lf->lf_chunk;
			ch.c_size = lf->lf_size;
			ch.c_hdr = NULL;
			free_rec = lf->lf_free_rec;
			found = true;
			break;
		}
		if (!found)
			return;		/* not the heap's business */
	}
	if (found)
		report_line("malloc: %s: %lu byte%s %s a %s%zu-byte chunk%s",
		    fk.fk_kind, fk.fk_bytes, fk.fk_bytes == 1 ? "" : "s",
		    fk.fk_where, fk.fk_chunk, ch.c_size, fk.fk_note);
	else
		report_line("malloc: tag mismatch on the heap: no chunk near "
		    "the access has the pointer's tag (a wild or corrupted "
		    "pointer)");
	report_line("  access at 0x%016lx: pointer tag 0x%x, memory tag 0x%x",
	    (unsigned long)(uintptr_t)addr, pt, mt);
	if (!found)
		return;
	if (ch.c_hdr == NULL) {
		report_chunk(lf->lf_chunk, lf->lf_size, pt, lf->lf_alloc_rec,
		    free_rec);
		return;
	}
	report_chunk(ch.c_data, ch.c_size, ch.c_hdr->mh_tags & 0xf,
	    ch.c_hdr->mh_alloc_rec, ch.c_hdr->mh_magic == MAGIC_FREE ||
	    strcmp(fk.fk_kind, "use after free") == 0 ? free_rec : 0);
}

/* Take every malloc lock before fork(2), so no other thread holds one. */
void
__malloc_prefork(void)
{
	unsigned int c;

	__libc_lock_acquire(&init_lock);
	for (c = 0; c < NCLASSES; c++)
		__libc_lock_acquire(&classes[c].cs_lock);
	__libc_lock_acquire(&region_lock);
	__libc_lock_acquire(&large_lock);
}

/* Release them after fork(2), in the parent and in the child. */
void
__malloc_postfork(void)
{
	unsigned int c;

	__libc_lock_release(&large_lock);
	__libc_lock_release(&region_lock);
	for (c = NCLASSES; c > 0; c--)
		__libc_lock_release(&classes[c - 1].cs_lock);
	__libc_lock_release(&init_lock);
}
