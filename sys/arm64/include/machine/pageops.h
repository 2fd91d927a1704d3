/*
 * Whole-page zeroing and copying (sys/arm64/pageops.S): pmap_zero_page and
 * pmap_copy_page use the data-only ones, the md_tags.h primitives of
 * sys/arm64/mte.c the ones that move tags too.  All take direct-map
 * addresses and end without a barrier.
 */
#ifndef _MACHINE_PAGEOPS_H_
#define _MACHINE_PAGEOPS_H_

#include "sys/types.h"

/* Zero len bytes at va by DC ZVA blocks of bs; len a multiple of 8 * bs. */
void	pagezero_blocks(void *va, size_t len, size_t bs);
/* The same with STZGM: data and allocation tags zeroed together. */
void	pagezero_tags_blocks(void *va, size_t len, size_t bs);
/* Tags of len bytes at va set to 0, data kept: STGM blocks of gm. */
void	pagetags_clear_blocks(void *va, size_t len, size_t gm);
/* Copy one page, 256 bytes per step with LDP/STP. */
void	pagecopy(void *dst, const void *src);
/* The same, with the tags of each 256 bytes (one LDGM/STGM pair). */
void	pagecopy_tags(void *dst, const void *src);

#endif /* !_MACHINE_PAGEOPS_H_ */
