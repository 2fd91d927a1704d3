/*
 * Host tests of lib/libc's strtol family, qsort, bsearch and getopt
 * (lib/libc/stdlib),
 * renamed tagos_* by libc_rename.h; the names below are those macros.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "hosttest.h"

/* strtol(s, &end, base) must give want, end used bytes in, errno err. */
#define	CHECK_STRTOL(s, base, want, used, err) do {			\
	char *ck_end;							\
	long ck_v;							\
	errno = 0;							\
	ck_v = strtol((s), &ck_end, (base));				\
	HT_ASSERT_EQ(ck_v, (want));					\
	HT_ASSERT_EQ(ck_end - (s), (used));				\
	HT_ASSERT_EQ(errno, (err));					\
} while (0)

HT_TEST(strtol_parses)
{

	CHECK_STRTOL("0", 10, 0, 1, 0);
	CHECK_STRTOL("  -123abc", 10, -123, 6, 0);
	CHECK_STRTOL("+5", 10, 5, 2, 0);
	CHECK_STRTOL("\t\n 42", 0, 42, 5, 0);
	CHECK_STRTOL("0x1A", 0, 26, 4, 0);
	CHECK_STRTOL("0X1a", 16, 26, 4, 0);
	CHECK_STRTOL("1a", 16, 26, 2, 0);
	CHECK_STRTOL("077", 0, 63, 3, 0);
	CHECK_STRTOL("089", 0, 0, 1, 0);	/* octal stops at 8 */
	CHECK_STRTOL("0x", 16, 0, 1, 0);	/* "0", then junk */
	CHECK_STRTOL("0xg", 0, 0, 1, 0);
	CHECK_STRTOL("zZ", 36, 35 * 36 + 35, 2, 0);
	CHECK_STRTOL("101", 2, 5, 3, 0);
	CHECK_STRTOL("-0", 10, 0, 2, 0);
}

HT_TEST(strtol_errors)
{

	CHECK_STRTOL("", 10, 0, 0, EINVAL);
	CHECK_STRTOL("   ", 10, 0, 0, EINVAL);
	CHECK_STRTOL("-", 10, 0, 0, EINVAL);
	CHECK_STRTOL("x", 10, 0, 0, EINVAL);
	CHECK_STRTOL("12", 1, 0, 0, EINVAL);
	CHECK_STRTOL("12", 37, 0, 0, EINVAL);
	CHECK_STRTOL("9223372036854775807", 10, LONG_MAX, 19, 0);
	CHECK_STRTOL("9223372036854775808", 10, LONG_MAX, 19, ERANGE);
	CHECK_STRTOL("-9223372036854775808", 10, LONG_MIN, 20, 0);
	CHECK_STRTOL("-9223372036854775809", 10, LONG_MIN, 20, ERANGE);
	CHECK_STRTOL("99999999999999999999999", 10, LONG_MAX, 23, ERANGE);
}

HT_TEST(strtoul_family)
{
	char *end;

	errno = 0;
	HT_ASSERT(strtoul("-1", &end, 10) == ULONG_MAX);
	HT_ASSERT_EQ(errno, 0);
	HT_ASSERT(strtoul("18446744073709551615", NULL, 10) == ULONG_MAX);
	HT_ASSERT_EQ(errno, 0);
	HT_ASSERT(strtoul("18446744073709551616", &end, 10) == ULONG_MAX);
	HT_ASSERT_EQ(errno, ERANGE);
	HT_ASSERT_EQ(*end, '\0');
	HT_ASSERT(strtoull("0xffffffffffffffff", NULL, 0) == ULLONG_MAX);
	HT_ASSERT(strtoll("-0x8000000000000000", NULL, 16) == LLONG_MIN);
	HT_ASSERT_EQ(atoi("  42x"), 42);
	HT_ASSERT_EQ(atoi("-7"), -7);
	HT_ASSERT_EQ(atol("123456789012"), 123456789012L);
	HT_ASSERT_EQ(atoll("-5"), -5);
}

struct rec {
	int	key;
	int	seq;
	char	pad[4];		/* 12-byte elements: not a multiple of 8 */
};

/* Ascending ints, without the overflow of x - y. */
static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return ((x > y) - (x < y));
}

/* Ascending bytes. */
static int
cmp_char(const void *a, const void *b)
{

	return (*(const unsigned char *)a - *(const unsigned char *)b);
}

/* Records by key. */
static int
cmp_rec(const void *a, const void *b)
{

	return (cmp_int(&((const struct rec *)a)->key,
	    &((const struct rec *)b)->key));
}

