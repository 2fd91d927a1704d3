/*
 * Host tests for the initramfs reader (sys/kern/subr_cpio.c).  Archives
 * are written by a small newc writer here, so the tests do not depend on a
 * cpio tool; one test also reads what the real `cpio -o -H newc` writes,
 * when the tool is installed.  Every archive is then cut at every length
 * and corrupted at random, and read under ASan from a buffer of exactly
 * its size: a bad archive must give ENOENT or EINVAL, never a read outside.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sys/param.h"
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/cpio.h"
#include "hosttest.h"

#define MODE_DIR	(CPIO_S_IFDIR | 0755)
#define MODE_FILE	(CPIO_S_IFREG | 0644)
#define MODE_EXEC	(CPIO_S_IFREG | 0755)

/* An archive being written. */
struct cpiow {
	uint8_t		buf[16384];
	size_t		len;
	uint32_t	next_ino;
};

/* Append n bytes, then NULs up to a multiple of 4. */
static void
w_padded(struct cpiow *w, const void *p, size_t n)
{
	if (w->len + n + 3 > sizeof(w->buf))
		abort();
	if (n != 0)
		memcpy(w->buf + w->len, p, n);
	w->len += n;
	while (w->len % 4 != 0)
		w->buf[w->len++] = 0;
}

/* Append a member with an explicit inode and link count. */
static void
w_member_ino(struct cpiow *w, const char *name, uint32_t mode, uint32_t ino,
    uint32_t nlink, const void *data, size_t size)
{
	char hdr[111];

	snprintf(hdr, sizeof(hdr),
	    "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
	    ino, mode, 0, 0, nlink, 0x66000000, (uint32_t)size, 8, 1, 0, 0,
	    (uint32_t)strlen(name) + 1, 0);
	if (w->len + 110 > sizeof(w->buf))
		abort();
	memcpy(w->buf + w->len, hdr, 110);
	w->len += 110;
	w_padded(w, name, strlen(name) + 1);
	w_padded(w, data, size);
}

/* Append a member with a fresh inode. */
static void
w_member(struct cpiow *w, const char *name, uint32_t mode, const char *data)
{
	w_member_ino(w, name, mode, ++w->next_ino, 1, data,
	    data != NULL ? strlen(data) : 0);
}

static void
w_trailer(struct cpiow *w)
{
	w_member_ino(w, "TRAILER!!!", 0, 0, 1, NULL, 0);
}

/*
 * The tree the build packs: sizes 0..5 and 9 put the data padding through
 * every remainder, names of length 1..n do the same for the name padding.
 */
static const struct {
	const char	*name;
	uint32_t	mode;
	const char	*data;
} tree[] = {
	{ ".",			MODE_DIR,	NULL },
	{ "bin",		MODE_DIR,	NULL },
	{ "bin/init",		MODE_EXEC,	"\177ELF-init" },
	{ "bin/sh",		MODE_EXEC,	"sh" },
	{ "etc",		MODE_DIR,	NULL },
	{ "etc/motd",		MODE_FILE,	"hello" },
	{ "tests",		MODE_DIR,	NULL },
	{ "tests/a",		MODE_FILE,	"a" },
	{ "tests/bcd",		MODE_FILE,	"bcd" },
	{ "tests/empty",	MODE_FILE,	"" },
	{ "tests/four",		MODE_FILE,	"4444" },
	{ "tests/link",		CPIO_S_IFLNK | 0777, "../bin/sh" },
};

/* The archive of tree, each name prefixed by prefix ("" or "./"). */
static void
make_tree(struct cpiow *w, const char *prefix)
{
	char name[64];
	size_t i;

	memset(w, 0, sizeof(*w));
	for (i = 0; i < nitems(tree); i++) {
		if (strcmp(tree[i].name, ".") == 0 || prefix[0] == '\0')
			snprintf(name, sizeof(name), "%s", tree[i].name);
		else
			snprintf(name, sizeof(name), "%s%s", prefix,
			    tree[i].name);
		w_member(w, name, tree[i].mode, tree[i].data);
	}
	w_trailer(w);
}

/* A malloc'd copy of the first n bytes of p, so ASan sees the end. */
static uint8_t *
exact_copy(const void *p, size_t n)
{
	uint8_t *c;

	c = malloc(n != 0 ? n : 1);
	if (c == NULL)
		abort();
	memcpy(c, p, n);
	return (c);
}

