/*
 * MTE enablement.  mte_detect() reads ID_AA64PFR1_EL1.  With tag storage
 * (MTE2 or MTE3), mte_init_cpu() turns the direct map's attribute index
 * into Tagged Normal memory (MAIR 0xF0) and lets EL1 and EL0 use tags, on
 * each CPU before it touches the direct map; checking stays off until a
 * process asks for it.  mte_selfcheck() proves tag storage is per granule
 * (QEMU before 8.0 shared one tag between granules 0x100 apart, QEMU
 * issue #1416) and leaves PROT_MTE disabled if it is not.
 */
#include "sys/systm.h"
#include "sys/param.h"
#include "sys/proc.h"
#include "sys/signalvar.h"
#include "vm/md_tags.h"
#include "vm/pmap.h"
#include "vm/vm_map.h"
#include "vm/vm_page.h"
#include "vm/vm_phys.h"
#include "machine/armreg.h"
#include "machine/cpufunc.h"
#include "machine/frame.h"
#include "machine/mte.h"
#include "machine/pageops.h"
#include "machine/pmap.h"
#include "machine/sysarch.h"
#include "vm/pmap.h"
#include "machine/vmparam.h"

u_int mte_level;
bool mte_enabled;
u_int mte_gm_bytes;
u_int mte_dcz_bytes;

/* Read the CPU's MTE level and block sizes (boot CPU, before the kernel map). */
void
mte_detect(void)
{
	mte_level = (READ_SPECIALREG(id_aa64pfr1_el1) >> ID_AA64PFR1_MTE_SHIFT) &
	    ID_FIELD_MASK;
	mte_dcz_bytes = 4u << (READ_SPECIALREG(dczid_el0) & DCZID_BS_MASK);
	/* GMID_EL1.BS: log2 of the LDGM/STGM block in 4-byte words. */
	if (mte_level >= MTE_LEVEL_MTE2)
		mte_gm_bytes = 4u << (READ_SPECIALREG(gmid_el1) & GMID_BS_MASK);
}

/*
 * Make this CPU's VM_MEMATTR_TAGGED Tagged Normal memory and allow tag
 * access at EL1 and EL0, with no tag checking at
 * EL1 (the kernel touches user pages through the direct map with
 * untagged pointers) and none at EL0 until a thread asks for it.
 */
void
mte_init_cpu(void)
{
	uint64_t mair, sctlr;

	if (mte_level < MTE_LEVEL_MTE2)
		return;
	mair = READ_SPECIALREG(mair_el1);
	mair &= ~(MAIR_ATTR_MASK << MAIR_ATTR_SHIFT(VM_MEMATTR_TAGGED));
	mair |= MAIR_ATTR_TAGGED << MAIR_ATTR_SHIFT(VM_MEMATTR_TAGGED);
	WRITE_SPECIALREG(mair_el1, mair);
	sctlr = READ_SPECIALREG(sctlr_el1);
	sctlr &= ~(SCTLR_TCF_MASK | SCTLR_TCF0_MASK);
	sctlr |= SCTLR_ATA | SCTLR_ATA0 | SCTLR_ITFSB;
	WRITE_SPECIALREG(sctlr_el1, sctlr);
	WRITE_SPECIALREG(gcr_el1, GCR_RRND | GCR_EXCLUDE_MASK);	/* IRG gives 0 */
	WRITE_SPECIALREG(tfsr_el1, 0);
	WRITE_SPECIALREG(tfsre0_el1, 0);
	isb();
	/* The TLB may hold attributes resolved through the old MAIR. */
	__asm __volatile("tlbi vmalle1" ::: "memory");
	dsb(nsh);
	isb();
}

/*
 * Store distinct tags in the granules 0x100 apart in one page and read
 * them back.  Sets mte_enabled only if each granule kept its own tag.
 */
