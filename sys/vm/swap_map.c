/*
 * An object's swap map (swap_map.h).  The entries only say where a page
 * is; the blocks they name are the swap pager's to allocate and free.
 */
#include "sys/systm.h"
#include "sys/param.h"
#include "sys/errno.h"
#include "sys/malloc.h"
#include "vm/swap_map.h"

/* The tree's key of a chunk. */
static uint64_t
swap_chunk_key(const struct vm_tree_node *node)
{
	return (__containerof(node, struct swap_chunk, sc_node)->sc_first /
	    SWAP_MAP_CHUNK);
}

/* The chunk of a tree node, or NULL for none. */
static struct swap_chunk *
swap_chunk_of(struct vm_tree_node *node)
{
	return (node == NULL ? NULL :
	    __containerof(node, struct swap_chunk, sc_node));
}

/* The chunk holding pindex, or NULL. */
static struct swap_chunk *
swap_map_chunk(struct swap_map *map, vm_pindex_t pindex)
{
	if (map->sm_chunks.root == NULL)
		return (NULL);
	return (swap_chunk_of(vm_tree_lookup(&map->sm_chunks,
	    pindex / SWAP_MAP_CHUNK)));
}

/* pindex's entry in map, or NULL if it has none. */
struct swap_ent *
swap_map_lookup(struct swap_map *map, vm_pindex_t pindex)
{
	struct swap_chunk *sc;
	struct swap_ent *se;

	sc = swap_map_chunk(map, pindex);
	if (sc == NULL)
		return (NULL);
	se = &sc->sc_ent[pindex % SWAP_MAP_CHUNK];
	return (se->se_blk == SWAP_SLOT_NONE ? NULL : se);
}

/*
 * Make sure the chunk that would hold pindex exists, so a later
 * swap_map_insert of pindex cannot fail; 0 or ENOMEM.  A chunk made here
 * that receives no entry must be given back with swap_map_unprepare.
 */
int
swap_map_prepare(struct swap_map *map, vm_pindex_t pindex)
{
	struct swap_chunk *sc;
	u_int i;

	if (swap_map_chunk(map, pindex) != NULL)
		return (0);
	sc = kmalloc(sizeof(*sc), M_NOWAIT | M_ZERO);
	if (sc == NULL)
		return (ENOMEM);
	sc->sc_first = pindex - pindex % SWAP_MAP_CHUNK;
	for (i = 0; i < SWAP_MAP_CHUNK; i++)
		sc->sc_ent[i].se_blk = SWAP_SLOT_NONE;
	if (map->sm_chunks.key == NULL)
		vm_tree_init(&map->sm_chunks, swap_chunk_key);
	vm_tree_insert(&map->sm_chunks, &sc->sc_node);
	return (0);
}

/* Free the chunk that would hold pindex if it exists and is empty. */
void
swap_map_unprepare(struct swap_map *map, vm_pindex_t pindex)
{
	struct swap_chunk *sc;

	sc = swap_map_chunk(map, pindex);
	if (sc != NULL && sc->sc_count == 0) {
		vm_tree_remove(&map->sm_chunks, &sc->sc_node);
		kfree(sc);
	}
}

/*
 * A new entry for pindex, which has none, for the caller to fill (its
 * se_blk must be set to a block before the map lock is dropped); NULL if
 * memory for a chunk ran out.  Never sleeps.
 */
struct swap_ent *
swap_map_insert(struct swap_map *map, vm_pindex_t pindex)
{
	struct swap_chunk *sc;
	struct swap_ent *se;

	if (swap_map_prepare(map, pindex) != 0)
		return (NULL);
	sc = swap_map_chunk(map, pindex);
	se = &sc->sc_ent[pindex % SWAP_MAP_CHUNK];
	KASSERT(se->se_blk == SWAP_SLOT_NONE,
	    ("swap_map_insert: index %#lx already on block %u", pindex,
	    se->se_blk));
	memset(se, 0, sizeof(*se));
	se->se_blk = SWAP_SLOT_NONE;
	sc->sc_count++;
	map->sm_count++;
	return (se);
}

/* Remove pindex's entry, which exists; its chunk goes with its last. */
void
swap_map_remove(struct swap_map *map, vm_pindex_t pindex)
{
	struct swap_chunk *sc;

	sc = swap_map_chunk(map, pindex);
	KASSERT(sc != NULL, ("swap_map_remove: index %#lx has no entry",
	    pindex));
	sc->sc_ent[pindex % SWAP_MAP_CHUNK].se_blk = SWAP_SLOT_NONE;
	sc->sc_count--;
	map->sm_count--;
	if (sc->sc_count == 0) {
		vm_tree_remove(&map->sm_chunks, &sc->sc_node);
		kfree(sc);
	}
}

/*
 * The least index at or after *pindexp and below end that has an entry:
 * stored in *pindexp, true; false if none.  Skips indexes without chunks
 * a chunk at a time.
 */
bool
swap_map_next(struct swap_map *map, vm_pindex_t *pindexp, vm_pindex_t end)
{
	struct swap_chunk *sc;
	vm_pindex_t p = *pindexp;

	if (map->sm_chunks.root == NULL)
		return (false);
	while (p < end) {
		sc = swap_chunk_of(vm_tree_lookup_ge(&map->sm_chunks,
		    p / SWAP_MAP_CHUNK));
		if (sc == NULL)
			return (false);
		if (sc->sc_first > p)
			p = sc->sc_first;
		for (; p < sc->sc_first + SWAP_MAP_CHUNK && p < end; p++) {
			if (sc->sc_ent[p % SWAP_MAP_CHUNK].se_blk !=
			    SWAP_SLOT_NONE) {
				*pindexp = p;
				return (true);
			}
		}
	}
	return (false);
}