/* True if [p, p + n) lies inside [base, base + len). */
static bool
inside(const void *base, size_t len, const void *p, size_t n)
{
	uintptr_t b = (uintptr_t)base, q = (uintptr_t)p;

	return (q >= b && q - b <= len && n <= len - (q - b));
}

/* Every member of tree is found under all spellings of its name. */
static void
check_tree_lookups(const uint8_t *a, size_t len)
{
	const char *forms[] = { "%s", "/%s", "./%s" };
	char path[80];
	const void *data;
	size_t i, f, size, want;
	uint32_t mode;

	for (i = 0; i < nitems(tree); i++) {
		for (f = 0; f < nitems(forms); f++) {
			snprintf(path, sizeof(path), forms[f], tree[i].name);
			HT_ASSERT_EQ(cpio_lookup(a, len, path, &data, &size,
			    &mode), 0);
			want = tree[i].data != NULL ? strlen(tree[i].data) : 0;
			HT_ASSERT_EQ(size, want);
			HT_ASSERT(memcmp(data, want ? tree[i].data : "",
			    want) == 0);
			HT_ASSERT_EQ(mode, tree[i].mode);
		}
	}
}

HT_TEST(lookup_every_spelling)
{
	struct cpiow w;
	const void *data;
	size_t size;
	uint32_t mode;

	make_tree(&w, "");
	check_tree_lookups(w.buf, w.len);
	/* The root directory "." answers to "/" and "" too. */
	HT_ASSERT_EQ(cpio_lookup(w.buf, w.len, "/", &data, &size, &mode), 0);
	HT_ASSERT_EQ(mode, MODE_DIR);
	HT_ASSERT_EQ(cpio_lookup(w.buf, w.len, "", &data, &size, &mode), 0);
	HT_ASSERT_EQ(mode, MODE_DIR);

	make_tree(&w, "./");
	check_tree_lookups(w.buf, w.len);
}

HT_TEST(lookup_missing)
{
	struct cpiow w;
	const void *data = NULL;
	size_t size = 99;
	uint32_t mode = 99;

	make_tree(&w, "");
	HT_ASSERT_EQ(cpio_lookup(w.buf, w.len, "bin/ini", &data, &size,
	    &mode), ENOENT);
	HT_ASSERT_EQ(cpio_lookup(w.buf, w.len, "bin/init/", &data, &size,
	    &mode), ENOENT);
	HT_ASSERT_EQ(cpio_lookup(w.buf, w.len, "TRAILER!!!", &data, &size,
	    &mode), ENOENT);
	HT_ASSERT_EQ(cpio_lookup(w.buf, w.len, "nope", &data, &size, &mode),
	    ENOENT);
	/* Nothing is written on failure. */
	HT_ASSERT(data == NULL && size == 99 && mode == 99);
	HT_ASSERT_EQ(cpio_lookup(w.buf, 0, "bin/sh", &data, &size, &mode),
	    ENOENT);
}

HT_TEST(iterate_in_order)
{
	struct cpiow w;
	struct cpio_entry e;
	size_t off, i, end;

	make_tree(&w, "");
	off = 0;
	for (i = 0; i < nitems(tree); i++) {
		HT_ASSERT_EQ(cpio_next(w.buf, w.len, &off, &e), 0);
		HT_ASSERT(strcmp(e.name, tree[i].name) == 0);
		HT_ASSERT_EQ(e.mode, tree[i].mode);
		HT_ASSERT_EQ(e.nlink, 1);
		HT_ASSERT_EQ(e.ino, i + 1);
		HT_ASSERT_EQ(off % 4, 0);
	}
	/* The trailer ends it, and stays the end. */
	end = off;
	HT_ASSERT_EQ(cpio_next(w.buf, w.len, &off, &e), ENOENT);
	HT_ASSERT_EQ(off, end);
	HT_ASSERT_EQ(cpio_next(w.buf, w.len, &off, &e), ENOENT);
	HT_ASSERT_EQ(off, end);
}