void
mte_selfcheck(void)
{
	struct vm_page *m;
	char *va;
	u_int i, bad = 0;

	if (mte_level < MTE_LEVEL_MTE2) {
		printf("MTE: absent\n");
		return;
	}
	m = vm_phys_alloc_pages(0);
	KASSERT(m != NULL, ("mte_selfcheck: no free page"));
	va = vm_page_to_dmap(m);
	for (i = 0; i < 16; i++)
		mte_store_tag(va + i * 0x100, i);
	for (i = 0; i < 16; i++)
		if (mte_load_tag(va + i * 0x100) != i)
			bad++;
	for (i = 0; i < 16; i++)
		mte_store_tag(va + i * 0x100, 0);
	vm_phys_free_pages(m, 0);
	if (bad != 0) {
		printf("MTE: %s, tag storage broken: %u of 16 granules lost "
		    "their tag (QEMU issue #1416: use QEMU >= 8); PROT_MTE "
		    "disabled\n", mte_level == MTE_LEVEL_MTE3 ? "MTE3" : "MTE2",
		    bad);
		return;
	}
	mte_enabled = true;
	printf("MTE: %s, tag storage on (LDGM block %u bytes, DC ZVA block %u "
	    "bytes)\n", mte_level == MTE_LEVEL_MTE3 ? "MTE3" : "MTE2",
	    mte_gm_bytes, mte_dcz_bytes);
}

/*
 * The machine-dependent tag primitives of vm/md_tags.h, for the owner of
 * a page's tag state (vm/vm_page_tags.c).  They work through the direct
 * map with untagged kernel addresses: STZGM, STGM and LDGM take the tag
 * from a register (Xt), not from the address, and EL1 does no tag
 * checking.  Each store loop ends with DSB ISH, so the caller may publish
 * PG_TAGGED, and the page may be mapped, as soon as it returns.
 */
CTASSERT(MD_TAG_GRANULE_SIZE == MTE_GRANULE_SIZE);

/* Tag storage is present and passed mte_selfcheck. */
bool
md_tags_enabled(void)
{
	return (mte_enabled);
}

/* md_tags_zero_page without tag storage: the data only, false. */
static __attribute__((__noinline__, __cold__)) bool
md_tags_zero_data(struct vm_page *m)
{
	pmap_zero_page(m);
	return (false);
}

/*
 * Zero a page's data and tags in one pass (md_tags_zero_run of one) and
 * return true; without tag storage zero its data (pmap_zero_page) and
 * return false.  The check is here, one load, so that the birth of a
 * tagged page (vm_page_tag_zero) makes one call.
 */
bool
md_tags_zero_page(struct vm_page *m)
{
	if (__predict_false(!mte_enabled))
		return (md_tags_zero_data(m));
	pagezero_tags_blocks(vm_page_to_dmap(m), PAGE_SIZE, mte_dcz_bytes);
	dsb(ish);
	return (true);
}

/*
 * Zero the data and tags of npages physically contiguous pages at m in
 * one pass, STZGM over whole DC ZVA blocks (pagezero_tags_blocks, the
 * loop pmap_zero_run's DC ZVA takes too), and one DSB at the end, not one
 * per page, so the caller may publish the tags.
 */
void
md_tags_zero_run(struct vm_page *m, u_long npages)
{
	pagezero_tags_blocks(vm_page_to_dmap(m), ptoa(npages), mte_dcz_bytes);
	dsb(ish);
}

/*
 * Set every granule's tag in a page to 0, keeping the data: STGM, eight
 * GMID blocks per loop step (pagetags_clear_blocks) when a page holds a
 * multiple of eight.
 */
void
md_tags_clear_page(struct vm_page *m)
{
	md_tags_clear_run(m, 1);
}

/*
 * md_tags_clear_page for npages physically contiguous pages at m: one
 * STGM loop over the whole run and one DSB at the end, so the caller may
 * publish the tags.
 */
void
md_tags_clear_run(struct vm_page *m, u_long npages)
{
	char *p = vm_page_to_dmap(m), *end = p + ptoa(npages);

	if (PAGE_SIZE % (8 * mte_gm_bytes) == 0) {
		pagetags_clear_blocks(p, ptoa(npages), mte_gm_bytes);
	} else {
		for (; p < end; p += mte_gm_bytes)
			__asm __volatile("stgm xzr, [%0]" : : "r" (p) :
			    "memory");
	}
	dsb(ish);
}

