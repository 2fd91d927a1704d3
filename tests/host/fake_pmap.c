/*
 * A fake pmap for host tests of the machine-independent VM: each address
 * space is a sorted table of mappings (va, page, prot), and each page's
 * md.pv_list lists the mappings of it, as in the arm64 pmap.  The rules
 * the real pmap relies on are checked (abort on violation): only pages of
 * objects are mapped, never a free page, never a page with VM_PROT_MTE
 * before its tags are valid (pmap_enter and pmap_enter_object call
 * vm_page_tag_init first, as the real ones do), and an address space is
 * empty when released.  Page contents are reached through the host's "direct
 * map" of the test arena.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sys/types.h"
#include "sys/param.h"
#include "sys/errno.h"
#include "vm/vm.h"
#include "vm/vm_page.h"
#include "vm/vm_page_tags.h"
#include "fake_pmap.h"

struct pv_entry {
	TAILQ_ENTRY(pv_entry) pv_link;	/* on the page's md.pv_list */
	pmap_t		pv_pmap;
	vm_offset_t	pv_va;
	struct vm_page	*pv_m;
	vm_prot_t	pv_prot;
};

struct fake_pmap_stats fake_pmap_stats;
struct pmap_superpage_counters pmap_superpage_counters;	/* never counts */
u_long fake_pmap_fail_enter;
u_long fake_pmap_fail_pinit;

/* Stop the test: the VM broke a pmap rule. */
static void
fake_pmap_fatal(const char *what, vm_offset_t va)
{
	fprintf(stderr, "fake_pmap: %s (va %#lx)\n", what, (u_long)va);
	abort();
}

/* Index of the first mapping of pmap at or above va. */
static size_t
fake_pmap_index(pmap_t pmap, vm_offset_t va)
{
	size_t lo = 0, hi = pmap->pm_count, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (pmap->pm_map[mid]->pv_va < va)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo);
}

/* The mapping of va in pmap, or NULL. */
static struct pv_entry *
fake_pmap_find(pmap_t pmap, vm_offset_t va)
{
	size_t i = fake_pmap_index(pmap, va);

	if (i < pmap->pm_count && pmap->pm_map[i]->pv_va == va)
		return (pmap->pm_map[i]);
	return (NULL);
}

/* Remove the mapping at index i of pmap. */
static void
fake_pmap_remove_index(pmap_t pmap, size_t i)
{
	struct pv_entry *pv = pmap->pm_map[i];

	TAILQ_REMOVE(&pv->pv_m->md.pv_list, pv, pv_link);
	memmove(&pmap->pm_map[i], &pmap->pm_map[i + 1],
	    (pmap->pm_count - i - 1) * sizeof(pmap->pm_map[0]));
	pmap->pm_count--;
	free(pv);
}

/* Map m at the unmapped va with prot. */
static void
fake_pmap_insert(pmap_t pmap, vm_offset_t va, struct vm_page *m,
    vm_prot_t prot)
{
	struct pv_entry *pv;
	size_t i;

	if ((va & PAGE_MASK) != 0)
		fake_pmap_fatal("unaligned va", va);
	if (m->object == NULL || (vm_page_flags(m) & PG_FREE) != 0)
		fake_pmap_fatal("mapping a page that is free or in no object",
		    va);
	if ((prot & VM_PROT_RWX) == 0)
		fake_pmap_fatal("mapping without access", va);
	if ((prot & VM_PROT_MTE) != 0 && !vm_page_tagged(m))
		fake_pmap_fatal("tagged mapping of a page without valid tags",
		    va);
	if (pmap->pm_count == pmap->pm_cap) {
		pmap->pm_cap = pmap->pm_cap == 0 ? 64 : 2 * pmap->pm_cap;
		pmap->pm_map = realloc(pmap->pm_map,
		    pmap->pm_cap * sizeof(pmap->pm_map[0]));
		if (pmap->pm_map == NULL)
			abort();
	}
	if ((pv = malloc(sizeof(*pv))) == NULL)
		abort();
	pv->pv_pmap = pmap;
	pv->pv_va = va;
	pv->pv_m = m;
	pv->pv_prot = prot;
	TAILQ_INSERT_TAIL(&m->md.pv_list, pv, pv_link);
	i = fake_pmap_index(pmap, va);
	memmove(&pmap->pm_map[i + 1], &pmap->pm_map[i],
	    (pmap->pm_count - i) * sizeof(pmap->pm_map[0]));
	pmap->pm_map[i] = pv;
	pmap->pm_count++;
}

