/*
 * In-kernel tests of tagged user memory: the tag-initialisation state
 * machine under SMP (docs/abi.md section 7.2), zeroing and copying of tags.
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
#include "vm/vm_phys.h"
#include "machine/cpufunc.h"
#include "machine/md.h"
#include "machine/mte.h"
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

/*
 * Threads on every CPU fault and prefault the same fresh tagged pages at
 * once: each page's tags are initialised exactly once, every page ends up
 * PG_TAGGED with all tags 0, and freeing the pages clears the flag.
 */
KERN_TEST(mte_tag_init_once_under_smp)
{
	struct thread *td;
	struct vm_page *m[TAG_PAGES];
	u_long inits;
	u_int i, g;
	int chan;

	if (!mte_enabled)
		return;
	tag_vm = vmspace_alloc(0, VM_MAXUSER_ADDRESS);
	KT_ASSERT(tag_vm != NULL);
	KT_ASSERT_EQ(vm_map_insert(&tag_vm->vm_map, NULL, 0, TAG_BASE,
	    TAG_BASE + TAG_PAGES * PAGE_SIZE, VM_PROT_RW | VM_PROT_MTE,
	    VM_PROT_ALL, 0), 0);
	inits = __atomic_load_n(&mte_tag_inits, __ATOMIC_RELAXED);
	tag_go = tag_done = 0;
	for (i = 0; i < TAG_THREADS; i++) {
		td = thread_alloc(NULL);
		KT_ASSERT(td != NULL);
		cpu_thread_start(td, tag_faulter, (void *)(uintptr_t)i);
		sched_add(td);
	}
	__atomic_store_n(&tag_go, 1, __ATOMIC_RELEASE);
	while (__atomic_load_n(&tag_done, __ATOMIC_ACQUIRE) < TAG_THREADS)
		sleep_on(&chan, NULL, false, 1);
	KT_ASSERT_EQ(__atomic_load_n(&mte_tag_inits, __ATOMIC_RELAXED) - inits,
	    TAG_PAGES);
	for (i = 0; i < TAG_PAGES; i++) {
		vm_paddr_t pa = pmap_extract(&tag_vm->vm_pmap,
		    TAG_BASE + i * PAGE_SIZE);

		KT_ASSERT(pa != 0);
		m[i] = PHYS_TO_VM_PAGE(pa);
		KT_ASSERT((vm_page_flags(m[i]) & (PG_TAGGED | PG_TAGBUSY)) ==
		    PG_TAGGED);
		for (g = 0; g < PAGE_SIZE; g += MTE_GRANULE_SIZE)
			KT_ASSERT_EQ(mte_load_tag((char *)vm_page_to_dmap(m[i]) +
			    g), 0);
	}
	vmspace_free(tag_vm);
	for (i = 0; i < TAG_PAGES; i++)
		KT_ASSERT((vm_page_flags(m[i]) & PG_TAGGED) == 0);
}

/*
 * pmap_copy_page copies a tagged page's tags with its data (copy on
 * write), and pmap_zero_page_tagged zeroes both in one pass.
 */
KERN_TEST(mte_copy_and_zero_pages)
{
	struct vm_page *src, *dst;
	char *s, *d;
	u_int g;

	if (!mte_enabled)
		return;
	src = vm_phys_alloc_pages(0);
	dst = vm_phys_alloc_pages(0);
	KT_ASSERT(src != NULL && dst != NULL);
	s = vm_page_to_dmap(src);
	d = vm_page_to_dmap(dst);
	pmap_zero_page_tagged(src);
	KT_ASSERT(vm_page_flags(src) & PG_TAGGED);
	for (g = 0; g < PAGE_SIZE; g += MTE_GRANULE_SIZE) {
		mte_store_tag(s + g, (g / MTE_GRANULE_SIZE) & 0xf);
		s[g] = (char)g;
	}
	memset(d, 0xff, PAGE_SIZE);
	pmap_copy_page(src, dst);
	KT_ASSERT(vm_page_flags(dst) & PG_TAGGED);
	for (g = 0; g < PAGE_SIZE; g += MTE_GRANULE_SIZE) {
		KT_ASSERT_EQ(mte_load_tag(d + g), (g / MTE_GRANULE_SIZE) & 0xf);
		KT_ASSERT_EQ(d[g], (char)g);
	}
	pmap_zero_page_tagged(dst);
	for (g = 0; g < PAGE_SIZE; g += MTE_GRANULE_SIZE) {
		KT_ASSERT_EQ(mte_load_tag(d + g), 0);
		KT_ASSERT_EQ(d[g], 0);
	}
	vm_phys_free_pages(src, 0);
	vm_phys_free_pages(dst, 0);
	KT_ASSERT((vm_page_flags(src) & PG_TAGGED) == 0);
}
