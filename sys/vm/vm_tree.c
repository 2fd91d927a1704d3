/*
 * AVL tree (see vm_tree.h).  Every node's two subtrees differ in height by
 * at most one, so a tree of n nodes is at most 1.44 log2(n) high: 92 for
 * 2^64 nodes, which bounds the recursion below and the path insertion
 * keeps.  Removal recurses down to the spot and rebalances on the way
 * back up; insertion walks down, then back up only as far as heights
 * change.
 */
#include "sys/systm.h"
#include "vm/vm_tree.h"

#define VM_TREE_MAX_HEIGHT	92	/* 1.44 log2(2^64) */

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

/* Rotate n's left child up; returns the subtree's new root. */
static struct vm_tree_node *
vm_tree_rotate_right(struct vm_tree_node *n)
{
	struct vm_tree_node *l = n->left;

	n->left = l->right;
	l->right = n;
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
	r->left = n;
	vm_tree_fix_height(n);
	vm_tree_fix_height(r);
	return (r);
}

/*
 * Restore the AVL property at n, whose subtrees are valid AVL trees
 * differing in height by at most two; returns the subtree's new root.
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
 * Insert node, whose key must not be in the tree yet (panics if it is).
 * Iterative, keeping the path: after an insertion, rebalancing stops at
 * the first ancestor whose subtree keeps its height (a rotation restores
 * the height it had before), since nothing above it changes.  So
 * inserting in key order (a first touch of each page) rebalances a few
 * levels, not the whole path.
 */
void
vm_tree_insert(struct vm_tree *tree, struct vm_tree_node *node)
{
	struct vm_tree_node **path[VM_TREE_MAX_HEIGHT];
	struct vm_tree_node **link, *n;
	uint64_t k, nk;
	int depth, height;

	node->left = node->right = NULL;
	node->height = 1;
	k = node->key = tree->key(node);
	depth = 0;
	for (link = &tree->root; (n = *link) != NULL;
	    link = k < nk ? &n->left : &n->right) {
		KASSERT(depth < VM_TREE_MAX_HEIGHT,
		    ("vm_tree_insert: tree deeper than %d", VM_TREE_MAX_HEIGHT));
		path[depth++] = link;
		nk = n->key;
		KASSERT(k != nk, ("vm_tree_insert: key %#lx already present",
		    k));
	}
	*link = node;
	while (depth > 0) {
		link = path[--depth];
		height = (*link)->height;
		*link = vm_tree_balance(*link);
		if ((*link)->height == height)
			break;
	}
}

/*
 * Join a, m and b, where every key of a is below m's and every key of b
 * above it, into one AVL tree; returns its root.  Walks down the spine of
 * the higher tree to where the lower one fits, O(|height(a) -
 * height(b)|), and rebalances on the way back (the result is at most one
 * higher than the higher of a and b, so each step's difference is at most
 * two: vm_tree_balance's case).
 */
static struct vm_tree_node *
vm_tree_join(struct vm_tree_node *a, struct vm_tree_node *m,
    struct vm_tree_node *b)
{
	int ha = vm_tree_height(a), hb = vm_tree_height(b);

	if (ha > hb + 1) {
		a->right = vm_tree_join(a->right, m, b);
		return (vm_tree_balance(a));
	}
	if (hb > ha + 1) {
		b->left = vm_tree_join(a, m, b->left);
		return (vm_tree_balance(b));
	}
	m->left = a;
	m->right = b;
	vm_tree_fix_height(m);
	return (m);
}

/*
 * Split the subtree n at k, a key not in it, into *lp (keys below k) and
 * *rp (keys above), both AVL trees.  The joins on the way back up cost
 * O(height) in all.
 */
static void
vm_tree_split(struct vm_tree_node *n, uint64_t k, struct vm_tree_node **lp,
    struct vm_tree_node **rp)
{
	struct vm_tree_node *l, *r;

	if (n == NULL) {
		*lp = *rp = NULL;
		return;
	}
	KASSERT(k != n->key, ("vm_tree_split: key %#lx present", k));
	if (k < n->key) {
		vm_tree_split(n->left, k, lp, &r);
		*rp = vm_tree_join(r, n, n->right);
	} else {
		vm_tree_split(n->right, k, &l, rp);
		*lp = vm_tree_join(n->left, n, l);
	}
}

/* The i-th node of a run of nodes stride bytes apart. */
static struct vm_tree_node *
vm_tree_run_node(struct vm_tree_node *first, size_t stride, u_long i)
{
	return ((struct vm_tree_node *)((char *)first + i * stride));
}

/*
 * vm_tree_build for a range of 2^k - 1 nodes, in one pass without
 * recursion: numbering the range's nodes from 1, node p of a perfect tree
 * has height h = ffs(p), and its children are p -/+ 2^(h - 2).
 */
static struct vm_tree_node *
vm_tree_build_perfect(const struct vm_tree *tree, struct vm_tree_node *first,
    size_t stride, u_long lo, u_long hi)
{
	struct vm_tree_node *n;
	uint64_t prev;
	size_t half;
	u_long p;
	int h;

	prev = vm_tree_run_node(first, stride, lo - 1)->key;
	n = vm_tree_run_node(first, stride, lo);
	for (p = 1; p <= hi - lo; p++, n = (struct vm_tree_node *)
	    ((char *)n + stride)) {
		n->key = tree->key(n);
		KASSERT(n->key > prev, ("vm_tree_insert_run: key %#lx after "
		    "%#lx", n->key, prev));
		prev = n->key;
		h = __builtin_ctzl(p) + 1;
		n->height = h;
		if (h == 1) {
			n->left = n->right = NULL;
			continue;
		}
		half = stride << (h - 2);
		n->left = (struct vm_tree_node *)((char *)n - half);
		n->right = (struct vm_tree_node *)((char *)n + half);
	}
	return (vm_tree_run_node(first, stride, lo + (hi - lo) / 2));
}

