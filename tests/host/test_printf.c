/*
 * Host tests for the kernel's formatter (sys/kern/subr_prf.c): every
 * format is run through both ksnprintf() and the host libc's snprintf(),
 * and the text and return values must agree.  The CHECK macro passes the
 * same literal format to both, so the compiler's format checking covers the
 * test table as well.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sys/systm.h"
#include "hosttest.h"

/*
 * Compare one formatting by the kernel and by libc, at a full-size buffer
 * and at every smaller size down to 0 (heap buffers of the exact size, so
 * ASan sees any write past the end).  Returns 1 if they agree.
 */
static int
check_same(int line, const char *fmt, const char *kbuf, int kret,
    const char *hbuf, int hret)
{
	if (kret != hret || strcmp(kbuf, hbuf) != 0) {
		ht_fail(__FILE__, line, "format \"%s\": kernel \"%s\" (%d), "
		    "libc \"%s\" (%d)", fmt, kbuf, kret, hbuf, hret);
		return (0);
	}
	return (1);
}

#define CHECK(...) do {							\
	char ht_kb[256], ht_hb[256];					\
	int ht_kr, ht_hr;						\
	size_t ht_sz;							\
									\
	ht_checks++;							\
	ht_kr = ksnprintf(ht_kb, sizeof(ht_kb), __VA_ARGS__);		\
	ht_hr = snprintf(ht_hb, sizeof(ht_hb), __VA_ARGS__);		\
	if (!check_same(__LINE__, #__VA_ARGS__, ht_kb, ht_kr, ht_hb,	\
	    ht_hr))							\
		return;							\
	for (ht_sz = 0; ht_sz <= (size_t)ht_hr + 1; ht_sz++) {		\
		char *ht_k = malloc(ht_sz + 1), *ht_h = malloc(ht_sz + 1); \
		int ht_ok;						\
									\
		memset(ht_k, 'Z', ht_sz + 1);				\
		memset(ht_h, 'Z', ht_sz + 1);				\
		ht_kr = ksnprintf(ht_sz ? ht_k : NULL, ht_sz, __VA_ARGS__); \
		ht_hr = snprintf(ht_sz ? ht_h : NULL, ht_sz, __VA_ARGS__); \
		ht_ok = ht_kr == ht_hr &&				\
		    memcmp(ht_k, ht_h, ht_sz + 1) == 0;			\
		free(ht_k);						\
		free(ht_h);						\
		if (!ht_ok) {						\
			ht_fail(__FILE__, __LINE__, "%s at size %zu",	\
			    #__VA_ARGS__, ht_sz);			\
			return;						\
		}							\
	}								\
} while (0)

HT_TEST(plain_text)
{
	CHECK("%s", "");
	CHECK("hello, world");
	CHECK("100%% sure");
	CHECK("%%%d%%", 5);
}

HT_TEST(signed_decimal)
{
	CHECK("%d", 0);
	CHECK("%d", 1);
	CHECK("%d", -1);
	CHECK("%i", 42);
	CHECK("%d", INT_MAX);
	CHECK("%d", INT_MIN);
	CHECK("%ld", LONG_MAX);
	CHECK("%ld", LONG_MIN);
	CHECK("%lld", LLONG_MAX);
	CHECK("%lld", LLONG_MIN);
	CHECK("%lli", -1234567890123LL);
	CHECK("%jd", INTMAX_MIN);
	CHECK("%zd", (ssize_t)-5);
	CHECK("%td", (ptrdiff_t)-9999);
	CHECK("%td", PTRDIFF_MAX);
}

HT_TEST(unsigned_conversions)
{
	CHECK("%u", 0U);
	CHECK("%u", UINT_MAX);
	CHECK("%lu", ULONG_MAX);
	CHECK("%llu", ULLONG_MAX);
	CHECK("%zu", SIZE_MAX);
	CHECK("%ju", UINTMAX_MAX);
	CHECK("%x", 0U);
	CHECK("%x", 0xdeadbeefU);
	CHECK("%X", 0xdeadbeefU);
	CHECK("%lx", 0xfedcba9876543210UL);
	CHECK("%llX", ULLONG_MAX);
	CHECK("%zx", (size_t)0x8000);
	CHECK("%o", 0U);
	CHECK("%o", 8U);
	CHECK("%o", 0777U);
	CHECK("%llo", ULLONG_MAX);
	CHECK("%tx", (ptrdiff_t)-1);
}

HT_TEST(flags)
{
	CHECK("%+d", 5);
	CHECK("%+d", -5);
	CHECK("%+d", 0);
	CHECK("% d", 5);
	CHECK("% d", -5);
	CHECK("%-5d|", 42);
	CHECK("%-5d|", -42);
	CHECK("%05d", 42);
	CHECK("%05d", -42);
	CHECK("%+05d", 42);
	CHECK("% 05d", 42);
	CHECK("%#x", 0U);
	CHECK("%#x", 255U);
	CHECK("%#X", 255U);
	CHECK("%#010x", 255U);
	CHECK("%#-10x|", 255U);
	CHECK("%#o", 0U);
	CHECK("%#o", 8U);
	CHECK("%#5o", 8U);
	CHECK("%#05o", 8U);
	CHECK("%#llx", ULLONG_MAX);
	CHECK("%020lld", LLONG_MIN);
	CHECK("%-+8d|", 7);
}