/*
 * Copy a page's data and tags to another page in one pass: LDP/STP for
 * the data with one LDGM/STGM pair per 256 bytes (pagecopy_tags) when
 * the GMID block is 256 bytes, as on every CPU so far; else the data
 * first, then the tags one GMID block a step.
 */
/*
 * md_tags_copy_page for a GMID block other than 256 bytes: the data
 * first, then the tags one block a step.  Apart, so that the usual case
 * keeps a small frame.
 */
static __attribute__((__noinline__, __cold__)) void
md_tags_copy_blocks(char *d, const char *s)
{
	uint64_t tags;
	u_int off;

	pagecopy(d, s);
	for (off = 0; off < PAGE_SIZE; off += mte_gm_bytes) {
		tags = 0;
		__asm __volatile("ldgm %0, [%1]" : "+r" (tags) : "r" (s + off)
		    : "memory");
		__asm __volatile("stgm %0, [%1]" : : "r" (tags), "r" (d + off)
		    : "memory");
	}
}

void
md_tags_copy_page(struct vm_page *src, struct vm_page *dst)
{
	const char *s = vm_page_to_dmap(src);
	char *d = vm_page_to_dmap(dst);

	if (__predict_true(mte_gm_bytes == 256))
		pagecopy_tags(d, s);
	else
		md_tags_copy_blocks(d, s);
	dsb(ish);
}

/*
 * LDGM and STGM hold the tags of the granules of a 256-byte line in one
 * register, granule n of the line (address bits 7:4) in bits 4n+3:4n,
 * whatever the GMID block size (a smaller block fills only its own
 * nibbles).  On little-endian arm64 a line's 64-bit word is therefore
 * exactly the md_tags.h saved form of its 16 granules: 8 bytes, granule
 * 2i in the low nibble of byte i.
 */
#define MTE_LINE_SIZE	256

/*
 * md_tags_save_page for a GMID block smaller than a line: each line's
 * word gathered from its blocks, then stored.  Apart, so that the common
 * path below needs no stack frame.
 */
static __attribute__((__noinline__)) void
md_tags_save_blocks(const char *p, uint8_t *buf)
{
	uint64_t line, tags;
	u_int off, lo;

	for (lo = 0; lo < PAGE_SIZE; lo += MTE_LINE_SIZE) {
		line = 0;
		for (off = lo; off < lo + MTE_LINE_SIZE; off += mte_gm_bytes) {
			tags = 0;
			__asm __volatile("ldgm %0, [%1]" : "+r" (tags) :
			    "r" (p + off) : "memory");
			line |= tags;
		}
		memcpy(buf + lo / MTE_LINE_SIZE * sizeof(line), &line,
		    sizeof(line));
	}
}

/*
 * Store the 256 tags of page m into buf (128 bytes, any alignment: the
 * swap pager gives the record's place in its tag block): the LDGM words
 * straight into buf (pagetags_save) when the GMID block is 256 bytes.
 */
void
md_tags_save_page(struct vm_page *m, uint8_t buf[MD_TAG_PAGE_BYTES])
{
	if (__predict_true(mte_gm_bytes == MTE_LINE_SIZE))
		pagetags_save(vm_page_to_dmap(m), buf);
	else
		md_tags_save_blocks(vm_page_to_dmap(m), buf);
}

/* md_tags_restore_page's STGM for a GMID block smaller than a line. */
static __attribute__((__noinline__)) void
md_tags_restore_blocks(char *p, const uint8_t *buf)
{
	uint64_t line;
	u_int off;

	for (off = 0; off < PAGE_SIZE; off += mte_gm_bytes) {
		memcpy(&line, buf + off / MTE_LINE_SIZE * sizeof(line),
		    sizeof(line));
		__asm __volatile("stgm %0, [%1]" : : "r" (line), "r" (p + off)
		    : "memory");
	}
}

