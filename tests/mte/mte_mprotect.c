/*
 * docs/abi.md section 6, mprotect and PROT_MTE.  Adding it to private anonymous
 * memory keeps the data, and every granule reads tag 0, of pages touched
 * before and of pages never touched alike; only the range given becomes
 * checked.  Removing it stops the checks but keeps the tags: once it is
 * back they are there and checked again, and the data written meanwhile
 * is kept.  Tags also survive PROT_MTE without READ and WRITE, and a
 * read-only tagged range is checked on reads.  Adding it to resident pages
 * rewrites their mappings in place: the write after mprotect takes no
 * page fault, whether 4 KiB pages or a 2 MiB block (whole, or split by a
 * range inside it) map them; threads writing all the while lose no store
 * while mprotect adds and removes it.  All in every checking mode.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/sysctl.h>
#include <machine/sysarch.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "mte_util.h"

static size_t pg;	/* the page size */

/* The tag test_remove_keeps_tags() gives granule g: never 0. */
static unsigned
tag_of(size_t g)
{

	return (g % 15 + 1);
}

/* Number of granules of the page at p whose tag is not tag_of(). */
static int
count_wrong_tags(char *p)
{
	size_t g;
	int n = 0;

	for (g = 0; g < pg / MTE_GRANULE; g++)
		if (mem_tag(p + g * MTE_GRANULE) != tag_of(g))
			n++;
	return (n);
}

/*
 * mprotect(READ|WRITE|MTE) on private anonymous memory with written
 * pages, a read page and a never-touched one: data kept, tags 0, checked.
 * Only the range given becomes tagged.
 */
static void
test_add(uint32_t mode)
{
	char *p;

	MTE_SET_MODE(mode, MTE_ALL_TAGS);
	p = CHECK_MAP_ANON(4 * pg);
	memset(p, 'd', 2 * pg);
	CHECK_EQ(*(volatile char *)(p + 2 * pg), 0);
	CHECK_TAG_OK(set_tag(p, 3), 0);
	CHECK_OK(mprotect(p, 4 * pg, MTE_RW));
	CHECK_EQ(first_tag_not(p, 4 * pg, 0), -1);
	CHECK_EQ(first_byte_not(p, 2 * pg, 'd'), -1);
	CHECK_EQ(first_byte_not(p + 2 * pg, 2 * pg, 0), -1);
	CHECK_TAG_OK(p + pg, 0);
	CHECK_TAG_OK(p + 3 * pg + 1, 1);
	CHECK_TAG_FAULT(set_tag(p, 3), 0, mode);
	CHECK_TAG_FAULT(set_tag(p + pg + 1, 3), 1, mode);
	CHECK_TAG_FAULT(set_tag(p + 2 * pg, 12), 0, mode);
	CHECK_TAG_FAULT(set_tag(p + 4 * pg - 1, 1), 1, mode);
	CHECK_OK(munmap(p, 4 * pg));

	p = CHECK_MAP_ANON(3 * pg);
	memset(p, 'e', 3 * pg);
	CHECK_OK(mprotect(p + pg, pg, MTE_RW));
	CHECK_EQ(first_byte_not(p + pg, pg, 'e'), -1);
	CHECK_TAG_OK(set_tag(p + pg - 1, 3), 0);
	CHECK_TAG_FAULT(set_tag(p + pg, 3), 0, mode);
	CHECK_TAG_FAULT(set_tag(p + 2 * pg - 1, 3), 1, mode);
	CHECK_TAG_OK(set_tag(p + 2 * pg, 3), 1);
	CHECK_OK(munmap(p, 3 * pg));
}

/*
 * Tags stored, PROT_MTE removed: no access is checked, a never-touched
 * page is touched and data written.  PROT_MTE back: the stored tags and
 * all the data are there, the new page reads tag 0, checks are back.
 */
