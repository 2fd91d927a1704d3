/*
 * In-kernel tests of tagged user memory and of the owner of a page's tag
 * state (vm_page_tags.c) on real MTE: the tag-initialisation state
 * machine under SMP (docs/abi.md kernel invariant 2), birth, copy,
 * save/restore and free of tags, and untag().
 */
#include "sys/systm.h"
#include "sys/kern_test.h"
#include "sys/param.h"
#include "sys/pcpu.h"
#include "sys/proc.h"
#include "vm/vm.h"
#include "vm/vm_fault.h"
#include "vm/vm_map.h"
#include "vm/vm_page.h"
#include "vm/vm_page_tags.h"
#include "vm/vm_phys.h"
#include "machine/cpufunc.h"
#include "machine/md.h"
#include "machine/mte.h"
#include "machine/pageops.h"
#include "machine/vmparam.h"
#include "vm/pmap.h"

#define TAG_PAGES	64
#define TAG_BASE	0x10000000UL
#define TAG_THREADS	4

static struct vmspace *tag_vm;
static u_int tag_go, tag_done;		/* (A) */

/*
 * One of several threads faulting every page of the tagged range, each
 * in its own order, half of them through the prefault path.
 */
static void
tag_faulter(void *arg)
{
	u_int id = (u_int)(uintptr_t)arg, i, page;

	while (__atomic_load_n(&tag_go, __ATOMIC_ACQUIRE) == 0)
		cpu_spinwait();
	for (i = 0; i < TAG_PAGES; i++) {
		page = (i * (2 * id + 1) + id) % TAG_PAGES;
		if (id & 1)
			vm_map_prefault(&tag_vm->vm_map, TAG_BASE,
			    TAG_BASE + TAG_PAGES * PAGE_SIZE);
		vm_fault(&tag_vm->vm_map, TAG_BASE + page * PAGE_SIZE,
		    VM_PROT_WRITE);
	}
	__atomic_add_fetch(&tag_done, 1, __ATOMIC_RELEASE);
	wakeup(&tag_done);
	thread_exit();
}

/* A counter of vm_page_tag_counters, read now. */
#define TAG_COUNT(field)						\
	__atomic_load_n(&vm_page_tag_counters.field, __ATOMIC_RELAXED)

/* Run TAG_THREADS tag_faulters over tag_vm's range and wait for them. */
static void
tag_run_faulters(void)
{
	struct thread *td;
	u_int i;
	int chan;

	tag_go = tag_done = 0;
	for (i = 0; i < TAG_THREADS; i++) {
		td = thread_alloc(NULL);
		KASSERT(td != NULL, ("tag_run_faulters: no thread"));
		cpu_thread_start(td, tag_faulter, (void *)(uintptr_t)i);
		sched_add(td);
	}
	__atomic_store_n(&tag_go, 1, __ATOMIC_RELEASE);
	while (__atomic_load_n(&tag_done, __ATOMIC_ACQUIRE) < TAG_THREADS)
		sleep_on(&chan, NULL, false, 1);
}

/*
 * Every page of tag_vm's range is mapped, PG_TAGGED and not PG_TAGBUSY,
 * with tag 0 in every granule and its first byte equal to fill(i); its
 * pages go to m[].
 */
static bool
tag_check_pages(struct vm_page **m, int (*fill)(u_int))
{
	vm_paddr_t pa;
	u_int i, g;
	char *p;

	for (i = 0; i < TAG_PAGES; i++) {
		pa = pmap_extract(&tag_vm->vm_pmap, TAG_BASE + i * PAGE_SIZE);
		if (pa == 0)
			return (false);
		m[i] = PHYS_TO_VM_PAGE(pa);
		if ((vm_page_flags(m[i]) & (PG_TAGGED | PG_TAGBUSY)) !=
		    PG_TAGGED)
			return (false);
		p = vm_page_to_dmap(m[i]);
		for (g = 0; g < PAGE_SIZE; g += MTE_GRANULE_SIZE)
			if (mte_load_tag(p + g) != 0)
				return (false);
		if (p[0] != (char)fill(i))
			return (false);
	}
	return (true);
}

