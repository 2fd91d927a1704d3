/*
 * Host tests of tag records (sys/vm/swap_tags.c): the round trip of every
 * pattern class (uniform in each tag; one granule off anywhere; words
 * each uniform but unlike; equal words whose nibbles differ; two tags,
 * runs, distinct, random), the raw record path (the record is its own
 * words, nothing copied), records at every alignment in a tag block with
 * their neighbours untouched, and damaged records refused.
 */
#include <stdlib.h>
#include <string.h>

#include "hosttest.h"
#include "sys/types.h"
#include "sys/param.h"
#include "vm/swap_tags.h"

#define GRANULES	256

static void
set(uint8_t tags[MD_TAG_PAGE_BYTES], u_int g, u_int t)
{
	u_int shift = 4 * (g % 2);

	tags[g / 2] = (tags[g / 2] & ~(0xf << shift)) | (t << shift);
}

/* True if every granule of tags has one tag. */
static bool
is_uniform(const uint8_t tags[MD_TAG_PAGE_BYTES])
{
	return (memcmp(tags, tags + 1, MD_TAG_PAGE_BYTES - 1) == 0 &&
	    (tags[0] >> 4) == (tags[0] & 0xf));
}

/*
 * Save tags at byte off of a tag block whose other bytes are a known
 * filler, compress them there, expand the record where it lies; the
 * record's length, or -1 if the words differ from tags, the length is
 * not what the form says, or a byte outside [off, off + 128) changed.
 */
static int
round_trip_at(const uint8_t tags[MD_TAG_PAGE_BYTES], u_int off)
{
	static uint8_t block[PAGE_SIZE];
	const uint8_t *words;
	u_int len, i;

	memset(block, 0xee, sizeof(block));
	memcpy(block + off, tags, MD_TAG_PAGE_BYTES);
	len = swap_tags_compress(block + off);
	if (len != (is_uniform(tags) ? 1 : SWAP_TAGS_MAXREC))
		return (-1);
	if (len == 1 && block[off] != (tags[0] & 0xf))
		return (-1);
	for (i = 0; i < PAGE_SIZE; i++)
		if ((i < off || i >= off + MD_TAG_PAGE_BYTES) &&
		    block[i] != 0xee)
			return (-1);
	words = swap_tags_words(block + off, len);
	if (words == NULL || memcmp(words, tags, MD_TAG_PAGE_BYTES) != 0)
		return (-1);
	/* A raw record is its own words: nothing was copied. */
	if (len == SWAP_TAGS_MAXREC && words != block + off)
		return (-1);
	return ((int)len);
}

/* round_trip_at at offset 0 and at a few odd ones. */
static int
round_trip(const uint8_t tags[MD_TAG_PAGE_BYTES])
{
	static const u_int offs[] = { 0, 1, 3, 7, 129, 2049, 3967 };
	int len = -1;
	u_int i;

	for (i = 0; i < nitems(offs); i++) {
		len = round_trip_at(tags, offs[i]);
		if (len < 0)
			return (-1);
	}
	return (len);
}

HT_TEST(uniform_is_one_byte)
{
	uint8_t tags[MD_TAG_PAGE_BYTES];
	u_int t;

	for (t = 0; t < 16; t++) {
		memset(tags, t * 0x11, sizeof(tags));
		HT_ASSERT_EQ(round_trip(tags), 1);
	}
}

/*
 * One granule unlike the rest, at each place: the test must not stop
 * short of any word or nibble.
 */
HT_TEST(one_granule_off_is_raw)
{
	uint8_t tags[MD_TAG_PAGE_BYTES];
	u_int g;

	for (g = 0; g < GRANULES; g++) {
		memset(tags, 0x77, sizeof(tags));
		set(tags, g, 8);
		HT_ASSERT_EQ(round_trip(tags), 128);
		memset(tags, 0x00, sizeof(tags));
		set(tags, g, 15);
		HT_ASSERT_EQ(round_trip(tags), 128);
	}
}