/*
 * Give page m the 256 tags in buf (any alignment), its data kept: STGM
 * straight from buf (pagetags_restore) when the GMID block is 256 bytes;
 * then DSB ISH.
 */
void
md_tags_restore_page(struct vm_page *m, const uint8_t buf[MD_TAG_PAGE_BYTES])
{
	if (__predict_true(mte_gm_bytes == MTE_LINE_SIZE))
		pagetags_restore(vm_page_to_dmap(m), buf);
	else
		md_tags_restore_blocks(vm_page_to_dmap(m), buf);
	dsb(ish);
}

/*
 * md_tags_restore_page for the n pages ma[0..n), page i from bufs[i],
 * with one DSB ISH after the last: the page-in of a cluster pays the
 * barrier, and the test of the GMID block, once.
 */
void
md_tags_restore_run(struct vm_page **ma, const uint8_t *const *bufs, int n)
{
	int i;

	if (__predict_true(mte_gm_bytes == MTE_LINE_SIZE)) {
		for (i = 0; i < n; i++)
			pagetags_restore(vm_page_to_dmap(ma[i]), bufs[i]);
	} else {
		for (i = 0; i < n; i++)
			md_tags_restore_blocks(vm_page_to_dmap(ma[i]),
			    bufs[i]);
	}
	dsb(ish);
}

/*
 * Load the calling thread's process MTE control into this CPU: the check
 * mode into SCTLR_EL1.TCF0 and the IRG include mask into GCR_EL1 (as the
 * exclude mask, random tags from the hardware: RRND).
 */
void
mte_thread_load(struct thread *td)
{
	struct mdproc *md = &td->td_proc->p_md;
	uint64_t sctlr;

	if (!mte_enabled)
		return;
	td->td_md.md_mte_gen = md->md_mte_gen;
	sctlr = READ_SPECIALREG(sctlr_el1) & ~SCTLR_TCF0_MASK;
	sctlr |= (uint64_t)md->md_mte_mode << SCTLR_TCF0_SHIFT;
	WRITE_SPECIALREG(sctlr_el1, sctlr);
	WRITE_SPECIALREG(gcr_el1, GCR_RRND |
	    (~(uint64_t)md->md_mte_include & GCR_EXCLUDE_MASK));
	isb();
	/*
	 * Only ASYNC and ASYMM set TFSRE0_EL1.TF0, so only they need
	 * mte_userret at every return; a fault raised before a change of
	 * mode is still found, as the change sets TDA_MTE.
	 */
	if (md->md_mte_mode == MTE_MODE_ASYNC ||
	    md->md_mte_mode == MTE_MODE_ASYMM)
		thread_ast_set(td, TDA_MTE_ASYNC);
	else
		thread_ast_clear(td, TDA_MTE_ASYNC);
}

/*
 * A user thread leaves this CPU: an asynchronous tag fault its accesses
 * raised (TFSRE0_EL1.TF0, synchronised by the exception that entered the
 * kernel) belongs to it; note it for mte_userret.
 */
void
mte_thread_switch_out(struct thread *td)
{
	if (!mte_enabled)
		return;
	dsb(ish);
	isb();
	if (READ_SPECIALREG(tfsre0_el1) & TFSR_TF0) {
		WRITE_SPECIALREG(tfsre0_el1, 0);
		isb();
		__atomic_store_n(&td->td_md.md_mte_async, true,
		    __ATOMIC_RELAXED);
		thread_ast_set(td, TDA_MTE);
	}
}

/*
 * mte_userret found an asynchronous tag fault td raised (noted at a
 * switch, or in this CPU's TFSRE0_EL1): clear both and post
 * SIGSEGV/SEGV_MTEAERR with si_addr 0.
 */
void
mte_userret_fault(struct thread *td)
{
	bool fault;

	fault = __atomic_exchange_n(&td->td_md.md_mte_async, false,
	    __ATOMIC_RELAXED);
	if (READ_SPECIALREG(tfsre0_el1) & TFSR_TF0) {
		WRITE_SPECIALREG(tfsre0_el1, 0);
		isb();
		fault = true;
	}
	if (fault)
		trapsignal(td, SIGSEGV, SEGV_MTEAERR, 0, EXCP_DATA_ABORT_L);
}

