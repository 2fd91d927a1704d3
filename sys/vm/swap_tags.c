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
#include "vm/swap_tags.h"

#define GRANULES	(MD_TAG_PAGE_BYTES * 2)
#define FORM_TWO	0x10
#define FORM_RUNS	0x20
#define TWO_LEN		(2 + GRANULES / 8)

/* The tag of granule g in the packed form. */
static u_int
tag_of(const uint8_t tags[MD_TAG_PAGE_BYTES], u_int g)
{
	return ((tags[g / 2] >> (4 * (g % 2))) & 0xf);
}

/* Set granule g's tag in the packed form. */
static void
tag_set(uint8_t tags[MD_TAG_PAGE_BYTES], u_int g, u_int tag)
{
	u_int shift = 4 * (g % 2);

	tags[g / 2] = (tags[g / 2] & ~(0xf << shift)) | (tag << shift);
}

/*
 * Compress tags (packed form) into rec; returns the record's length,
 * 1..SWAP_TAGS_MAXREC.
 */
u_int
swap_tags_compress(const uint8_t tags[MD_TAG_PAGE_BYTES],
    uint8_t rec[SWAP_TAGS_MAXREC])
{
	u_int g, t, a, b, ntags, runs, len, runlen;
	uint16_t seen;

	seen = 0;
	runs = 0;
	a = tag_of(tags, 0);
	b = a;
	for (g = 0; g < GRANULES; g++) {
		t = tag_of(tags, g);
		if ((seen & (1 << t)) == 0 && t != a)
			b = t;
		seen |= 1 << t;
		if (g == 0 || t != tag_of(tags, g - 1))
			runs++;
	}
	ntags = __builtin_popcount(seen);
	if (ntags == 1) {
		rec[0] = a;
		return (1);
	}
	if (1 + 2 * runs < (ntags == 2 ? TWO_LEN : SWAP_TAGS_MAXREC)) {
		rec[0] = FORM_RUNS;
		len = 1;
		for (g = 0; g < GRANULES; g += runlen) {
			t = tag_of(tags, g);
			for (runlen = 1; g + runlen < GRANULES &&
			    tag_of(tags, g + runlen) == t; runlen++)
				;
			rec[len++] = t;
			rec[len++] = runlen - 1;
		}
		return (len);
	}
	if (ntags == 2) {
		rec[0] = FORM_TWO | a;
		rec[1] = b;
		memset(&rec[2], 0, GRANULES / 8);
		for (g = 0; g < GRANULES; g++)
			if (tag_of(tags, g) == b)
				rec[2 + g / 8] |= 1 << (g % 8);
		return (TWO_LEN);
	}
	memcpy(rec, tags, MD_TAG_PAGE_BYTES);
	return (SWAP_TAGS_MAXREC);
}

/*
 * Expand the record rec of len bytes into tags (packed form).  Returns 0,
 * or EINVAL if rec is not a record swap_tags_compress could have made.
 */
int
swap_tags_decompress(const uint8_t *rec, u_int len,
    uint8_t tags[MD_TAG_PAGE_BYTES])
{
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
		for (g = 0; g < GRANULES; g++)
			tag_set(tags, g, (rec[2 + g / 8] & (1 << (g % 8))) ?
			    rec[1] : rec[0] & 0xf);
		return (0);
	}
	if (len % 2 == 1 && len >= 3 && len < SWAP_TAGS_MAXREC &&
	    rec[0] == FORM_RUNS) {
		g = 0;
		for (i = 1; i < len; i += 2) {
			t = rec[i];
			n = rec[i + 1] + 1;
			if (t > 0xf || g + n > GRANULES)
				return (EINVAL);
			while (n-- > 0)
				tag_set(tags, g++, t);
		}
		return (g == GRANULES ? 0 : EINVAL);
	}
	return (EINVAL);
}
