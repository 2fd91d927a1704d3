/*
 * Address maps: a process's virtual address space as a sorted set of
 * entries, each mapping [start, end) of an object at an offset with a
 * protection, a maximum protection and an inheritance for fork.  The
 * machine-independent twin of the pmap: the map says what should be
 * mapped, the pmap holds what is mapped now, and vm_fault() fills the
 * pmap from the map on demand.
 *
 * Every operation here takes page-aligned, untagged addresses (the system
 * call layer strips bits 63:56 and rounds) and returns 0 or an errno with
 * FreeBSD's meaning for the system call it serves.  Each one that can fail
 * is all-or-nothing: on error the map means what it meant before.
 *
 * The map lock is a spin lock (there is no sleeping lock yet): held by
 * every operation and by vm_fault() while it resolves a fault, which is
 * fine because nothing in the VM sleeps.
 *
 * Lock keys:
 *	(C) constant after creation
 *	(L) the map's lock
 */
#ifndef _VM_VM_MAP_H_
#define _VM_VM_MAP_H_

#include "sys/types.h"
#include "sys/queue.h"
#include "sys/spinlock.h"
#include "vm/pmap.h"
#include "machine/vmparam.h"
#include "vm/vm.h"
#include "vm/vm_tree.h"

struct vm_object;

struct vm_map_entry {
	TAILQ_ENTRY(vm_map_entry) link;	/* (L) the map's list, by address */
	struct vm_tree_node node;	/* (L) the map's tree, keyed by start */
	vm_offset_t	start;		/* (L) first address */
	vm_offset_t	end;		/* (L) one past the last */
	struct vm_object *object;	/* (L) one reference, or NULL: zero-fill
					   memory whose object the first
					   fault creates */
	vm_ooffset_t	offset;		/* (L) of start in object, in bytes */
	vm_prot_t	protection;	/* (L) VM_PROT_* allowed now */
	vm_prot_t	max_protection;	/* (L) most mprotect may allow */
	vm_inherit_t	inheritance;	/* (L) VM_INHERIT_*: what fork does */
	u_int		eflags;		/* (L) MAP_ENTRY_* */
};

/*
 * eflags.  A COW entry is private: its writes never reach the object it
 * was created with.  NEEDS_COPY means the object may be seen by others
 * (the other side of a fork, other mappings of a shared object), so the
 * first write fault puts a private shadow in front of it; until then the
 * entry's pages are mapped read-only.
 */
#define MAP_ENTRY_COW		0x0001	/* private (copy-on-write) */
#define MAP_ENTRY_NEEDS_COPY	0x0002	/* shadow before the first write */
#define MAP_ENTRY_GUARD		0x0004	/* MAP_GUARD: reserved, no access */
#define MAP_ENTRY_STACK		0x0008	/* MAP_STACK (a flag only) */
#define MAP_ENTRY_WIRED		0x0010	/* mlock: resident, never paged out,
					   MADV_FREE leaves it; not inherited */

TAILQ_HEAD(vm_map_entry_list, vm_map_entry);

struct vm_map {
	struct spinlock	lock;
	struct vm_map_entry_list entries; /* (L) sorted, never overlapping */
	struct vm_tree	root;		/* (L) the same entries, for lookup */
	struct vm_map_entry *hint;	/* (L) entry last found, or NULL: a
					   fault's address is most often in
					   the same entry as the last one */
	int		nentries;	/* (L) */
	vm_size_t	size;		/* (L) bytes mapped, guards excluded */
	vm_offset_t	min_offset;	/* (C) lowest address mappable */
	vm_offset_t	max_offset;	/* (C) one past the highest */
	pmap_t		pmap;		/* (C) the translation tables */
	bool		wire_future;	/* (L) mlockall(MCL_FUTURE) */
};

/* A process's address space: the map and its pmap. */
struct vmspace {
	struct vm_map	vm_map;		/* (C) address, contents (L) */
	struct pmap	vm_pmap;	/* (C) address, contents the pmap's */
};

/* cow flags for vm_map_insert(), vm_map_fixed() and vm_map_find() */
#define MAP_COPY_ON_WRITE	0x0001	/* MAP_PRIVATE of an object */
#define MAP_INHERIT_SHARE	0x0002	/* MAP_SHARED: fork shares it */
#define MAP_CREATE_GUARD	0x0004	/* MAP_GUARD: no object, no access */
#define MAP_CREATE_STACK	0x0008	/* MAP_STACK */

