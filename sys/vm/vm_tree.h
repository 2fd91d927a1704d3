/*
 * An intrusive balanced search tree (AVL) with 64-bit keys, for the VM's
 * two indexes: an object's resident pages by pindex and a map's entries by
 * start address.  Lookups and insertions by key are O(log n); an insertion
 * next to known neighbours (vm_tree_insert_between) and a removal take a
 * few steps on average whatever n is; a run of count ascending keys
 * (vm_tree_insert_run) goes in as one balanced subtree in O(count +
 * log n), and every key of a range leaves in one O(log n) operation
 * (vm_tree_remove_range).  Nothing allocates, so no operation can fail and all may run
 * under a spin lock.
 *
 * The key lives in the containing structure; the tree reads it through
 * the key function given to vm_tree_init() when the node is inserted and
 * keeps a copy in the node, so a search makes no call per level.  Keys
 * are unique.  A node's key may be changed in place only if that keeps it
 * between its neighbours' keys, and the owner then calls vm_tree_rekey()
 * (the map does so when it clips or merges an entry).
 *
 * The tree has no lock of its own: its owner's lock protects it.
 */
#ifndef _VM_VM_TREE_H_
#define _VM_VM_TREE_H_

#include "sys/types.h"

struct vm_tree_node {
	struct vm_tree_node *left;	/* smaller keys */
	struct vm_tree_node *right;	/* larger keys */
	struct vm_tree_node *parent;	/* NULL at the root */
	int		height;		/* of this subtree; 1 for a leaf */
	uint64_t	key;		/* the owner's key, as of insertion or
					   vm_tree_rekey() */
};

typedef uint64_t vm_tree_key_fn(const struct vm_tree_node *node);

struct vm_tree {
	struct vm_tree_node *root;
	vm_tree_key_fn	*key;
};

void	vm_tree_init(struct vm_tree *tree, vm_tree_key_fn *key);
void	vm_tree_insert(struct vm_tree *tree, struct vm_tree_node *node);
void	vm_tree_insert_between(struct vm_tree *tree, struct vm_tree_node *node,
	    struct vm_tree_node *prev, struct vm_tree_node *next);
void	vm_tree_insert_run(struct vm_tree *tree, struct vm_tree_node *first,
	    size_t stride, u_long count);
void	vm_tree_remove(struct vm_tree *tree, struct vm_tree_node *node);
void	vm_tree_remove_range(struct vm_tree *tree, uint64_t lo, uint64_t hi);
void	vm_tree_rekey(struct vm_tree *tree, struct vm_tree_node *node);
struct vm_tree_node *vm_tree_lookup(const struct vm_tree *tree, uint64_t key);
struct vm_tree_node *vm_tree_lookup_le(const struct vm_tree *tree,
	    uint64_t key);
struct vm_tree_node *vm_tree_lookup_ge(const struct vm_tree *tree,
	    uint64_t key);

#endif /* !_VM_VM_TREE_H_ */
