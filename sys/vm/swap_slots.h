/*
 * The swap disk's space, in blocks of one page (swap_slots.c): a bitmap
 * with a summary level, that hands out runs of contiguous blocks (so a
 * page-out cluster and its tag records are one request) and takes them
 * back one block or one run at a time.  No lock of its own: the swap
 * pager's lock protects it.  Machine-independent and host-tested.
 */
#ifndef _VM_SWAP_SLOTS_H_
#define _VM_SWAP_SLOTS_H_

#include "sys/types.h"

/* A block number; SWAP_SLOT_NONE is no block. */
typedef uint32_t swblk_t;
#define SWAP_SLOT_NONE		((swblk_t)-1)

/* The longest run swap_slots_alloc hands out. */
#define SWAP_SLOTS_MAXRUN	64

struct swap_slots {
	uint64_t	*ss_map;	/* bit b of word w: block 64w + b is
					   free */
	uint64_t	*ss_summary;	/* bit b of word w: ss_map[64w + b]
					   has a free block */
	u_int		ss_nblocks;	/* blocks in all */
	u_int		ss_nwords;	/* words of ss_map */
	u_int		ss_nfree;	/* free blocks */
	u_int		ss_rotor;	/* word the next search starts at */
};

size_t	swap_slots_memsize(u_int nblocks);
void	swap_slots_init(struct swap_slots *ss, u_int nblocks, void *mem);
swblk_t	swap_slots_alloc(struct swap_slots *ss, u_int n);
void	swap_slots_free(struct swap_slots *ss, swblk_t blk, u_int n);
bool	swap_slots_isfree(const struct swap_slots *ss, swblk_t blk);

/* Free blocks now. */
static inline u_int
swap_slots_nfree(const struct swap_slots *ss)
{
	return (ss->ss_nfree);
}

#endif /* !_VM_SWAP_SLOTS_H_ */