/* vm_map_protect_range() flags: what to set (FreeBSD's names). */
#define VM_MAP_PROTECT_SET_PROT		0x0001	/* the protection */
#define VM_MAP_PROTECT_SET_MAXPROT	0x0002	/* the maximum protection */
#define VM_MAP_PROTECT_SET_ALL		0x0003

/* The alignment MAP_ALIGNED_SUPER asks of vm_map_find(): a 2 MiB block. */
#define VM_MAP_SUPERPAGE_SIZE	(PAGE_SIZE << (VM_NFREEORDER - 1))

/* madvise advice: FreeBSD's MADV_* values, passed through unchanged. */
#define VM_MADV_WILLNEED	3
#define VM_MADV_DONTNEED	4
#define VM_MADV_FREE		5
#define VM_MADV_MAX		10	/* MADV_PROTECT, FreeBSD's last one */
#define VM_MADV_PAGEOUT		21	/* Linux's MADV_PAGEOUT */

/* mincore bits: FreeBSD's MINCORE_INCORE and MINCORE_REFERENCED. */
#define VM_MINCORE_INCORE	0x01	/* resident (in memory) */
#define VM_MINCORE_REFERENCED	0x02	/* mapped by this address space */

/* Take the map's lock (inline: every page fault takes it). */
static inline void
vm_map_lock(struct vm_map *map)
{
	spin_lock(&map->lock);
}

/* Release the map's lock. */
static inline void
vm_map_unlock(struct vm_map *map)
{
	spin_unlock(&map->lock);
}

int	vm_map_insert(struct vm_map *map, struct vm_object *object,
	    vm_ooffset_t offset, vm_offset_t start, vm_offset_t end,
	    vm_prot_t prot, vm_prot_t max, int cow);
int	vm_map_fixed(struct vm_map *map, struct vm_object *object,
	    vm_ooffset_t offset, vm_offset_t start, vm_size_t length,
	    vm_prot_t prot, vm_prot_t max, int cow);
int	vm_map_find(struct vm_map *map, struct vm_object *object,
	    vm_ooffset_t offset, vm_offset_t *addr, vm_size_t length,
	    vm_size_t align, vm_prot_t prot, vm_prot_t max, int cow);
int	vm_map_remove(struct vm_map *map, vm_offset_t start, vm_offset_t end);
int	vm_map_protect(struct vm_map *map, vm_offset_t start, vm_offset_t end,
	    vm_prot_t new_prot, bool set_max);
int	vm_map_protect_range(struct vm_map *map, vm_offset_t start,
	    vm_offset_t end, vm_prot_t new_prot, vm_prot_t new_max, int flags);
int	vm_map_inherit(struct vm_map *map, vm_offset_t start, vm_offset_t end,
	    vm_inherit_t inheritance);
int	vm_map_madvise(struct vm_map *map, vm_offset_t start, vm_offset_t end,
	    int advice);
int	vm_map_mincore(struct vm_map *map, vm_offset_t start, vm_offset_t end,
	    char *vec);
vm_size_t vm_map_wired_size(struct vm_map *map, vm_offset_t start,
	    vm_offset_t end);
int	vm_map_wire(struct vm_map *map, vm_offset_t start, vm_offset_t end,
	    bool wire, bool all);
void	vm_map_prefault(struct vm_map *map, vm_offset_t start,
	    vm_offset_t end);

/* For vm_fault.c and tests; the map must be locked. */
bool	vm_map_lookup_entry(struct vm_map *map, vm_offset_t addr,
	    struct vm_map_entry **entryp);
int	vm_map_lookup(struct vm_map *map, vm_offset_t va, vm_prot_t fault_type,
	    struct vm_map_entry **entryp, struct vm_object **objectp,
	    vm_pindex_t *pindexp, vm_prot_t *protp);

struct vmspace *vmspace_alloc(vm_offset_t min, vm_offset_t max);
struct vmspace *vmspace_fork(struct vmspace *parent);
void	vmspace_free(struct vmspace *vm);

u_long	vm_map_swap_count(struct vm_map *map);

#endif /* !_VM_VM_MAP_H_ */
