/*
 * The machine-dependent memory-tag primitives: what the machine-independent
 * owner of a page's tag state (vm_page_tags.c) asks of the hardware, and
 * what a swap pager will use to keep tags with the data.  They move tags
 * only; they never read or change a page's PG_TAGGED state, which is
 * vm_page_tags.c's alone.  Implemented for Arm MTE in sys/arm64/mte.c
 * (STZGM, STGM, LDGM through the direct map) and on the host by
 * tests/host/fake_tags.c.
 *
 * Every primitive that stores tags returns only once its stores are
 * visible to every CPU (on arm64, DSB ISH), so the caller may publish
 * PG_TAGGED, and then a mapping, right after it.
 */
#ifndef _VM_MD_TAGS_H_
#define _VM_MD_TAGS_H_

#include "sys/types.h"
#include "sys/param.h"

struct vm_page;

/*
 * A tag is 4 bits per 16-byte granule: 256 tags, 128 bytes, per page.
 * The saved form packs granule 2i in the low nibble of byte i and granule
 * 2i + 1 in its high nibble.
 */
#define MD_TAG_GRANULE_SIZE	16
#define MD_TAG_PAGE_BYTES	(PAGE_SIZE / MD_TAG_GRANULE_SIZE / 2)

bool	md_tags_enabled(void);		/* tag storage is there and works */
bool	md_tags_zero_page(struct vm_page *m);	/* data and tags 0, one pass,
					   true; without tag storage the
					   data only, false */
void	md_tags_zero_run(struct vm_page *m, u_long npages);
					/* the same for a contiguous run, with
					   one barrier at the end */
void	md_tags_clear_page(struct vm_page *m);	/* tags 0, data kept */
void	md_tags_clear_run(struct vm_page *m, u_long npages);
					/* the same for a contiguous run, with
					   one barrier at the end */
void	md_tags_copy_page(struct vm_page *src, struct vm_page *dst);
					/* src's data and tags to dst, one
					   pass */
void	md_tags_save_page(struct vm_page *m,
	    uint8_t buf[MD_TAG_PAGE_BYTES]);	/* m's tags into buf */
void	md_tags_restore_page(struct vm_page *m,
	    const uint8_t buf[MD_TAG_PAGE_BYTES]); /* buf's tags into m */
void	md_tags_restore_run(struct vm_page **ma, const uint8_t *const *bufs,
	    int n);			/* bufs[i]'s tags into ma[i], with one
					   barrier at the end */

#endif /* !_VM_MD_TAGS_H_ */
