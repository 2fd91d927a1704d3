/*
 * Compressed tag records (swap_tags.c): how a page's 256 MTE tags, in
 * vm_page_tag_save's packed 128-byte form (vm/md_tags.h), are kept on
 * the swap disk.  A record is 1 to SWAP_TAGS_MAXREC bytes; its length is
 * kept beside it (in the object's swap map), so it needs no header.
 * Machine-independent and host-tested.
 */
#ifndef _VM_SWAP_TAGS_H_
#define _VM_SWAP_TAGS_H_

#include "sys/types.h"
#include "vm/md_tags.h"

#define SWAP_TAGS_MAXREC	MD_TAG_PAGE_BYTES	/* 128 */

u_int	swap_tags_compress(const uint8_t tags[MD_TAG_PAGE_BYTES],
	    uint8_t rec[SWAP_TAGS_MAXREC]);
int	swap_tags_decompress(const uint8_t *rec, u_int len,
	    uint8_t tags[MD_TAG_PAGE_BYTES]);

#endif /* !_VM_SWAP_TAGS_H_ */
