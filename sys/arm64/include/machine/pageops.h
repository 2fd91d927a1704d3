/*
 * Whole-page zeroing and copying (sys/arm64/pageops.S): pmap_zero_page,
 * pmap_zero_run, pmap_copy_page and memset's block path use the data-only
 * ones, the md_tags.h primitives of sys/arm64/mte.c the ones that move
 * tags too.  All take direct-map
 * addresses and end without a barrier.
 */
#ifndef _MACHINE_PAGEOPS_H_
#define _MACHINE_PAGEOPS_H_

#include "sys/types.h"

/*
 * Zero len bytes at va by DC ZVA blocks of bs: a page, a 2 MiB run, or
 * memset's whole blocks (cpu_zero_blocks); va and len multiples of bs,
 * len not 0.
 */
void	pagezero_blocks(void *va, size_t len, size_t bs);
/* The same with STZGM: data and allocation tags zeroed together. */
void	pagezero_tags_blocks(void *va, size_t len, size_t bs);
/* Tags of len bytes at va set to 0, data kept: STGM blocks of gm. */
void	pagetags_clear_blocks(void *va, size_t len, size_t gm);
/*
 * A page's tags as 16 LDGM words at dst, and back from src (any
 * alignment): GMID_EL1 blocks of 256 bytes only.
 */
void	pagetags_save(const void *va, void *dst);
void	pagetags_restore(void *va, const void *src);
/* Copy one page, 512 bytes per loop step with LDP/STP. */
void	pagecopy(void *dst, const void *src);
/* The same, with the tags of each 256 bytes (one LDGM/STGM pair). */
void	pagecopy_tags(void *dst, const void *src);

#endif /* !_MACHINE_PAGEOPS_H_ */