HT_TEST(qsort_ints)
{
	static const size_t sizes[] = { 0, 1, 2, 3, 8, 9, 10, 17, 100, 1000,
	    5000 };
	int *v, *count;
	size_t s, n, i;
	int mode, range;

	count = calloc(100000, sizeof(*count));
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
		for (mode = 0; mode < 5; mode++) {
			n = sizes[s];
			v = malloc((n + 1) * sizeof(*v));
			range = mode == 4 ? 3 : 100000;	/* 4: many equal keys */
			for (i = 0; i < n; i++)
				v[i] = mode == 1 ? (int)i : mode == 2 ?
				    (int)(n - i) : mode == 3 ? 5 :
				    rand() % range;
			for (i = 0; i < n; i++)
				count[v[i]]++;
			qsort(v, n, sizeof(*v), cmp_int);
			for (i = 0; i + 1 < n; i++)
				HT_ASSERT(v[i] <= v[i + 1]);
			/* Same multiset: every count returns to zero. */
			for (i = 0; i < n; i++)
				count[v[i]]--;
			for (i = 0; i < n; i++)
				HT_ASSERT_EQ(count[v[i]], 0);
			free(v);
		}
	free(count);
}

HT_TEST(qsort_odd_sizes)
{
	unsigned char bytes[300];
	struct rec recs[257];
	size_t i;

	for (i = 0; i < sizeof(bytes); i++)
		bytes[i] = (unsigned char)rand();
	qsort(bytes, sizeof(bytes), 1, cmp_char);
	for (i = 0; i + 1 < sizeof(bytes); i++)
		HT_ASSERT(bytes[i] <= bytes[i + 1]);

	for (i = 0; i < 257; i++) {
		recs[i].key = rand() % 50;
		recs[i].seq = (int)i;
		memset(recs[i].pad, (int)i, sizeof(recs[i].pad));
	}
	qsort(recs, 257, sizeof(recs[0]), cmp_rec);
	for (i = 0; i + 1 < 257; i++)
		HT_ASSERT(recs[i].key <= recs[i + 1].key);
	/* Elements moved whole. */
	for (i = 0; i < 257; i++)
		HT_ASSERT_EQ(recs[i].pad[3], (char)recs[i].seq);
}

HT_TEST(bsearch_finds_every_element_and_no_other)
{
	int v[101], key, n;
	int *hit;

	for (n = 0; n <= 101; n++) {
		for (int i = 0; i < n; i++)
			v[i] = 2 * i;
		for (key = -1; key <= 2 * n; key++) {
			hit = bsearch(&key, v, n, sizeof(v[0]), cmp_int);
			if (key >= 0 && key % 2 == 0 && key < 2 * n) {
				HT_ASSERT(hit != NULL);
				if (hit != NULL)
					HT_ASSERT_EQ(*hit, key);
			} else
				HT_ASSERT(hit == NULL);
		}
	}
	key = 3;
	HT_ASSERT(bsearch(&key, v, 0, sizeof(int), cmp_int) == NULL);
}

extern int optreset;

/* Run getopt over argv (NULL-terminated) with opts; collect letters. */
static void
run_getopt(char **argv, const char *opts, char *out, char args[][16])
{
	int argc = 0, c, k = 0;

	while (argv[argc] != NULL)
		argc++;
	optind = 1;
	optreset = 1;
	opterr = 0;
	while ((c = getopt(argc, argv, opts)) != -1) {
		out[k] = (char)c;
		snprintf(args[k], 16, "%s", c != '?' && c != ':' &&
		    optarg != NULL ? optarg : "");
		k++;
	}
	out[k] = '\0';
}

HT_TEST(getopt_parses_like_freebsd)
{
	char out[16], args[16][16];
	char *a1[] = { "p", "-ab", "-o", "val", "-ofused", "--", "-x", NULL };
	char *a2[] = { "p", "-a", "file", "-b", NULL };
	char *a3[] = { "p", "-z", "-o", NULL };
	char *a4[] = { "p", "-", "-a", NULL };

	run_getopt(a1, "abo:", out, args);
	HT_ASSERT(strcmp(out, "aboo") == 0);
	HT_ASSERT(strcmp(args[2], "val") == 0);
	HT_ASSERT(strcmp(args[3], "fused") == 0);
	HT_ASSERT_EQ(optind, 6);		/* after "--": "-x" is an operand */

	run_getopt(a2, "ab", out, args);	/* stops at the first operand */
	HT_ASSERT(strcmp(out, "a") == 0);
	HT_ASSERT_EQ(optind, 2);

	run_getopt(a3, "o:", out, args);	/* unknown; missing argument */
	HT_ASSERT(strcmp(out, "??") == 0);
	HT_ASSERT_EQ(optopt, 'o');
	run_getopt(a3, ":o:", out, args);
	HT_ASSERT(strcmp(out, "?:") == 0);

	run_getopt(a4, "a", out, args);		/* "-" alone is an operand */
	HT_ASSERT(strcmp(out, "") == 0);
	HT_ASSERT_EQ(optind, 1);
}
