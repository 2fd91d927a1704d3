/*
 * AVL tree (see vm_tree.h).  Every node's two subtrees differ in height by
 * at most one, so a tree of n nodes is at most 1.44 log2(n) high.  Nodes
 * know their parent, so insertion next to a known neighbour and removal
 * start where the change is and rebalance upwards only as far as heights
 * change: neither searches from the root.
 */
#include "sys/systm.h"
#include "vm/vm_tree.h"

/* Height of a subtree, 0 if empty. */
static int
vm_tree_height(const struct vm_tree_node *n)
{
	return (n == NULL ? 0 : n->height);
}

/* Recompute n's height from its children. */
static void
vm_tree_fix_height(struct vm_tree_node *n)
{
	int l = vm_tree_height(n->left), r = vm_tree_height(n->right);

	n->height = (l > r ? l : r) + 1;
}

/*
 * Make child (or nothing) take old's place under parent, or at the root
 * if parent is NULL.
 */
static void
vm_tree_replace_child(struct vm_tree *tree, struct vm_tree_node *parent,
    struct vm_tree_node *old, struct vm_tree_node *child)
{
	if (parent == NULL)
		tree->root = child;
	else if (parent->left == old)
		parent->left = child;
	else
		parent->right = child;
	if (child != NULL)
		child->parent = parent;
}

/* Rotate n's left child up; returns the subtree's new root. */
static struct vm_tree_node *
vm_tree_rotate_right(struct vm_tree_node *n)
{
	struct vm_tree_node *l = n->left;

	n->left = l->right;
	if (n->left != NULL)
		n->left->parent = n;
	l->right = n;
	l->parent = n->parent;
	n->parent = l;
	vm_tree_fix_height(n);
	vm_tree_fix_height(l);
	return (l);
}

/* Rotate n's right child up; returns the subtree's new root. */
static struct vm_tree_node *
vm_tree_rotate_left(struct vm_tree_node *n)
{
	struct vm_tree_node *r = n->right;

	n->right = r->left;
	if (n->right != NULL)
		n->right->parent = n;
	r->left = n;
	r->parent = n->parent;
	n->parent = r;
	vm_tree_fix_height(n);
	vm_tree_fix_height(r);
	return (r);
}

/*
 * Restore the AVL property at n, whose subtrees are valid AVL trees
 * differing in height by at most two; returns the subtree's new root,
 * whose parent is n's old parent (the caller links it there).
 */
static struct vm_tree_node *
vm_tree_balance(struct vm_tree_node *n)
{
	int diff;

	vm_tree_fix_height(n);
	diff = vm_tree_height(n->left) - vm_tree_height(n->right);
	if (diff > 1) {
		if (vm_tree_height(n->left->left) <
		    vm_tree_height(n->left->right))
			n->left = vm_tree_rotate_left(n->left);
		return (vm_tree_rotate_right(n));
	}
	if (diff < -1) {
		if (vm_tree_height(n->right->right) <
		    vm_tree_height(n->right->left))
			n->right = vm_tree_rotate_right(n->right);
		return (vm_tree_rotate_left(n));
	}
	return (n);
}

/*
 * A subtree under n changed height by one (an insertion or a removal
 * below it): rebalance n and its ancestors, going up only while the
 * subtree's height changes, since nothing above a subtree that keeps its
 * height is affected.  After an insertion that is a few levels on
 * average, whatever the tree's size.
 */
static void
vm_tree_rebalance_up(struct vm_tree *tree, struct vm_tree_node *n)
{
	struct vm_tree_node *parent, *top;
	int height, l, r;

	while (n != NULL) {
		parent = n->parent;
		height = n->height;
		l = vm_tree_height(n->left);
		r = vm_tree_height(n->right);
		if (l - r <= 1 && r - l <= 1) {
			/* Still balanced here: only the height may change. */
			n->height = (l > r ? l : r) + 1;
			if (n->height == height)
				break;
			n = parent;
			continue;
		}
		top = vm_tree_balance(n);
		if (top != n)
			vm_tree_replace_child(tree, parent, n, top);
		if (top->height == height)
			break;
		n = parent;
	}
}

/* Hang node, a fresh leaf, under parent (NULL: as the root) on one side. */
static void
vm_tree_attach(struct vm_tree *tree, struct vm_tree_node *node,
    struct vm_tree_node *parent, bool right)
{
	node->left = node->right = NULL;
	node->height = 1;
	node->parent = parent;
	if (parent == NULL)
		tree->root = node;
	else if (right)
		parent->right = node;
	else
		parent->left = node;
	vm_tree_rebalance_up(tree, parent);
}

/*
 * Insert node, whose key must not be in the tree yet (panics if it is):
 * down from the root to its place, then rebalance up from there.
 */