static int
tag_fill_zero(u_int i)
{
	return (0);
}

static int
tag_fill_index(u_int i)
{
	return ((int)(i + 1));
}

/*
 * Threads on every CPU fault and prefault the same fresh tagged pages at
 * once: each page is born once with data and tags zeroed together, no
 * page needs a later initialisation, and freeing the pages drops their
 * tag state.
 */
KERN_TEST(mte_tag_init_once_under_smp)
{
	struct vm_page *m[TAG_PAGES];
	u_long valid, zeroed, initialised, freed;
	u_int i;

	if (!mte_enabled)
		KT_SKIP("this machine has no MTE tag storage");
	tag_vm = vmspace_alloc(0, VM_MAXUSER_ADDRESS);
	KT_ASSERT(tag_vm != NULL);
	KT_ASSERT_EQ(vm_map_insert(&tag_vm->vm_map, NULL, 0, TAG_BASE,
	    TAG_BASE + TAG_PAGES * PAGE_SIZE, VM_PROT_RW | VM_PROT_MTE,
	    VM_PROT_ALL, 0), 0);
	valid = vm_page_tag_valid_count();
	zeroed = TAG_COUNT(zeroed);
	initialised = TAG_COUNT(initialised);
	tag_run_faulters();
	KT_ASSERT_EQ(vm_page_tag_valid_count() - valid, TAG_PAGES);
	KT_ASSERT_EQ(TAG_COUNT(zeroed) - zeroed, TAG_PAGES);
	KT_ASSERT_EQ(TAG_COUNT(initialised) - initialised, 0);
	KT_ASSERT(tag_check_pages(m, tag_fill_zero));
	freed = TAG_COUNT(freed);
	vmspace_free(tag_vm);
	KT_ASSERT_EQ(TAG_COUNT(freed) - freed, TAG_PAGES);
	for (i = 0; i < TAG_PAGES; i++)
		KT_ASSERT((vm_page_flags(m[i]) & PG_TAGGED) == 0);
}

/*
 * Pages faulted in untagged, unmapped (resident), then given PROT_MTE,
 * which has no mapping to rewrite: threads on every CPU fault and
 * prefault them at once, so vm_page_tag_init races on each page under
 * its PG_TAGBUSY bit lock.  Each page is initialised exactly once, to
 * tag 0 with its data kept.
 */
KERN_TEST(mte_tag_init_bit_lock_under_smp)
{
	struct vm_page *m[TAG_PAGES];
	u_long valid, initialised;
	vm_paddr_t pa;
	u_int i;

	if (!mte_enabled)
		KT_SKIP("this machine has no MTE tag storage");
	tag_vm = vmspace_alloc(0, VM_MAXUSER_ADDRESS);
	KT_ASSERT(tag_vm != NULL);
	KT_ASSERT_EQ(vm_map_insert(&tag_vm->vm_map, NULL, 0, TAG_BASE,
	    TAG_BASE + TAG_PAGES * PAGE_SIZE, VM_PROT_RW, VM_PROT_ALL, 0), 0);
	for (i = 0; i < TAG_PAGES; i++) {
		KT_ASSERT_EQ(vm_fault(&tag_vm->vm_map, TAG_BASE + i * PAGE_SIZE,
		    VM_PROT_WRITE), 0);
		pa = pmap_extract(&tag_vm->vm_pmap, TAG_BASE + i * PAGE_SIZE);
		KT_ASSERT(pa != 0);
		KT_ASSERT((vm_page_flags(PHYS_TO_VM_PAGE(pa)) & PG_TAGGED) ==
		    0);
		*(char *)PHYS_TO_DMAP(pa) = (char)tag_fill_index(i);
	}
	pmap_remove(&tag_vm->vm_pmap, TAG_BASE,
	    TAG_BASE + TAG_PAGES * PAGE_SIZE);
	valid = vm_page_tag_valid_count();
	initialised = TAG_COUNT(initialised);
	KT_ASSERT_EQ(vm_map_protect(&tag_vm->vm_map, TAG_BASE,
	    TAG_BASE + TAG_PAGES * PAGE_SIZE, VM_PROT_RW | VM_PROT_MTE, false),
	    0);
	KT_ASSERT_EQ(TAG_COUNT(initialised), initialised);
	tag_run_faulters();
	KT_ASSERT_EQ(TAG_COUNT(initialised) - initialised, TAG_PAGES);
	KT_ASSERT_EQ(vm_page_tag_valid_count() - valid, TAG_PAGES);
	KT_ASSERT(tag_check_pages(m, tag_fill_index));
	vmspace_free(tag_vm);
	for (i = 0; i < TAG_PAGES; i++)
		KT_ASSERT((vm_page_flags(m[i]) & PG_TAGGED) == 0);
}