HT_TEST(end_without_trailer)
{
	struct cpiow w;
	struct cpio_entry e;
	size_t off;

	memset(&w, 0, sizeof(w));
	w_member(&w, "x", MODE_FILE, "abc");	/* padding ends the buffer */
	off = 0;
	HT_ASSERT_EQ(cpio_next(w.buf, w.len, &off, &e), 0);
	HT_ASSERT_EQ(off, w.len);
	HT_ASSERT_EQ(cpio_next(w.buf, w.len, &off, &e), ENOENT);
	/* The data's padding cut off: still a whole member, then the end. */
	off = 0;
	HT_ASSERT_EQ(cpio_next(w.buf, w.len - 1, &off, &e), 0);
	HT_ASSERT_EQ(e.size, 3);
	HT_ASSERT_EQ(off, w.len - 1);
	HT_ASSERT_EQ(cpio_next(w.buf, w.len - 1, &off, &e), ENOENT);
	HT_ASSERT_EQ(cpio_next(w.buf, w.len, &off, &e), EINVAL);
}

HT_TEST(unaligned_archive)
{
	struct cpiow w;
	uint8_t *shifted;

	make_tree(&w, "./");
	shifted = malloc(w.len + 1);
	HT_ASSERT(shifted != NULL);
	memcpy(shifted + 1, w.buf, w.len);
	check_tree_lookups(shifted + 1, w.len);
	free(shifted);
}

HT_TEST(hard_links)
{
	struct cpiow w;
	const void *data;
	size_t size;
	uint32_t mode;

	/* As cpio writes them: the data only with the last name. */
	memset(&w, 0, sizeof(w));
	w_member_ino(&w, "bin/ls", MODE_EXEC, 40, 3, NULL, 0);
	w_member_ino(&w, "bin/dir", MODE_EXEC, 40, 3, NULL, 0);
	w_member_ino(&w, "empty1", MODE_FILE, 41, 2, NULL, 0);
	w_member_ino(&w, "other", MODE_FILE, 42, 1, "zz", 2);
	w_member_ino(&w, "empty2", MODE_FILE, 41, 2, NULL, 0);
	w_member_ino(&w, "bin/vdir", MODE_EXEC, 40, 3, "LSLS", 4);
	w_trailer(&w);

	HT_ASSERT_EQ(cpio_lookup(w.buf, w.len, "bin/ls", &data, &size,
	    &mode), 0);
	HT_ASSERT(size == 4 && memcmp(data, "LSLS", 4) == 0);
	HT_ASSERT_EQ(cpio_lookup(w.buf, w.len, "bin/dir", &data, &size,
	    &mode), 0);
	HT_ASSERT(size == 4 && memcmp(data, "LSLS", 4) == 0);
	HT_ASSERT_EQ(cpio_lookup(w.buf, w.len, "bin/vdir", &data, &size,
	    &mode), 0);
	HT_ASSERT(size == 4 && memcmp(data, "LSLS", 4) == 0);
	/* Empty files with two names stay empty. */
	HT_ASSERT_EQ(cpio_lookup(w.buf, w.len, "empty1", &data, &size,
	    &mode), 0);
	HT_ASSERT_EQ(size, 0);
	HT_ASSERT_EQ(mode, MODE_FILE);
}

HT_TEST(first_member_wins)
{
	struct cpiow w;
	const void *data;
	size_t size;
	uint32_t mode;

	memset(&w, 0, sizeof(w));
	w_member(&w, "./f", MODE_FILE, "one");
	w_member(&w, "f", MODE_FILE, "second");
	w_trailer(&w);
	HT_ASSERT_EQ(cpio_lookup(w.buf, w.len, "/f", &data, &size, &mode), 0);
	HT_ASSERT(size == 3 && memcmp(data, "one", 3) == 0);
}

/* The result of reading one member whose header field i is set to val. */
static int
next_with_field(int field, const char *val)
{
	struct cpiow w;
	struct cpio_entry e;
	size_t off = 0;

	memset(&w, 0, sizeof(w));
	w_member(&w, "name", MODE_FILE, "data");
	w_trailer(&w);
	memcpy(w.buf + 6 + 8 * field, val, 8);
	return (cpio_next(w.buf, w.len, &off, &e));
}

