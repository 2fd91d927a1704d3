/*
 * AVL tree (see vm_tree.h).  Every node's two subtrees differ in height by
 * at most one, so a tree of n nodes is at most 1.44 log2(n) high.  Nodes
 * know their parent, so insertion next to a known neighbour and removal
 * start where the change is and rebalance upwards only as far as heights
 * change: neither searches from the root.  A run of nodes goes in as a
 * balanced subtree, built with its parent links and joined in by one
 * split and two joins of the tree.
 */
#include "sys/systm.h"
#include "vm/vm_tree.h"

static void	vm_tree_unlink(struct vm_tree *tree, struct vm_tree_node *node);

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

/*
 * node, a fresh leaf, was just hung under its parent: restore the AVL
 * property on the way up.  An insertion needs less than the general
 * vm_tree_rebalance_up, and the fault path inserts a page per fault, so
 * it has its own loop that reads only heights it needs: n's subtree has
 * just grown to height h, and its parent p, whose height is still the
 * old one, is either higher already (h + 1: nothing changes above, stop),
 * or grows too if n's sibling is h - 1, or else (sibling h - 2) is fixed
 * by one single or double rotation that brings the subtree back to p's
 * old height, which ends the insertion.  A rotation never happens at
 * the new leaf itself (its sibling would be h - 2 = -1 high), and an n
 * above it grew because one of its children did, so its children are
 * h - 1 and h - 2 high: the rotation's shape (single or double) follows
 * from which one is the higher.
 */
