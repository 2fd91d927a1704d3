/*
 * No swap device: the swap pager's interface (swap_pager.h) with nothing
 * behind it, until the swap pager proper replaces this file.
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "vm/swap_pager.h"

void
swap_pager_init(void)
{
}

uint64_t
swap_pager_total(void)
{
	return (0);
}

uint64_t
swap_pager_used(void)
{
	return (0);
}

bool
swap_pager_avail(u_int npages __unused)
{
	return (false);
}

int
swap_pager_putpages(struct vm_object *object __unused,
    struct vm_page **ma __unused, int n __unused,
    void (*done)(struct vm_page *m, int error) __unused)
{
	return (ENOSPC);
}

bool
swap_pager_haspage(struct vm_object *object __unused,
    vm_pindex_t pindex __unused, int *before, int *after)
{
	if (before != NULL)
		*before = 0;
	if (after != NULL)
		*after = 0;
	return (false);
}

int
swap_pager_getpages(struct vm_object *object __unused,
    struct vm_page **ma __unused, int n __unused)
{
	return (EIO);
}

void
swap_pager_freespace(struct vm_object *object __unused,
    vm_pindex_t start __unused, vm_pindex_t end __unused)
{
}

void
swap_pager_copy(struct vm_object *src __unused, struct vm_object *dst __unused,
    vm_pindex_t offset __unused)
{
}
