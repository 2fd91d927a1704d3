/*
 * Host tests of lib/libc's printf engine (stdio/format.c) through its
 * snprintf (stdio/snprintf.c), renamed tagos_* by libc_rename.h.  Integer
 * and string conversions, and floating point (which is exact, with ties to
 * even), are checked against the host's snprintf, and edge cases against
 * fixed strings.
 */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hosttest.h"

/* The host's snprintf, whose name libc_rename.h took. */
#undef snprintf
int	snprintf(char *, size_t, const char *, ...);

/* Format with ours and check the result and the returned length. */
#define	CHECK_FMT(want, ...) do {					\
	char ck_buf[512];						\
	int ck_n = tagos_snprintf(ck_buf, sizeof(ck_buf), __VA_ARGS__);	\
	if (strcmp(ck_buf, (want)) != 0) {				\
		ht_fail(__FILE__, __LINE__, "%s gave \"%s\", want \"%s\"",	\
		    #__VA_ARGS__, ck_buf, (want));			\
		return;							\
	}								\
	HT_ASSERT_EQ(ck_n, (int)strlen(want));				\
} while (0)

/* Format with ours and with the host's and compare. */
#define	CHECK_SAME(...) do {						\
	char cs_ours[512], cs_host[512];				\
	int cs_n1 = tagos_snprintf(cs_ours, sizeof(cs_ours), __VA_ARGS__); \
	int cs_n2 = snprintf(cs_host, sizeof(cs_host), __VA_ARGS__);	\
	ht_checks++;							\
	if (strcmp(cs_ours, cs_host) != 0 || cs_n1 != cs_n2) {		\
		ht_fail(__FILE__, __LINE__, "%s gave \"%s\" (%d), host \"%s\" (%d)", \
		    #__VA_ARGS__, cs_ours, cs_n1, cs_host, cs_n2);	\
		return;							\
	}								\
} while (0)

static const char *const int_formats[] = {
	"%d", "%i", "%5d", "%-5d|", "%05d", "%+d", "% d", "%+05d", "%.3d",
	"%8.3d", "%-8.3d|", "%08.3d", "%.0d", "%+.0d", "%x", "%X", "%#x",
	"%#X", "%#08x", "%-#8x|", "%o", "%#o", "%#.0o", "%#5o", "%u", "%10u",
	"%hhd", "%hhu", "%hd", "%hu", "%c|", "%5c|", "%-3c|", "%%%d%%",
};

static const int int_values[] = {
	0, 1, -1, 7, 42, -42, 255, 256, 65535, 65536 + 5, 1000000, INT_MAX,
	INT_MIN, INT_MIN + 1,
};

HT_TEST(ints_match_host)
{
	size_t f, v;

	for (f = 0; f < sizeof(int_formats) / sizeof(int_formats[0]); f++)
		for (v = 0; v < sizeof(int_values) / sizeof(int_values[0]); v++) {
			if (strchr(int_formats[f], 'c') != NULL &&
			    (int_values[v] & 0xff) == 0)
				continue;	/* a NUL ends the host string */
			CHECK_SAME(int_formats[f], int_values[v]);
		}
}

HT_TEST(longs_match_host)
{
	static const long values[] = { 0, 1, -1, LONG_MAX, LONG_MIN,
	    0x123456789abcdefL, -1000000000000L };
	size_t i;

	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		CHECK_SAME("%ld|%lx|%lo|%lu", values[i], values[i], values[i],
		    values[i]);
		CHECK_SAME("%lld|%llX|%#llx", (long long)values[i],
		    (long long)values[i], (long long)values[i]);
		CHECK_SAME("%jd|%ju|%zd|%zu|%td", (intmax_t)values[i],
		    (uintmax_t)values[i], (ssize_t)values[i], (size_t)values[i],
		    (ptrdiff_t)values[i]);
		CHECK_SAME("%25ld|%-25ld|%025ld|%+.20ld", values[i], values[i],
		    values[i], values[i]);
	}
	CHECK_SAME("%lu %llu %zu", ULONG_MAX, ULLONG_MAX, SIZE_MAX);
}

