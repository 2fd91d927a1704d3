/*
 * The swap disk's block allocator (swap_slots.h).
 *
 * One bit per block, set when the block is free, 64 blocks to a word; a
 * summary bitmap has one bit per word, set when that word has a free
 * block.  An allocation starts at a rotor (the word after the last
 * allocation), so successive page-out clusters land one after the other
 * and the common case looks at one or two words; whole words with no
 * free block are skipped 64 at a time through the summary.  A search only
 * becomes linear in the disk's size when the disk is fragmented or
 * nearly full, and then in its size / 4096.
 *
 * A run may cross one word boundary: it is looked for in the 128-bit
 * window of a word and the next, starting in the first.  Bits past the
 * last block are never set, so no run reaches past the disk's end.
 */
#include "sys/systm.h"
#include "sys/param.h"
#include "vm/swap_slots.h"

/* Bytes of memory swap_slots_init needs for a disk of nblocks blocks. */
size_t
swap_slots_memsize(u_int nblocks)
{
	u_int nwords = howmany(nblocks, 64);

	return ((nwords + howmany(nwords, 64)) * sizeof(uint64_t));
}

/*
 * Set ss up over mem (swap_slots_memsize(nblocks) bytes, 8-byte
 * aligned, owned by ss from now on) with every block free.
 */
void
swap_slots_init(struct swap_slots *ss, u_int nblocks, void *mem)
{
	u_int w;

	ss->ss_nblocks = nblocks;
	ss->ss_nwords = howmany(nblocks, 64);
	ss->ss_map = mem;
	ss->ss_summary = ss->ss_map + ss->ss_nwords;
	ss->ss_nfree = nblocks;
	ss->ss_rotor = 0;
	memset(mem, 0, swap_slots_memsize(nblocks));
	for (w = 0; w < ss->ss_nwords; w++) {
		if (w == ss->ss_nwords - 1 && nblocks % 64 != 0)
			ss->ss_map[w] = (1UL << (nblocks % 64)) - 1;
		else
			ss->ss_map[w] = ~0UL;
		ss->ss_summary[w / 64] |= 1UL << (w % 64);
	}
}

/* Recompute word w's summary bit after its map word changed. */
static void
swap_slots_summarise(struct swap_slots *ss, u_int w)
{
	if (ss->ss_map[w] != 0)
		ss->ss_summary[w / 64] |= 1UL << (w % 64);
	else
		ss->ss_summary[w / 64] &= ~(1UL << (w % 64));
}

/*
 * The first word at or after w (no wrap) whose summary bit is set, or
 * ss_nwords if none.
 */
static u_int
swap_slots_next_word(const struct swap_slots *ss, u_int w)
{
	uint64_t s;
	u_int sw;

	if (w >= ss->ss_nwords)
		return (ss->ss_nwords);
	sw = w / 64;
	s = ss->ss_summary[sw] & (~0UL << (w % 64));
	for (;;) {
		if (s != 0)
			return (sw * 64 + __builtin_ctzl(s));
		if (++sw >= howmany(ss->ss_nwords, 64))
			return (ss->ss_nwords);
		s = ss->ss_summary[sw];
	}
}

/*
 * The first bit b < 64 of word w at which n free blocks start, or -1.
 * The run may continue into word w + 1.
 */
static int
swap_slots_find_in(const struct swap_slots *ss, u_int w, u_int n)
{
	unsigned __int128 window, run;
	uint64_t starts;
	u_int i;

	window = ss->ss_map[w];
	if (w + 1 < ss->ss_nwords)
		window |= (unsigned __int128)ss->ss_map[w + 1] << 64;
	/* run: bit b set iff bits b .. b + n - 1 of window are all set */
	run = window;
	for (i = 1; i < n && run != 0; i++)
		run &= window >> i;
	starts = (uint64_t)run;
	if (starts == 0)
		return (-1);
	return (__builtin_ctzl(starts));
}

/* Mark blocks [blk, blk + n) allocated (set == false) or free (true). */
static void
swap_slots_mark(struct swap_slots *ss, swblk_t blk, u_int n, bool set)
{
	u_int w, b, k;
	uint64_t mask;

	while (n > 0) {
		w = blk / 64;
		b = blk % 64;
		k = MIN(n, 64 - b);
		mask = (k == 64 ? ~0UL : ((1UL << k) - 1)) << b;
		if (set) {
			KASSERT((ss->ss_map[w] & mask) == 0,
			    ("swap_slots_free: block in %u + %u already free",
			    blk, k));
			ss->ss_map[w] |= mask;
		} else {
			KASSERT((ss->ss_map[w] & mask) == mask,
			    ("swap_slots_alloc: block in %u + %u in use",
			    blk, k));
			ss->ss_map[w] &= ~mask;
		}
		swap_slots_summarise(ss, w);
		blk += k;
		n -= k;
	}
}

/*
 * Allocate n (1..SWAP_SLOTS_MAXRUN) contiguous blocks; returns the first,
 * or SWAP_SLOT_NONE if no run of n free blocks exists.
 */
swblk_t
swap_slots_alloc(struct swap_slots *ss, u_int n)
{
	u_int w, start, pass;
	int b;
	swblk_t blk;

	KASSERT(n >= 1 && n <= SWAP_SLOTS_MAXRUN,
	    ("swap_slots_alloc: run of %u blocks", n));
	if (ss->ss_nfree < n)
		return (SWAP_SLOT_NONE);
	start = ss->ss_rotor < ss->ss_nwords ? ss->ss_rotor : 0;
	for (pass = 0; pass < 2; pass++) {
		/* First [start, end of disk), then [0, start]. */
		w = pass == 0 ? start : 0;
		for (;;) {
			w = swap_slots_next_word(ss, w);
			if (w >= ss->ss_nwords || (pass == 1 && w > start))
				break;
			b = swap_slots_find_in(ss, w, n);
			if (b >= 0) {
				blk = w * 64 + b;
				swap_slots_mark(ss, blk, n, false);
				ss->ss_nfree -= n;
				ss->ss_rotor = (blk + n) / 64;
				return (blk);
			}
			w++;
		}
	}
	return (SWAP_SLOT_NONE);
}

/* Free the n blocks from blk, each of which is allocated. */
void
swap_slots_free(struct swap_slots *ss, swblk_t blk, u_int n)
{
	KASSERT(blk < ss->ss_nblocks && n <= ss->ss_nblocks - blk,
	    ("swap_slots_free: %u + %u past %u blocks", blk, n,
	    ss->ss_nblocks));
	swap_slots_mark(ss, blk, n, true);
	ss->ss_nfree += n;
}

/* True if blk is free. */
bool
swap_slots_isfree(const struct swap_slots *ss, swblk_t blk)
{
	KASSERT(blk < ss->ss_nblocks, ("swap_slots_isfree: block %u", blk));
	return ((ss->ss_map[blk / 64] & (1UL << (blk % 64))) != 0);
}