static void
test_remove_keeps_tags(uint32_t mode)
{
	size_t g;
	char *p;

	MTE_SET_MODE(mode, MTE_ALL_TAGS);
	p = MTE_MAP(2 * pg);
	for (g = 0; g < pg / MTE_GRANULE; g++)
		stg(set_tag(p + g * MTE_GRANULE, tag_of(g)));
	fill_granules(p, pg, 'a');
	CHECK_OK(mprotect(p, 2 * pg, PROT_READ | PROT_WRITE));
	CHECK_TAG_OK(set_tag(p, 0), 0);
	CHECK_TAG_OK(set_tag(p + 16, 9), 1);
	CHECK_TAG_OK(set_tag(p + pg, 4), 1);
	CHECK_TAG_OK(set_tag(p + 2 * pg - 1, 7), 0);
	memset(p + 32, 'b', MTE_GRANULE);
	CHECK_OK(mprotect(p, 2 * pg, MTE_RW));
	CHECK_EQ(count_wrong_tags(p), 0);
	CHECK_EQ(first_tag_not(p + pg, pg, 0), -1);
	CHECK_EQ(first_byte_not(p, 16, 'a'), -1);
	CHECK_EQ(*(volatile char *)ldg(p + 16), 0x5a);
	CHECK_EQ(first_byte_not(p + 17, 15, 'a'), -1);
	CHECK_EQ(first_byte_not(p + 32, 16, 'b'), -1);
	CHECK_EQ(first_byte_not(p + 48, pg - 48, 'a'), -1);
	CHECK_EQ(*(volatile char *)ldg(p + pg), 0x5a);
	CHECK_EQ(first_byte_not(p + pg + 1, pg - 1, 0), -1);
	CHECK_TAG_FAULT(set_tag(p, 0), 0, mode);
	CHECK_TAG_FAULT(set_tag(p + 16, 9), 1, mode);
	CHECK_TAG_OK(set_tag(p + 32, tag_of(2)), 0);
	CHECK_TAG_FAULT(set_tag(p + pg, 4), 0, mode);
	CHECK_OK(munmap(p, 2 * pg));
}

/*
 * PROT_MTE alone, then READ|WRITE|MTE again: the tags are kept.  With
 * READ|MTE, reads are checked and writes are SEGV_ACCERR.
 */
static void
test_other_protections(uint32_t mode)
{
	siginfo_t si;
	size_t g;
	char *p;

	MTE_SET_MODE(mode, MTE_ALL_TAGS);
	p = MTE_MAP(pg);
	for (g = 0; g < pg / MTE_GRANULE; g++)
		stg(set_tag(p + g * MTE_GRANULE, tag_of(g)));
	CHECK_OK(mprotect(p, pg, PROT_MTE));
	CHECK_FAULT(p, 0, SIGSEGV, SEGV_ACCERR);
	CHECK_OK(mprotect(p, pg, MTE_RW));
	CHECK_EQ(count_wrong_tags(p), 0);
	CHECK_OK(mprotect(p, pg, PROT_READ | PROT_MTE));
	CHECK_EQ(count_wrong_tags(p), 0);
	CHECK_TAG_OK(set_tag(p + 16, tag_of(1)), 0);
	CHECK_TAG_FAULT(set_tag(p + 16, 0), 0, mode);
	CHECK_EQ(check_touch(set_tag(p + 16, tag_of(1)), 1, 'w', &si),
	    SIGSEGV);
	CHECK_EQ(si.si_code, SEGV_ACCERR);
	CHECK_EQ(first_byte_not(p, pg, 0), -1);
	CHECK_OK(munmap(p, pg));
}

/*
 * map (maplen bytes, written, so every page is resident and mapped
 * writable) gets PROT_MTE over [off, off + len): the write to each of
 * those pages right after takes no page fault, every granule there reads
 * tag 0, the data is kept, a mismatched pointer faults, and the rest of
 * map stays unchecked.
 */
static void
check_add_in_place(char *map, size_t maplen, size_t off, size_t len,
    uint32_t mode)
{
	volatile char *v = map;
	u_long faults;
	size_t i;
	int wrong;

	memset(map, 'q', maplen);
	faults = CHECK_SYSCTL("vm.stats.vm.v_vm_faults");
	CHECK_OK(mprotect(map + off, len, MTE_RW));
	for (i = off; i < off + len; i += pg)
		v[i] = 'r';
	CHECK_EQ(CHECK_SYSCTL("vm.stats.vm.v_vm_faults") - faults, 0);
	CHECK_EQ(first_tag_not(map + off, len, 0), -1);
	wrong = 0;
	for (i = 0; i < maplen; i++)
		if (map[i] != (i >= off && i < off + len && i % pg == off % pg ?
		    'r' : 'q'))
			wrong++;
	CHECK_EQ(wrong, 0);
	CHECK_TAG_OK(map + off, 1);
	CHECK_TAG_FAULT(set_tag(map + off + pg / 2, 5), 1, mode);
	CHECK_TAG_FAULT(set_tag(map + off + len - 1, 9), 0, mode);
	if (off > 0)
		CHECK_TAG_OK(set_tag(map + off - 1, 5), 1);
	if (off + len < maplen)
		CHECK_TAG_OK(set_tag(map + off + len, 5), 1);
}

/*
 * Adding PROT_MTE to resident pages needs no fault after it: 4 KiB pages
 * (part of a mapping), a 2 MiB block, and a range inside a block.
 */
