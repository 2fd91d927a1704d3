/*
 * The owner of a physical page's memory-tag state: vm_page_tags.c.  A
 * page's tags (Arm MTE: 4 bits per 16 bytes) are valid when PG_TAGGED is
 * set in its flags (vm_page.h); only the functions below set or clear
 * PG_TAGGED and PG_TAGBUSY, and they keep the counters.  They decide when
 * tags are made, copied or dropped; vm/md_tags.h is how.
 */
#ifndef _VM_VM_PAGE_TAGS_H_
#define _VM_VM_PAGE_TAGS_H_

#include "sys/types.h"
#include "sys/systm.h"
#include "vm/md_tags.h"
#include "vm/pmap.h"
#include "vm/vm_page.h"

struct vm_page;

/*
 * What happened to tag state since boot; every field is (A).  The pages
 * whose tags became valid, any way, are the sum of the first four
 * (vm_page_tag_valid_count).
 */
struct vm_page_tag_counters {
	u_long	initialised;	/* tags set to 0 at a first Tagged mapping */
	u_long	zeroed;		/* born with data and tags zeroed at once */
	u_long	copied;		/* given a tagged page's data and tags */
	u_long	restored;	/* given tags saved by vm_page_tag_save */
	u_long	saved;		/* tagged pages whose tags were saved */
	u_long	freed;		/* tagged pages freed (tags dropped) */
	u_long	init_runs;	/* vm_page_tag_init_run calls of > 1 page,
				   and vm_page_tag_zero_run calls */
};
extern struct vm_page_tag_counters vm_page_tag_counters;

int	vm_page_tag_alloc_flags(vm_prot_t prot);
void	vm_page_tag_init_slow(struct vm_page *m);
void	vm_page_tag_init_run(struct vm_page *m, u_long npages);
void	vm_page_tag_zero_run(struct vm_page *m, u_long npages);
void	vm_page_tag_saved(u_long n);
u_long	vm_page_tag_valid_count(void);
void	vm_page_tag_restore(struct vm_page **ma, const uint8_t *const *bufs,
	    int n);
void	vm_page_tag_free(struct vm_page *m, u_long npages);

/*
 * True if m's tags are valid; its tag stores are visible if so (acquire:
 * PG_TAGGED is published with release).  Inline: the pmap and the pager
 * ask it of every page they map or write.
 */
static inline bool
vm_page_tagged(struct vm_page *m)
{
	return ((__atomic_load_n(&m->flags, __ATOMIC_ACQUIRE) &
	    PG_TAGGED) != 0);
}

/*
 * Save m's tags into buf (128 bytes, any alignment: the swap pager saves
 * them straight into their record's place), for a pager writing m out.
 * Returns false, buf untouched, if m has no valid tags (nothing to keep:
 * a page-in gives it tag 0 again at its next Tagged mapping).  Not
 * counted here: the pager counts a cluster's saved pages at once
 * (vm_page_tag_saved).  Inline, so that a page costs its flag test and
 * the primitive.
 */
static inline bool
vm_page_tag_save(struct vm_page *m, uint8_t buf[MD_TAG_PAGE_BYTES])
{
	if (!vm_page_tagged(m))
		return (false);
	md_tags_save_page(m, buf);
	return (true);
}

/*
 * Make m's tags valid before its first Tagged mapping: called by the pmap
 * (pmap_enter, pmap_enter_object, pmap_protect_mte) before it writes the
 * descriptor, which the pmap orders after this.  Inline: a page already
 * tagged (born tagged, or mapped Tagged before) costs the caller one
 * acquire load and a branch; the first initialisation, exactly once
 * however many CPUs race, is vm_page_tag_init_slow's.
 */
static inline void
vm_page_tag_init(struct vm_page *m)
{
	if (!vm_page_tagged(m))
		vm_page_tag_init_slow(m);
}

/*
 * Birth of a page for a tagged mapping: zero m's data and tags in one
 * pass and set PG_TAGGED, before m is shared.  Without tag storage (no
 * tagged mapping can exist), just the data: the primitive tells.  The
 * flag is set with release after the primitive's barrier, so whoever
 * sees PG_TAGGED with an acquire load also sees the tags.  Inline: it is
 * on every tagged first-touch fault (vm_page_alloc).
 */
static inline void
vm_page_tag_zero(struct vm_page *m)
{
	KASSERT((vm_page_flags(m) & (PG_TAGGED | PG_TAGBUSY)) == 0,
	    ("vm_page_tag_zero: page %#lx already has tag state %#x",
	    VM_PAGE_TO_PHYS(m), vm_page_flags(m)));
	if (md_tags_zero_page(m)) {
		__atomic_fetch_or(&m->flags, PG_TAGGED, __ATOMIC_RELEASE);
		__atomic_add_fetch(&vm_page_tag_counters.zeroed, 1,
		    __ATOMIC_RELAXED);
	}
}

/*
 * Copy src's data to dst, a fresh page no one maps yet, and if src is
 * tagged its tags too, in the same pass, leaving dst tagged (release
 * after the primitive's barrier, as vm_page_tag_zero): copy-on-write and
 * INHERIT_COPY keep a tagged page's tags (tags cross address spaces only
 * by this copy at fork, docs/abi.md kernel invariant 5).  Inline: it is
 * on every copy-on-write fault.
 */
static inline void
vm_page_tag_copy(struct vm_page *src, struct vm_page *dst)
{
	if (!vm_page_tagged(src)) {
		pmap_copy_page(src, dst);
		return;
	}
	KASSERT((vm_page_flags(dst) & (PG_TAGGED | PG_TAGBUSY)) == 0,
	    ("vm_page_tag_copy: page %#lx already has tag state %#x",
	    VM_PAGE_TO_PHYS(dst), vm_page_flags(dst)));
	md_tags_copy_page(src, dst);
	__atomic_fetch_or(&dst->flags, PG_TAGGED, __ATOMIC_RELEASE);
	__atomic_add_fetch(&vm_page_tag_counters.copied, 1, __ATOMIC_RELAXED);
}

#endif /* !_VM_VM_PAGE_TAGS_H_ */