HT_TEST(malformed_headers)
{
	struct cpiow w;
	struct cpio_entry e;
	size_t off;
	int field;

	/* The writer's own member reads back; lower-case hex is hex too. */
	HT_ASSERT_EQ(next_with_field(6, "00000004"), 0);
	HT_ASSERT_EQ(next_with_field(0, "deadbeef"), 0);
	for (field = 0; field < 13; field++) {
		HT_ASSERT_EQ(next_with_field(field, "0000000g"), EINVAL);
		HT_ASSERT_EQ(next_with_field(field, " 0000000"), EINVAL);
		HT_ASSERT_EQ(next_with_field(field, "-0000001"), EINVAL);
	}
	/* filesize (6) and namesize (11) past the end, or huge. */
	HT_ASSERT_EQ(next_with_field(6, "FFFFFFFF"), EINVAL);
	HT_ASSERT_EQ(next_with_field(6, "00010000"), EINVAL);
	HT_ASSERT_EQ(next_with_field(11, "FFFFFFFF"), EINVAL);
	HT_ASSERT_EQ(next_with_field(11, "00000000"), EINVAL);
	HT_ASSERT_EQ(next_with_field(11, "00000001"), EINVAL);	/* "" */
	HT_ASSERT_EQ(next_with_field(11, "00000004"), EINVAL);	/* no NUL */
	HT_ASSERT_EQ(next_with_field(11, "00000006"), EINVAL);	/* NUL+pad */

	/* An empty name. */
	memset(&w, 0, sizeof(w));
	w_member(&w, "", MODE_FILE, "data");
	off = 0;
	HT_ASSERT_EQ(cpio_next(w.buf, w.len, &off, &e), EINVAL);

	/* Other formats' magics: crc-newc and odc. */
	memset(&w, 0, sizeof(w));
	w_member(&w, "name", MODE_FILE, "data");
	memcpy(w.buf, "070702", 6);
	off = 0;
	HT_ASSERT_EQ(cpio_next(w.buf, w.len, &off, &e), EINVAL);
	memcpy(w.buf, "070707", 6);
	HT_ASSERT_EQ(cpio_next(w.buf, w.len, &off, &e), EINVAL);
	HT_ASSERT_EQ(off, 0);

	/* An embedded NUL in the name. */
	memcpy(w.buf, "070701", 6);
	w.buf[112] = '\0';
	HT_ASSERT_EQ(cpio_next(w.buf, w.len, &off, &e), EINVAL);

	/* An offset past the end is the end; a stray one is garbage. */
	off = w.len + 100;
	HT_ASSERT_EQ(cpio_next(w.buf, w.len, &off, &e), ENOENT);
	off = 2;
	HT_ASSERT_EQ(cpio_next(w.buf, w.len, &off, &e), EINVAL);
}

/*
 * Read all of archive a[0..len) both ways: every result must be one of the
 * documented ones, and every name and data pointer inside the archive.
 * Returns the number of members cpio_next() handed out.
 */
static int
walk_checked(const uint8_t *a, size_t len, int *bad)
{
	struct cpio_entry e;
	const void *data;
	size_t off, size, prev;
	uint32_t mode;
	int error, n, i;

	off = 0;
	n = 0;
	for (;;) {
		prev = off;
		error = cpio_next(a, len, &off, &e);
		if (error != 0) {
			if ((error != ENOENT && error != EINVAL) || off != prev)
				(*bad)++;
			break;
		}
		n++;
		if (off <= prev || off > len ||
		    !inside(a, len, e.name, strlen(e.name) + 1) ||
		    !inside(a, len, e.data, e.size))
			(*bad)++;
	}
	for (i = 0; i < (int)nitems(tree); i++) {
		error = cpio_lookup(a, len, tree[i].name, &data, &size, &mode);
		if (error == 0 ? !inside(a, len, data, size) :
		    error != ENOENT && error != EINVAL)
			(*bad)++;
	}
	return (n);
}

HT_TEST(truncated_at_every_length)
{
	struct cpiow w;
	struct cpio_entry e;
	size_t n, off, ends[nitems(tree)];
	uint8_t *c;
	int bad, got, i, whole;

	make_tree(&w, "");
	/* Where each member ends, to know how many a prefix must hold. */
	off = 0;
	for (i = 0; i < (int)nitems(tree); i++) {
		HT_ASSERT_EQ(cpio_next(w.buf, w.len, &off, &e), 0);
		ends[i] = (const uint8_t *)e.data + e.size - w.buf;
	}
	bad = 0;
	for (n = 0; n <= w.len; n++) {
		c = exact_copy(w.buf, n);
		got = walk_checked(c, n, &bad);
		free(c);
		for (whole = 0; whole < (int)nitems(tree) &&
		    ends[whole] <= n; whole++)
			;
		HT_ASSERT_EQ(got, whole);
		HT_ASSERT_EQ(bad, 0);
	}
}

