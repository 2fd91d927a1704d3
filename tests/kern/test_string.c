/*
 * In-kernel tests of the memory functions on the CPU they run on: the
 * host tests (tests/host/test_string.c) check the same C with a stand-in
 * for DC ZVA; here memset zeroes with the real instruction, over the
 * direct map, at the block size DCZID_EL0 reports.  The page routines
 * (pageops.S) zero and copy exactly one page.
 */
#include "sys/systm.h"
#include "sys/kern_test.h"
#include "sys/param.h"
#include "vm/vm_page.h"
#include "vm/vm_phys.h"
#include "machine/armreg.h"
#include "machine/cpufunc.h"
#include "machine/pageops.h"
#include "machine/pmap.h"

#define	RUN_ORDER	2	/* four pages to work in */

/* The byte at offset i before a test writes: differs at every offset. */
static unsigned char
fill_byte(size_t i)
{
	return ((unsigned char)(i * 7 + 3));
}

/* The block size memset zeroes with is what DCZID_EL0 says. */
KERN_TEST(zero_block_size_from_dczid)
{
	uint64_t dczid = READ_SPECIALREG(dczid_el0);

	if (dczid & DCZID_DZP)
		KT_ASSERT_EQ(cpu_zero_block_size, 0);
	else
		KT_ASSERT_EQ(cpu_zero_block_size,
		    (size_t)4 << (dczid & DCZID_BS_MASK));
}

/*
 * memset to 0 and to a pattern, and memcpy, at offsets around block and
 * page boundaries and lengths up to two pages: exactly the bytes asked
 * change.
 */
KERN_TEST(memset_memcpy_on_the_cpu)
{
	static const size_t offs[] = { 0, 1, 15, 16, 63, 64, 511, 512, 4095 };
	static const size_t lens[] = { 0, 1, 31, 33, 127, 128, 1000, 1024,
	    4096, 5000, 8192 };
	struct vm_page *m = vm_phys_alloc_pages(RUN_ORDER);
	size_t size = ptoa(1UL << RUN_ORDER), half = size / 2, i, o, l;
	unsigned char *p, *q;
	int c;

	KT_ASSERT(m != NULL);
	p = vm_page_to_dmap(m);
	for (o = 0; o < nitems(offs); o++) {
		for (l = 0; l < nitems(lens); l++) {
			for (c = 0; c < 2; c++) {
				for (i = 0; i < size; i++)
					p[i] = fill_byte(i);
				memset(p + offs[o], c == 0 ? 0 : 0xc3, lens[l]);
				for (i = 0; i < size; i++) {
					if (p[i] != (i >= offs[o] &&
					    i < offs[o] + lens[l] ?
					    (c == 0 ? 0 : 0xc3) : fill_byte(i)))
						break;
				}
				KT_ASSERT_EQ(i, size);
			}
			if (offs[o] + lens[l] > half - 8)
				continue;
			for (i = 0; i < size; i++)
				p[i] = fill_byte(i);
			q = p + half + 5;
			memcpy(q, p + offs[o], lens[l]);
			for (i = 0; i < lens[l]; i++)
				if (q[i] != fill_byte(offs[o] + i))
					break;
			KT_ASSERT_EQ(i, lens[l]);
			KT_ASSERT_EQ(q[lens[l]], fill_byte(half + 5 + lens[l]));
		}
	}
	vm_phys_free_pages(m, RUN_ORDER);
}

/*
 * pagezero_blocks (one page, and two) and pagecopy change exactly the
 * bytes they are given, every one of them, and nothing on either side.
 */
KERN_TEST(pagezero_pagecopy_exact)
{
	struct vm_page *m;
	size_t size = ptoa(1UL << RUN_ORDER), i;
	unsigned char *p;

	if (cpu_zero_block_size == 0 ||
	    PAGE_SIZE % (8 * cpu_zero_block_size) != 0)
		KT_SKIP("DC ZVA forbidden or its block too large");
	m = vm_phys_alloc_pages(RUN_ORDER);
	KT_ASSERT(m != NULL);
	p = vm_page_to_dmap(m);
	for (i = 0; i < size; i++)
		p[i] = fill_byte(i);
	pagezero_blocks(p + PAGE_SIZE, PAGE_SIZE, cpu_zero_block_size);
	for (i = 0; i < size; i++)
		if (p[i] != (i >= PAGE_SIZE && i < 2 * PAGE_SIZE ? 0 :
		    fill_byte(i)))
			break;
	KT_ASSERT_EQ(i, size);

	/* Two pages at once: the loop rather than the one-page run. */
	for (i = 0; i < size; i++)
		p[i] = fill_byte(i);
	pagezero_blocks(p + PAGE_SIZE, 2 * PAGE_SIZE, cpu_zero_block_size);
	for (i = 0; i < size; i++)
		if (p[i] != (i >= PAGE_SIZE && i < 3 * PAGE_SIZE ? 0 :
		    fill_byte(i)))
			break;
	KT_ASSERT_EQ(i, size);

	/* Page 2's bytes (fill_byte(i) for i in page 2) onto page 1. */
	for (i = 0; i < size; i++)
		p[i] = fill_byte(i);
	pagecopy(p + PAGE_SIZE, p + 2 * PAGE_SIZE);
	for (i = 0; i < size; i++)
		if (p[i] != (i >= PAGE_SIZE && i < 2 * PAGE_SIZE ?
		    fill_byte(i + PAGE_SIZE) : fill_byte(i)))
			break;
	KT_ASSERT_EQ(i, size);
	vm_phys_free_pages(m, RUN_ORDER);
}