/* A tag for granule g of a test page: every value 0..15 occurs. */
static u_int
tag_pattern(u_int g)
{
	return ((g * 7 + 3) & 0xf);
}

/*
 * vm_page_tag_copy copies a tagged page's tags with its data (copy on
 * write), vm_page_tag_zero zeroes both in one pass, and freeing drops
 * the tagged state.
 */
KERN_TEST(mte_copy_and_zero_pages)
{
	struct vm_page *src, *dst, *fresh;
	u_long freed;
	char *s, *d, *f;
	u_int g;

	if (!mte_enabled)
		KT_SKIP("this machine has no MTE tag storage");
	src = vm_phys_alloc_pages(0);
	dst = vm_phys_alloc_pages(0);
	fresh = vm_phys_alloc_pages(0);
	KT_ASSERT(src != NULL && dst != NULL && fresh != NULL);
	s = vm_page_to_dmap(src);
	d = vm_page_to_dmap(dst);
	f = vm_page_to_dmap(fresh);
	vm_page_tag_zero(src);
	KT_ASSERT(vm_page_tagged(src));
	for (g = 0; g < PAGE_SIZE / MTE_GRANULE_SIZE; g++) {
		mte_store_tag(s + g * MTE_GRANULE_SIZE, tag_pattern(g));
		s[g * MTE_GRANULE_SIZE] = (char)g;
	}
	memset(d, 0xff, PAGE_SIZE);
	vm_page_tag_copy(src, dst);
	KT_ASSERT(vm_page_tagged(dst));
	for (g = 0; g < PAGE_SIZE / MTE_GRANULE_SIZE; g++) {
		KT_ASSERT_EQ(mte_load_tag(d + g * MTE_GRANULE_SIZE),
		    tag_pattern(g));
		KT_ASSERT_EQ(d[g * MTE_GRANULE_SIZE], (char)g);
	}
	/* Stale data and tags on a fresh page: both zeroed at birth. */
	for (g = 0; g < PAGE_SIZE / MTE_GRANULE_SIZE; g++)
		mte_store_tag(f + g * MTE_GRANULE_SIZE, tag_pattern(g));
	memset(f, 0xff, PAGE_SIZE);
	vm_page_tag_zero(fresh);
	KT_ASSERT(vm_page_tagged(fresh));
	for (g = 0; g < PAGE_SIZE; g += MTE_GRANULE_SIZE) {
		KT_ASSERT_EQ(mte_load_tag(f + g), 0);
		KT_ASSERT_EQ(f[g], 0);
	}
	freed = TAG_COUNT(freed);
	vm_phys_free_pages(src, 0);
	vm_phys_free_pages(dst, 0);
	vm_phys_free_pages(fresh, 0);
	KT_ASSERT_EQ(TAG_COUNT(freed) - freed, 3);
	KT_ASSERT(!vm_page_tagged(src));
}

