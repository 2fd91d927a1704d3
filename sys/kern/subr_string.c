/*
 * The C string and memory functions the kernel uses, with their C99
 * contracts.  The memory functions move 16 bytes per step once the
 * destination is 16-byte aligned (clang pairs the 8-byte accesses below into
 * LDP/STP) and zero whole cache blocks with the CPU's block-zeroing
 * instruction (cpu_zero_blocks(), DC ZVA on arm64), since they zero and
 * copy every page the VM hands out.  The string functions are byte loops:
 * they only see short names and paths.  The Makefile's -fno-builtin keeps
 * clang from turning the loops below back into calls to memset() and
 * memcpy(), which would recurse.
 */
#include "sys/systm.h"
#include "machine/cpufunc.h"

/*
 * Unaligned accesses of 2, 4 and 8 bytes: arm64 allows them on Normal
 * memory (SCTLR_EL1.A is clear), and the kernel never uses these functions
 * on Device memory.  may_alias: they read and write any object's bytes.
 */
typedef uint16_t __attribute__((__aligned__(1), __may_alias__)) ua16_t;
typedef uint32_t __attribute__((__aligned__(1), __may_alias__)) ua32_t;
typedef uint64_t __attribute__((__aligned__(1), __may_alias__)) ua64_t;

#define	LOAD16(p)	(*(const ua16_t *)(const void *)(p))
#define	LOAD32(p)	(*(const ua32_t *)(const void *)(p))
#define	LOAD64(p)	(*(const ua64_t *)(const void *)(p))
#define	STORE16(p, v)	(*(ua16_t *)(void *)(p) = (uint16_t)(v))
#define	STORE32(p, v)	(*(ua32_t *)(void *)(p) = (uint32_t)(v))
#define	STORE64(p, v)	(*(ua64_t *)(void *)(p) = (uint64_t)(v))

/* 16-byte steps from here: the head and tail are one step each. */
#define	SMALL_MAX	32

/* The next 16-byte boundary strictly above p. */
static inline uintptr_t
next16(const void *p)
{
	return (((uintptr_t)p + 16) & ~(uintptr_t)15);
}

/*
 * Fill the len < 16 bytes at p with the byte pattern w, as two stores
 * that may overlap instead of a byte loop.
 */
static inline void
fill_small(unsigned char *p, uint64_t w, size_t len)
{
	if (len >= 8) {
		STORE64(p, w);
		STORE64(p + len - 8, w);
	} else if (len >= 4) {
		STORE32(p, w);
		STORE32(p + len - 4, w);
	} else if (len >= 2) {
		STORE16(p, w);
		STORE16(p + len - 2, w);
	} else if (len == 1) {
		*p = (unsigned char)w;
	}
}

/*
 * Fill [p, end), at least 16 bytes, with the byte pattern w: an unaligned
 * 16 bytes at each end, and aligned 64-byte steps between them.
 */
static void
fill_words(unsigned char *p, unsigned char *end, uint64_t w)
{
	unsigned char *q = (unsigned char *)next16(p);

	STORE64(p, w);
	STORE64(p + 8, w);
	for (; end - q > 64; q += 64) {
		STORE64(q, w);
		STORE64(q + 8, w);
		STORE64(q + 16, w);
		STORE64(q + 24, w);
		STORE64(q + 32, w);
		STORE64(q + 40, w);
		STORE64(q + 48, w);
		STORE64(q + 56, w);
	}
	for (; end - q > 16; q += 16) {
		STORE64(q, w);
		STORE64(q + 8, w);
	}
	STORE64(end - 16, w);
	STORE64(end - 8, w);
}

/*
 * Fill len bytes at b with (unsigned char)c; returns b.  Zeroing of at
 * least two cache blocks zeroes the whole blocks inside the range with
 * cpu_zero_blocks(), one instruction per block, and only the partial
 * blocks at the ends with stores.
 */