HT_TEST(strings_match_host)
{
	static const char *const formats[] = { "%s", "%10s", "%-10s|",
	    "%.2s", "%10.2s", "%-10.2s|", "%.0s", "%.10s", "%3s" };
	static const char *const values[] = { "", "a", "hello", "hello world" };
	size_t f, v;

	for (f = 0; f < sizeof(formats) / sizeof(formats[0]); f++)
		for (v = 0; v < sizeof(values) / sizeof(values[0]); v++)
			CHECK_SAME(formats[f], values[v]);
	CHECK_SAME("%*s|%-*s|%.*s|%*.*s", 6, "ab", 6, "cd", 3, "efghij",
	    -6, 2, "klm");
	CHECK_SAME("%*d|%.*d|%-*d", -5, 42, -1, 42, 4, 7);
	CHECK_SAME("%s=%d, %s=%c", "x", 1, "y", 'z');
}

HT_TEST(strings_edge_cases)
{
	/* Through a pointer, so the compiler does not check the formats. */
	int (*unchecked)(char *, size_t, const char *, ...) = tagos_snprintf;
	char unterminated[3] = { 'a', 'b', 'c' };
	char buf[32];

	CHECK_FMT("(null)", "%s", (char *)NULL);
	/* The precision bounds the read: no NUL is needed within it. */
	CHECK_FMT("abc", "%.3s", unterminated);
	CHECK_FMT("0x0", "%p", (void *)NULL);
	CHECK_FMT("0x1234", "%p", (void *)0x1234);
	/* Directives it does not know are copied as written. */
	unchecked(buf, sizeof(buf), "abc%");
	HT_ASSERT(strcmp(buf, "abc%") == 0);
	unchecked(buf, sizeof(buf), "%y %n|%Lf");
	HT_ASSERT(strcmp(buf, "%y %n|%Lf") == 0);
	CHECK_FMT("100%", "%d%%", 100);
	CHECK_FMT("", "");
}

HT_TEST(floats_fixed)
{

	CHECK_FMT("1.500000", "%f", 1.5);
	CHECK_FMT("3.14", "%.2f", 3.14159);
	CHECK_FMT("3", "%.0f", 2.6);
	CHECK_FMT("    -3.142", "%10.3f", -3.14159);
	CHECK_FMT("2.3       |", "%-10.1f|", 2.26);
	CHECK_FMT("-000001.50", "%010.2f", -1.5);
	CHECK_FMT("+1.0  1.0", "%+.1f % .1f", 1.04, 1.04);
	CHECK_FMT("0.000000", "%f", 0.0);
	CHECK_FMT("-0.00", "%.2f", -0.001);
	CHECK_FMT("0.01", "%.2f", 0.006);
	CHECK_FMT("0.00", "%.2f", 0.004);
	CHECK_FMT("10.00", "%.2f", 9.999);
	CHECK_FMT("1.", "%#.0f", 1.0);
	CHECK_FMT(" 99.4%", "%5.1f%%", 99.44);
	CHECK_FMT("0.333333333333333", "%.15f", 1.0 / 3);
	CHECK_FMT("100000000000000000000", "%.0f", 1e20);
	CHECK_FMT("123456789012.500000", "%f", 123456789012.5);
}

HT_TEST(floats_exponent)
{
	char want[320];

	CHECK_FMT("1.234568e+04", "%e", 12345.678);
	CHECK_FMT("1.230000E-04", "%E", 0.000123);
	CHECK_FMT("0.000000e+00", "%e", 0.0);
	CHECK_FMT("1.0e+01", "%.1e", 9.96);
	CHECK_FMT("1.500e-300", "%.3e", 1.5e-300);
	CHECK_FMT("1.797693e+308", "%e", 1.7976931348623157e308);
	CHECK_FMT("4.940656e-324", "%e", 4.9406564584124654e-324);
	CHECK_FMT("1.e+00", "%#.0e", 1.0);
	CHECK_FMT("-2e+100", "%.0e", -2e100);
	/* 1e300 is not quite 10^300: its exact digits go on. */
	HT_ASSERT_EQ(tagos_snprintf(want, sizeof(want), "%.0f", 1e300), 301);
	CHECK_FMT("1000000000000000052504760255204420248704", "%.40s", want);
	/* Ties go to even, as the host's printf does. */
	CHECK_FMT("0 2 2 4 0.2 0.4", "%.0f %.0f %.0f %.0f %.1f %.1f", 0.5, 1.5,
	    2.5, 3.5, 0.25, 0.375);
}