void
vm_tree_insert(struct vm_tree *tree, struct vm_tree_node *node)
{
	struct vm_tree_node *n, *parent = NULL;
	uint64_t k, nk = 0;

	k = node->key = tree->key(node);
	for (n = tree->root; n != NULL; n = k < nk ? n->left : n->right) {
		parent = n;
		nk = n->key;
		KASSERT(k != nk, ("vm_tree_insert: key %#lx already present",
		    k));
	}
	vm_tree_attach(tree, node, parent, parent != NULL && k > nk);
}

/*
 * Insert node between its neighbours in key order, prev (the node with
 * the largest smaller key, or NULL) and next (the smallest larger key, or
 * NULL), which the caller knows: no search from the root.  Of two
 * neighbours one is the other's ancestor, so either prev has no right
 * child or next has no left child, and node goes there.
 */
void
vm_tree_insert_between(struct vm_tree *tree, struct vm_tree_node *node,
    struct vm_tree_node *prev, struct vm_tree_node *next)
{
	uint64_t k;

	k = node->key = tree->key(node);
	KASSERT((prev == NULL || prev->key < k) &&
	    (next == NULL || k < next->key),
	    ("vm_tree_insert_between: key %#lx not between %#lx and %#lx", k,
	    prev == NULL ? 0 : prev->key, next == NULL ? 0 : next->key));
	if (prev != NULL && prev->right == NULL) {
		vm_tree_attach(tree, node, prev, true);
		return;
	}
	KASSERT((next == NULL && tree->root == NULL) ||
	    (next != NULL && next->left == NULL),
	    ("vm_tree_insert_between: %#lx and %#lx are not neighbours",
	    prev == NULL ? 0 : prev->key, next == NULL ? 0 : next->key));
	vm_tree_attach(tree, node, next, false);
}

/*
 * node's owner changed its key in place, keeping it between its
 * neighbours' keys: take the new key into the node's copy.
 */
void
vm_tree_rekey(struct vm_tree *tree, struct vm_tree_node *node)
{
	node->key = tree->key(node);
}

/*
 * Remove node, which must be in the tree (panics if it is not, when it
 * can tell): unlink it, its in-order successor taking its place if it
 * has two children, then rebalance up from the lowest node whose subtree
 * lost height.  No search from the root.
 */
void
vm_tree_remove(struct vm_tree *tree, struct vm_tree_node *node)
{
	struct vm_tree_node *succ, *child, *start;

	KASSERT(node->key == tree->key(node),
	    ("vm_tree_remove: key %#lx changed to %#lx without vm_tree_rekey",
	    node->key, tree->key(node)));
	KASSERT(node->parent != NULL ? node->parent->left == node ||
	    node->parent->right == node : tree->root == node,
	    ("vm_tree_remove: key %#lx not in the tree", node->key));
	if (node->left == NULL || node->right == NULL) {
		child = node->left != NULL ? node->left : node->right;
		start = node->parent;
		vm_tree_replace_child(tree, node->parent, node, child);
	} else {
		for (succ = node->right; succ->left != NULL; succ = succ->left)
			;
		if (succ->parent == node) {
			start = succ;
		} else {
			start = succ->parent;
			vm_tree_replace_child(tree, start, succ, succ->right);
			succ->right = node->right;
			succ->right->parent = succ;
		}
		succ->left = node->left;
		succ->left->parent = succ;
		succ->height = node->height;
		vm_tree_replace_child(tree, node->parent, node, succ);
	}
	node->left = node->right = node->parent = NULL;
	vm_tree_rebalance_up(tree, start);
}

/* The node with key k, or NULL. */
struct vm_tree_node *
vm_tree_lookup(const struct vm_tree *tree, uint64_t k)
{
	struct vm_tree_node *n = tree->root;
	uint64_t nk;

	while (n != NULL) {
		nk = n->key;
		if (k == nk)
			return (n);
		n = k < nk ? n->left : n->right;
	}
	return (NULL);
}

/* The node with the largest key at most k, or NULL. */
struct vm_tree_node *
vm_tree_lookup_le(const struct vm_tree *tree, uint64_t k)
{
	struct vm_tree_node *n = tree->root, *best = NULL;

	while (n != NULL) {
		if (n->key <= k) {
			best = n;
			n = n->right;
		} else
			n = n->left;
	}
	return (best);
}

/* The node with the smallest key at least k, or NULL. */
struct vm_tree_node *
vm_tree_lookup_ge(const struct vm_tree *tree, uint64_t k)
{
	struct vm_tree_node *n = tree->root, *best = NULL;

	while (n != NULL) {
		if (n->key >= k) {
			best = n;
			n = n->left;
		} else
			n = n->right;
	}
	return (best);
}

/* Make tree empty; key extracts a node's key from its container. */
void
vm_tree_init(struct vm_tree *tree, vm_tree_key_fn *key)
{
	tree->root = NULL;
	tree->key = key;
}
