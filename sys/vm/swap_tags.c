/*
 * Tag records: a page's 256 granule tags, as the swap disk keeps them.
 *
 * The page-out path saves a page's tags (vm_page_tag_save: on arm64 the
 * 16 LDGM words) straight into their place in the cluster's tag block,
 * and swap_tags_compress then shortens them there, in place.  The form of
 * a record follows from its length:
 *
 *   1 byte	every granule has one tag: the tag, in the low nibble.  The
 *		common case (untagged memory given tag 0, or one allocation
 *		spanning the page) costs one byte.
 *   128 bytes	anything else: the saved form itself, unchanged.
 *
 * No form between the two.  Forms for two tags or for runs of tags would
 * shorten an allocator's pages, but telling whether one applies means
 * finding every run boundary of the page, which costs several times what
 * saving and restoring the tags costs (LDGM and STGM, one a 256 bytes):
 * the uniform test fails at the first word for most other pages, so a
 * page whose record is raw pays a handful of instructions for the
 * choice.  What a shorter record would save is only sectors written: a
 * cluster's tag block takes a whole disk block whatever its records'
 * length (swap_pager.c).
 *
 * Page-in reads the tag block into a buffer and hands the record's words
 * to vm_page_tag_restore where they lie (swap_tags_words): a raw record
 * is its own words, a uniform one is expanded from a table of the 16
 * uniform pages' words, so no record is copied either way.
 */
#include "sys/systm.h"
#include "sys/param.h"
#include "vm/swap_tags.h"

#define TAG_WORDS	(MD_TAG_PAGE_BYTES / 8)	/* 16 granules a word */
#define NIBBLE_ONES	0x1111111111111111UL

/*
 * The saved form is read 64 bits at a time: on a little-endian machine
 * granule 16i + k is then bits 4k..4k+3 of word i.
 */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
    "tag words are little-endian");

/* A word of a record, which may lie at any byte of its tag block. */
typedef uint64_t swap_tags_word_t __attribute__((__aligned__(1),
    __may_alias__));

/* Word i of the saved form at p. */
static inline uint64_t
tag_word(const uint8_t *p, u_int i)
{
	return (((const swap_tags_word_t *)p)[i]);
}

/* The words of a page whose granules all have tag t, for each t. */
#define UNIFORM_WORD(t)	((t) * NIBBLE_ONES)
#define UNIFORM_PAGE(t)	{						\
	UNIFORM_WORD(t), UNIFORM_WORD(t), UNIFORM_WORD(t), UNIFORM_WORD(t), \
	UNIFORM_WORD(t), UNIFORM_WORD(t), UNIFORM_WORD(t), UNIFORM_WORD(t), \
	UNIFORM_WORD(t), UNIFORM_WORD(t), UNIFORM_WORD(t), UNIFORM_WORD(t), \
	UNIFORM_WORD(t), UNIFORM_WORD(t), UNIFORM_WORD(t), UNIFORM_WORD(t) }
const uint64_t swap_tags_uniform_pages[16][TAG_WORDS] = {
	UNIFORM_PAGE(0UL), UNIFORM_PAGE(1UL), UNIFORM_PAGE(2UL),
	UNIFORM_PAGE(3UL), UNIFORM_PAGE(4UL), UNIFORM_PAGE(5UL),
	UNIFORM_PAGE(6UL), UNIFORM_PAGE(7UL), UNIFORM_PAGE(8UL),
	UNIFORM_PAGE(9UL), UNIFORM_PAGE(10UL), UNIFORM_PAGE(11UL),
	UNIFORM_PAGE(12UL), UNIFORM_PAGE(13UL), UNIFORM_PAGE(14UL),
	UNIFORM_PAGE(15UL),
};

/*
 * rec holds a page's tags in the saved form (128 bytes, any alignment);
 * shorten them in place to their record and return its length, 1 or
 * SWAP_TAGS_MAXREC.  Uniform means word 0 equals itself rotated by one
 * granule (all its nibbles equal) and every other word equals word 0.
 * Most pages fail at word 0; past it the other 15 words are compared
 * without a branch each (their differences ORed together), which costs
 * a uniform page about half what a test per word did.
 */
u_int
swap_tags_compress(uint8_t rec[SWAP_TAGS_MAXREC])
{
	uint64_t diff, w0;
	u_int i;

	w0 = tag_word(rec, 0);
	if (w0 != (w0 >> 4 | w0 << 60))
		return (SWAP_TAGS_MAXREC);
	diff = 0;
	for (i = 1; i < TAG_WORDS; i++)
		diff |= tag_word(rec, i) ^ w0;
	if (diff != 0)
		return (SWAP_TAGS_MAXREC);
	rec[0] = w0 & 0xf;
	return (1);
}
