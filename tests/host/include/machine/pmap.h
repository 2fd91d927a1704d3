/*
 * Host stand-in for the arm64 pmap.h: the structures behind the
 * interface of vm/pmap.h, which tests/host/fake_pmap.c implements as a
 * table of va -> page mappings with their permissions.  The kernel's own
 * mappings (pmap_kenter...) do not exist on the host.
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

#endif /* !_MACHINE_PMAP_H_ */