/*
 * Fill the three pages at p: byte i is (i * 13 + seed), granule g's tag
 * (g + seed) & 0xf.
 */
static void
pageops_fill(char *p, u_int seed)
{
	u_int i;

	for (i = 0; i < 3 * PAGE_SIZE; i++)
		p[i] = (char)(i * 13 + seed);
	for (i = 0; i < 3 * PAGE_SIZE; i += MTE_GRANULE_SIZE)
		mte_store_tag(p + i, (i / MTE_GRANULE_SIZE + seed) & 0xf);
}

/*
 * How many bytes and granule tags of the three pages pageops_fill(p,
 * seed) filled are not zero in [lo, hi) or not as filled outside it.
 */
static u_int
pageops_zeroed_wrong(const char *p, u_int seed, u_int lo, u_int hi)
{
	u_int i, bad = 0;

	for (i = 0; i < 3 * PAGE_SIZE; i++)
		if (p[i] != (i >= lo && i < hi ? 0 : (char)(i * 13 + seed)))
			bad++;
	for (i = 0; i < 3 * PAGE_SIZE; i += MTE_GRANULE_SIZE)
		if (mte_load_tag(p + i) != (i >= lo && i < hi ? 0 :
		    (int)((i / MTE_GRANULE_SIZE + seed) & 0xf)))
			bad++;
	return (bad);
}

/*
 * The tagged page routines (pageops.S) change exactly the middle of three
 * pages, data and tags: pagezero_tags_blocks zeroes both (a whole page,
 * and thirteen blocks inside it, its loop for any length),
 * pagetags_clear_blocks zeroes the tags only, pagecopy_tags copies both
 * from another page; the pages on either side keep theirs.
 */
KERN_TEST(mte_pageops_exact)
{
	struct vm_page *a, *b;
	char *p, *q;
	u_int i, bad, bs;

	if (!mte_enabled)
		KT_SKIP("this machine has no MTE tag storage");
	if (mte_gm_bytes != 256 || PAGE_SIZE % (8 * mte_dcz_bytes) != 0)
		KT_SKIP("LDGM block not 256 bytes or DC ZVA block too large");
	/* Eight blocks fit a page, so thirteen from the second fit two. */
	bs = mte_dcz_bytes;
	a = vm_phys_alloc_pages(2);
	b = vm_phys_alloc_pages(2);
	KT_ASSERT(a != NULL && b != NULL);
	p = vm_page_to_dmap(a);
	q = vm_page_to_dmap(b);

	pageops_fill(p, 1);
	pagezero_tags_blocks(p + PAGE_SIZE, PAGE_SIZE, mte_dcz_bytes);
	dsb(ish);
	KT_ASSERT_EQ(pageops_zeroed_wrong(p, 1, PAGE_SIZE, 2 * PAGE_SIZE), 0);

	pageops_fill(p, 2);
	pagezero_tags_blocks(p + PAGE_SIZE + bs, 13 * bs, bs);
	dsb(ish);
	KT_ASSERT_EQ(pageops_zeroed_wrong(p, 2, PAGE_SIZE + bs,
	    PAGE_SIZE + 14 * bs), 0);

	pageops_fill(p, 3);
	pagetags_clear_blocks(p + PAGE_SIZE, PAGE_SIZE, mte_gm_bytes);
	dsb(ish);
	bad = 0;
	for (i = 0; i < 3 * PAGE_SIZE; i++)
		if (p[i] != (char)(i * 13 + 3))
			bad++;
	for (i = 0; i < 3 * PAGE_SIZE; i += MTE_GRANULE_SIZE)
		if (mte_load_tag(p + i) != (i / PAGE_SIZE == 1 ? 0 :
		    (int)((i / MTE_GRANULE_SIZE + 3) & 0xf)))
			bad++;
	KT_ASSERT_EQ(bad, 0);

	pageops_fill(p, 2);
	pageops_fill(q, 5);
	pagecopy_tags(p + PAGE_SIZE, q + PAGE_SIZE);
	dsb(ish);
	bad = 0;
	for (i = 0; i < 3 * PAGE_SIZE; i++)
		if (p[i] != (char)(i * 13 + (i / PAGE_SIZE == 1 ? 5 : 2)))
			bad++;
	for (i = 0; i < 3 * PAGE_SIZE; i += MTE_GRANULE_SIZE)
		if (mte_load_tag(p + i) != (int)((i / MTE_GRANULE_SIZE +
		    (i / PAGE_SIZE == 1 ? 5 : 2)) & 0xf))
			bad++;
	KT_ASSERT_EQ(bad, 0);
	vm_phys_free_pages(a, 2);
	vm_phys_free_pages(b, 2);
}