HT_TEST(width_and_precision)
{
	CHECK("%5d", 42);
	CHECK("%1d", 12345);
	CHECK("%.5d", 42);
	CHECK("%.5d", -42);
	CHECK("%8.5d", -42);
	CHECK("%-8.5d|", -42);
	CHECK("%08.5d", 42);	/* precision disables the '0' flag */
	CHECK("%.0d", 0);
	CHECK("%5.0d|", 0);
	CHECK("%+.0d", 0);
	CHECK("%.d", 0);
	CHECK("%.0x", 0U);
	CHECK("%#.0x", 0U);
	CHECK("%.0o", 0U);
	CHECK("%#.0o", 0U);
	CHECK("%#.3o", 8U);
	CHECK("%#.2o", 8U);
	CHECK("%#.8x", 0xabcU);
	CHECK("%.20llu", ULLONG_MAX);
	CHECK("%30.25lld", LLONG_MIN);
	CHECK("%*d", 6, 42);
	CHECK("%-*d|", 6, 42);
	CHECK("%*d|", -6, 42);		/* negative width: left-justify */
	CHECK("%.*d", 4, 7);
	CHECK("%.*d", -1, 7);		/* negative precision: none */
	CHECK("%0*d", 6, -7);
	CHECK("%*.*x", 10, 6, 0xbeefU);
	CHECK("%0*.*d", 8, -3, 42);
}

HT_TEST(strings_and_chars)
{
	char unterminated[3] = { 'a', 'b', 'c' };

	CHECK("%s", "abc");
	CHECK("[%10s]", "abc");
	CHECK("[%-10s]", "abc");
	CHECK("[%.2s]", "abc");
	CHECK("[%.0s]", "abc");
	CHECK("[%10.2s]", "abc");
	CHECK("[%-*.*s]", 7, 3, "abcdef");
	CHECK("[%.*s]", -1, "abc");
	CHECK("[%.3s]", unterminated);	/* must not read past 3 chars */
	CHECK("%c", 'x');
	CHECK("[%3c]", 'x');
	CHECK("[%-3c]", 'x');
	CHECK("%c%c%c", 'a', 'b', 'c');
	CHECK("%c", 0xe9);
	CHECK("%s=%d, %s=%#x", "a", 1, "b", 2U);
}

HT_TEST(pointers)
{
	int x;

	CHECK("%p", (void *)&x);
	CHECK("%p", (void *)0x1);
	CHECK("%p", (void *)UINTPTR_MAX);
	CHECK("[%20p]", (void *)&x);
	CHECK("[%-20p]", (void *)0xabcdef);
}

/*
 * Valid C that clang's format checker flags: h and hh arguments arrive as
 * int and are narrowed by the conversion, and conflicting flags are
 * resolved as C99 says ('+' beats ' ', '-' beats '0').
 */
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wformat"
HT_TEST(narrowing_and_flag_conflicts)
{
	CHECK("%hd", -32768);
	CHECK("%hd", 70000);
	CHECK("%hhd", -128);
	CHECK("%hhd", 200);
	CHECK("%hu", 65535);
	CHECK("%hu", 65536 + 7);
	CHECK("%hhu", 255);
	CHECK("%hhu", 256 + 3);
	CHECK("%hhx", 0x1ff);
	CHECK("%hx", 0x12345);
	CHECK("%hho", -1);
	CHECK("%+ d", 5);
	CHECK("% +d", 5);
	CHECK("%-05d|", 42);
	CHECK("%-#08x|", 42);
}
#pragma clang diagnostic pop

/* Formats where libc's output is not the one TagOS specifies. */
HT_TEST(kernel_specific)
{
	/* Out of line, so the compiler does not reject them at build time. */
	const char *unknown = "a%-5yb", *trailing = "end%";
	const char *huge = "%99999999999999d|";
	char buf[64];

	HT_ASSERT_EQ(ksnprintf(buf, sizeof(buf), "%p", (void *)NULL), 3);
	HT_ASSERT(strcmp(buf, "0x0") == 0);
	HT_ASSERT_EQ(ksnprintf(buf, sizeof(buf), "%s", (char *)NULL), 6);
	HT_ASSERT(strcmp(buf, "(null)") == 0);
	HT_ASSERT_EQ(ksnprintf(buf, sizeof(buf), "[%8s]", (char *)NULL), 10);
	HT_ASSERT(strcmp(buf, "[  (null)]") == 0);
	/* Unknown conversions are copied out as written. */
	HT_ASSERT_EQ(ksnprintf(buf, sizeof(buf), unknown, 0), 6);
	HT_ASSERT(strcmp(buf, "a%-5yb") == 0);
	HT_ASSERT_EQ(ksnprintf(buf, sizeof(buf), trailing, 0), 4);
	HT_ASSERT(strcmp(buf, "end%") == 0);
	/* A width too large to represent saturates instead of overflowing. */
	HT_ASSERT(ksnprintf(buf, sizeof(buf), huge, 1) > 1000000);
	HT_ASSERT(buf[sizeof(buf) - 1] == '\0');
}

/* A kvprintf() sink that appends to a fixed buffer. */
struct sink {
	char	buf[64];
	int	n;
};

static void
sink_put(int c, void *arg)
{
	struct sink *s = arg;

	if (s->n < (int)sizeof(s->buf) - 1)
		s->buf[s->n++] = (char)c;
	s->buf[s->n] = '\0';
}

/* Call kvprintf() the way the console does. */
static int
sink_printf(struct sink *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvprintf(fmt, sink_put, s, ap);
	va_end(ap);
	return (n);
}

HT_TEST(kvprintf_sink)
{
	struct sink s = { .n = 0 };

	HT_ASSERT_EQ(sink_printf(&s, "cpu%d: %s %#lx", 3, "up", 0x40000000UL),
	    19);
	HT_ASSERT(strcmp(s.buf, "cpu3: up 0x40000000") == 0);
	s.n = 0;
	HT_ASSERT_EQ(sink_printf(&s, ""), 0);
	HT_ASSERT_EQ(s.n, 0);
}
