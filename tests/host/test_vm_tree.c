/*
 * Host tests for the VM's AVL tree (sys/vm/vm_tree.c): long random
 * sequences of insertions and removals against a bitmap of the keys
 * present, checking the AVL shape (parent links included) and every kind
 * of lookup as they go; insertions by key, next to known neighbours and
 * as runs joined in as subtrees.
 */
#include <stdlib.h>
#include <string.h>

#include "hosttest.h"
#include "sys/types.h"
#include "sys/cdefs.h"
#include "sys/param.h"
#include "vm/vm_tree.h"

#define NKEYS	1024

struct item {
	struct vm_tree_node node;
	uint64_t	key;
};

static struct item items[NKEYS];
static bool	present[NKEYS];

static uint64_t
item_key(const struct vm_tree_node *node)
{
	return (__containerof(node, struct item, node)->key);
}

/* Height of the subtree under n, or -1 if it is not a valid AVL tree. */
static int
check_shape(struct vm_tree_node *n, uint64_t lo, uint64_t hi, int *count)
{
	int l, r;

	if (n == NULL)
		return (0);
	if (item_key(n) < lo || item_key(n) > hi || n->key != item_key(n))
		return (-1);
	(*count)++;
	if ((n->left != NULL && n->left->parent != n) ||
	    (n->right != NULL && n->right->parent != n))
		return (-1);
	l = check_shape(n->left, lo, item_key(n) - 1, count);
	r = check_shape(n->right, item_key(n) + 1, hi, count);
	if (l < 0 || r < 0 || l - r > 1 || r - l > 1 ||
	    n->height != (l > r ? l : r) + 1)
		return (-1);
	return (n->height);
}

/* Keys are 10 * index + 5, so lookups between keys are exercised. */
static uint64_t
key_of(int i)
{
	return (10 * (uint64_t)i + 5);
}

/* An empty tree and the items keyed, none present. */
static void
tree_start(struct vm_tree *tree)
{
	int i;

	vm_tree_init(tree, item_key);
	memset(present, 0, sizeof(present));
	for (i = 0; i < NKEYS; i++)
		items[i].key = key_of(i);
}

/*
 * Insert the items from i (absent) on as one run, up to a random length
 * of at most maxlen and no further than the next present one.
 */
static void
insert_random_run(struct vm_tree *tree, int i, int maxlen)
{
	int len, j;

	len = 1 + random() % maxlen;
	for (j = i; j < NKEYS && j - i < len && !present[j]; j++)
		;
	vm_tree_insert_run(tree, &items[i].node, sizeof(items[0]), j - i);
	for (; i < j; i++)
		present[i] = true;
}

HT_TEST(random_against_bitmap)
{
	struct vm_tree tree;
	struct vm_tree_node *n;
	uint64_t q;
	int step, i, j, count, expect, height;

	srandom(1);
	tree_start(&tree);
	for (step = 0; step < 200000; step++) {
		i = random() % NKEYS;
		if (present[i])
			vm_tree_remove(&tree, &items[i].node);
		else
			vm_tree_insert(&tree, &items[i].node);
		present[i] = !present[i];

		q = random() % (10 * NKEYS + 20);
		n = vm_tree_lookup(&tree, q);
		HT_ASSERT(n == ((q % 10 == 5 && q / 10 < NKEYS &&
		    present[q / 10]) ? &items[q / 10].node : NULL));
		for (j = MIN((int)(q / 10), NKEYS - 1); j >= 0 &&
		    (!present[j] || key_of(j) > q); j--)
			;
		HT_ASSERT(vm_tree_lookup_le(&tree, q) ==
		    (j >= 0 ? &items[j].node : NULL));
		for (j = q < 5 ? 0 : (int)((q - 5 + 9) / 10); j < NKEYS &&
		    !present[j]; j++)
			;
		HT_ASSERT(vm_tree_lookup_ge(&tree, q) ==
		    (j < NKEYS ? &items[j].node : NULL));

		if (step % 1000 == 0) {
			count = 0;
			height = check_shape(tree.root, 0, UINT64_MAX, &count);
			HT_ASSERT(height >= 0);
			for (expect = 0, j = 0; j < NKEYS; j++)
				expect += present[j];
			HT_ASSERT_EQ(count, expect);
			/* AVL: height at most 1.44 log2(n + 2) */
			HT_ASSERT(height <= 16);
		}
	}
	for (i = 0; i < NKEYS; i++)
		if (present[i])
			vm_tree_remove(&tree, &items[i].node);
	HT_ASSERT(tree.root == NULL);
}