/*
 * A perfectly balanced tree of the run's nodes [lo, hi), lo > 0, reading
 * each node's key (node lo - 1's is read already) and checking that it
 * is above its predecessor's; returns the root, NULL if the range is
 * empty.  A node's key is read after its left subtree's and before its
 * right subtree's, so the predecessor's is always known by then.
 * Recursion depth log2(hi - lo).
 */
static struct vm_tree_node *
vm_tree_build(const struct vm_tree *tree, struct vm_tree_node *first,
    size_t stride, u_long lo, u_long hi)
{
	struct vm_tree_node *n;
	u_long mid;

	if (lo == hi)
		return (NULL);
	if (((hi - lo) & (hi - lo + 1)) == 0)
		return (vm_tree_build_perfect(tree, first, stride, lo, hi));
	mid = lo + (hi - lo) / 2;
	n = vm_tree_run_node(first, stride, mid);
	n->left = vm_tree_build(tree, first, stride, lo, mid);
	n->key = tree->key(n);
	KASSERT(n->key > vm_tree_run_node(first, stride, mid - 1)->key,
	    ("vm_tree_insert_run: key %#lx after %#lx", n->key,
	    vm_tree_run_node(first, stride, mid - 1)->key));
	n->right = vm_tree_build(tree, first, stride, mid + 1, hi);
	vm_tree_fix_height(n);
	return (n);
}

/*
 * Insert a run of count nodes, the first at first and each next stride
 * bytes after the previous one (nodes embedded in an array of their
 * containers), whose keys ascend and all fall between two neighbouring
 * keys of the tree (no key of the tree lies between the run's first and
 * last): one operation, O(count + log n), instead of count insertions.
 * The run becomes a balanced subtree joined in at its place: split the
 * tree at the run's first key, join the left part with the run's first
 * node and the rest of the run, then that with the run's last node and
 * the right part.  Panics if the keys do not ascend or the gap is not
 * empty.
 */
void
vm_tree_insert_run(struct vm_tree *tree, struct vm_tree_node *first,
    size_t stride, u_long count)
{
	struct vm_tree_node *l, *r, *mid, *last, *next;

	if (count == 0)
		return;
	if (count == 1) {
		vm_tree_insert(tree, first);
		return;
	}
	first->key = tree->key(first);
	mid = vm_tree_build(tree, first, stride, 1, count - 1);
	last = vm_tree_run_node(first, stride, count - 1);
	last->key = tree->key(last);
	KASSERT(last->key > vm_tree_run_node(first, stride, count - 2)->key,
	    ("vm_tree_insert_run: last key %#lx does not ascend", last->key));
	next = vm_tree_lookup_ge(tree, first->key);
	KASSERT(next == NULL || next->key > last->key,
	    ("vm_tree_insert_run: key %#lx inside run %#lx-%#lx", next->key,
	    first->key, last->key));
	vm_tree_split(tree->root, first->key, &l, &r);
	l = vm_tree_join(l, first, mid);
	tree->root = vm_tree_join(l, last, r);
}

/*
 * Detach the smallest node of the non-empty subtree n into *minp; returns
 * the subtree's new root.
 */
static struct vm_tree_node *
vm_tree_detach_min(struct vm_tree_node *n, struct vm_tree_node **minp)
{
	if (n->left == NULL) {
		*minp = n;
		return (n->right);
	}
	n->left = vm_tree_detach_min(n->left, minp);
	return (vm_tree_balance(n));
}

/* Remove node (key k) from under n; returns the subtree's new root. */
static struct vm_tree_node *
vm_tree_remove_at(const struct vm_tree *tree, struct vm_tree_node *n,
    struct vm_tree_node *node, uint64_t k)
{
	struct vm_tree_node *succ;
	uint64_t nk;

	KASSERT(n != NULL, ("vm_tree_remove: key %#lx not in the tree", k));
	nk = n->key;
	if (k < nk) {
		n->left = vm_tree_remove_at(tree, n->left, node, k);
		return (vm_tree_balance(n));
	}
	if (k > nk) {
		n->right = vm_tree_remove_at(tree, n->right, node, k);
		return (vm_tree_balance(n));
	}
	KASSERT(n == node, ("vm_tree_remove: key %#lx belongs to another node",
	    k));
	if (n->right == NULL)
		return (n->left);
	succ = NULL;
	n->right = vm_tree_detach_min(n->right, &succ);
	succ->left = n->left;
	succ->right = n->right;
	return (vm_tree_balance(succ));
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

/* Remove node, which must be in the tree (panics if it is not). */
void
vm_tree_remove(struct vm_tree *tree, struct vm_tree_node *node)
{
	KASSERT(node->key == tree->key(node),
	    ("vm_tree_remove: key %#lx changed to %#lx without vm_tree_rekey",
	    node->key, tree->key(node)));
	tree->root = vm_tree_remove_at(tree, tree->root, node, node->key);
	node->left = node->right = NULL;
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
