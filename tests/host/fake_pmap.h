/*
 * What host tests can ask the fake pmap (fake_pmap.c) beyond the pmap
 * interface: the mappings it holds, and how often each entry point ran.
 */
#ifndef _FAKE_PMAP_H_
#define _FAKE_PMAP_H_

#include "sys/types.h"
#include "vm/pmap.h"

struct vm_page;

/* Calls counted since the program started. */
struct fake_pmap_stats {
	u_long	enter;		/* pmap_enter */
	u_long	enter_object;	/* pages pmap_enter_object mapped */
	u_long	remove_all;	/* pmap_remove_all, once a page of a list too */
	u_long	remove_all_list; /* pmap_remove_all_list */
	u_long	protect;	/* pmap_protect */
	u_long	protect_mte;	/* pmap_protect_mte */
};
extern struct fake_pmap_stats fake_pmap_stats;

/* Make the next n pmap_enter calls fail with ENOMEM (0: none). */
extern u_long fake_pmap_fail_enter;
/* Make the next n pmap_pinit calls fail with ENOMEM (0: none). */
extern u_long fake_pmap_fail_pinit;

/* The page and permissions va (any address in the page) maps to. */
bool	fake_pmap_lookup(pmap_t pmap, vm_offset_t va, struct vm_page **mp,
	    vm_prot_t *protp);
/* Number of pages pmap maps. */
size_t	fake_pmap_count(pmap_t pmap);
/* Call fn for each mapping of pmap, in address order. */
void	fake_pmap_foreach(pmap_t pmap, void (*fn)(vm_offset_t va,
	    struct vm_page *m, vm_prot_t prot, void *arg), void *arg);
/* Number of address spaces mapping m. */
size_t	fake_pmap_page_mappings(struct vm_page *m);

#endif /* !_FAKE_PMAP_H_ */