HT_TEST(sequential_inserts_stay_balanced)
{
	struct vm_tree tree;
	int i, count = 0;

	vm_tree_init(&tree, item_key);
	for (i = 0; i < NKEYS; i++) {
		items[i].key = key_of(i);
		vm_tree_insert(&tree, &items[i].node);
	}
	HT_ASSERT(check_shape(tree.root, 0, UINT64_MAX, &count) == 11);
	HT_ASSERT_EQ(count, NKEYS);
	for (i = 0; i < NKEYS; i += 2)
		vm_tree_remove(&tree, &items[i].node);
	count = 0;
	HT_ASSERT(check_shape(tree.root, 0, UINT64_MAX, &count) > 0);
	HT_ASSERT_EQ(count, NKEYS / 2);
	HT_ASSERT(vm_tree_lookup(&tree, key_of(0)) == NULL);
	HT_ASSERT(vm_tree_lookup(&tree, key_of(1)) == &items[1].node);
}

/* The present item just below (dir -1) or above (dir 1) index i, or NULL. */
static struct vm_tree_node *
neighbour(int i, int dir)
{
	for (i += dir; i >= 0 && i < NKEYS; i += dir)
		if (present[i])
			return (&items[i].node);
	return (NULL);
}

/* The tree is a valid AVL tree holding exactly the present items. */
static bool
tree_matches(struct vm_tree *tree)
{
	int count = 0, expect = 0, j;

	if (tree->root != NULL && tree->root->parent != NULL)
		return (false);
	if (check_shape(tree->root, 0, UINT64_MAX, &count) < 0)
		return (false);
	for (j = 0; j < NKEYS; j++)
		expect += present[j];
	return (count == expect);
}

/*
 * Insertions only, into small trees in random orders, by key and next to
 * the neighbours, with the shape checked after every one: each of the
 * insertion's four rotations (left-left, left-right, right-left,
 * right-right, with and without subtrees under the nodes that move) is
 * checked right after it happens, not after later steps have reshaped
 * the tree.  Then the four three-node cases, whose result is known
 * exactly: the middle key at the root.
 */
HT_TEST(every_insertion_keeps_the_shape)
{
	static const int orders[4][3] = {
		{ 2, 1, 0 }, { 2, 0, 1 }, { 0, 2, 1 }, { 0, 1, 2 } };
	struct vm_tree tree;
	int trial, step, i, k, t, perm[64];

	srandom(11);
	for (i = 0; i < NKEYS; i++)
		items[i].key = key_of(i);
	for (trial = 0; trial < 400; trial++) {
		vm_tree_init(&tree, item_key);
		memset(present, 0, sizeof(present));
		for (i = 0; i < 64; i++)
			perm[i] = i;
		for (i = 63; i > 0; i--) {
			k = random() % (i + 1);
			t = perm[i];
			perm[i] = perm[k];
			perm[k] = t;
		}
		for (step = 0; step < 64; step++) {
			i = perm[step];
			if (trial % 2 == 0)
				vm_tree_insert(&tree, &items[i].node);
			else
				vm_tree_insert_between(&tree, &items[i].node,
				    neighbour(i, -1), neighbour(i, 1));
			present[i] = true;
			HT_ASSERT(tree_matches(&tree));
		}
	}
	for (t = 0; t < 4; t++) {
		vm_tree_init(&tree, item_key);
		memset(present, 0, sizeof(present));
		for (step = 0; step < 3; step++) {
			vm_tree_insert(&tree, &items[orders[t][step]].node);
			present[orders[t][step]] = true;
		}
		HT_ASSERT(tree_matches(&tree));
		HT_ASSERT(tree.root == &items[1].node);
		HT_ASSERT(tree.root->height == 2);
	}
}

/*
 * vm_tree_insert_between, given each new item's neighbours, and removal,
 * in random order: the same tree properties as insertion by key; and
 * ascending insertions (a first touch, page after page) stay as balanced
 * as by key.
 */