static void
vm_tree_insert_fixup(struct vm_tree *tree, struct vm_tree_node *n)
{
	struct vm_tree_node *p, *g, *top;
	int h;

	for (h = 1; (p = n->parent) != NULL; n = p, h++) {
		if (p->height > h)
			return;
		if (p->left == n) {
			if (vm_tree_height(p->right) == h - 1) {
				p->height = h + 1;
				continue;
			}
			g = n->right;
			if (vm_tree_height(g) != h - 1) {
				/* n's left is the higher: rotate n up. */
				p->left = g;
				if (g != NULL)
					g->parent = p;
				n->right = p;
				top = n;
			} else {
				/* n's right, g, goes up above n and p. */
				n->right = g->left;
				if (n->right != NULL)
					n->right->parent = n;
				p->left = g->right;
				if (p->left != NULL)
					p->left->parent = p;
				g->left = n;
				g->right = p;
				n->parent = g;
				n->height = h - 1;
				g->height = h;
				top = g;
			}
		} else {
			if (vm_tree_height(p->left) == h - 1) {
				p->height = h + 1;
				continue;
			}
			g = n->left;
			if (vm_tree_height(g) != h - 1) {
				/* n's right is the higher: rotate n up. */
				p->right = g;
				if (g != NULL)
					g->parent = p;
				n->left = p;
				top = n;
			} else {
				/* n's left, g, goes up above p and n. */
				n->left = g->right;
				if (n->left != NULL)
					n->left->parent = n;
				p->right = g->left;
				if (p->right != NULL)
					p->right->parent = p;
				g->right = n;
				g->left = p;
				n->parent = g;
				n->height = h - 1;
				g->height = h;
				top = g;
			}
		}
		p->height = h - 1;
		vm_tree_replace_child(tree, p->parent, p, top);
		p->parent = top;
		return;
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
	vm_tree_insert_fixup(tree, node);
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
 * Join a, m and b, where every key of a is below m's and every key of b
 * above it, into one AVL tree; returns its root.  Walks down the spine of
 * the higher tree to where the lower one fits, O(|height(a) -
 * height(b)|), and rebalances on the way back (the result is at most one
 * higher than the higher of a and b, so each step's difference is at most
 * two: vm_tree_balance's case).  Parent links inside the result are set;
 * the root's is left for the caller to set.
 */
static struct vm_tree_node *
vm_tree_join(struct vm_tree_node *a, struct vm_tree_node *m,
    struct vm_tree_node *b)
{
	int ha = vm_tree_height(a), hb = vm_tree_height(b);

	if (ha > hb + 1) {
		a->right = vm_tree_join(a->right, m, b);
		a->right->parent = a;
		return (vm_tree_balance(a));
	}
	if (hb > ha + 1) {
		b->left = vm_tree_join(a, m, b->left);
		b->left->parent = b;
		return (vm_tree_balance(b));
	}
	m->left = a;
	m->right = b;
	if (a != NULL)
		a->parent = m;
	if (b != NULL)
		b->parent = m;
	vm_tree_fix_height(m);
	return (m);
}

/*
 * Split the subtree n at k into *lp (keys below k) and *rp (keys k and
 * above), both AVL trees whose roots' parent links are stale (the caller
 * joins them).  The joins on the way back up cost O(height) in all.
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
	if (k <= n->key) {
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
 * has height h = ffs(p), and its children are p -/+ 2^(h - 2).  Each
 * node sets its children's parent links; the root's is the caller's.
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
		n->left->parent = n->right->parent = n;
	}
	return (vm_tree_run_node(first, stride, lo + (hi - lo) / 2));
}

/*
 * A perfectly balanced tree of the run's nodes [lo, hi), lo > 0, reading
 * each node's key (node lo - 1's is read already) and checking that it
 * is above its predecessor's; returns the root, NULL if the range is
 * empty.  A node's key is read after its left subtree's and before its
 * right subtree's, so the predecessor's is always known by then.
 * Parent links below the root are set, the root's is the caller's.
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
	if (n->left != NULL)
		n->left->parent = n;
	n->key = tree->key(n);
	KASSERT(n->key > vm_tree_run_node(first, stride, mid - 1)->key,
	    ("vm_tree_insert_run: key %#lx after %#lx", n->key,
	    vm_tree_run_node(first, stride, mid - 1)->key));
	n->right = vm_tree_build(tree, first, stride, mid + 1, hi);
	if (n->right != NULL)
		n->right->parent = n;
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
	tree->root->parent = NULL;
}

/*
 * Join a and b, every key of a below every key of b, into one AVL tree
 * (either may be empty); returns its root, whose parent link the caller
 * sets.  b's smallest node is taken out of b (a removal inside the
 * detached subtree, O(height)) to stand between the two in
 * vm_tree_join.
 */
static struct vm_tree_node *
vm_tree_join2(struct vm_tree_node *a, struct vm_tree_node *b)
{
	struct vm_tree sub;
	struct vm_tree_node *m;

	if (a == NULL)
		return (b);
	if (b == NULL)
		return (a);
	for (m = b; m->left != NULL; m = m->left)
		;
	b->parent = NULL;
	sub.root = b;
	vm_tree_unlink(&sub, m);
	return (vm_tree_join(a, m, sub.root));
}

/*
 * Remove every node with a key in [lo, hi) in one operation, O(log n)
 * whatever their number: split the tree at lo and at hi and join the
 * outer parts.  The removed nodes' links are left stale: they are the
 * caller's, which knows them already (a run of an object's pages, found
 * on its ordered list) and does not walk them through the tree.
 */
void
vm_tree_remove_range(struct vm_tree *tree, uint64_t lo, uint64_t hi)
{
	struct vm_tree_node *l, *mid, *r;

	if (tree->root == NULL || lo >= hi)
		return;
	vm_tree_split(tree->root, lo, &l, &r);
	vm_tree_split(r, hi, &mid, &r);
	tree->root = vm_tree_join2(l, r);
	if (tree->root != NULL)
		tree->root->parent = NULL;
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
	KASSERT(node->key == tree->key(node),
	    ("vm_tree_remove: key %#lx changed to %#lx without vm_tree_rekey",
	    node->key, tree->key(node)));
	vm_tree_unlink(tree, node);
}

/*
 * vm_tree_remove without the check of node's key against its owner's
 * (vm_tree_join2 uses it on a detached subtree whose struct vm_tree has
 * no key function).
 */
static void
vm_tree_unlink(struct vm_tree *tree, struct vm_tree_node *node)
{
	struct vm_tree_node *succ, *child, *start;

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