void *
memset(void *b, int c, size_t len)
{
	unsigned char *p = b, *end = p + len, *first, *last;
	uint64_t w = (unsigned char)c * 0x0101010101010101ULL;
	size_t bs = cpu_zero_block_size;

	if (len < 16) {
		fill_small(p, w, len);
		return (b);
	}
	if (c == 0 && bs != 0 && len >= 2 * bs) {
		first = (unsigned char *)(((uintptr_t)p + bs - 1) & ~(bs - 1));
		last = (unsigned char *)((uintptr_t)end & ~(bs - 1));
		if (first - p >= 16)
			fill_words(p, first, 0);
		else
			fill_small(p, 0, first - p);
		cpu_zero_blocks(first, last - first);
		if (end - last >= 16)
			fill_words(last, end, 0);
		else
			fill_small(last, 0, end - last);
		return (b);
	}
	fill_words(p, end, w);
	return (b);
}

/* Zero len bytes at b. */
void
bzero(void *b, size_t len)
{
	memset(b, 0, len);
}

/*
 * Copy len <= SMALL_MAX bytes: every byte is loaded before any is stored,
 * so src and dst may overlap.
 */
static inline void
copy_small(unsigned char *d, const unsigned char *s, size_t len)
{
	uint64_t a, b, y, z;

	if (len > 16) {
		a = LOAD64(s);
		b = LOAD64(s + 8);
		y = LOAD64(s + len - 16);
		z = LOAD64(s + len - 8);
		STORE64(d, a);
		STORE64(d + 8, b);
		STORE64(d + len - 16, y);
		STORE64(d + len - 8, z);
	} else if (len >= 8) {
		a = LOAD64(s);
		z = LOAD64(s + len - 8);
		STORE64(d, a);
		STORE64(d + len - 8, z);
	} else if (len >= 4) {
		a = LOAD32(s);
		z = LOAD32(s + len - 4);
		STORE32(d, a);
		STORE32(d + len - 4, z);
	} else if (len >= 2) {
		a = LOAD16(s);
		z = LOAD16(s + len - 2);
		STORE16(d, a);
		STORE16(d + len - 2, z);
	} else if (len == 1) {
		*d = *s;
	}
}

/*
 * Copy the 16 bytes at s to d: both words are loaded before either is
 * stored, so d may overlap s.
 */
static inline void
copy16(unsigned char *d, const unsigned char *s)
{
	uint64_t a = LOAD64(s), b = LOAD64(s + 8);

	STORE64(d, a);
	STORE64(d + 8, b);
}

/*
 * Copy the 64 bytes at s to d: all eight words are loaded before any is
 * stored, so d may overlap s.
 */
static inline void
copy64(unsigned char *d, const unsigned char *s)
{
	uint64_t a = LOAD64(s), b = LOAD64(s + 8), c = LOAD64(s + 16);
	uint64_t e = LOAD64(s + 24), f = LOAD64(s + 32), g = LOAD64(s + 40);
	uint64_t h = LOAD64(s + 48), i = LOAD64(s + 56);

	STORE64(d, a);
	STORE64(d + 8, b);
	STORE64(d + 16, c);
	STORE64(d + 24, e);
	STORE64(d + 32, f);
	STORE64(d + 40, g);
	STORE64(d + 48, h);
	STORE64(d + 56, i);
}

/*
 * Copy len > SMALL_MAX bytes upwards through memory, 128, 64 then 16
 * bytes per step with the destination 16-byte aligned (128 bytes a step
 * halves the loop's own instructions on a page copy: copy on write).  The
 * unaligned first and last 16 bytes are loaded before anything is stored
 * and stored last, and each 64 or 16 bytes are loaded before they are
 * stored (the second half of a 128-byte step lies above the first half's
 * stores), so dst may overlap src from below.
 */
static void
copy_forward(unsigned char *d, const unsigned char *s, size_t len)
{
	uint64_t h0 = LOAD64(s), h1 = LOAD64(s + 8);
	uint64_t t0 = LOAD64(s + len - 16), t1 = LOAD64(s + len - 8);
	unsigned char *q = (unsigned char *)next16(d), *end = d + len;
	const unsigned char *r = s + (q - d);

	for (; end - q > 128; q += 128, r += 128) {
		copy64(q, r);
		copy64(q + 64, r + 64);
	}
	for (; end - q > 64; q += 64, r += 64)
		copy64(q, r);
	for (; end - q > 16; q += 16, r += 16)
		copy16(q, r);
	STORE64(d, h0);
	STORE64(d + 8, h1);
	STORE64(end - 16, t0);
	STORE64(end - 8, t1);
}