static void
test_add_in_place(uint32_t mode)
{
	const size_t super = 2UL << 20;
	char *p;

	MTE_SET_MODE(mode, MTE_ALL_TAGS);
	p = CHECK_MAP_ANON(8 * pg);
	check_add_in_place(p, 8 * pg, 2 * pg, 4 * pg, mode);
	CHECK_OK(munmap(p, 8 * pg));

	p = CHECK_MMAP(NULL, super, PROT_READ | PROT_WRITE, MAP_PRIVATE |
	    MAP_ANON | MAP_ALIGNED_SUPER, -1, 0);
	check_add_in_place(p, super, 0, super, mode);
	CHECK_OK(munmap(p, super));

	p = CHECK_MMAP(NULL, super, PROT_READ | PROT_WRITE, MAP_PRIVATE |
	    MAP_ANON | MAP_ALIGNED_SUPER, -1, 0);
	check_add_in_place(p, super, 3 * pg, 5 * pg, mode);
	CHECK_OK(munmap(p, super));
}

#define	TOGGLE_PAGES	8
#define	TOGGLE_THREADS	2
#define	TOGGLE_ROUNDS	50

/* A writer of test_toggle_while_writing: its slot in each page. */
struct toggle_writer {
	volatile uint64_t *page0;	/* its slot in the first page */
	volatile int	*stop;
	uint64_t	count;		/* stores made to each slot */
};

/* Store 1, 2, 3 ... into the writer's slot of every page until told. */
static void *
toggle_write(void *arg)
{
	struct toggle_writer *w = arg;
	size_t i;

	while (!*w->stop) {
		w->count++;
		for (i = 0; i < TOGGLE_PAGES; i++)
			w->page0[i * pg / sizeof(uint64_t)] = w->count;
	}
	return (NULL);
}

/*
 * Threads store into every page while the range gains and loses
 * PROT_MTE again and again: the mappings are rewritten under them
 * (break-before-make), so a store may fault and be retried but never
 * lands elsewhere or is lost; the tags stay 0 (the pointers' tag), so no
 * store is a tag mismatch.
 */
static void
test_toggle_while_writing(uint32_t mode)
{
	struct toggle_writer w[TOGGLE_THREADS];
	pthread_t t[TOGGLE_THREADS];
	volatile int stop = 0;
	size_t i, j;
	int r, wrong;
	char *p;

	MTE_SET_MODE(mode, MTE_ALL_TAGS);
	p = CHECK_MAP_ANON(TOGGLE_PAGES * pg);
	memset(p, 0, TOGGLE_PAGES * pg);
	for (i = 0; i < TOGGLE_THREADS; i++) {
		w[i].page0 = (volatile uint64_t *)(p + 64 * i);
		w[i].stop = &stop;
		w[i].count = 0;
		if (pthread_create(&t[i], NULL, toggle_write, &w[i]) != 0) {
			CHECK(!"pthread_create");
			return;
		}
	}
	/* Every writer at work before the first mprotect. */
	for (i = 0; i < TOGGLE_THREADS; i++)
		while (((volatile struct toggle_writer *)&w[i])->count == 0)
			sched_yield();
	for (r = 0; r < TOGGLE_ROUNDS; r++) {
		CHECK_OK(mprotect(p, TOGGLE_PAGES * pg, MTE_RW));
		sched_yield();
		CHECK_OK(mprotect(p, TOGGLE_PAGES * pg, PROT_READ |
		    PROT_WRITE));
		sched_yield();
	}
	CHECK_OK(mprotect(p, TOGGLE_PAGES * pg, MTE_RW));
	stop = 1;
	for (i = 0; i < TOGGLE_THREADS; i++)
		CHECK_EQ(pthread_join(t[i], NULL), 0);
	wrong = 0;
	for (i = 0; i < TOGGLE_THREADS; i++)
		for (j = 0; j < TOGGLE_PAGES; j++)
			if (w[i].page0[j * pg / sizeof(uint64_t)] !=
			    w[i].count)
				wrong++;
	CHECK_EQ(wrong, 0);
	CHECK_EQ(first_tag_not(p, TOGGLE_PAGES * pg, 0), -1);
	CHECK_OK(munmap(p, TOGGLE_PAGES * pg));
}

/* Every test of this program, in tag-check mode mode. */
static void
test_mode(uint32_t mode)
{
	test_add(mode);
	test_remove_keeps_tags(mode);
	test_other_protections(mode);
	test_add_in_place(mode);
	test_toggle_while_writing(mode);
}

int
main(void)
{

	pg = getpagesize();
	return (mte_main(test_mode));
}