HT_TEST(floats_match_host)
{
	static const char *const formats[] = { "%f", "%.0f", "%.1f", "%.3f",
	    "%.17f", "%.30f", "%e", "%.0e", "%.3e", "%.16e", "%.20e", "%g",
	    "%.1g", "%.10g", "%.17g", "%#g", "%#.3g", "%12.4f", "%-12.4e|",
	    "%+012.3g", "% .2f", "%G", "%E", "%.40f" };
	unsigned int seed = 12345;
	uint64_t bits;
	double v;
	size_t f;
	int i;

	for (i = 0; i < 3000; i++) {
		/* Random bit patterns cover every exponent; skip NaN and inf. */
		bits = (uint64_t)rand_r(&seed) << 42 ^
		    (uint64_t)rand_r(&seed) << 21 ^ (uint64_t)rand_r(&seed);
		if (i % 3 == 0)		/* and many near 1 */
			bits = (bits & 0x800fffffffffffffULL) |
			    (uint64_t)(1013 + rand_r(&seed) % 30) << 52;
		memcpy(&v, &bits, sizeof(v));
		if (v != v || v - v != 0)
			continue;
		for (f = 0; f < sizeof(formats) / sizeof(formats[0]); f++)
			CHECK_SAME(formats[f], v);
	}
	CHECK_SAME("%.512f|%.300e", 4.9406564584124654e-324,
	    4.9406564584124654e-324);
	CHECK_SAME("%f|%.0f", 1.7976931348623157e308, 1.7976931348623157e308);
	CHECK_SAME("%.20f %.20g", 0.1, 0.1);
}

HT_TEST(floats_general)
{

	CHECK_FMT("0.0001", "%g", 0.0001);
	CHECK_FMT("1e-05", "%g", 0.00001);
	CHECK_FMT("123456", "%g", 123456.0);
	CHECK_FMT("1.23457e+06", "%g", 1234567.0);
	CHECK_FMT("100", "%g", 100.0);
	CHECK_FMT("1.00000", "%#g", 1.0);
	CHECK_FMT("0", "%g", 0.0);
	CHECK_FMT("1E-10", "%G", 1e-10);
	CHECK_FMT("1e+06", "%g", 999999.7);
	CHECK_FMT("0.000123", "%.3g", 0.0001234);
	CHECK_FMT("0.5", "%g", 0.5);
	CHECK_FMT("3", "%.0g", 3.14);
	CHECK_FMT("  1.5", "%5g", 1.5);
}

HT_TEST(floats_special)
{

	CHECK_FMT("inf", "%f", INFINITY);
	CHECK_FMT("INF", "%F", INFINITY);
	CHECK_FMT("-inf", "%e", -INFINITY);
	CHECK_FMT("  nan", "%5f", NAN);
	CHECK_FMT("+INF", "%+G", INFINITY);
	CHECK_FMT("inf  |", "%-5g|", INFINITY);
}

HT_TEST(snprintf_truncates)
{
	char buf[8];
	int n;

	memset(buf, 'x', sizeof(buf));
	n = tagos_snprintf(buf, 5, "%s", "hello world");
	HT_ASSERT_EQ(n, 11);
	HT_ASSERT(strcmp(buf, "hell") == 0);
	HT_ASSERT_EQ(buf[5], 'x');
	HT_ASSERT_EQ(tagos_snprintf(NULL, 0, "%d", 12345), 5);
	n = tagos_snprintf(buf, 1, "abc");
	HT_ASSERT_EQ(n, 3);
	HT_ASSERT_EQ(buf[0], '\0');
	/* A %c of NUL is one byte like any other. */
	n = tagos_snprintf(buf, sizeof(buf), "a%cb", 0);
	HT_ASSERT_EQ(n, 3);
	HT_ASSERT(buf[0] == 'a' && buf[1] == '\0' && buf[2] == 'b');
	n = tagos_sprintf(buf, "%03d:%s", 7, "ok");
	HT_ASSERT_EQ(n, 6);
	HT_ASSERT(strcmp(buf, "007:ok") == 0);
}

HT_TEST(long_output)
{
	char big[3000], want[3000];
	int n;

	memset(want, ' ', 2000);
	strcpy(want + 2000, "end");
	n = tagos_snprintf(big, sizeof(big), "%2003s", "end");
	HT_ASSERT_EQ(n, 2003);
	HT_ASSERT(strcmp(big, want) == 0);
}