void
pmap_page_init(struct vm_page *m)
{
	TAILQ_INIT(&m->md.pv_list);
}

int
pmap_pinit(pmap_t pmap)
{
	if (fake_pmap_fail_pinit > 0) {
		fake_pmap_fail_pinit--;
		return (ENOMEM);
	}
	memset(pmap, 0, sizeof(*pmap));
	pmap->pm_live = true;
	return (0);
}

void
pmap_release(pmap_t pmap)
{
	if (!pmap->pm_live)
		fake_pmap_fatal("release of a dead pmap", 0);
	if (pmap->pm_count != 0)
		fake_pmap_fatal("release of a pmap that still maps pages",
		    pmap->pm_map[0]->pv_va);
	free(pmap->pm_map);
	pmap->pm_map = NULL;
	pmap->pm_live = false;
}

void
pmap_activate(pmap_t pmap)
{
}

void
pmap_activate_kernel(void)
{
}

int
pmap_enter(pmap_t pmap, vm_offset_t va, struct vm_page *m, vm_prot_t prot,
    u_int flags)
{
	struct pv_entry *pv;

	if (fake_pmap_fail_enter > 0) {
		fake_pmap_fail_enter--;
		return (ENOMEM);
	}
	fake_pmap_stats.enter++;
	va = trunc_page(va);
	if (prot & VM_PROT_MTE)
		vm_page_tag_init(m);
	if ((pv = fake_pmap_find(pmap, va)) != NULL)
		fake_pmap_remove_index(pmap, fake_pmap_index(pmap, va));
	fake_pmap_insert(pmap, va, m, prot);
	return (0);
}

/* A block, played as 512 page mappings (the MI VM cannot tell). */
int
pmap_enter_l2(pmap_t pmap, vm_offset_t va, struct vm_page *m, vm_prot_t prot)
{
	u_long i;
	int error;

	for (i = 0; i < (2UL << 20) / PAGE_SIZE; i++)
		if ((error = pmap_enter(pmap, va + ptoa(i), &m[i], prot,
		    0)) != 0)
			return (error);
	return (0);
}

void
pmap_enter_object(pmap_t pmap, vm_offset_t start, vm_offset_t end,
    struct vm_page *m_start, vm_prot_t prot)
{
	struct vm_page *m;
	vm_offset_t va;

	start = trunc_page(start);
	for (m = m_start; m != NULL; m = TAILQ_NEXT(m, listq)) {
		if (m->object != m_start->object)
			fake_pmap_fatal("memq left the object", start);
		va = start + ptoa(m->pindex - m_start->pindex);
		if (va >= end)
			break;
		if (fake_pmap_find(pmap, va) != NULL)
			continue;
		if (prot & VM_PROT_MTE)
			vm_page_tag_init(m);
		fake_pmap_stats.enter_object++;
		fake_pmap_insert(pmap, va, m, prot & ~VM_PROT_WRITE);
	}
}

void
pmap_remove(pmap_t pmap, vm_offset_t sva, vm_offset_t eva)
{
	size_t i = fake_pmap_index(pmap, sva);

	while (i < pmap->pm_count && pmap->pm_map[i]->pv_va < eva)
		fake_pmap_remove_index(pmap, i);
}

void
pmap_remove_all(struct vm_page *m)
{
	struct pv_entry *pv;
	pmap_t pmap;

	fake_pmap_stats.remove_all++;
	while ((pv = TAILQ_FIRST(&m->md.pv_list)) != NULL) {
		pmap = pv->pv_pmap;
		fake_pmap_remove_index(pmap, fake_pmap_index(pmap, pv->pv_va));
	}
}

void
pmap_remove_all_list(struct vm_page *m)
{
	fake_pmap_stats.remove_all_list++;
	for (; m != NULL; m = TAILQ_NEXT(m, listq))
		pmap_remove_all(m);
}

