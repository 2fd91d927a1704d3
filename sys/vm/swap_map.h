/*
 * An object's swap map (swap_map.c): for each page index of the object
 * that is on swap (or being written there), where its data block and its
 * compressed tag record are on the swap disk.  Chunks of SWAP_MAP_CHUNK
 * consecutive indexes sit in a balanced tree keyed by index / chunk, so a
 * lookup is O(log n) in the chunks the object has on swap and neighbours
 * (read-around) are found in the same chunk.  Protected by the owning
 * object's lock (O); only the swap pager uses it.
 */
#ifndef _VM_SWAP_MAP_H_
#define _VM_SWAP_MAP_H_

#include "sys/types.h"
#include "vm/vm.h"
#include "vm/vm_tree.h"
#include "vm/swap_slots.h"

#define SWAP_MAP_CHUNK	32		/* indexes per chunk */

/* Where one page is on swap. */
struct swap_ent {
	swblk_t		se_blk;		/* its data block; SWAP_SLOT_NONE:
					   no page at this index */
	swblk_t		se_tagblk;	/* the block holding its tag record */
	uint16_t	se_tagoff;	/* the record's byte offset in it */
	uint8_t		se_taglen;	/* the record's length, 0 if the page
					   was not tagged */
	uint8_t		se_flags;	/* SWE_* below */
};

#define SWE_PENDING	0x01		/* its write has not ended yet */
#define SWE_FREED	0x02		/* freed while pending: free the
					   slot when the write ends */

struct swap_chunk {
	struct vm_tree_node sc_node;	/* key: first index / SWAP_MAP_CHUNK */
	vm_pindex_t	sc_first;	/* first index, a multiple of
					   SWAP_MAP_CHUNK */
	u_int		sc_count;	/* entries in use */
	struct swap_ent	sc_ent[SWAP_MAP_CHUNK];
};

struct swap_map {
	struct vm_tree	sm_chunks;	/* swap_chunks by key; the tree is
					   set up at the first insert, so a
					   zeroed map is an empty one */
	u_long		sm_count;	/* entries in use */
};

struct swap_ent	*swap_map_lookup(struct swap_map *map, vm_pindex_t pindex);
struct swap_ent	*swap_map_insert(struct swap_map *map, vm_pindex_t pindex);
int		swap_map_prepare(struct swap_map *map, vm_pindex_t pindex);
void		swap_map_unprepare(struct swap_map *map, vm_pindex_t pindex);
void		swap_map_remove(struct swap_map *map, vm_pindex_t pindex);
bool		swap_map_next(struct swap_map *map, vm_pindex_t *pindexp,
		    vm_pindex_t end);

#endif /* !_VM_SWAP_MAP_H_ */
