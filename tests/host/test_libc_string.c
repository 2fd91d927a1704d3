/*
 * Host tests of lib/libc's string functions (lib/libc/string), renamed
 * tagos_* by libc_rename.h; the names below are those macros.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hosttest.h"

/* The host's <string.h> may not declare these BSD functions. */
size_t	strlcpy(char *, const char *, size_t);
size_t	strlcat(char *, const char *, size_t);

HT_TEST(memcpy_all_alignments)
{
	unsigned char src[80], dst[80], want[80];
	size_t so, dof, n, i;

	for (i = 0; i < sizeof(src); i++)
		src[i] = (unsigned char)(i * 7 + 1);
	for (so = 0; so < 16; so++)
		for (dof = 0; dof < 16; dof++)
			for (n = 0; n <= 48; n++) {
				for (i = 0; i < sizeof(dst); i++)
					dst[i] = want[i] = 0xee;
				for (i = 0; i < n; i++)
					want[dof + i] = src[so + i];
				HT_ASSERT(memcpy(dst + dof, src + so, n) ==
				    dst + dof);
				for (i = 0; i < sizeof(dst); i++)
					HT_ASSERT_EQ(dst[i], want[i]);
			}
}

HT_TEST(memmove_overlaps)
{
	unsigned char buf[100], want[100];
	size_t from, to, n, i;

	for (from = 0; from < 20; from++)
		for (to = 0; to < 20; to++)
			for (n = 0; n <= 60; n += 3) {
				for (i = 0; i < sizeof(buf); i++)
					buf[i] = (unsigned char)i;
				for (i = 0; i < sizeof(buf); i++)
					want[i] = (unsigned char)i;
				for (i = 0; i < n; i++)
					want[to + i] = (unsigned char)(from + i);
				HT_ASSERT(memmove(buf + to, buf + from, n) ==
				    buf + to);
				for (i = 0; i < sizeof(buf); i++)
					HT_ASSERT_EQ(buf[i], want[i]);
			}
}

HT_TEST(memset_and_bzero)
{
	unsigned char buf[64];
	size_t off, n, i;

	for (off = 0; off < 9; off++)
		for (n = 0; n < 40; n++) {
			for (i = 0; i < sizeof(buf); i++)
				buf[i] = 1;
			HT_ASSERT(memset(buf + off, 0x1a5, n) == buf + off);
			for (i = 0; i < sizeof(buf); i++)
				HT_ASSERT_EQ(buf[i], i >= off && i < off + n ?
				    0xa5 : 1);
			bzero(buf + off, n);
			for (i = off; i < off + n; i++)
				HT_ASSERT_EQ(buf[i], 0);
		}
}

HT_TEST(memcmp_memchr)
{
	char s[] = "abcdef";

	HT_ASSERT(memcmp("abc", "abd", 3) < 0);
	HT_ASSERT(memcmp("abd", "abc", 3) > 0);
	HT_ASSERT(memcmp("abc", "abd", 2) == 0);
	HT_ASSERT(memcmp("\x80", "\x01", 1) > 0);	/* unsigned bytes */
	HT_ASSERT_EQ(memcmp("", "", 0), 0);
	HT_ASSERT(bcmp("xy", "xz", 2) != 0);
	HT_ASSERT(memchr(s, 'd', 6) == s + 3);
	HT_ASSERT(memchr(s, 'd', 3) == NULL);
	HT_ASSERT(memchr(s, '\0', 7) == s + 6);
	HT_ASSERT(memchr(s, 'a' + 256, 6) == s);
}

HT_TEST(lengths_and_compares)
{

	HT_ASSERT_EQ(strlen(""), 0);
	HT_ASSERT_EQ(strlen("hello"), 5);
	HT_ASSERT_EQ(strnlen("hello", 3), 3);
	HT_ASSERT_EQ(strnlen("hi", 10), 2);
	HT_ASSERT_EQ(strcmp("abc", "abc"), 0);
	HT_ASSERT(strcmp("abc", "abd") < 0);
	HT_ASSERT(strcmp("ab", "abc") < 0);
	HT_ASSERT(strcmp("\xff", "a") > 0);
	HT_ASSERT_EQ(strncmp("abcx", "abcy", 3), 0);
	HT_ASSERT(strncmp("abcx", "abcy", 4) < 0);
	HT_ASSERT_EQ(strncmp("a", "b", 0), 0);
	HT_ASSERT_EQ(strcasecmp("HeLLo", "hello"), 0);
	HT_ASSERT(strcasecmp("a", "B") < 0);
	HT_ASSERT_EQ(strncasecmp("ABx", "aby", 2), 0);
	HT_ASSERT(strncasecmp("ABx", "aby", 3) < 0);
}

