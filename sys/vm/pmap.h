/*
 * The machine-independent interface to the pmap, the machine-dependent
 * owner of translation tables (FreeBSD's vm/pmap.h).  The VM system calls
 * only these for user address spaces; machine/pmap.h defines struct pmap
 * and struct md_page.  prot is a set of VM_PROT_* bits, VM_PROT_MTE
 * included: the pmap maps such pages with the Tagged memory attribute
 * after making their tags valid with vm_page_tag_init (vm_page_tags.c,
 * the owner of a page's tag state).  Host unit tests implement the same
 * interface in tests/host/fake_pmap.c.
 */
#ifndef _VM_PMAP_H_
#define _VM_PMAP_H_

#include "sys/types.h"
#include "machine/pmap.h"

struct vm_page;

/*
 * Superpage events since boot, each (A) but pv_entries, readable by
 * sysctl under FreeBSD's names: vm.pmap.l2.* (2 MiB L2 blocks),
 * vm.pmap.l3c.* (64 KiB runs of 16 L3 entries with the contiguous bit),
 * vm.pmap.pv_entry_count (which shows a block's one pv entry split into
 * 512 by demotion and merged back by promotion).
 */
struct pmap_superpage_counters {
	u_long	l2_mappings;	/* L2 blocks entered directly by a fault */
	u_long	l2_promotions;	/* 512 L3 entries replaced by a block */
	u_long	l2_demotions;	/* a block split into 512 L3 entries */
	u_long	l3c_promotions;	/* 16 L3 entries given the contiguous bit */
	u_long	l3c_demotions;	/* a contiguous run split */
	u_long	pv_entries;	/* pv entries existing now: one per L3
				   mapping, one per block (pmap_lock) */
	u_long	pv_chunks;	/* pv chunk pages taken from vm_phys now,
				   a kept empty one too (pmap_lock) */
};
extern struct pmap_superpage_counters pmap_superpage_counters;

int		pmap_pinit(pmap_t pmap);	/* a new, empty address space:
						   0, ENOMEM or EAGAIN */
void		pmap_release(pmap_t pmap);	/* free an empty one's tables */
void		pmap_activate(pmap_t pmap);	/* switch this CPU to it */
void		pmap_activate_kernel(void);	/* no user mappings on this CPU */
int		pmap_enter(pmap_t pmap, vm_offset_t va, struct vm_page *m,
		    vm_prot_t prot, u_int flags);	/* 0 or ENOMEM; flags 0 */
int		pmap_enter_l2(pmap_t pmap, vm_offset_t va, struct vm_page *m,
		    vm_prot_t prot);	/* the 2 MiB run at m as one block:
					   0, ENOMEM or EEXIST */
void		pmap_enter_object(pmap_t pmap, vm_offset_t start,
		    vm_offset_t end, struct vm_page *m_start, vm_prot_t prot);
					/* m_start at start and the pages after
					   it on its object's memq at their
					   offsets, below end, read-only, where
					   nothing is mapped; may skip any */
void		pmap_remove(pmap_t pmap, vm_offset_t sva, vm_offset_t eva);
void		pmap_remove_all(struct vm_page *m);	/* every mapping of m */
void		pmap_remove_all_list(struct vm_page *m);
					/* every mapping of m and of the pages
					   after it on their listq list, one
					   pass */
void		pmap_protect(pmap_t pmap, vm_offset_t sva, vm_offset_t eva,
		    vm_prot_t prot);	/* lower permissions only */
void		pmap_protect_mte(pmap_t pmap, vm_offset_t sva, vm_offset_t eva,
		    vm_prot_t prot);	/* PROT_MTE added or removed: the
					   mappings rewritten in place with
					   prot's attribute (tags made valid
					   first), permissions only lowered */
void		pmap_remove_write(struct vm_page *m);	/* every mapping RO */
bool		pmap_is_mapped(pmap_t pmap, vm_offset_t va);
vm_paddr_t	pmap_extract(pmap_t pmap, vm_offset_t va);	/* 0 if none */
/* Like pmap_extract, but 0 also if va is not mapped Tagged (PROT_MTE). */
vm_paddr_t	pmap_extract_tagged(pmap_t pmap, vm_offset_t va);
void		pmap_zero_page(struct vm_page *m);	/* data only */
void		pmap_zero_run(struct vm_page *m, u_long npages);
					/* data of a contiguous run, one pass */
void		pmap_copy_page(struct vm_page *src, struct vm_page *dst);
					/* data only: vm_page_tag_copy adds tags */
void		pmap_page_init(struct vm_page *m);	/* at vm_page_startup */
int		pmap_ts_referenced(struct vm_page *m);	/* test, clear AFs */

#endif /* !_VM_PMAP_H_ */
