/*
 * Host tests of the swap disk's block allocator (sys/vm/swap_slots.c)
 * against a reference model (one bool per block, searched by brute
 * force): random run allocations and single-block frees, exhaustion,
 * fragmentation, runs across word boundaries and the disk's end.
 */
#include <stdlib.h>
#include <string.h>

#include "hosttest.h"
#include "sys/types.h"
#include "vm/swap_slots.h"

struct model {
	struct swap_slots ss;
	void		*mem;
	bool		*used;
	u_int		nblocks;
	u_int		nfree;
};

static void
model_init(struct model *m, u_int nblocks)
{
	m->mem = malloc(swap_slots_memsize(nblocks));
	m->used = calloc(nblocks, sizeof(bool));
	if (m->mem == NULL || m->used == NULL)
		abort();
	m->nblocks = m->nfree = nblocks;
	swap_slots_init(&m->ss, nblocks, m->mem);
}

static void
model_fini(struct model *m)
{
	free(m->mem);
	free(m->used);
}

/* True if the model has a run of n free blocks anywhere. */
static bool
model_has_run(const struct model *m, u_int n)
{
	u_int b, len = 0;

	for (b = 0; b < m->nblocks; b++) {
		len = m->used[b] ? 0 : len + 1;
		if (len >= n)
			return (true);
	}
	return (false);
}

/*
 * Allocate n blocks from both; 1 if allocated, 0 if both said none, -1
 * on a disagreement.
 */
static int
model_alloc(struct model *m, u_int n, swblk_t *blkp)
{
	swblk_t blk;
	u_int i;

	blk = swap_slots_alloc(&m->ss, n);
	if (blk == SWAP_SLOT_NONE)
		return (model_has_run(m, n) ? -1 : 0);
	if (blk + n > m->nblocks)
		return (-1);
	for (i = 0; i < n; i++) {
		if (m->used[blk + i])
			return (-1);
		m->used[blk + i] = true;
	}
	m->nfree -= n;
	*blkp = blk;
	return (1);
}

/* True if the allocator's every bit and count agree with the model. */
static bool
model_agrees(const struct model *m)
{
	u_int b;

	if (swap_slots_nfree(&m->ss) != m->nfree)
		return (false);
	for (b = 0; b < m->nblocks; b++)
		if (swap_slots_isfree(&m->ss, b) == m->used[b])
			return (false);
	return (true);
}

HT_TEST(fill_exactly_then_exhausted)
{
	struct model m;
	swblk_t blk;
	u_int i;

	model_init(&m, 1000);	/* not a multiple of 64 */
	for (i = 0; i < 1000 / 8; i++) {
		HT_ASSERT_EQ(model_alloc(&m, 8, &blk), 1);
		HT_ASSERT_EQ(blk, i * 8);	/* the rotor packs them */
	}
	HT_ASSERT_EQ(swap_slots_nfree(&m.ss), 0);
	HT_ASSERT_EQ(swap_slots_alloc(&m.ss, 1), SWAP_SLOT_NONE);
	swap_slots_free(&m.ss, 500, 1);
	m.used[500] = false;
	m.nfree++;
	HT_ASSERT_EQ(swap_slots_alloc(&m.ss, 2), SWAP_SLOT_NONE);
	HT_ASSERT_EQ(model_alloc(&m, 1, &blk), 1);
	HT_ASSERT_EQ(blk, 500);
	HT_ASSERT(model_agrees(&m));
	model_fini(&m);
}

HT_TEST(runs_cross_words_not_the_end)
{
	struct model m;
	swblk_t blk;

	model_init(&m, 130);
	HT_ASSERT_EQ(model_alloc(&m, 60, &blk), 1);	/* 0..59 */
	HT_ASSERT_EQ(model_alloc(&m, 10, &blk), 1);	/* crosses 64 */
	HT_ASSERT_EQ(blk, 60);
	HT_ASSERT_EQ(model_alloc(&m, 60, &blk), 1);	/* 70..129 */
	HT_ASSERT_EQ(blk, 70);
	HT_ASSERT_EQ(model_alloc(&m, 1, &blk), 0);	/* nothing past 130 */
	swap_slots_free(&m.ss, 0, 60);
	memset(m.used, 0, 60);
	m.nfree += 60;
	HT_ASSERT_EQ(model_alloc(&m, 64, &blk), 0);	/* only 60 free */
	HT_ASSERT_EQ(model_alloc(&m, 60, &blk), 1);	/* wraps to 0 */
	HT_ASSERT_EQ(blk, 0);
	HT_ASSERT(model_agrees(&m));
	model_fini(&m);
}

/*
 * Fragmentation: free every other block of a full disk; runs of 2 are
 * then impossible however many blocks are free, runs of 1 all succeed.
 */
HT_TEST(fragmented)
{
	struct model m;
	swblk_t blk;
	u_int i;

	model_init(&m, 4096 + 17);
	while (model_alloc(&m, 33, &blk) == 1)
		;
	while (model_alloc(&m, 1, &blk) == 1)
		;
	HT_ASSERT_EQ(swap_slots_nfree(&m.ss), 0);
	for (i = 0; i < m.nblocks; i += 2) {
		swap_slots_free(&m.ss, i, 1);
		m.used[i] = false;
		m.nfree++;
	}
	HT_ASSERT_EQ(model_alloc(&m, 2, &blk), 0);
	for (i = 0; i < (m.nblocks + 1) / 2; i++)
		HT_ASSERT_EQ(model_alloc(&m, 1, &blk), 1);
	HT_ASSERT_EQ(model_alloc(&m, 1, &blk), 0);
	HT_ASSERT(model_agrees(&m));
	model_fini(&m);
}

/*
 * Random sequences: clusters of 1..33 blocks allocated, blocks freed one
 * at a time in random order, checked against the model throughout.
 */
HT_TEST(random_against_model)
{
	static const u_int sizes[] = { 1, 63, 64, 65, 777, 5000 };
	struct model m;
	swblk_t blk;
	u_int s, step, n, b;
	int r;

	srandom(9);
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		model_init(&m, sizes[s]);
		for (step = 0; step < 20000; step++) {
			if (random() % 3 != 0) {
				n = 1 + random() % 33;
				r = model_alloc(&m, n, &blk);
				HT_ASSERT(r >= 0);
			} else {
				b = random() % m.nblocks;
				if (!m.used[b])
					continue;
				swap_slots_free(&m.ss, b, 1);
				m.used[b] = false;
				m.nfree++;
			}
			if (step % 997 == 0)
				HT_ASSERT(model_agrees(&m));
		}
		HT_ASSERT(model_agrees(&m));
		model_fini(&m);
	}
}
