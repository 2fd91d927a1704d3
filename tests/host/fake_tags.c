/*
 * A fake of the machine-dependent tag primitives (vm/md_tags.h) for host
 * tests: each page's 256 tags live in a side table keyed by physical
 * address, and the page's data in the host "direct map", so the owner of
 * tag state (vm_page_tags.c) runs unchanged.  The fake also checks the
 * owner's rules (abort on violation): a page's tags are cleared only by
 * the holder of its PG_TAGBUSY bit, on a page not yet PG_TAGGED, by one
 * thread at a time; copies (data and tags) go from a tagged page to one
 * that is not.
 * Safe to call from several threads at once.
 */
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sys/types.h"
#include "sys/param.h"
#include "vm/pmap.h"
#include "vm/vm_page.h"
#include "fake_tags.h"

#define FAKE_TAGS_BUCKETS	1024

/* The imaginary tag storage of one page. */
struct fake_tag_page {
	struct fake_tag_page *next;	/* in its hash bucket */
	vm_paddr_t	pa;
	uint8_t		tags[PAGE_SIZE / MD_TAG_GRANULE_SIZE]; /* one a byte */
	u_long		clears;		/* (A) md_tags_clear_page calls */
	u_int		clearing;	/* (A) clears running now */
};

struct fake_tags_stats fake_tags_stats;
bool fake_tags_enabled = true;

static struct fake_tag_page *fake_tags_table[FAKE_TAGS_BUCKETS];
static bool fake_tags_lock;	/* (A) protects the table's chains */

/* Stop the test: the tag owner broke a rule. */
static void
fake_tags_fatal(const char *what, struct vm_page *m)
{
	fprintf(stderr, "fake_tags: %s (page %#lx, flags %#x)\n", what,
	    (u_long)VM_PAGE_TO_PHYS(m), vm_page_flags(m));
	abort();
}

/* m's tag storage, created (all tags 0) on first use. */
static struct fake_tag_page *
fake_tags_page(struct vm_page *m)
{
	vm_paddr_t pa = VM_PAGE_TO_PHYS(m);
	struct fake_tag_page **bucket, *p;

	bucket = &fake_tags_table[(pa >> PAGE_SHIFT) % FAKE_TAGS_BUCKETS];
	while (__atomic_exchange_n(&fake_tags_lock, true, __ATOMIC_ACQUIRE))
		sched_yield();
	for (p = *bucket; p != NULL && p->pa != pa; p = p->next)
		;
	if (p == NULL) {
		if ((p = calloc(1, sizeof(*p))) == NULL)
			fake_tags_fatal("out of memory", m);
		p->pa = pa;
		p->next = *bucket;
		*bucket = p;
	}
	__atomic_store_n(&fake_tags_lock, false, __ATOMIC_RELEASE);
	return (p);
}

bool
md_tags_enabled(void)
{
	return (fake_tags_enabled);
}

bool
md_tags_zero_page(struct vm_page *m)
{
	if (!fake_tags_enabled) {
		pmap_zero_page(m);
		return (false);
	}
	__atomic_add_fetch(&fake_tags_stats.zero, 1, __ATOMIC_RELAXED);
	memset(vm_page_to_dmap(m), 0, PAGE_SIZE);
	memset(fake_tags_page(m)->tags, 0, sizeof(fake_tags_page(m)->tags));
	return (true);
}

void
md_tags_zero_run(struct vm_page *m, u_long npages)
{
	u_long i;

	for (i = 0; i < npages; i++)
		(void)md_tags_zero_page(&m[i]);
}

/*
 * Clear m's tags, checking that the caller holds m's bit lock, that m is
 * not tagged yet, and that no other thread clears m at the same time (the
 * yield lets a thread that broke the lock be caught).
 */
void
md_tags_clear_page(struct vm_page *m)
{
	struct fake_tag_page *p = fake_tags_page(m);

	if ((vm_page_flags(m) & (PG_TAGBUSY | PG_TAGGED)) != PG_TAGBUSY)
		fake_tags_fatal("tags cleared without PG_TAGBUSY, or again", m);
	if (__atomic_fetch_add(&p->clearing, 1, __ATOMIC_RELAXED) != 0)
		fake_tags_fatal("two threads clear the same page's tags", m);
	sched_yield();
	memset(p->tags, 0, sizeof(p->tags));
	__atomic_add_fetch(&p->clears, 1, __ATOMIC_RELAXED);
	__atomic_sub_fetch(&p->clearing, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&fake_tags_stats.clear, 1, __ATOMIC_RELAXED);
}

void
md_tags_clear_run(struct vm_page *m, u_long npages)
{
	u_long i;

	for (i = 0; i < npages; i++)
		md_tags_clear_page(&m[i]);
}

void
md_tags_copy_page(struct vm_page *src, struct vm_page *dst)
{
	if ((vm_page_flags(src) & PG_TAGGED) == 0)
		fake_tags_fatal("tags copied from an untagged page", src);
	if ((vm_page_flags(dst) & (PG_TAGGED | PG_TAGBUSY)) != 0)
		fake_tags_fatal("tags copied onto a tagged page", dst);
	__atomic_add_fetch(&fake_tags_stats.copy, 1, __ATOMIC_RELAXED);
	memcpy(vm_page_to_dmap(dst), vm_page_to_dmap(src), PAGE_SIZE);
	memcpy(fake_tags_page(dst)->tags, fake_tags_page(src)->tags,
	    sizeof(fake_tags_page(src)->tags));
}

void
md_tags_save_page(struct vm_page *m, uint8_t buf[MD_TAG_PAGE_BYTES])
{
	struct fake_tag_page *p = fake_tags_page(m);
	u_int i;

	__atomic_add_fetch(&fake_tags_stats.save, 1, __ATOMIC_RELAXED);
	for (i = 0; i < MD_TAG_PAGE_BYTES; i++)
		buf[i] = (uint8_t)(p->tags[2 * i] | p->tags[2 * i + 1] << 4);
}

void
md_tags_restore_page(struct vm_page *m, const uint8_t buf[MD_TAG_PAGE_BYTES])
{
	struct fake_tag_page *p = fake_tags_page(m);
	u_int i;

	__atomic_add_fetch(&fake_tags_stats.restore, 1, __ATOMIC_RELAXED);
	for (i = 0; i < MD_TAG_PAGE_BYTES; i++) {
		p->tags[2 * i] = buf[i] & 0xf;
		p->tags[2 * i + 1] = buf[i] >> 4;
	}
}

void
md_tags_restore_run(struct vm_page **ma, const uint8_t *const *bufs, int n)
{
	int i;

	__atomic_add_fetch(&fake_tags_stats.restore_runs, 1, __ATOMIC_RELAXED);
	for (i = 0; i < n; i++)
		md_tags_restore_page(ma[i], bufs[i]);
}

u_int
fake_tags_get(struct vm_page *m, u_int g)
{
	return (fake_tags_page(m)->tags[g]);
}

void
fake_tags_set(struct vm_page *m, u_int g, u_int tag)
{
	fake_tags_page(m)->tags[g] = (uint8_t)(tag & 0xf);
}

u_long
fake_tags_clears(struct vm_page *m)
{
	return (__atomic_load_n(&fake_tags_page(m)->clears, __ATOMIC_RELAXED));
}