/* As the arm64 pmap: no READ means unmap; else WRITE and EXECUTE drop. */
void
pmap_protect(pmap_t pmap, vm_offset_t sva, vm_offset_t eva, vm_prot_t prot)
{
	size_t i;

	fake_pmap_stats.protect++;
	if ((prot & VM_PROT_READ) == 0) {
		pmap_remove(pmap, sva, eva);
		return;
	}
	for (i = fake_pmap_index(pmap, sva);
	    i < pmap->pm_count && pmap->pm_map[i]->pv_va < eva; i++)
		pmap->pm_map[i]->pv_prot &= prot | ~VM_PROT_RWX;
}

/*
 * As the arm64 pmap: no READ means unmap; else each mapping takes prot's
 * VM_PROT_MTE (its page's tags made valid first) and drops the WRITE and
 * EXECUTE prot lacks.
 */
void
pmap_protect_mte(pmap_t pmap, vm_offset_t sva, vm_offset_t eva,
    vm_prot_t prot)
{
	struct pv_entry *pv;
	size_t i;

	fake_pmap_stats.protect_mte++;
	if ((prot & VM_PROT_READ) == 0) {
		pmap_remove(pmap, sva, eva);
		return;
	}
	for (i = fake_pmap_index(pmap, sva);
	    i < pmap->pm_count && pmap->pm_map[i]->pv_va < eva; i++) {
		pv = pmap->pm_map[i];
		if ((prot & VM_PROT_MTE) != 0)
			vm_page_tag_init(pv->pv_m);
		pv->pv_prot = ((pv->pv_prot & prot) & VM_PROT_RWX) |
		    (prot & VM_PROT_MTE);
	}
}

void
pmap_remove_write(struct vm_page *m)
{
	struct pv_entry *pv;

	TAILQ_FOREACH(pv, &m->md.pv_list, pv_link)
		pv->pv_prot &= ~VM_PROT_WRITE;
}

vm_paddr_t
pmap_extract(pmap_t pmap, vm_offset_t va)
{
	struct pv_entry *pv = fake_pmap_find(pmap, trunc_page(va));

	return (pv == NULL ? 0 : VM_PAGE_TO_PHYS(pv->pv_m) | (va & PAGE_MASK));
}

bool
pmap_is_mapped(pmap_t pmap, vm_offset_t va)
{
	return (pmap_extract(pmap, va) != 0);
}

void
pmap_zero_page(struct vm_page *m)
{
	memset(vm_page_to_dmap(m), 0, PAGE_SIZE);
}

void
pmap_zero_run(struct vm_page *m, u_long npages)
{
	u_long i;

	for (i = 0; i < npages; i++)
		pmap_zero_page(&m[i]);
}

/* Copies the data only, like the real pmap (vm_page_tag_copy adds tags). */
void
pmap_copy_page(struct vm_page *src, struct vm_page *dst)
{
	if ((vm_page_flags(src) & PG_FREE) != 0 || src->object == NULL)
		fake_pmap_fatal("copy from a page that is free or in no object",
		    0);
	memcpy(vm_page_to_dmap(dst), vm_page_to_dmap(src), PAGE_SIZE);
}

bool
fake_pmap_lookup(pmap_t pmap, vm_offset_t va, struct vm_page **mp,
    vm_prot_t *protp)
{
	struct pv_entry *pv = fake_pmap_find(pmap, trunc_page(va));

	if (pv == NULL)
		return (false);
	*mp = pv->pv_m;
	*protp = pv->pv_prot;
	return (true);
}

size_t
fake_pmap_count(pmap_t pmap)
{
	return (pmap->pm_count);
}

void
fake_pmap_foreach(pmap_t pmap, void (*fn)(vm_offset_t va, struct vm_page *m,
    vm_prot_t prot, void *arg), void *arg)
{
	size_t i;

	for (i = 0; i < pmap->pm_count; i++)
		fn(pmap->pm_map[i]->pv_va, pmap->pm_map[i]->pv_m,
		    pmap->pm_map[i]->pv_prot, arg);
}

size_t
fake_pmap_page_mappings(struct vm_page *m)
{
	struct pv_entry *pv;
	size_t n = 0;

	TAILQ_FOREACH(pv, &m->md.pv_list, pv_link)
		n++;
	return (n);
}