HT_TEST(copies)
{
	char buf[16];

	HT_ASSERT(strcpy(buf, "abc") == buf);
	HT_ASSERT(strcmp(buf, "abc") == 0);
	HT_ASSERT(strcat(buf, "de") == buf);
	HT_ASSERT(strcmp(buf, "abcde") == 0);
	HT_ASSERT(strncat(buf, "fghij", 2) == buf);
	HT_ASSERT(strcmp(buf, "abcdefg") == 0);
	memset(buf, 'x', sizeof(buf));
	strncpy(buf, "ab", 5);
	HT_ASSERT(memcmp(buf, "ab\0\0\0x", 6) == 0);
	strncpy(buf, "abcdef", 3);
	HT_ASSERT(memcmp(buf, "abc\0", 4) == 0);
	HT_ASSERT_EQ(strlcpy(buf, "hello", sizeof(buf)), 5);
	HT_ASSERT(strcmp(buf, "hello") == 0);
	HT_ASSERT_EQ(strlcpy(buf, "hello world", 6), 11);
	HT_ASSERT(strcmp(buf, "hello") == 0);
	HT_ASSERT_EQ(strlcpy(buf, "x", 0), 1);
	HT_ASSERT(strcmp(buf, "hello") == 0);
	HT_ASSERT_EQ(strlcat(buf, " world", 9), 11);
	HT_ASSERT(strcmp(buf, "hello wo") == 0);
	HT_ASSERT_EQ(strlcat(buf, "abc", 4), 7);	/* no NUL in reach */
	bcopy("xyz", buf, 3);
	HT_ASSERT(memcmp(buf, "xyzlo", 5) == 0);
}

HT_TEST(searches)
{
	const char *s = "hello world";

	HT_ASSERT(strchr(s, 'o') == s + 4);
	HT_ASSERT(strchr(s, '\0') == s + 11);
	HT_ASSERT(strchr(s, 'z') == NULL);
	HT_ASSERT(strrchr(s, 'o') == s + 7);
	HT_ASSERT(strrchr(s, '\0') == s + 11);
	HT_ASSERT(strrchr(s, 'z') == NULL);
	HT_ASSERT(strstr(s, "wor") == s + 6);
	HT_ASSERT(strstr(s, "") == s);
	HT_ASSERT(strstr(s, "worlds") == NULL);
	HT_ASSERT(strstr("", "") != NULL);
	HT_ASSERT(strstr("aaab", "aab") != NULL);
	HT_ASSERT_EQ(strspn(s, "hel"), 4);
	HT_ASSERT_EQ(strspn(s, ""), 0);
	HT_ASSERT_EQ(strcspn(s, " "), 5);
	HT_ASSERT_EQ(strcspn(s, ""), 11);
	HT_ASSERT(strpbrk(s, "wr") == s + 6);
	HT_ASSERT(strpbrk(s, "xyz") == NULL);
	HT_ASSERT_EQ(ffs(0), 0);
	HT_ASSERT_EQ(ffs(1), 1);
	HT_ASSERT_EQ(ffs(0x80), 8);
	HT_ASSERT_EQ(ffs(INT32_MIN), 32);
}

HT_TEST(tokenizers)
{
	char buf[32], *p, *tok, *last;

	strcpy(buf, "a,b,,c");
	p = buf;
	HT_ASSERT(strcmp(strsep(&p, ","), "a") == 0);
	HT_ASSERT(strcmp(strsep(&p, ","), "b") == 0);
	HT_ASSERT(strcmp(strsep(&p, ","), "") == 0);
	HT_ASSERT(strcmp(strsep(&p, ","), "c") == 0);
	HT_ASSERT(p == NULL);
	HT_ASSERT(strsep(&p, ",") == NULL);

	strcpy(buf, "  x y,,z ");
	tok = strtok_r(buf, " ,", &last);
	HT_ASSERT(tok != NULL && strcmp(tok, "x") == 0);
	tok = strtok_r(NULL, " ,", &last);
	HT_ASSERT(tok != NULL && strcmp(tok, "y") == 0);
	tok = strtok_r(NULL, " ,", &last);
	HT_ASSERT(tok != NULL && strcmp(tok, "z") == 0);
	HT_ASSERT(strtok_r(NULL, " ,", &last) == NULL);
	HT_ASSERT(strtok_r(NULL, " ,", &last) == NULL);

	strcpy(buf, ";;");
	HT_ASSERT(strtok(buf, ";") == NULL);
	strcpy(buf, "one two");
	HT_ASSERT(strcmp(strtok(buf, " "), "one") == 0);
	HT_ASSERT(strcmp(strtok(NULL, " "), "two") == 0);
	HT_ASSERT(strtok(NULL, " ") == NULL);
}

HT_TEST(duplicates)
{
	char *p;

	p = strdup("hello");
	HT_ASSERT(p != NULL && strcmp(p, "hello") == 0);
	free(p);
	p = strndup("hello", 3);
	HT_ASSERT(p != NULL && strcmp(p, "hel") == 0);
	free(p);
	p = strndup("hi", 10);
	HT_ASSERT(p != NULL && strcmp(p, "hi") == 0);
	free(p);
}