/*
 * A page's 256 tags survive vm_page_tag_save into the packed 128-byte
 * form (granule 2i in the low nibble of byte i) and vm_page_tag_restore
 * onto another page, whose data is kept; an untagged page saves nothing.
 */
KERN_TEST(mte_tag_save_restore)
{
	uint8_t buf[MD_TAG_PAGE_BYTES];
	struct vm_page *src, *dst;
	u_long saved, restored;
	char *s, *d;
	u_int g;

	if (!mte_enabled)
		KT_SKIP("this machine has no MTE tag storage");
	src = vm_phys_alloc_pages(0);
	dst = vm_phys_alloc_pages(0);
	KT_ASSERT(src != NULL && dst != NULL);
	s = vm_page_to_dmap(src);
	d = vm_page_to_dmap(dst);
	memset(buf, 0xa5, sizeof(buf));
	KT_ASSERT(!vm_page_tag_save(src, buf));
	KT_ASSERT_EQ(buf[0], 0xa5);
	vm_page_tag_zero(src);
	for (g = 0; g < PAGE_SIZE / MTE_GRANULE_SIZE; g++)
		mte_store_tag(s + g * MTE_GRANULE_SIZE, tag_pattern(g));
	saved = TAG_COUNT(saved);
	restored = TAG_COUNT(restored);
	KT_ASSERT(vm_page_tag_save(src, buf));
	vm_page_tag_saved(1);
	KT_ASSERT_EQ(TAG_COUNT(saved) - saved, 1);
	for (g = 0; g < PAGE_SIZE / MTE_GRANULE_SIZE; g++)
		KT_ASSERT_EQ((buf[g / 2] >> (4 * (g & 1))) & 0xf,
		    tag_pattern(g));
	for (g = 0; g < PAGE_SIZE; g++)
		d[g] = (char)(g * 13);
	vm_page_tag_restore(&dst, (const uint8_t *const []){ buf }, 1);
	KT_ASSERT(vm_page_tagged(dst));
	KT_ASSERT_EQ(TAG_COUNT(restored) - restored, 1);
	for (g = 0; g < PAGE_SIZE / MTE_GRANULE_SIZE; g++)
		KT_ASSERT_EQ(mte_load_tag(d + g * MTE_GRANULE_SIZE),
		    tag_pattern(g));
	for (g = 0; g < PAGE_SIZE; g++)
		KT_ASSERT_EQ(d[g], (char)(g * 13));
	vm_phys_free_pages(src, 0);
	vm_phys_free_pages(dst, 0);
}

/* untag() clears bits 63:56 of an address and nothing else. */
KERN_TEST(untag_drops_only_the_top_byte)
{
	KT_ASSERT_EQ(untag(0x0000123456789abcUL), 0x0000123456789abcUL);
	KT_ASSERT_EQ(untag(0xa500123456789abcUL), 0x0000123456789abcUL);
	KT_ASSERT_EQ(untag(0xffffffffffffffffUL), 0x00ffffffffffffffUL);
	KT_ASSERT_EQ(untag(0x0f00000000001000UL), 0x1000UL);
}
