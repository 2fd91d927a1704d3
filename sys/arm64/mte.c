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
#include "vm/vm_page.h"
#include "vm/vm_phys.h"
#include "machine/armreg.h"
#include "machine/cpufunc.h"
#include "machine/mte.h"

u_int mte_level;
bool mte_enabled;
u_int mte_gm_bytes;
u_int mte_dcz_bytes;

/* Read the CPU's MTE level and block sizes (boot CPU, before the kernel map). */
void
mte_detect(void)
{
	mte_level = (READ_SPECIALREG(id_aa64pfr1_el1) >> ID_AA64PFR1_MTE_SHIFT) &
	    0xf;
	mte_dcz_bytes = 4u << (READ_SPECIALREG(dczid_el0) & 0xf);
	/* GMID_EL1.BS: log2 of the LDGM/STGM block in 4-byte words. */
	if (mte_level >= MTE_LEVEL_MTE2)
		mte_gm_bytes = 4u << (READ_SPECIALREG(gmid_el1) & 0xf);
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
	mair &= ~(0xffUL << (8 * VM_MEMATTR_TAGGED));
	mair |= MAIR_ATTR_TAGGED << (8 * VM_MEMATTR_TAGGED);
	WRITE_SPECIALREG(mair_el1, mair);
	sctlr = READ_SPECIALREG(sctlr_el1);
	sctlr &= ~(SCTLR_TCF_MASK | SCTLR_TCF0_MASK);
	sctlr |= SCTLR_ATA | SCTLR_ATA0 | SCTLR_ITFSB;
	WRITE_SPECIALREG(sctlr_el1, sctlr);
	WRITE_SPECIALREG(gcr_el1, 0xffff);	/* IRG excludes every tag: 0 */
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