/*
 * copy_forward() downwards through memory, from the end, so dst may
 * overlap src from above.
 */
static void
copy_backward(unsigned char *d, const unsigned char *s, size_t len)
{
	uint64_t h0 = LOAD64(s), h1 = LOAD64(s + 8);
	uint64_t t0 = LOAD64(s + len - 16), t1 = LOAD64(s + len - 8);
	unsigned char *end = d + len;
	unsigned char *q = (unsigned char *)((uintptr_t)(end - 1) & ~(uintptr_t)15);
	const unsigned char *r = s + (q - d);

	for (; q - d > 64; q -= 64, r -= 64)
		copy64(q - 64, r - 64);
	for (; q - d > 16; q -= 16, r -= 16)
		copy16(q - 16, r - 16);
	STORE64(end - 16, t0);
	STORE64(end - 8, t1);
	STORE64(d, h0);
	STORE64(d + 8, h1);
}

/* Copy len bytes from src to dst, which must not overlap; returns dst. */
void *
memcpy(void *dst, const void *src, size_t len)
{
	if (len <= SMALL_MAX)
		copy_small(dst, src, len);
	else
		copy_forward(dst, src, len);
	return (dst);
}

/*
 * Copy len bytes from src to dst, which may overlap; returns dst.  Copies
 * backwards when dst is above src and within it, so no byte is overwritten
 * before it is read.
 */
void *
memmove(void *dst, const void *src, size_t len)
{
	if (len <= SMALL_MAX)
		copy_small(dst, src, len);
	else if ((uintptr_t)dst - (uintptr_t)src >= len)
		copy_forward(dst, src, len);
	else
		copy_backward(dst, src, len);
	return (dst);
}

/*
 * Compare len bytes as unsigned chars; returns <0, 0 or >0 as a sorts
 * before, equal to or after b.  Eight bytes per step: the first differing
 * byte is the lowest-addressed one, the most significant once the
 * little-endian words are byte-swapped.
 */
int
memcmp(const void *a, const void *b, size_t len)
{
	const unsigned char *p = a, *q = b;
	uint64_t x, y;

	for (; len >= 8; len -= 8, p += 8, q += 8) {
		x = LOAD64(p);
		y = LOAD64(q);
		if (x != y) {
			x = __builtin_bswap64(x);
			y = __builtin_bswap64(y);
			return (x < y ? -1 : 1);
		}
	}
	for (; len > 0; len--, p++, q++) {
		if (*p != *q)
			return (*p - *q);
	}
	return (0);
}

/* The number of characters before the terminating NUL of s. */
size_t
strlen(const char *s)
{
	const char *p = s;

	while (*p != '\0')
		p++;
	return (p - s);
}

/* Compare two strings as unsigned chars, like memcmp(). */
int
strcmp(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b) {
		a++;
		b++;
	}
	return ((unsigned char)*a - (unsigned char)*b);
}

/* strcmp() of at most the first len characters. */
int
strncmp(const char *a, const char *b, size_t len)
{
	for (; len > 0; len--, a++, b++) {
		if (*a != *b || *a == '\0')
			return ((unsigned char)*a - (unsigned char)*b);
	}
	return (0);
}

/*
 * The first occurrence of (char)c in s, or NULL; c == '\0' finds the
 * terminator, as C99 says.
 */
char *
strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return ((char *)s);
		if (*s == '\0')
			return (NULL);
	}
}

/*
 * Copy src into dst of size bytes, always NUL-terminating when size > 0;
 * returns strlen(src), so truncation shows as a result >= size.
 */
size_t
strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size > 0) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return (len);
}

/* The last occurrence of c in s (c may be NUL), or NULL. */
char *
strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (*s == '\0')
			return ((char *)last);
	}
}
