/*
 * In-kernel tests of what boot sets up: CPUs, interrupts and timers, the
 * kernel map's permissions, the page allocator and kmalloc, MTE state.
 */
#include "sys/systm.h"
#include "sys/fdt.h"
#include "sys/kern_test.h"
#include "sys/ksyms.h"
#include "sys/malloc.h"
#include "sys/param.h"
#include "sys/pcpu.h"
#include "sys/spinlock.h"
#include "vm/vm_page.h"
#include "vm/vm_phys.h"
#include "machine/cpufunc.h"
#include "machine/machdep.h"
#include "machine/md.h"
#include "machine/mte.h"
#include "machine/pmap.h"
#include "machine/pte.h"
#include "machine/vmparam.h"

extern char __kernel_start[], __text_end[], __rodata_end[], __kernel_end[];

/* Every CPU node of the device tree is online. */
KERN_TEST(smp_all_cpus_online)
{
	int cpus, node, n = 0;
	const char *type;
	u_int cpu;

	cpus = fdt_find_path(boot_dtb, "/cpus");
	KT_ASSERT(cpus >= 0);
	for (node = fdt_first_child(boot_dtb, cpus); node >= 0;
	    node = fdt_next_sibling(boot_dtb, node)) {
		type = fdt_prop_string(boot_dtb, node, "device_type");
		if (type != NULL && strcmp(type, "cpu") == 0)
			n++;
	}
	KT_ASSERT_EQ(mp_ncpus, MIN(n, MAXCPU));
	for (cpu = 0; cpu < mp_ncpus; cpu++)
		KT_ASSERT(pcpu_array[cpu].pc_online);
}

static u_int call_hits[MAXCPU];

static void
record_cpu(void *arg)
{
	call_hits[curcpu_id()]++;
}

/* An IPI reaches every other CPU, and smp_call_others waits for them all. */
KERN_TEST(smp_call_reaches_every_cpu)
{
	u_int cpu, round;

	memset(call_hits, 0, sizeof(call_hits));
	for (round = 0; round < 10; round++)
		smp_call_others(record_cpu, NULL);
	for (cpu = 0; cpu < mp_ncpus; cpu++)
		KT_ASSERT_EQ(call_hits[cpu], cpu == curcpu_id() ? 0 : 10);
}

#define LOCK_ROUNDS	20000

static struct spinlock test_lock = SPINLOCK_INITIALIZER("test");
static uint64_t locked_counter;

static void
count_under_lock(void *arg)
{
	int i;

	for (i = 0; i < LOCK_ROUNDS; i++) {
		spin_lock(&test_lock);
		locked_counter++;	/* a plain read-modify-write */
		spin_unlock(&test_lock);
	}
}

/* Every CPU bumps one counter under a spin lock at once: no update is lost. */
KERN_TEST(spinlock_excludes_across_cpus)
{
	locked_counter = 0;
	smp_call_others(count_under_lock, NULL);
	count_under_lock(NULL);
	KT_ASSERT_EQ(locked_counter, (uint64_t)LOCK_ROUNDS * mp_ncpus);
}

/* The tick advances on every CPU. */
KERN_TEST(timer_ticks_on_every_cpu)
{
	uint64_t before[MAXCPU], deadline;
	u_int cpu;

	for (cpu = 0; cpu < mp_ncpus; cpu++)
		before[cpu] = pcpu_array[cpu].pc_ticks;
	deadline = cpu_counter() + cpu_counter_freq() / 5;	/* 200 ms */
	while (cpu_counter() < deadline)
		cpu_idle_wait();
	for (cpu = 0; cpu < mp_ncpus; cpu++)
		KT_ASSERT(pcpu_array[cpu].pc_ticks > before[cpu]);
}

/* True if a write to va would be allowed at EL1 (AT S1E1W). */
static bool
kernel_writable(vm_offset_t va)
{
	uint64_t par;

	__asm __volatile("at s1e1w, %0" : : "r" (va));
	isb();
	par = READ_SPECIALREG(par_el1);
	return ((par & 1) == 0);
}

/* Kernel text is RX, read-only data R, data RW: never W and X at once. */
KERN_TEST(kernel_map_is_w_xor_x)
{
	vm_offset_t va;
	pt_entry_t pte;

	for (va = (vm_offset_t)__kernel_start; va < (vm_offset_t)__kernel_end;
	    va += PAGE_SIZE) {
		pte = pmap_kernel_pte(va);
		KT_ASSERT(pte != 0);
		KT_ASSERT((pte & ATTR_UXN) != 0);
		if (va < (vm_offset_t)__text_end) {
			KT_ASSERT((pte & ATTR_PXN) == 0);
			KT_ASSERT(!kernel_writable(va));
		} else if (va < (vm_offset_t)__rodata_end) {
			KT_ASSERT((pte & ATTR_PXN) != 0);
			KT_ASSERT(!kernel_writable(va));
		} else {
			KT_ASSERT((pte & ATTR_PXN) != 0);
			KT_ASSERT(kernel_writable(va));
		}
	}
	/* The direct map: writable, never executable, Tagged attribute. */
	pte = pmap_kernel_pte(PHYS_TO_DMAP(pmap_kextract((vm_offset_t)__kernel_start)));
	KT_ASSERT(pte != 0);
	KT_ASSERT((pte & (ATTR_PXN | ATTR_UXN)) == (ATTR_PXN | ATTR_UXN));
	KT_ASSERT_EQ(pte & ATTR_IDX_MASK, ATTR_IDX(VM_MEMATTR_TAGGED));
	/* PAN is on. */
	KT_ASSERT((READ_SPECIALREG(pan) & PSR_PAN) != 0);
}

/* pmap_kenter/kremove change a kernel mapping on every CPU (broadcast TLBI). */
static volatile uint64_t seen[MAXCPU];

