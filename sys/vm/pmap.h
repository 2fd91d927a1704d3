/*
 * The machine-independent interface to the pmap, the machine-dependent
 * owner of translation tables (FreeBSD's vm/pmap.h).  The VM system calls
 * only these for user address spaces; machine/pmap.h defines struct pmap
 * and struct md_page.  prot is a set of VM_PROT_* bits, VM_PROT_MTE
 * included: the pmap maps such pages with the Tagged memory attribute
 * after making their tags valid.  Host unit tests implement the same
 * interface in tests/host/fake_pmap.c.
 */
#ifndef _VM_PMAP_H_
#define _VM_PMAP_H_

#include "sys/types.h"
#include "machine/pmap.h"

struct vm_page;

void		pmap_pinit(pmap_t pmap);	/* a new, empty address space */
void		pmap_release(pmap_t pmap);	/* free an empty one's tables */
void		pmap_activate(pmap_t pmap);	/* switch this CPU to it */
void		pmap_activate_kernel(void);	/* no user mappings on this CPU */
int		pmap_enter(pmap_t pmap, vm_offset_t va, struct vm_page *m,
		    vm_prot_t prot, u_int flags);	/* 0 or ENOMEM; flags 0 */
void		pmap_enter_quick(pmap_t pmap, vm_offset_t va, struct vm_page *m,
		    vm_prot_t prot);	/* only if va is unmapped; may skip */
void		pmap_remove(pmap_t pmap, vm_offset_t sva, vm_offset_t eva);
void		pmap_remove_all(struct vm_page *m);	/* every mapping of m */
void		pmap_protect(pmap_t pmap, vm_offset_t sva, vm_offset_t eva,
		    vm_prot_t prot);	/* lower permissions only */
void		pmap_remove_write(struct vm_page *m);	/* every mapping RO */
bool		pmap_is_mapped(pmap_t pmap, vm_offset_t va);
vm_paddr_t	pmap_extract(pmap_t pmap, vm_offset_t va);	/* 0 if none */
void		pmap_zero_page(struct vm_page *m);
void		pmap_zero_page_tagged(struct vm_page *m); /* data and tags */
void		pmap_copy_page(struct vm_page *src, struct vm_page *dst);
void		pmap_page_init(struct vm_page *m);	/* at vm_page_startup */
bool		pmap_mte_available(void);	/* PROT_MTE mappings possible */

#endif /* !_VM_PMAP_H_ */
