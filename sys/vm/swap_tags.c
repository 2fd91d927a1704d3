/*
 * Tag records: a page's 256 granule tags, compressed for the swap disk.
 *
 * The form of a record follows from its length alone, and the first
 * byte of the multi-byte forms repeats it, so a damaged record is caught:
 *
 *   1 byte	every granule has one tag: the tag, in the low nibble.  The
 *		common case (untagged memory given tag 0, or one allocation
 *		spanning the page) costs one byte.
 *   34 bytes	exactly two tags, a and b: 0x10 | a, then b, then a 256-bit
 *		map (32 bytes, granule g at bit g % 8 of byte g / 8) whose
 *		set bits are the granules tagged b.  Alternating tags, and
 *		two interleaved allocations, fit here.
 *   3..127	runs of equal tags, r runs (length 1 + 2r, odd): 0x20, then
 *   (odd)	per run its tag and its length - 1 (1..256 granules).  An
 *		allocator's tags (one per object, objects a few granules
 *		long or more) fit here.
 *   128 bytes	anything else: the packed form itself, unchanged.
 *
 * The compressor picks the shortest form that applies, so a record is
 * never longer than the packed form.
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/param.h"
#include "vm/swap_tags.h"

#define GRANULES	(MD_TAG_PAGE_BYTES * 2)
#define TAG_WORDS		(MD_TAG_PAGE_BYTES / 8)	/* 16 granules a word */
#define FORM_TWO	0x10
#define FORM_RUNS	0x20
#define TWO_LEN		(2 + GRANULES / 8)
#define NIBBLE_ONES	0x1111111111111111UL

/*
 * The packed form is read 64 bits at a time: on a little-endian machine
 * granule 16i + k is then bits 4k..4k+3 of word i.
 */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
    "tag words are little-endian");

/* Bit 4k set iff nibble k of v is not zero. */
static inline uint64_t
nibbles_nonzero(uint64_t v)
{
	return ((v | v >> 1 | v >> 2 | v >> 3) & NIBBLE_ONES);
}

/* The 8 low bits of b spread to bits 0, 4, ..., 28 (one per nibble). */
static inline uint32_t
spread8(uint32_t b)
{
	b = (b | b << 12) & 0x000f000f;
	b = (b | b << 6) & 0x03030303;
	return ((b | b << 3) & 0x11111111);
}

/* The inverse of spread8: bits 0, 4, ..., 28 of x gathered in 8 bits. */
static inline uint32_t
gather8(uint32_t x)
{
	x &= 0x11111111;
	x = (x | x >> 3) & 0x03030303;
	x = (x | x >> 6) & 0x000f000f;
	return ((x | x >> 12) & 0xff);
}

/* The tag of granule g of the words. */
static inline u_int
tag_at(const uint64_t *w, u_int g)
{
	return ((w[g / 16] >> (4 * (g % 16))) & 0xf);
}

/*
 * Compress tags (packed form) into rec; returns the record's length,
 * 1..SWAP_TAGS_MAXREC.  A word at a time: a run boundary is a nibble that
 * differs from the next, found by XOR with the words shifted one granule.
 */
