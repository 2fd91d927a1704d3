/*
 * Host tests of the kernel's memory functions (sys/kern/subr_string.c),
 * renamed tagos_* by libc_rename.h: every alignment of source and
 * destination and every length up to a few hundred bytes against a byte
 * loop, overlapping moves both ways, and zeroing with and without whole
 * cache blocks (the stand-in cpu_zero_blocks() in kstub.c checks each
 * block it is given is whole and aligned).  Buffers are malloc'ed to the
 * byte so AddressSanitizer catches any access outside them.
 */
#include <stdint.h>
#include <stdlib.h>

#include "hosttest.h"
#include "sys/systm.h"

/* kstub.c's block zeroing (machine/cpufunc.h clashes with <stdlib.h>). */
extern size_t cpu_zero_block_size;
extern size_t host_zero_blocks_bytes;

#define	MAXLEN		300	/* lengths tried at every alignment */
#define	PAGE		4096

/* The byte i of the test pattern: every offset has a different byte. */
static unsigned char
pattern(size_t i)
{
	return ((unsigned char)(i * 7 + 1 + (i >> 8)));
}

/* A malloc'ed buffer of n bytes (at least 1) holding the pattern. */
static unsigned char *
patterned(size_t n, size_t seed)
{
	unsigned char *p = malloc(n > 0 ? n : 1);
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = pattern(i + seed);
	return (p);
}

/* memset of every length at every offset in 32, for c = 0 and 0xa5. */
static int
check_memset_all(void)
{
	size_t off, n, i, total;
	unsigned char *buf;
	int c, k;

	for (k = 0; k < 2; k++) {
		c = k == 0 ? 0 : 0xa5;
		for (off = 0; off < 32; off++) {
			for (n = 0; n <= MAXLEN; n++) {
				total = off + n + 16;
				buf = patterned(total, 0);
				if (memset(buf + off, c, n) != buf + off)
					return (0);
				for (i = 0; i < total; i++) {
					if (buf[i] != (i >= off && i < off + n ?
					    (unsigned char)c : pattern(i)))
						return (0);
				}
				free(buf);
			}
		}
	}
	return (1);
}

HT_TEST(memset_every_length_and_offset)
{
	cpu_zero_block_size = 0;
	HT_ASSERT(check_memset_all());
}

/* With 64-byte blocks, zeroing 128 bytes or more uses them. */
HT_TEST(memset_zero_blocks_of_64)
{
	cpu_zero_block_size = 64;
	host_zero_blocks_bytes = 0;
	HT_ASSERT(check_memset_all());
	HT_ASSERT(host_zero_blocks_bytes > 0);
	cpu_zero_block_size = 0;
}

/*
 * With 512-byte blocks (QEMU's -cpu max): pages and ranges with partial
 * blocks at both ends are zeroed exactly, the whole blocks by the CPU.
 */
HT_TEST(memset_zero_blocks_of_512)
{
	unsigned char *buf = patterned(4 * PAGE, 0);
	unsigned char *page = (unsigned char *)(((uintptr_t)buf + PAGE - 1) &
	    ~(uintptr_t)(PAGE - 1));
	size_t off, len, i;

	cpu_zero_block_size = 512;
	host_zero_blocks_bytes = 0;
	memset(page, 0, PAGE);
	HT_ASSERT_EQ(host_zero_blocks_bytes, PAGE);
	for (i = 0; i < PAGE; i++)
		HT_ASSERT_EQ(page[i], 0);
	for (off = 0; off < 600; off += 37) {
		for (len = 1000; len < 2 * PAGE; len += 333) {
			for (i = 0; i < 4 * PAGE; i++)
				buf[i] = pattern(i);
			bzero(buf + off, len);
			for (i = 0; i < 4 * PAGE; i++)
				HT_ASSERT_EQ(buf[i], i >= off && i < off + len ?
				    0 : pattern(i));
		}
	}
	cpu_zero_block_size = 0;
	free(buf);
}

/* memcpy between exact-size buffers, every alignment pair mod 16. */
HT_TEST(memcpy_every_length_and_alignment)
{
	unsigned char *src, *dst;
	size_t so, dof, n, i;

	for (so = 0; so < 16; so++) {
		for (dof = 0; dof < 16; dof++) {
			for (n = 0; n <= MAXLEN; n++) {
				src = patterned(so + n, 1);
				dst = patterned(dof + n, 2);
				HT_ASSERT(memcpy(dst + dof, src + so, n) ==
				    dst + dof);
				for (i = 0; i < dof; i++)
					HT_ASSERT_EQ(dst[i], pattern(i + 2));
				for (i = 0; i < n; i++)
					HT_ASSERT_EQ(dst[dof + i],
					    pattern(so + i + 1));
				free(src);
				free(dst);
			}
		}
	}
}

/* A whole page, as pmap_copy_page() copies it. */
HT_TEST(memcpy_page)
{
	unsigned char *src = patterned(PAGE, 3), *dst = patterned(PAGE, 4);
	size_t i;

	memcpy(dst, src, PAGE);
	for (i = 0; i < PAGE; i++)
		HT_ASSERT_EQ(dst[i], pattern(i + 3));
	free(src);
	free(dst);
}

/*
 * memmove within one buffer, every distance up to 40 either way and
 * every length: the result is the source's old bytes.
 */
HT_TEST(memmove_every_overlap)
{
	size_t size = 2 * 40 + MAXLEN, from, to, n, i;
	unsigned char *buf = malloc(size);

	for (from = 0; from <= 2 * 40; from++) {
		for (to = 0; to <= 2 * 40; to++) {
			for (n = 0; n <= MAXLEN; n += (n < 80 ? 1 : 7)) {
				for (i = 0; i < size; i++)
					buf[i] = pattern(i);
				HT_ASSERT(memmove(buf + to, buf + from, n) ==
				    buf + to);
				for (i = 0; i < size; i++)
					HT_ASSERT_EQ(buf[i],
					    i >= to && i < to + n ?
					    pattern(from + i - to) :
					    pattern(i));
			}
		}
	}
	free(buf);
}

/* The sign of memcmp for a difference at every position and length. */
HT_TEST(memcmp_finds_first_difference)
{
	unsigned char *a, *b;
	size_t n, at, so;
	int r;

	for (so = 0; so < 8; so++) {
		for (n = 0; n <= 70; n++) {
			a = patterned(n + so, 0);
			b = patterned(n, so);
			HT_ASSERT_EQ(memcmp(a + so, b, n), 0);
			for (at = 0; at < n; at++) {
				b[at] = a[so + at] + 1;
				/* A later, opposite difference must not count. */
				if (at + 1 < n)
					b[at + 1] = a[so + at + 1] - 1;
				r = memcmp(a + so, b, n);
				HT_ASSERT(r < 0);
				r = memcmp(b, a + so, n);
				HT_ASSERT(r > 0);
				b[at] = a[so + at];
				if (at + 1 < n)
					b[at + 1] = a[so + at + 1];
			}
			free(a);
			free(b);
		}
	}
}

/* Bytes compare as unsigned: 0x80 sorts after 0x7f. */
HT_TEST(memcmp_is_unsigned)
{
	unsigned char a[9] = { 0 }, b[9] = { 0 };

	a[8] = 0x80;
	b[8] = 0x7f;
	HT_ASSERT(memcmp(a, b, 9) > 0);
	a[3] = 0x80;
	b[3] = 0x7f;
	HT_ASSERT(memcmp(a, b, 9) > 0);
	HT_ASSERT(memcmp(b, a, 9) < 0);
}
