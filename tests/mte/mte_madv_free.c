/*
 * docs/abi.md section 6, "madvise MADV_FREE": the kernel may keep or drop each page,
 * but whole: afterwards a page holds exactly the data and tags it had, or
 * zero data and zero tags, never a mix.  That holds with no further
 * access, and when the first access after MADV_FREE is a tag store or a
 * data write (made in mode NONE, as the page may lose its tags at any
 * moment before it, and read in mode NONE for the same reason); pages
 * outside the advised range are kept.  Some
 * memory pressure in between gives a kernel that frees lazily reason to.
 * In every checking mode, which still checks the pages afterwards.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <machine/sysarch.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "mte_util.h"

#define	NPAGES		64
#define	PRESSURE	(8UL << 20)	/* bytes touched to push pages out */
#define	NEW_TAG		12		/* the first touch's tag store */
#define	NEW_BYTE	0x77		/* the first touch's data write */

/* The first access to each page after MADV_FREE. */
enum touch { NO_TOUCH, TAG_STORE, DATA_WRITE };

static size_t pg;	/* the page size */
static size_t ngran;	/* granules per page */

/* The tag of granule g of page i before MADV_FREE. */
static unsigned
old_tag(size_t i, size_t g)
{

	return ((i + g) % 15 + 1);
}

/* The data byte of every granule of page i before MADV_FREE. */
static int
old_byte(size_t i)
{

	return ('a' + i % 26);
}

/* Give every page its old tags and data. */
static void
dirty(char *p)
{
	size_t i, g;

	for (i = 0; i < NPAGES; i++)
		for (g = 0; g < ngran; g++)
			stg(set_tag(p + i * pg + g * MTE_GRANULE,
			    old_tag(i, g)));
	for (i = 0; i < NPAGES; i++)
		fill_granules(p + i * pg, pg, old_byte(i));
}

/*
 * What a page may hold: its old contents (keep) or zeros, but granule g
 * (if not -1) has tag (if not -1) and first byte byte0 (if not -1).
 */
struct page_want {
	int	keep;
	long	g;
	int	tag;
	int	byte0;
};

/* True if page i at p holds exactly what *w says. */
static int
page_is(char *p, size_t i, const struct page_want *w)
{
	char *q;
	size_t g;
	int tag, c;

	for (g = 0; g < ngran; g++) {
		q = p + i * pg + g * MTE_GRANULE;
		tag = w->keep ? (int)old_tag(i, g) : 0;
		c = w->keep ? old_byte(i) : 0;
		if ((long)g == w->g && w->tag >= 0)
			tag = w->tag;
		if (mem_tag(q) != (unsigned)tag)
			return (0);
		if ((long)g == w->g && w->byte0 >= 0) {
			if (*(volatile unsigned char *)ldg(q) != w->byte0 ||
			    first_byte_not(q + 1, MTE_GRANULE - 1, c) != -1)
				return (0);
		} else if (first_byte_not(q, MTE_GRANULE, c) != -1)
			return (0);
	}
	return (1);
}

/*
 * Page i holds what *w says, kept or (if may_drop) dropped.  An advised
 * page the kernel drops while it is being read looks mixed: it is read
 * once more.
 */
static void
check_page(char *p, size_t i, struct page_want *w, int may_drop)
{
	int pass, ok = 0;

	for (pass = 0; pass < 2 && !ok; pass++) {
		w->keep = 1;
		ok = page_is(p, i, w);
		if (!ok && may_drop) {
			w->keep = 0;
			ok = page_is(p, i, w);
		}
	}
	check_count++;
	if (!ok)
		check_fail(__FILE__, __LINE__, "page %zu is neither kept%s",
		    i, may_drop ? " nor dropped whole" : "");
}

/* Touch PRESSURE bytes of fresh memory, then give them back. */
static void
pressure(void)
{
	char *q;

	q = CHECK_MAP_ANON(PRESSURE);
	memset(q, 1, PRESSURE);
	CHECK_OK(munmap(q, PRESSURE));
}

/*
 * MADV_FREE over the middle half, then (how) nothing, a tag store or a
 * data write to one granule of each page first: each advised page is
 * kept or dropped whole, the others are kept.
 */
static void
test_free(uint32_t mode, enum touch how)
{
	struct page_want w;
	size_t i, lo = NPAGES / 4, hi = 3 * NPAGES / 4;
	char *p, *q;

	MTE_SET_MODE(mode, MTE_ALL_TAGS);
	p = MTE_MAP(NPAGES * pg);
	dirty(p);
	CHECK_OK(madvise(p + lo * pg, (hi - lo) * pg, MADV_FREE));
	pressure();
	if (how == DATA_WRITE)
		MTE_SET_MODE(MTE_MODE_NONE, MTE_ALL_TAGS);
	for (i = 0; how != NO_TOUCH && i < NPAGES; i++) {
		q = p + i * pg + (i % ngran) * MTE_GRANULE;
		if (how == TAG_STORE)
			stg(set_tag(q, NEW_TAG));
		else
			*(volatile unsigned char *)q = NEW_BYTE;
	}
	/*
	 * Read in mode NONE: a page dropped between the LDG and the load
	 * that uses its tag must not fault.
	 */
	MTE_SET_MODE(MTE_MODE_NONE, MTE_ALL_TAGS);
	for (i = 0; i < NPAGES; i++) {
		w.g = how != NO_TOUCH ? (long)(i % ngran) : -1;
		w.tag = how == TAG_STORE ? NEW_TAG : -1;
		w.byte0 = how == DATA_WRITE ? NEW_BYTE : -1;
		check_page(p, i, &w, i >= lo && i < hi);
	}
	/* Still checked, whichever way each page went. */
	MTE_SET_MODE(mode, MTE_ALL_TAGS);
	q = p + (NPAGES / 2) * pg + 3 * MTE_GRANULE;
	CHECK_TAG_FAULT(set_tag(q, old_tag(NPAGES / 2, 3) % 15 + 1), 0, mode);
	CHECK_OK(munmap(p, NPAGES * pg));
}

/* Every test of this program, in tag-check mode mode. */
static void
test_mode(uint32_t mode)
{
	test_free(mode, NO_TOUCH);
	test_free(mode, TAG_STORE);
	test_free(mode, DATA_WRITE);
}

int
main(void)
{

	pg = getpagesize();
	ngran = pg / MTE_GRANULE;
	return (mte_main(test_mode));
}
