/*
 * Host tests for the VM's AVL tree (sys/vm/vm_tree.c): long random
 * sequences of insertions and removals against a bitmap of the keys
 * present, checking the AVL shape (parent links included) and every kind
 * of lookup as they go; insertions by key and next to known neighbours.
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

HT_TEST(random_against_bitmap)
{
	struct vm_tree tree;
	struct vm_tree_node *n;
	uint64_t q;
	int step, i, j, count, expect, height;

	srandom(1);
	vm_tree_init(&tree, item_key);
	memset(present, 0, sizeof(present));
	for (i = 0; i < NKEYS; i++)
		items[i].key = key_of(i);
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
	vm_tree_init(&tree, item_key);
	memset(present, 0, sizeof(present));
	for (i = 0; i < NKEYS; i++)
		items[i].key = key_of(i);
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
