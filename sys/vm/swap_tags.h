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
const uint8_t *swap_tags_words(const uint8_t *rec, u_int len);

#endif /* !_VM_SWAP_TAGS_H_ */