u_int
swap_tags_compress(const uint8_t tags[MD_TAG_PAGE_BYTES],
    uint8_t rec[SWAP_TAGS_MAXREC])
{
	uint64_t w[TAG_WORDS], bound[TAG_WORDS], next, ta, tb, bits;
	u_int i, a, b, g, start, runs, len;

	memcpy(w, tags, sizeof(w));
	/* bound[i] bit 4k: granule 16i + k ends a run (not the last) */
	runs = 1;
	for (i = 0; i < TAG_WORDS; i++) {
		next = i + 1 < TAG_WORDS ? w[i + 1] << 60 :
		    w[i] & (0xfUL << 60);
		bound[i] = nibbles_nonzero(w[i] ^ (w[i] >> 4 | next));
		runs += __builtin_popcountl(bound[i]);
	}
	a = w[0] & 0xf;
	if (runs == 1) {
		rec[0] = a;
		return (1);
	}
	if (runs > 16) {
		/* Two tags only?  b is the tag after the first boundary. */
		for (i = 0; bound[i] == 0; i++)
			;
		g = 16 * i + __builtin_ctzl(bound[i]) / 4 + 1;
		b = tag_at(w, g);
		ta = a * NIBBLE_ONES;
		tb = b * NIBBLE_ONES;
		for (i = 0; i < TAG_WORDS; i++)
			if ((nibbles_nonzero(w[i] ^ ta) &
			    nibbles_nonzero(w[i] ^ tb)) != 0)
				break;
		if (i == TAG_WORDS) {
			rec[0] = FORM_TWO | a;
			rec[1] = b;
			for (i = 0; i < TAG_WORDS; i++) {
				bits = nibbles_nonzero(w[i] ^ ta);
				rec[2 + 2 * i] = gather8((uint32_t)bits);
				rec[3 + 2 * i] =
				    gather8((uint32_t)(bits >> 32));
			}
			return (TWO_LEN);
		}
		if (1 + 2 * runs >= SWAP_TAGS_MAXREC) {
			memcpy(rec, tags, MD_TAG_PAGE_BYTES);
			return (SWAP_TAGS_MAXREC);
		}
	}
	rec[0] = FORM_RUNS;
	len = 1;
	start = 0;
	for (i = 0; i < TAG_WORDS; i++) {
		for (bits = bound[i]; bits != 0; bits &= bits - 1) {
			g = 16 * i + __builtin_ctzl(bits) / 4 + 1;
			rec[len++] = tag_at(w, start);
			rec[len++] = g - start - 1;
			start = g;
		}
	}
	rec[len++] = tag_at(w, start);
	rec[len++] = GRANULES - start - 1;
	return (len);
}

/* Give granules [g, g + n) of the words tag t. */
static void
fill_run(uint64_t *w, u_int g, u_int n, u_int t)
{
	uint64_t mask;
	u_int k, first, count;

	while (n > 0) {
		first = g % 16;
		count = MIN(n, 16 - first);
		mask = count == 16 ? ~0UL :
		    ((1UL << (4 * count)) - 1) << (4 * first);
		k = g / 16;
		w[k] = (w[k] & ~mask) | (t * NIBBLE_ONES & mask);
		g += count;
		n -= count;
	}
}

/*
 * Expand the record rec of len bytes into tags (packed form).  Returns 0,
 * or EINVAL if rec is not a record swap_tags_compress could have made.
 */
int
swap_tags_decompress(const uint8_t *rec, u_int len,
    uint8_t tags[MD_TAG_PAGE_BYTES])
{
	uint64_t w[TAG_WORDS], ta, tb, m;
	u_int g, i, t, n;

	if (len == 1) {
		if (rec[0] > 0xf)
			return (EINVAL);
		memset(tags, rec[0] * 0x11, MD_TAG_PAGE_BYTES);
		return (0);
	}
	if (len == SWAP_TAGS_MAXREC) {
		memcpy(tags, rec, MD_TAG_PAGE_BYTES);
		return (0);
	}
	if (len == TWO_LEN && (rec[0] & 0xf0) == FORM_TWO && rec[1] <= 0xf) {
		ta = (rec[0] & 0xf) * NIBBLE_ONES;
		tb = rec[1] * NIBBLE_ONES;
		for (i = 0; i < TAG_WORDS; i++) {
			m = ((uint64_t)spread8(rec[2 + 2 * i]) |
			    (uint64_t)spread8(rec[3 + 2 * i]) << 32) * 0xf;
			w[i] = (ta & ~m) | (tb & m);
		}
		memcpy(tags, w, sizeof(w));
		return (0);
	}
	if (len % 2 == 1 && len >= 3 && len < SWAP_TAGS_MAXREC &&
	    rec[0] == FORM_RUNS) {
		memset(w, 0, sizeof(w));
		g = 0;
		for (i = 1; i < len; i += 2) {
			t = rec[i];
			n = rec[i + 1] + 1;
			if (t > 0xf || g + n > GRANULES)
				return (EINVAL);
			fill_run(w, g, n, t);
			g += n;
		}
		if (g != GRANULES)
			return (EINVAL);
		memcpy(tags, w, sizeof(w));
		return (0);
	}
	return (EINVAL);
}