HT_TEST(random_corruption)
{
	static const char bytes[] = "0123456789abcdefABCDEF\0/.!xFF0";
	struct cpiow w;
	uint64_t seed = 0x9e3779b97f4a7c15ULL;
	uint8_t *c;
	size_t pos;
	int bad, iter, k, flips;

	make_tree(&w, "./");
	bad = 0;
	for (iter = 0; iter < 20000; iter++) {
		c = exact_copy(w.buf, w.len);
		flips = 1 + ht_random(&seed) % 4;
		for (k = 0; k < flips; k++) {
			pos = ht_random(&seed) % w.len;
			/* Plausible bytes get past the hex checks. */
			if (ht_random(&seed) % 2)
				c[pos] = bytes[ht_random(&seed) % (sizeof(bytes) -
				    1)];
			else
				c[pos] = (uint8_t)ht_random(&seed);
		}
		walk_checked(c, w.len, &bad);
		free(c);
		HT_ASSERT_EQ(bad, 0);
	}
}

/*
 * The real tool, when installed: pack a directory with the same shape as
 * the build's (including a hard link and a symbolic link) and read it.
 */
HT_TEST(real_cpio_tool)
{
	char dir[] = "/tmp/tagos-cpio-XXXXXX", cmd[512], path[256];
	const void *data;
	uint8_t *a;
	size_t size, len;
	uint32_t mode;
	FILE *f;
	int error;

	if (access("/usr/bin/cpio", X_OK) != 0 &&
	    access("/bin/cpio", X_OK) != 0)
		HT_SKIP("no cpio program on this host");
	HT_ASSERT(mkdtemp(dir) != NULL);
	snprintf(cmd, sizeof(cmd),
	    "cd %s && mkdir -p root/bin root/tests && "
	    "printf 'init!' > root/bin/init && printf 'shell' > root/bin/sh && "
	    "ln root/bin/sh root/bin/rsh && ln -s sh root/bin/lsh && "
	    "printf '' > root/tests/empty && "
	    "(cd root && find . | cpio -o -H newc --quiet) > archive",
	    dir);
	HT_ASSERT_EQ(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/archive", dir);
	f = fopen(path, "rb");
	HT_ASSERT(f != NULL);
	a = malloc(1 << 16);
	len = fread(a, 1, 1 << 16, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	HT_ASSERT_EQ(system(cmd), 0);

	error = cpio_lookup(a, len, "/bin/init", &data, &size, &mode);
	HT_ASSERT_EQ(error, 0);
	HT_ASSERT(size == 5 && memcmp(data, "init!", 5) == 0);
	HT_ASSERT_EQ(mode & CPIO_S_IFMT, CPIO_S_IFREG);
	HT_ASSERT_EQ(cpio_lookup(a, len, "bin/sh", &data, &size, &mode), 0);
	HT_ASSERT(size == 5 && memcmp(data, "shell", 5) == 0);
	HT_ASSERT_EQ(cpio_lookup(a, len, "bin/rsh", &data, &size, &mode), 0);
	HT_ASSERT(size == 5 && memcmp(data, "shell", 5) == 0);
	HT_ASSERT_EQ(cpio_lookup(a, len, "bin/lsh", &data, &size, &mode), 0);
	HT_ASSERT_EQ(mode & CPIO_S_IFMT, CPIO_S_IFLNK);
	HT_ASSERT(size == 2 && memcmp(data, "sh", 2) == 0);
	HT_ASSERT_EQ(cpio_lookup(a, len, "tests", &data, &size, &mode), 0);
	HT_ASSERT_EQ(mode & CPIO_S_IFMT, CPIO_S_IFDIR);
	HT_ASSERT_EQ(cpio_lookup(a, len, "tests/empty", &data, &size, &mode),
	    0);
	HT_ASSERT_EQ(size, 0);
	HT_ASSERT_EQ(cpio_lookup(a, len, "bin/none", &data, &size, &mode),
	    ENOENT);
	free(a);
}