HT_TEST(insert_between_neighbours)
{
	struct vm_tree tree;
	int step, i, j, count = 0;

	srandom(7);
	tree_start(&tree);
	for (step = 0; step < 50000; step++) {
		i = random() % NKEYS;
		if (present[i])
			vm_tree_remove(&tree, &items[i].node);
		else
			vm_tree_insert_between(&tree, &items[i].node,
			    neighbour(i, -1), neighbour(i, 1));
		present[i] = !present[i];
		if (step % 500 == 0)
			HT_ASSERT(tree_matches(&tree));
		j = random() % NKEYS;
		HT_ASSERT(vm_tree_lookup(&tree, key_of(j)) ==
		    (present[j] ? &items[j].node : NULL));
	}
	HT_ASSERT(tree_matches(&tree));
	for (i = 0; i < NKEYS; i++)
		if (present[i]) {
			vm_tree_remove(&tree, &items[i].node);
			present[i] = false;
		}
	HT_ASSERT(tree.root == NULL);

	for (i = 0; i < NKEYS; i++) {
		vm_tree_insert_between(&tree, &items[i].node,
		    i > 0 ? &items[i - 1].node : NULL, NULL);
		present[i] = true;
	}
	HT_ASSERT(check_shape(tree.root, 0, UINT64_MAX, &count) == 11);
	HT_ASSERT(tree_matches(&tree));
	/* and descending, each before the last one inserted */
	for (i = 0; i < NKEYS; i++)
		vm_tree_remove(&tree, &items[i].node);
	memset(present, 0, sizeof(present));
	for (i = NKEYS - 1; i >= 0; i--) {
		vm_tree_insert_between(&tree, &items[i].node, NULL,
		    i < NKEYS - 1 ? &items[i + 1].node : NULL);
		present[i] = true;
	}
	count = 0;
	HT_ASSERT(check_shape(tree.root, 0, UINT64_MAX, &count) == 11);
	HT_ASSERT(tree_matches(&tree));
}


/*
 * vm_tree_insert_run: runs of random length dropped into random empty
 * gaps of a tree shaped by random insertions and removals, against the
 * bitmap; after each, the AVL shape with its parent links, the count and
 * every key's lookup.
 */
HT_TEST(insert_run_against_bitmap)
{
	struct vm_tree tree;
	int step, i, j, lo, hi, len;

	srandom(2);
	tree_start(&tree);
	for (step = 0; step < 20000; step++) {
		/* Mostly removals, so gaps keep opening for runs. */
		i = random() % NKEYS;
		if (present[i]) {
			vm_tree_remove(&tree, &items[i].node);
			present[i] = false;
		}
		if (step % 4 != 0)
			continue;
		/* A run starting at a random empty key, up to 600 long. */
		lo = random() % NKEYS;
		if (present[lo])
			continue;
		len = 1 + random() % 600;
		for (hi = lo; hi < NKEYS && hi - lo < len && !present[hi];
		    hi++)
			;
		vm_tree_insert_run(&tree, &items[lo].node, sizeof(items[0]),
		    hi - lo);
		for (j = lo; j < hi; j++)
			present[j] = true;
		HT_ASSERT(tree_matches(&tree));
		for (j = 0; j < NKEYS; j++)
			HT_ASSERT(vm_tree_lookup(&tree, key_of(j)) ==
			    (present[j] ? &items[j].node : NULL));
	}
	for (i = 0; i < NKEYS; i++)
		if (present[i])
			vm_tree_remove(&tree, &items[i].node);
	HT_ASSERT(tree.root == NULL);
}

/*
 * Runs of 512 appended in ascending order, as first touch of a big
 * mapping inserts them, and one into the middle of a full tree's gap:
 * the tree stays as shallow as AVL allows.
 */
HT_TEST(insert_run_in_order_stays_balanced)
{
	struct vm_tree tree;
	int i, height, count = 0;

	vm_tree_init(&tree, item_key);
	for (i = 0; i < NKEYS; i++)
		items[i].key = key_of(i);
	vm_tree_insert_run(&tree, &items[0].node, sizeof(items[0]), 512);
	vm_tree_insert_run(&tree, &items[512].node, sizeof(items[0]), 512);
	/* check_shape is -1 for a broken tree */
	height = check_shape(tree.root, 0, UINT64_MAX, &count);
	HT_ASSERT(height > 0 && height <= 12);
	HT_ASSERT(tree.root->parent == NULL);
	HT_ASSERT_EQ(count, NKEYS);
	for (i = 100; i < 900; i++)
		vm_tree_remove(&tree, &items[i].node);
	vm_tree_insert_run(&tree, &items[300].node, sizeof(items[0]), 300);
	count = 0;
	HT_ASSERT(check_shape(tree.root, 0, UINT64_MAX, &count) > 0);
	HT_ASSERT_EQ(count, NKEYS - 800 + 300);
	HT_ASSERT(vm_tree_lookup_ge(&tree, key_of(100)) == &items[300].node);
	HT_ASSERT(vm_tree_lookup_le(&tree, key_of(899)) == &items[599].node);
}

/*
 * Runs, single insertions next to neighbours and removals interleaved:
 * removal and insert_between walk the parent links a run's join set (a
 * run's nodes are removed one by one, and new nodes hang under them), so
 * a wrong link there shows up as a broken shape or a lost node.
 */
