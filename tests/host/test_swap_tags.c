/*
 * Host tests of tag-record compression (sys/vm/swap_tags.c): the round
 * trip of every pattern class (uniform, two tags, runs, alternating,
 * random, worst case), the length of each form, and that damaged
 * records are refused rather than overrun.
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

/* Compress and expand tags; the record's length, or -1 if not equal. */
static int
round_trip(const uint8_t tags[MD_TAG_PAGE_BYTES])
{
	uint8_t rec[SWAP_TAGS_MAXREC], out[MD_TAG_PAGE_BYTES];
	u_int len;

	memset(rec, 0xee, sizeof(rec));
	len = swap_tags_compress(tags, rec);
	if (len < 1 || len > SWAP_TAGS_MAXREC)
		return (-1);
	memset(out, 0x5a, sizeof(out));
	if (swap_tags_decompress(rec, len, out) != 0)
		return (-1);
	if (memcmp(tags, out, MD_TAG_PAGE_BYTES) != 0)
		return (-1);
	return ((int)len);
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

HT_TEST(two_tags)
{
	uint8_t tags[MD_TAG_PAGE_BYTES];
	u_int g;

	/* alternating granules: 256 runs, the bitmap form */
	for (g = 0; g < GRANULES; g++)
		set(tags, g, g % 2 ? 9 : 4);
	HT_ASSERT_EQ(round_trip(tags), 34);
	/* two halves: two runs are shorter than the bitmap */
	for (g = 0; g < GRANULES; g++)
		set(tags, g, g < 128 ? 3 : 0);
	HT_ASSERT_EQ(round_trip(tags), 5);
	/* sixteen runs still beat the bitmap, seventeen do not */
	for (g = 0; g < GRANULES; g++)
		set(tags, g, (g / 16) % 2 ? 1 : 2);
	HT_ASSERT_EQ(round_trip(tags), 33);
	set(tags, 255, 2);
	HT_ASSERT_EQ(round_trip(tags), 34);
	/* random choice between two tags */
	srandom(2);
	for (g = 0; g < GRANULES; g++)
		set(tags, g, random() % 2 ? 15 : 7);
	HT_ASSERT_EQ(round_trip(tags), 34);
}

HT_TEST(runs)
{
	uint8_t tags[MD_TAG_PAGE_BYTES];
	u_int g;

	/* an allocator's 16 objects of 256 bytes, tags 0..15 */
	for (g = 0; g < GRANULES; g++)
		set(tags, g, g / 16);
	HT_ASSERT_EQ(round_trip(tags), 33);
	/* one granule different: three runs */
	memset(tags, 0x55, sizeof(tags));
	set(tags, 100, 6);
	HT_ASSERT_EQ(round_trip(tags), 7);
	/* a last granule different: two runs, one of length 1 */
	memset(tags, 0x55, sizeof(tags));
	set(tags, 255, 0);
	HT_ASSERT_EQ(round_trip(tags), 5);
	/* 63 runs of four tags: 127 bytes, still shorter than raw */
	for (g = 0; g < GRANULES; g++)
		set(tags, g, MIN(g / 4, 62) % 4);
	HT_ASSERT_EQ(round_trip(tags), 127);
}

HT_TEST(distinct_alternating_random_worst_case)
{
	uint8_t tags[MD_TAG_PAGE_BYTES];
	u_int g, i;

	/* a distinct tag per granule (mod 16): every granule a run */
	for (g = 0; g < GRANULES; g++)
		set(tags, g, g % 16);
	HT_ASSERT_EQ(round_trip(tags), 128);
	/* three tags alternating: 256 runs, no two-tag form */
	for (g = 0; g < GRANULES; g++)
		set(tags, g, g % 3);
	HT_ASSERT_EQ(round_trip(tags), 128);
	srandom(3);
	for (i = 0; i < 200; i++) {
		for (g = 0; g < MD_TAG_PAGE_BYTES; g++)
			tags[g] = random();
		HT_ASSERT_EQ(round_trip(tags), 128);
	}
}

/*
 * The length the shortest form takes, worked out granule by granule:
 * what the word-at-a-time compressor must choose.
 */
static int
expected_len(const uint8_t tags[MD_TAG_PAGE_BYTES])
{
	u_int g, runs = 1, seen = 0, t, prev = tags[0] & 0xf;

	for (g = 0; g < GRANULES; g++) {
		t = (tags[g / 2] >> (4 * (g % 2))) & 0xf;
		seen |= 1 << t;
		if (t != prev)
			runs++;
		prev = t;
	}
	if (runs == 1)
		return (1);
	if (runs <= 16)
		return (1 + 2 * runs);
	if (__builtin_popcount(seen) == 2)
		return (34);
	return (runs <= 63 ? 1 + 2 * runs : 128);
}

/* Random pages of every shape: 1..256 runs of 1..16 tags. */
HT_TEST(random_shapes)
{
	uint8_t tags[MD_TAG_PAGE_BYTES];
	u_int i, g, ntags, nruns, t;
	int len;

	srandom(4);
	for (i = 0; i < 20000; i++) {
		ntags = 1 + random() % 16;
		nruns = 1 + random() % 64;
		t = random() % ntags;
		for (g = 0; g < GRANULES; g++) {
			if (random() % GRANULES < nruns)
				t = random() % ntags;
			set(tags, g, t);
		}
		len = round_trip(tags);
		HT_ASSERT_EQ(len, expected_len(tags));
		HT_ASSERT((len == 1) == (memcmp(tags, tags + 1,
		    MD_TAG_PAGE_BYTES - 1) == 0 &&
		    (tags[0] >> 4) == (tags[0] & 0xf)));
	}
}

HT_TEST(damaged_records_refused)
{
	uint8_t rec[SWAP_TAGS_MAXREC], out[MD_TAG_PAGE_BYTES];
	u_int i, len;

	rec[0] = 0x10;
	HT_ASSERT(swap_tags_decompress(rec, 1, out) != 0);	/* tag > 15 */
	HT_ASSERT(swap_tags_decompress(rec, 0, out) != 0);
	HT_ASSERT(swap_tags_decompress(rec, 2, out) != 0);
	rec[0] = 0x20;
	rec[1] = 3;
	rec[2] = 254;					/* 255 granules */
	HT_ASSERT(swap_tags_decompress(rec, 3, out) != 0);
	rec[3] = 3;
	rec[4] = 5;					/* 261 granules */
	HT_ASSERT(swap_tags_decompress(rec, 5, out) != 0);
	rec[4] = 0;					/* exactly 256 */
	HT_ASSERT_EQ(swap_tags_decompress(rec, 5, out), 0);
	/* random garbage of every length: refused or expanded, no overrun */
	srandom(5);
	for (i = 0; i < 20000; i++) {
		len = random() % (SWAP_TAGS_MAXREC + 1);
		for (u_int j = 0; j < len; j++)
			rec[j] = random() % 4 == 0 ? random() : random() % 16;
		if (len > 0 && random() % 2)
			rec[0] = len == 34 ? 0x10 | (rec[0] & 0xf) : 0x20;
		(void)swap_tags_decompress(rec, len, out);
	}
	HT_ASSERT(true);
}
