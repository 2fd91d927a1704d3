/*
 * Host stand-in for the arm64 pmap.h: the same user address space
 * interface (keep the declarations in sync with
 * sys/arm64/include/machine/pmap.h), implemented by tests/host/fake_pmap.c
 * as a table of va -> page mappings with their permissions.  The kernel's
 * own mappings (pmap_kenter...) do not exist on the host.
 */
#ifndef _MACHINE_PMAP_H_
#define _MACHINE_PMAP_H_

#include "sys/types.h"
#include "sys/queue.h"

struct vm_page;
struct pv_entry;

/* The pmap's per-page data, embedded in struct vm_page as `md`. */
struct md_page {
	TAILQ_HEAD(, pv_entry) pv_list;	/* mappings of this page */
};

/* One address space: its mappings, sorted by address. */
struct pmap {
	struct pv_entry	**pm_map;	/* pm_count mappings, by va */
	size_t		pm_count;
	size_t		pm_cap;
	bool		pm_live;	/* between pmap_pinit and release */
};
typedef struct pmap *pmap_t;

/* pmap_enter flags */
#define PMAP_ENTER_WIRED	0x0001	/* (reserved: no paging yet) */

/*
 * User address spaces.  prot is a set of VM_PROT_* bits (VM_PROT_MTE
 * included).  The MI VM calls only these.
 */
void		pmap_pinit(pmap_t pmap);	/* a new, empty address space */
void		pmap_release(pmap_t pmap);	/* free an empty one's tables */
void		pmap_activate(pmap_t pmap);	/* switch this CPU to it */
void		pmap_activate_kernel(void);	/* no user mappings on this CPU */
int		pmap_enter(pmap_t pmap, vm_offset_t va, struct vm_page *m,
		    vm_prot_t prot, u_int flags);	/* 0 or ENOMEM */
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

#endif /* !_MACHINE_PMAP_H_ */