HT_TEST(uniform_words_unlike_and_equal_words_not_uniform)
{
	uint8_t tags[MD_TAG_PAGE_BYTES];
	u_int g;

	/* each word one tag, the words' tags unlike: not uniform */
	for (g = 0; g < GRANULES; g++)
		set(tags, g, g / 16);
	HT_ASSERT_EQ(round_trip(tags), 128);
	/* the last word alone unlike */
	memset(tags, 0x33, sizeof(tags));
	memset(tags + 120, 0x44, 8);
	HT_ASSERT_EQ(round_trip(tags), 128);
	/* every word equal, its nibbles not: 0x12 repeated, 0x21 */
	memset(tags, 0x12, sizeof(tags));
	HT_ASSERT_EQ(round_trip(tags), 128);
	memset(tags, 0x21, sizeof(tags));
	HT_ASSERT_EQ(round_trip(tags), 128);
	/* equal words, one nibble of each word unlike (its top one) */
	memset(tags, 0x55, sizeof(tags));
	for (g = 15; g < GRANULES; g += 16)
		set(tags, g, 6);
	HT_ASSERT_EQ(round_trip(tags), 128);
}

HT_TEST(two_tags_runs_distinct_are_raw)
{
	uint8_t tags[MD_TAG_PAGE_BYTES];
	u_int g;

	for (g = 0; g < GRANULES; g++)
		set(tags, g, g % 2 ? 9 : 4);
	HT_ASSERT_EQ(round_trip(tags), 128);
	for (g = 0; g < GRANULES; g++)
		set(tags, g, g < 128 ? 3 : 0);
	HT_ASSERT_EQ(round_trip(tags), 128);
	for (g = 0; g < GRANULES; g++)
		set(tags, g, g % 16);
	HT_ASSERT_EQ(round_trip(tags), 128);
	/* the benchmark's pattern: granule i has tag i % 15 + 1 */
	for (g = 0; g < GRANULES; g++)
		set(tags, g, g % 15 + 1);
	HT_ASSERT_EQ(round_trip(tags), 128);
}

/*
 * Random pages of every shape, at random offsets: 1..256 runs of 1..16
 * tags, and some uniform.
 */
HT_TEST(random_shapes)
{
	uint8_t tags[MD_TAG_PAGE_BYTES];
	u_int i, g, ntags, nruns, t, off;
	int len;

	srandom(4);
	for (i = 0; i < 20000; i++) {
		ntags = 1 + random() % 16;
		nruns = random() % 8 == 0 ? 0 : 1 + random() % 64;
		t = random() % ntags;
		for (g = 0; g < GRANULES; g++) {
			if (random() % GRANULES < nruns)
				t = random() % ntags;
			set(tags, g, t);
		}
		off = random() % (PAGE_SIZE - MD_TAG_PAGE_BYTES + 1);
		len = round_trip_at(tags, off);
		HT_ASSERT_EQ(len, is_uniform(tags) ? 1 : 128);
	}
}

/*
 * A tag block as the swap pager fills it: records end to end, each
 * saved raw at the end of the last and shortened in place, so most lie
 * at odd offsets and a raw record overwrites the raw words left past a
 * uniform one; every record expands to its page's tags afterwards.
 */
HT_TEST(records_end_to_end_in_a_block)
{
	static uint8_t block[PAGE_SIZE];
	uint8_t tags[32][MD_TAG_PAGE_BYTES];
	u_int off[32], len[32], i, g, used = 0;
	const uint8_t *words;

	srandom(6);
	for (i = 0; i < 32; i++) {
		if (random() % 2)
			memset(tags[i], (random() % 16) * 0x11,
			    MD_TAG_PAGE_BYTES);
		else
			for (g = 0; g < GRANULES; g++)
				set(tags[i], g, random() % 16);
		HT_ASSERT(used + MD_TAG_PAGE_BYTES <= PAGE_SIZE);
		memcpy(block + used, tags[i], MD_TAG_PAGE_BYTES);
		off[i] = used;
		len[i] = swap_tags_compress(block + used);
		used += len[i];
	}
	for (i = 0; i < 32; i++) {
		words = swap_tags_words(block + off[i], len[i]);
		HT_ASSERT(words != NULL);
		HT_ASSERT(memcmp(words, tags[i], MD_TAG_PAGE_BYTES) == 0);
	}
}

HT_TEST(damaged_records_refused)
{
	uint8_t rec[SWAP_TAGS_MAXREC];
	u_int len, t;

	for (t = 0; t < 256; t++) {
		rec[0] = t;
		HT_ASSERT((swap_tags_words(rec, 1) != NULL) == (t <= 0xf));
	}
	memset(rec, 0, sizeof(rec));
	for (len = 0; len <= SWAP_TAGS_MAXREC + 1; len++)
		if (len != 1 && len != SWAP_TAGS_MAXREC)
			HT_ASSERT(swap_tags_words(rec, len) == NULL);
	HT_ASSERT(swap_tags_words(rec, SWAP_TAGS_MAXREC) == rec);
}
