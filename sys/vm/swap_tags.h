/*
 * Tag records (swap_tags.c): how a page's 256 MTE tags, in
 * vm_page_tag_save's 128-byte form (vm/md_tags.h: 16 little-endian words,
 * one per 256 bytes of the page), are kept on the swap disk.  A record is
 * 1 or SWAP_TAGS_MAXREC bytes; its length is kept beside it (in the
 * object's swap map), so it needs no header.  Records sit end to end in
 * a tag block, so they have any alignment.  Machine-independent and
 * host-tested.
 */
#ifndef _VM_SWAP_TAGS_H_
#define _VM_SWAP_TAGS_H_

#include "sys/types.h"
#include "vm/md_tags.h"

#define SWAP_TAGS_MAXREC	MD_TAG_PAGE_BYTES	/* 128 */

u_int	swap_tags_compress(uint8_t rec[SWAP_TAGS_MAXREC]);

/* The saved form of a page whose granules all have tag t, for each t. */
extern const uint64_t swap_tags_uniform_pages[16][SWAP_TAGS_MAXREC / 8];

/*
 * The saved form (128 bytes, for vm_page_tag_restore) of the record rec
 * of len bytes: rec itself if raw, a constant page of words if uniform.
 * NULL if rec is not a record swap_tags_compress could have made.
 * Inline: page-in asks it of every tagged page.
 */
static inline const uint8_t *
swap_tags_words(const uint8_t *rec, u_int len)
{
	if (len == SWAP_TAGS_MAXREC)
		return (rec);
	if (len == 1 && rec[0] <= 0xf)
		return ((const uint8_t *)swap_tags_uniform_pages[rec[0]]);
	return (NULL);
}

#endif /* !_VM_SWAP_TAGS_H_ */