static void
read_probe(void *arg)
{
	seen[curcpu_id()] = *(volatile uint64_t *)arg;
}

KERN_TEST(kernel_tlb_invalidation_reaches_every_cpu)
{
	struct vm_page *a, *b;
	vm_offset_t va = KVA_MAX_ADDRESS - PAGE_SIZE;
	u_int cpu;

	a = vm_phys_alloc_pages(0);
	b = vm_phys_alloc_pages(0);
	KT_ASSERT(a != NULL && b != NULL);
	*(uint64_t *)vm_page_to_dmap(a) = 0xaaaa;
	*(uint64_t *)vm_page_to_dmap(b) = 0xbbbb;
	pmap_kenter(va, VM_PAGE_TO_PHYS(a));
	smp_call_others(read_probe, (void *)va);	/* fill every TLB */
	for (cpu = 0; cpu < mp_ncpus; cpu++)
		KT_ASSERT(cpu == curcpu_id() || seen[cpu] == 0xaaaa);
	pmap_kremove(va);
	pmap_kenter(va, VM_PAGE_TO_PHYS(b));
	smp_call_others(read_probe, (void *)va);
	for (cpu = 0; cpu < mp_ncpus; cpu++)
		KT_ASSERT(cpu == curcpu_id() || seen[cpu] == 0xbbbb);
	pmap_kremove(va);
	vm_phys_free_pages(a, 0);
	vm_phys_free_pages(b, 0);
}

/* Runs of every order up to 2 MiB are aligned and come back whole. */
KERN_TEST(vm_phys_aligned_runs)
{
	struct vm_page *m[VM_NFREEORDER];
	u_long before = vm_phys_free_count();
	int order;

	for (order = 0; order < VM_NFREEORDER; order++) {
		m[order] = vm_phys_alloc_pages(order);
		KT_ASSERT(m[order] != NULL);
		KT_ASSERT_EQ(VM_PAGE_TO_PHYS(m[order]) & (ptoa(1UL << order) - 1),
		    0);
		memset(vm_page_to_dmap(m[order]), 0x5a, ptoa(1UL << order));
	}
	for (order = 0; order < VM_NFREEORDER; order++)
		vm_phys_free_pages(m[order], order);
	KT_ASSERT_EQ(vm_phys_free_count(), before);
}

/* kmalloc gives 16-byte aligned, writable, zeroed (M_ZERO) memory. */
KERN_TEST(kmalloc_small_objects)
{
	void *p[64];
	size_t size;
	int i;

	for (i = 0; i < 64; i++) {
		size = 1 + i * 37;
		p[i] = kmalloc(size, M_ZERO);
		KT_ASSERT(p[i] != NULL);
		KT_ASSERT_EQ((uintptr_t)p[i] & 15, 0);
		KT_ASSERT_EQ(((char *)p[i])[size - 1], 0);
		memset(p[i], i, size);
	}
	for (i = 0; i < 64; i++)
		kfree(p[i]);
}

/* The embedded symbol table names the kernel's own functions. */
KERN_TEST(ksyms_names_functions)
{
	const char *name;
	uint64_t off;

	name = ksyms_lookup((uint64_t)kmalloc + 4, &off);
	KT_ASSERT(name != NULL);
	KT_ASSERT(strcmp(name, "kmalloc") == 0);
	KT_ASSERT_EQ(off, 4);
}

/*
 * With tag storage every granule keeps its own tag through the Tagged
 * direct map; without it the kernel says MTE is off.
 */
KERN_TEST(mte_state_matches_cpu)
{
	struct vm_page *m;
	char *va;
	u_int i;

	if (mte_level < MTE_LEVEL_MTE2) {
		KT_ASSERT(!mte_enabled);
		return;
	}
	KT_ASSERT(mte_enabled);
	KT_ASSERT((READ_SPECIALREG(sctlr_el1) & SCTLR_ATA) != 0);
	m = vm_phys_alloc_pages(0);
	KT_ASSERT(m != NULL);
	va = vm_page_to_dmap(m);
	for (i = 0; i < PAGE_SIZE / MTE_GRANULE_SIZE; i++)
		mte_store_tag(va + i * MTE_GRANULE_SIZE, i & 0xf);
	for (i = 0; i < PAGE_SIZE / MTE_GRANULE_SIZE; i++)
		KT_ASSERT_EQ(mte_load_tag(va + i * MTE_GRANULE_SIZE), i & 0xf);
	for (i = 0; i < PAGE_SIZE / MTE_GRANULE_SIZE; i++)
		mte_store_tag(va + i * MTE_GRANULE_SIZE, 0);
	vm_phys_free_pages(m, 0);
}

/*
 * A deliberate kernel data abort: the harness checks the report (registers,
 * ESR in words, symbolized backtrace).  Run only as "tests=trap_report".
 */
KERN_TEST_EXPLICIT(trap_report)
{
	volatile uint64_t *bad = (volatile uint64_t *)(KVA_MAX_ADDRESS - 2 * PAGE_SIZE);

	*bad = 0xdead;
}

static volatile int recurse_limit = 1 << 30;

/* Recurse with a frame the compiler cannot elide, until the stack ends. */
static int __attribute__((noinline))
recurse_deep(int depth)
{
	volatile char frame[512];

	frame[depth % sizeof(frame)] = (char)depth;
	if (depth >= recurse_limit)
		return (frame[0]);
	return (recurse_deep(depth + 1) + frame[0]);
}

/*
 * A kernel stack overflow hits the guard page and is reported as such
 * (the harness checks the report).  Run only as "tests=stack_overflow".
 */
KERN_TEST_EXPLICIT(stack_overflow)
{
	recurse_deep(0);
}