HT_TEST(insert_run_then_neighbours_and_removals)
{
	struct vm_tree tree;
	int step, i;

	srandom(3);
	tree_start(&tree);
	for (step = 0; step < 30000; step++) {
		i = random() % NKEYS;
		switch (random() % 8) {
		case 0:
			if (!present[i])
				insert_random_run(&tree, i, 64);
			break;
		case 1:
		case 2:
			if (present[i])
				break;
			vm_tree_insert_between(&tree, &items[i].node,
			    neighbour(i, -1), neighbour(i, 1));
			present[i] = true;
			break;
		default:
			if (!present[i])
				break;
			vm_tree_remove(&tree, &items[i].node);
			present[i] = false;
			break;
		}
		if (step % 100 == 0)
			HT_ASSERT(tree_matches(&tree));
	}
	HT_ASSERT(tree_matches(&tree));
	for (i = 0; i < NKEYS; i++)
		if (present[i])
			vm_tree_remove(&tree, &items[i].node);
	HT_ASSERT(tree.root == NULL);
}

/*
 * vm_tree_remove_range against the bitmap: ranges of random length
 * (empty ones, ones covering nothing present, ones running past either
 * end of the keys) taken out of a tree shaped by runs, insertions next to
 * neighbours and single removals; after each, the AVL shape with its
 * parent links, the count and every key's lookup, and the tree keeps
 * working (the removed nodes go back in later).
 */
HT_TEST(remove_range_against_bitmap)
{
	struct vm_tree tree;
	uint64_t lo, hi;
	int step, i, j;

	srandom(4);
	tree_start(&tree);
	for (step = 0; step < 20000; step++) {
		i = random() % NKEYS;
		switch (random() % 6) {
		case 0:
			if (!present[i])
				insert_random_run(&tree, i, 600);
			break;
		case 1:
		case 2:
			if (present[i])
				vm_tree_remove(&tree, &items[i].node);
			else
				vm_tree_insert_between(&tree, &items[i].node,
				    neighbour(i, -1), neighbour(i, 1));
			present[i] = !present[i];
			break;
		default:
			/* Keys, not indexes: bounds between keys too. */
			lo = random() % (10 * NKEYS + 20);
			hi = lo + random() % (random() % 4 == 0 ? 10 * NKEYS :
			    700);
			if (random() % 16 == 0)
				hi = lo;
			vm_tree_remove_range(&tree, lo, hi);
			for (j = 0; j < NKEYS; j++)
				if (key_of(j) >= lo && key_of(j) < hi)
					present[j] = false;
			break;
		}
		HT_ASSERT(tree_matches(&tree));
		if (step % 16 == 0)
			for (j = 0; j < NKEYS; j++)
				HT_ASSERT(vm_tree_lookup(&tree, key_of(j)) ==
				    (present[j] ? &items[j].node : NULL));
	}
	vm_tree_remove_range(&tree, 0, UINT64_MAX);
	HT_ASSERT(tree.root == NULL);
}

/*
 * A 512-key run in the middle of a big tree leaves in one operation and
 * the tree stays as shallow as AVL allows; so does removing the smallest
 * and the largest keys, and everything.
 */
HT_TEST(remove_range_of_a_run)
{
	struct vm_tree tree;
	int i, height, count = 0;

	vm_tree_init(&tree, item_key);
	memset(present, 0, sizeof(present));
	for (i = 0; i < NKEYS; i++) {
		items[i].key = key_of(i);
		present[i] = true;
	}
	vm_tree_insert_run(&tree, &items[0].node, sizeof(items[0]), NKEYS);
	vm_tree_remove_range(&tree, key_of(256), key_of(768));
	for (i = 256; i < 768; i++)
		present[i] = false;
	height = check_shape(tree.root, 0, UINT64_MAX, &count);
	HT_ASSERT(height > 0 && height <= 11);
	HT_ASSERT(tree_matches(&tree));
	HT_ASSERT(vm_tree_lookup_ge(&tree, key_of(256)) == &items[768].node);
	HT_ASSERT(vm_tree_lookup_le(&tree, key_of(767)) == &items[255].node);
	vm_tree_remove_range(&tree, 0, key_of(1));
	vm_tree_remove_range(&tree, key_of(NKEYS - 1), UINT64_MAX);
	present[0] = present[NKEYS - 1] = false;
	HT_ASSERT(tree_matches(&tree));
	/* the removed run goes back in as a run */
	vm_tree_insert_run(&tree, &items[256].node, sizeof(items[0]), 512);
	for (i = 256; i < 768; i++)
		present[i] = true;
	HT_ASSERT(tree_matches(&tree));
	vm_tree_remove_range(&tree, 0, UINT64_MAX);
	HT_ASSERT(tree.root == NULL);
}