/*
 * Forget any asynchronous tag fault td's accesses raised so far, noted at
 * a switch or still in this CPU's TFSRE0_EL1 (exec: it belonged to the
 * old image).  The caller's later accesses are checked as usual.
 */
void
mte_thread_discard_async(struct thread *td)
{
	if (!mte_enabled)
		return;
	dsb(ish);
	isb();
	WRITE_SPECIALREG(tfsre0_el1, 0);
	isb();
	__atomic_store_n(&td->td_md.md_mte_async, false, __ATOMIC_RELAXED);
}

/*
 * The allocation tag of the user granule at va, or -1 unless td's process
 * maps va's page Tagged (PROT_MTE).  An untagged page's tag storage is
 * not the process's: it may still hold a freed page's tags, which must
 * never be shown (docs/abi.md row 14: no tag of freed memory is seen
 * again).
 */
static int
mte_user_tag(struct thread *td, vm_offset_t va)
{
	vm_paddr_t pa;

	pa = pmap_extract_tagged(&td->td_proc->p_vmspace->vm_pmap, va);
	if (pa == 0)
		return (-1);
	return (mte_load_tag((void *)PHYS_TO_DMAP(pa & ~(vm_paddr_t)
	    (MTE_GRANULE_SIZE - 1))));
}

#define	MTE_REPORT_GRANULES	4	/* shown on each side of the fault */

/*
 * The console report of a tag check fault that kills a process
 * (docs/abi.md row 18), every tag in hex, each line saying what it shows:
 *	MTE tag check fault: pid 7 (mtedemo) killed by SIGSEGV, pc 0x..., mode sync
 *	  address 0x0b00000040011020: pointer tag 0xb, memory tag 0x4
 *	  memory tags of the 16-byte granules from 0x40010fe0 on, [the faulting
 *	  one], -- where the process has no tagged page:
 *	    0x4 0x4 0x4 0x4 [0x4] 0x5 0x5 0x5 0x5
 * An asynchronous fault has no address: the report says so instead.
 */
void
mte_fault_report(struct thread *td, const struct ksiginfo *ksi)
{
	static const char *const modes[] = { "none", "sync", "async", "asymm" };
	struct proc *p = td->td_proc;
	vm_offset_t va, g, first;
	int tag, i;

	printf("MTE tag check fault: pid %d (%s) killed by SIGSEGV, pc %#lx, "
	    "mode %s\n", p->p_pid, p->p_comm, td->td_frame->tf_elr,
	    modes[p->p_md.md_mte_mode & 3]);
	if (ksi->si_code == SEGV_MTEAERR || ksi->si_addr == 0) {
		printf("  asynchronous: the access went through and the fault "
		    "was noticed later,\n  so its address is not known\n");
		return;
	}
	va = untag(ksi->si_addr);
	printf("  address %#lx: pointer tag 0x%lx, memory tag ", ksi->si_addr,
	    (ksi->si_addr >> MTE_TAG_SHIFT) & MTE_TAG_MASK);
	tag = mte_user_tag(td, va);
	if (tag < 0)
		printf("-- (no tagged page there)\n");
	else
		printf("0x%x\n", tag);
	first = (va & ~(vm_offset_t)(MTE_GRANULE_SIZE - 1)) -
	    MTE_REPORT_GRANULES * MTE_GRANULE_SIZE;
	printf("  memory tags of the 16-byte granules from %#lx on, [the "
	    "faulting\n  one], -- where the process has no tagged page:\n   ",
	    first);
	for (i = 0; i <= 2 * MTE_REPORT_GRANULES; i++) {
		g = first + i * MTE_GRANULE_SIZE;
		tag = mte_user_tag(td, g);
		printf(i == MTE_REPORT_GRANULES ? " [" : " ");
		if (tag < 0)
			printf("--");
		else
			printf("0x%x", tag);
		if (i == MTE_REPORT_GRANULES)
			printf("]");
	}
	printf("\n");
}
