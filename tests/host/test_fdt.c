/*
 * Host tests for the device tree reader (sys/kern/subr_fdt.c).  The test
 * builds its own blobs with a small writer, shaped like the tree QEMU's
 * virt machine passes, checks every call against it, then truncates and
 * corrupts the blob in every position it can and walks the result under
 * ASan: a malformed blob must give errors, never an out-of-bounds read.
 * The tree QEMU really passes is parsed too, from build/virt.dtb, which
 * tools/run-tests.sh dumps from QEMU before the host tests run.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sys/param.h"
#include "sys/systm.h"
#include "sys/fdt.h"
#include "hosttest.h"

#define TOK_BEGIN_NODE	1
#define TOK_END_NODE	2
#define TOK_PROP	3
#define TOK_NOP		4
#define TOK_END		9

#define HDR_TOTALSIZE		1
#define HDR_OFF_STRUCT		2
#define HDR_OFF_STRINGS		3
#define HDR_OFF_RSVMAP		4
#define HDR_VERSION		5
#define HDR_LAST_COMP		6
#define HDR_SIZE_STRINGS	8
#define HDR_SIZE_STRUCT		9

/* A device tree being written: the three blocks, assembled by w_finish(). */
struct fdtw {
	uint8_t		st[8192];	/* structure block */
	size_t		st_len;
	char		str[2048];	/* strings block */
	size_t		str_len;
	uint64_t	rsv[8][2];	/* memory reservations */
	int		nrsv;
};

static void
put_be32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static uint32_t
get_be32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]);
}

static void
put_be64(uint8_t *p, uint64_t v)
{
	put_be32(p, v >> 32);
	put_be32(p + 4, (uint32_t)v);
}

/* Append a token word to the structure block. */
static void
w_u32(struct fdtw *w, uint32_t v)
{
	if (w->st_len + 4 > sizeof(w->st))
		abort();
	put_be32(w->st + w->st_len, v);
	w->st_len += 4;
}

/* Append bytes, then zero padding to the next 4-byte boundary. */
static void
w_bytes(struct fdtw *w, const void *p, size_t n)
{
	if (w->st_len + n + 3 > sizeof(w->st))
		abort();
	if (n > 0)
		memcpy(w->st + w->st_len, p, n);
	w->st_len += n;
	while (w->st_len % 4 != 0)
		w->st[w->st_len++] = 0;
}

/* The strings-block offset of name, adding it if new. */
static uint32_t
w_string(struct fdtw *w, const char *name)
{
	size_t off, n = strlen(name) + 1;

	for (off = 0; off < w->str_len; off += strlen(w->str + off) + 1) {
		if (strcmp(w->str + off, name) == 0)
			return (off);
	}
	if (w->str_len + n > sizeof(w->str))
		abort();
	memcpy(w->str + w->str_len, name, n);
	w->str_len += n;
	return (off);
}

static void
w_begin(struct fdtw *w, const char *name)
{
	w_u32(w, TOK_BEGIN_NODE);
	w_bytes(w, name, strlen(name) + 1);
}

static void
w_end(struct fdtw *w)
{
	w_u32(w, TOK_END_NODE);
}

static void
w_prop(struct fdtw *w, const char *name, const void *val, size_t len)
{
	w_u32(w, TOK_PROP);
	w_u32(w, len);
	w_u32(w, w_string(w, name));
	w_bytes(w, val, len);
}

static void
w_prop_str(struct fdtw *w, const char *name, const char *s)
{
	w_prop(w, name, s, strlen(s) + 1);
}

/* A property of n 32-bit cells. */
static void
w_prop_cells(struct fdtw *w, const char *name, int n, ...)
{
	uint8_t buf[64];
	va_list ap;
	int i;

	va_start(ap, n);
	for (i = 0; i < n; i++)
		put_be32(buf + 4 * i, va_arg(ap, uint32_t));
	va_end(ap);
	w_prop(w, name, buf, 4 * n);
}

/* A string-list literal, its embedded NULs included. */
#define W_PROP_STRS(w, name, lit)	w_prop((w), (name), (lit), sizeof(lit))

/*
 * Lay the blob out as dtc does (header, reservation map, structure block
 * ending in END, strings) in a malloc'd buffer of exactly its size.
 */
static uint8_t *
w_finish(struct fdtw *w, size_t *sizep)
{
	size_t rsv_off = 40, st_off, str_off, total;
	uint8_t *b;
	int i;

	w_u32(w, TOK_END);
	st_off = rsv_off + 16 * (w->nrsv + 1);
	str_off = st_off + w->st_len;
	total = str_off + w->str_len;
	if ((b = calloc(1, total)) == NULL)
		abort();
	put_be32(b, FDT_MAGIC);
	put_be32(b + 4 * HDR_TOTALSIZE, total);
	put_be32(b + 4 * HDR_OFF_STRUCT, st_off);
	put_be32(b + 4 * HDR_OFF_STRINGS, str_off);
	put_be32(b + 4 * HDR_OFF_RSVMAP, rsv_off);
	put_be32(b + 4 * HDR_VERSION, 17);
	put_be32(b + 4 * HDR_LAST_COMP, 16);
	put_be32(b + 4 * HDR_SIZE_STRINGS, w->str_len);
	put_be32(b + 4 * HDR_SIZE_STRUCT, w->st_len);
	for (i = 0; i < w->nrsv; i++) {
		put_be64(b + rsv_off + 16 * i, w->rsv[i][0]);
		put_be64(b + rsv_off + 16 * i + 8, w->rsv[i][1]);
	}
	memcpy(b + st_off, w->st, w->st_len);
	memcpy(b + str_off, w->str, w->str_len);
	*sizep = total;
	return (b);
}

/*
 * The test machine: QEMU virt's tree (qemu/hw/arm/virt.c), trimmed, plus
 * a second disabled UART, a bus with default cell counts, a node with
 * malformed cell counts, and NOP tokens.  Free the result.
 */
static uint8_t *
virt_blob(size_t *sizep)
{
	static struct fdtw w;
	char name[16];
	int i;

	memset(&w, 0, sizeof(w));
	w.rsv[0][0] = 0x48000000;
	w.rsv[0][1] = 0x100000;
	w.rsv[1][0] = 0x4f000000;
	w.rsv[1][1] = 0x1000;
	w.nrsv = 2;

	w_begin(&w, "");
	w_prop_cells(&w, "interrupt-parent", 1, 0x8002);
	w_prop_cells(&w, "#size-cells", 1, 2);
	w_prop_cells(&w, "#address-cells", 1, 2);
	w_prop_str(&w, "compatible", "linux,dummy-virt");

	w_begin(&w, "psci");
	w_prop_str(&w, "method", "hvc");
	W_PROP_STRS(&w, "compatible", "arm,psci-1.0\0arm,psci-0.2\0arm,psci");
	w_end(&w);

	w_begin(&w, "memory@40000000");
	w_prop_cells(&w, "reg", 4, 0, 0x40000000, 0, 0x20000000);
	w_u32(&w, TOK_NOP);
	w_prop_str(&w, "device_type", "memory");
	w_end(&w);
	w_u32(&w, TOK_NOP);

	w_begin(&w, "pl011@9000000");
	W_PROP_STRS(&w, "clock-names", "uartclk\0apb_pclk");
	w_prop_cells(&w, "interrupts", 3, 0, 1, 4);
	w_prop_cells(&w, "reg", 4, 0, 0x9000000, 0, 0x1000);
	w_prop_str(&w, "status", "okay");
	W_PROP_STRS(&w, "compatible", "arm,pl011\0arm,primecell");
	w_end(&w);

	w_begin(&w, "pl011@9040000");
	w_prop_cells(&w, "interrupts", 3, 0, 8, 4);
	w_prop_cells(&w, "reg", 4, 0, 0x9040000, 0, 0x1000);
	w_prop_str(&w, "status", "disabled");
	W_PROP_STRS(&w, "compatible", "arm,pl011\0arm,primecell");
	w_end(&w);

	w_begin(&w, "intc@8000000");
	w_prop_cells(&w, "phandle", 1, 0x8002);
	w_prop_cells(&w, "reg", 8, 0, 0x8000000, 0, 0x10000,
	    0, 0x8010000, 0, 0x10000);
	w_prop_str(&w, "compatible", "arm,cortex-a15-gic");
	w_prop(&w, "ranges", NULL, 0);
	w_prop_cells(&w, "#size-cells", 1, 2);
	w_prop_cells(&w, "#address-cells", 1, 2);
	w_prop(&w, "interrupt-controller", NULL, 0);
	w_prop_cells(&w, "#interrupt-cells", 1, 3);
	w_begin(&w, "v2m@8020000");
	w_prop(&w, "msi-controller", NULL, 0);
	w_prop_cells(&w, "reg", 4, 0, 0x8020000, 0, 0x1000);
	w_prop_str(&w, "compatible", "arm,gic-v2m-frame");
	w_end(&w);
	w_end(&w);

	w_begin(&w, "timer");
	w_prop_cells(&w, "interrupts", 12, 1, 13, 0x104, 1, 14, 0x104,
	    1, 11, 0x104, 1, 10, 0x104);
	w_prop(&w, "always-on", NULL, 0);
	W_PROP_STRS(&w, "compatible", "arm,armv8-timer\0arm,armv7-timer");
	w_end(&w);

	w_begin(&w, "cpus");
	w_prop_cells(&w, "#size-cells", 1, 0);
	w_prop_cells(&w, "#address-cells", 1, 1);
	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "cpu@%d", i);
		w_begin(&w, name);
		w_prop_cells(&w, "reg", 1, i);
		w_prop_str(&w, "enable-method", "psci");
		w_prop_str(&w, "compatible", "arm,cortex-a57");
		w_prop_str(&w, "device_type", "cpu");
		w_end(&w);
	}
	w_end(&w);

	w_begin(&w, "testbus");		/* no #cells: defaults 2 and 1 */
	w_begin(&w, "dev@1000");
	w_prop_cells(&w, "reg", 6, 0, 0x1000, 0x200, 0, 0x3000, 0x400);
	w_end(&w);
	w_end(&w);

	w_begin(&w, "weird");
	w_prop_cells(&w, "#address-cells", 2, 0, 1);	/* 8 bytes */
	w_prop_cells(&w, "#size-cells", 1, 7);		/* implausible */
	w_prop_cells(&w, "reg", 2, 1, 2);		/* not 2 + 2 cells */
	w_begin(&w, "child");
	w_prop_cells(&w, "reg", 4, 0, 1, 0, 2);
	w_end(&w);
	w_end(&w);

	w_begin(&w, "chosen");
	w_prop_str(&w, "bootargs", "console=ttyAMA0 mte=on");
	w_prop_cells(&w, "linux,initrd-start", 1, 0x48000000);
	w_prop_cells(&w, "linux,initrd-end", 2, 0x1, 0x48100000);
	w_prop_str(&w, "stdout-path", "/pl011@9000000");
	w_end(&w);

	w_end(&w);
	return (w_finish(&w, sizep));
}

/* Patch header word i of a blob. */
static void
set_header(uint8_t *blob, int i, uint32_t v)
{
	put_be32(blob + 4 * i, v);
}

HT_TEST(check_header)
{
	uint8_t *b;
	size_t size;

	b = virt_blob(&size);
	HT_ASSERT_EQ(fdt_check(b, size), 0);
	HT_ASSERT_EQ(fdt_check(b, size + 100), 0);
	HT_ASSERT_EQ(fdt_size(b), size);
	HT_ASSERT_EQ(fdt_check(b, size - 1), -1);
	HT_ASSERT_EQ(fdt_check(b, 39), -1);
	HT_ASSERT_EQ(fdt_check(b, 0), -1);
	free(b);
}

/* Each patch makes an otherwise valid blob's header unacceptable. */
HT_TEST(check_bad_headers)
{
	static const struct {
		int		field;
		uint32_t	value;
	} bad[] = {
		{ 0, 0xedfe0dd0 },		/* byte-swapped magic */
		{ HDR_VERSION, 15 },
		{ HDR_LAST_COMP, 18 },
		{ HDR_TOTALSIZE, 0 },
		{ HDR_TOTALSIZE, 39 },
		{ HDR_TOTALSIZE, 0xffffffff },
		{ HDR_OFF_STRUCT, 0 },		/* overlaps the header */
		{ HDR_OFF_STRUCT, 0x59 },		/* misaligned */
		{ HDR_OFF_STRUCT, 0xfffffffc },
		{ HDR_SIZE_STRUCT, 0xfffffffc },	/* would wrap */
		{ HDR_OFF_STRINGS, 0xfffffff0 },
		{ HDR_SIZE_STRINGS, 0x10000 },
		{ HDR_OFF_RSVMAP, 44 },			/* misaligned */
		{ HDR_OFF_RSVMAP, 0xfffffff8 },
	};
	uint8_t *b;
	size_t size, i;

	for (i = 0; i < nitems(bad); i++) {
		b = virt_blob(&size);
		set_header(b, bad[i].field, bad[i].value);
		if (fdt_check(b, size) != -1) {
			ht_fail(__FILE__, __LINE__, "header word %d = %#x "
			    "accepted", bad[i].field, bad[i].value);
			free(b);
			return;
		}
		/* Even unchecked, the readers refuse it. */
		HT_ASSERT_EQ(fdt_root(b), -1);
		HT_ASSERT_EQ(fdt_find_path(b, "/chosen"), -1);
		HT_ASSERT_EQ(fdt_num_mem_rsv(b), -1);
		free(b);
	}
}

/* A version 16 header has no size_dt_struct; the reader must cope. */
HT_TEST(version_16)
{
	uint8_t *b;
	size_t size;
	uint64_t v;

	b = virt_blob(&size);
	set_header(b, HDR_VERSION, 16);
	set_header(b, HDR_SIZE_STRUCT, 0xdeadbeef);	/* not a v16 field */
	HT_ASSERT_EQ(fdt_check(b, size), 0);
	HT_ASSERT_EQ(fdt_prop_u64(b, fdt_find_path(b, "/chosen"),
	    "linux,initrd-end", &v), 0);
	HT_ASSERT_EQ(v, 0x148100000ULL);
	free(b);
}

HT_TEST(mem_rsv)
{
	uint64_t addr, size;
	uint8_t *b;
	size_t bsize;

	b = virt_blob(&bsize);
	HT_ASSERT_EQ(fdt_num_mem_rsv(b), 2);
	HT_ASSERT_EQ(fdt_get_mem_rsv(b, 0, &addr, &size), 0);
	HT_ASSERT_EQ(addr, 0x48000000);
	HT_ASSERT_EQ(size, 0x100000);
	HT_ASSERT_EQ(fdt_get_mem_rsv(b, 1, &addr, &size), 0);
	HT_ASSERT_EQ(addr, 0x4f000000);
	HT_ASSERT_EQ(size, 0x1000);
	HT_ASSERT_EQ(fdt_get_mem_rsv(b, 2, &addr, &size), -1);
	HT_ASSERT_EQ(fdt_get_mem_rsv(b, -1, &addr, &size), -1);

	/* A map that runs to the end of the blob without its (0, 0). */
	set_header(b, HDR_OFF_RSVMAP, (bsize - 16) & ~7UL);
	memset(b + ((bsize - 16) & ~7UL), 0xff, bsize - ((bsize - 16) & ~7UL));
	HT_ASSERT_EQ(fdt_check(b, bsize), 0);
	HT_ASSERT_EQ(fdt_num_mem_rsv(b), -1);
	HT_ASSERT_EQ(fdt_get_mem_rsv(b, 0, &addr, &size), -1);
	free(b);
}

HT_TEST(find_path)
{
	uint8_t *b;
	size_t size;
	int root, cpus;

	b = virt_blob(&size);
	root = fdt_root(b);
	HT_ASSERT(root >= 0);
	HT_ASSERT_EQ(fdt_find_path(b, "/"), root);
	HT_ASSERT(strcmp(fdt_node_name(b, root), "") == 0);
	HT_ASSERT(strcmp(fdt_node_name(b, fdt_find_path(b, "/chosen")),
	    "chosen") == 0);
	HT_ASSERT(strcmp(fdt_node_name(b, fdt_find_path(b, "/cpus/cpu@2")),
	    "cpu@2") == 0);
	/* Without a unit address, the first node of that name matches. */
	HT_ASSERT(strcmp(fdt_node_name(b, fdt_find_path(b, "/memory")),
	    "memory@40000000") == 0);
	HT_ASSERT(strcmp(fdt_node_name(b, fdt_find_path(b, "/cpus/cpu")),
	    "cpu@0") == 0);
	HT_ASSERT(strcmp(fdt_node_name(b, fdt_find_path(b, "/pl011")),
	    "pl011@9000000") == 0);
	HT_ASSERT(strcmp(fdt_node_name(b, fdt_find_path(b,
	    "/pl011@9040000")), "pl011@9040000") == 0);
	HT_ASSERT(strcmp(fdt_node_name(b, fdt_find_path(b,
	    "/intc@8000000/v2m@8020000")), "v2m@8020000") == 0);
	cpus = fdt_find_path(b, "/cpus");
	HT_ASSERT(cpus >= 0);
	HT_ASSERT_EQ(fdt_find_path(b, "//cpus/"), cpus);
	HT_ASSERT_EQ(fdt_find_path(b, "/cpus//cpu@1/"),
	    fdt_find_path(b, "/cpus/cpu@1"));

	HT_ASSERT_EQ(fdt_find_path(b, "chosen"), -1);	/* not absolute */
	HT_ASSERT_EQ(fdt_find_path(b, ""), -1);
	HT_ASSERT_EQ(fdt_find_path(b, "/nonexistent"), -1);
	HT_ASSERT_EQ(fdt_find_path(b, "/cpus/cpu@4"), -1);
	HT_ASSERT_EQ(fdt_find_path(b, "/cpu"), -1);	/* not "cpus" */
	HT_ASSERT_EQ(fdt_find_path(b, "/chose"), -1);
	HT_ASSERT_EQ(fdt_find_path(b, "/chosen/bootargs"), -1);
	HT_ASSERT_EQ(fdt_find_path(b, "/memory@4"), -1);
	HT_ASSERT_EQ(fdt_find_path(b, "/cpu@0"), -1);	/* not a root child */
	free(b);
}

HT_TEST(children_and_parents)
{
	static const char *const top[] = { "psci", "memory@40000000",
	    "pl011@9000000", "pl011@9040000", "intc@8000000", "timer",
	    "cpus", "testbus", "weird", "chosen" };
	uint8_t *b;
	size_t size, i;
	int root, n, cpus, prev;

	b = virt_blob(&size);
	root = fdt_root(b);
	for (i = 0, n = fdt_first_child(b, root); n >= 0;
	    i++, n = fdt_next_sibling(b, n)) {
		HT_ASSERT(i < nitems(top));
		HT_ASSERT(strcmp(fdt_node_name(b, n), top[i]) == 0);
		HT_ASSERT_EQ(fdt_parent(b, n), root);
	}
	HT_ASSERT_EQ(i, nitems(top));
	HT_ASSERT_EQ(fdt_next_sibling(b, root), -1);
	HT_ASSERT_EQ(fdt_parent(b, root), -1);
	HT_ASSERT_EQ(fdt_first_child(b, fdt_find_path(b, "/psci")), -1);
	HT_ASSERT_EQ(fdt_next_sibling(b, fdt_find_path(b, "/chosen")), -1);
	HT_ASSERT_EQ(fdt_next_sibling(b,
	    fdt_find_path(b, "/intc@8000000/v2m@8020000")), -1);
	HT_ASSERT_EQ(fdt_parent(b,
	    fdt_find_path(b, "/intc@8000000/v2m@8020000")),
	    fdt_find_path(b, "/intc@8000000"));

	/* The four CPUs, as the kernel's SMP start-up walks them. */
	cpus = fdt_find_path(b, "/cpus");
	prev = cpus;
	for (i = 0, n = fdt_first_child(b, cpus); n >= 0;
	    i++, n = fdt_next_sibling(b, n)) {
		uint64_t addr, sz;
		uint32_t reg;

		HT_ASSERT(n > prev);
		prev = n;
		HT_ASSERT_EQ(fdt_parent(b, n), cpus);
		HT_ASSERT_EQ(fdt_prop_u32(b, n, "reg", &reg), 0);
		HT_ASSERT_EQ(reg, i);
		HT_ASSERT_EQ(fdt_get_reg(b, n, 0, &addr, &sz), 0);
		HT_ASSERT_EQ(addr, i);
		HT_ASSERT_EQ(sz, 0);
		HT_ASSERT_EQ(fdt_get_reg(b, n, 1, &addr, &sz), -1);
		HT_ASSERT(strcmp(fdt_prop_string(b, n, "enable-method"),
		    "psci") == 0);
	}
	HT_ASSERT_EQ(i, 4);

	/* Offsets that are not nodes. */
	HT_ASSERT(fdt_node_name(b, root + 4) == NULL);
	HT_ASSERT(fdt_node_name(b, -1) == NULL);
	HT_ASSERT(fdt_node_name(b, 2) == NULL);
	HT_ASSERT(fdt_node_name(b, INT_MAX) == NULL);
	HT_ASSERT_EQ(fdt_first_child(b, -1), -1);
	HT_ASSERT_EQ(fdt_next_sibling(b, 1), -1);
	HT_ASSERT_EQ(fdt_parent(b, root + 4), -1);
	HT_ASSERT_EQ(fdt_parent(b, INT_MAX), -1);
	free(b);
}

HT_TEST(properties)
{
	const uint8_t *p;
	uint8_t *b;
	size_t size;
	uint64_t v64;
	uint32_t v32;
	int chosen, timer, len;

	b = virt_blob(&size);
	chosen = fdt_find_path(b, "/chosen");
	timer = fdt_find_path(b, "/timer");
	HT_ASSERT(strcmp(fdt_prop_string(b, chosen, "bootargs"),
	    "console=ttyAMA0 mte=on") == 0);
	p = fdt_getprop(b, chosen, "bootargs", &len);
	HT_ASSERT(p != NULL);
	HT_ASSERT_EQ(len, strlen("console=ttyAMA0 mte=on") + 1);
	HT_ASSERT(fdt_getprop(b, chosen, "bootarg", &len) == NULL);
	HT_ASSERT(fdt_getprop(b, chosen, "bootargsx", NULL) == NULL);
	HT_ASSERT(fdt_getprop(b, chosen, "bootargs", NULL) == p);
	/* Properties of a node's children are not the node's. */
	HT_ASSERT(fdt_getprop(b, fdt_find_path(b, "/intc"), "msi-controller",
	    NULL) == NULL);
	HT_ASSERT(fdt_getprop(b, fdt_root(b), "bootargs", NULL) == NULL);

	/* initrd bounds come as one cell or two. */
	HT_ASSERT_EQ(fdt_prop_u64(b, chosen, "linux,initrd-start", &v64), 0);
	HT_ASSERT_EQ(v64, 0x48000000);
	HT_ASSERT_EQ(fdt_prop_u64(b, chosen, "linux,initrd-end", &v64), 0);
	HT_ASSERT_EQ(v64, 0x148100000ULL);
	HT_ASSERT_EQ(fdt_prop_u32(b, chosen, "linux,initrd-start", &v32), 0);
	HT_ASSERT_EQ(v32, 0x48000000);
	HT_ASSERT_EQ(fdt_prop_u32(b, chosen, "linux,initrd-end", &v32), -1);
	HT_ASSERT_EQ(fdt_prop_u32(b, chosen, "missing", &v32), -1);
	HT_ASSERT_EQ(fdt_prop_u64(b, chosen, "bootargs", &v64), -1);
	HT_ASSERT_EQ(fdt_prop_u64(b, fdt_find_path(b, "/memory"), "reg",
	    &v64), -1);

	/* The timer's PPIs: <type number flags> x 4. */
	HT_ASSERT_EQ(fdt_prop_cell(b, timer, "interrupts", 4, &v32), 0);
	HT_ASSERT_EQ(v32, 14);
	HT_ASSERT_EQ(fdt_prop_cell(b, timer, "interrupts", 11, &v32), 0);
	HT_ASSERT_EQ(v32, 0x104);
	HT_ASSERT_EQ(fdt_prop_cell(b, timer, "interrupts", 12, &v32), -1);
	HT_ASSERT_EQ(fdt_prop_cell(b, timer, "interrupts", -1, &v32), -1);
	HT_ASSERT_EQ(fdt_prop_cell(b, timer, "missing", 0, &v32), -1);

	/* Empty and non-string properties. */
	p = fdt_getprop(b, timer, "always-on", &len);
	HT_ASSERT(p != NULL);
	HT_ASSERT_EQ(len, 0);
	HT_ASSERT(fdt_prop_string(b, timer, "always-on") == NULL);
	HT_ASSERT(fdt_prop_string(b, timer, "interrupts") == NULL);
	HT_ASSERT(strcmp(fdt_prop_string(b, timer, "compatible"),
	    "arm,armv8-timer") == 0);

	p = fdt_getprop(b, fdt_find_path(b, "/intc"), "reg", &len);
	HT_ASSERT_EQ(len, 32);
	HT_ASSERT_EQ(fdt_read_cells(p, 2), 0x8000000);
	HT_ASSERT_EQ(fdt_read_cells(p + 4, 1), 0x8000000);
	/* Of more than two cells, the low 64 bits. */
	HT_ASSERT_EQ(fdt_read_cells(p + 8, 3), 0x1000000000000ULL);
	HT_ASSERT_EQ(fdt_read_cells(p, 0), 0);
	free(b);
}

HT_TEST(cells_and_reg)
{
	uint64_t addr, size;
	uint8_t *b;
	size_t bsize;
	int root, node;

	b = virt_blob(&bsize);
	root = fdt_root(b);
	HT_ASSERT_EQ(fdt_address_cells(b, root), 2);
	HT_ASSERT_EQ(fdt_size_cells(b, root), 2);
	HT_ASSERT_EQ(fdt_address_cells(b, fdt_find_path(b, "/cpus")), 1);
	HT_ASSERT_EQ(fdt_size_cells(b, fdt_find_path(b, "/cpus")), 0);
	HT_ASSERT_EQ(fdt_address_cells(b, fdt_find_path(b, "/testbus")), 2);
	HT_ASSERT_EQ(fdt_size_cells(b, fdt_find_path(b, "/testbus")), 1);
	HT_ASSERT_EQ(fdt_address_cells(b, fdt_find_path(b, "/weird")), -1);
	HT_ASSERT_EQ(fdt_size_cells(b, fdt_find_path(b, "/weird")), -1);
	HT_ASSERT_EQ(fdt_address_cells(b, root + 4), -1);
	HT_ASSERT_EQ(fdt_size_cells(b, -1), -1);

	node = fdt_find_path(b, "/memory");
	HT_ASSERT_EQ(fdt_get_reg(b, node, 0, &addr, &size), 0);
	HT_ASSERT_EQ(addr, 0x40000000);
	HT_ASSERT_EQ(size, 0x20000000);
	HT_ASSERT_EQ(fdt_get_reg(b, node, 1, &addr, &size), -1);

	/* GICv2: distributor, then CPU interface. */
	node = fdt_find_path(b, "/intc");
	HT_ASSERT_EQ(fdt_get_reg(b, node, 0, &addr, &size), 0);
	HT_ASSERT_EQ(addr, 0x8000000);
	HT_ASSERT_EQ(size, 0x10000);
	HT_ASSERT_EQ(fdt_get_reg(b, node, 1, &addr, &size), 0);
	HT_ASSERT_EQ(addr, 0x8010000);
	HT_ASSERT_EQ(size, 0x10000);
	HT_ASSERT_EQ(fdt_get_reg(b, node, 2, &addr, &size), -1);
	HT_ASSERT_EQ(fdt_get_reg(b, node, -1, &addr, &size), -1);

	/* The parent's cell counts apply, defaults included. */
	node = fdt_find_path(b, "/testbus/dev");
	HT_ASSERT_EQ(fdt_get_reg(b, node, 1, &addr, &size), 0);
	HT_ASSERT_EQ(addr, 0x3000);
	HT_ASSERT_EQ(size, 0x400);
	HT_ASSERT_EQ(fdt_get_reg(b, fdt_find_path(b, "/weird/child"), 0,
	    &addr, &size), -1);
	/* The root's cells are 2 + 2, and /weird's reg is too short. */
	HT_ASSERT_EQ(fdt_get_reg(b, fdt_find_path(b, "/weird"), 0, &addr,
	    &size), -1);
	HT_ASSERT_EQ(fdt_get_reg(b, root, 0, &addr, &size), -1);
	HT_ASSERT_EQ(fdt_get_reg(b, fdt_find_path(b, "/timer"), 0, &addr,
	    &size), -1);
	free(b);
}

HT_TEST(compatible_and_status)
{
	uint8_t *b;
	size_t size;
	int uart0, uart1, n, count;

	b = virt_blob(&size);
	uart0 = fdt_find_compatible(b, -1, "arm,pl011");
	HT_ASSERT(uart0 >= 0);
	HT_ASSERT(strcmp(fdt_node_name(b, uart0), "pl011@9000000") == 0);
	uart1 = fdt_find_compatible(b, uart0, "arm,pl011");
	HT_ASSERT(strcmp(fdt_node_name(b, uart1), "pl011@9040000") == 0);
	HT_ASSERT_EQ(fdt_find_compatible(b, uart1, "arm,pl011"), -1);
	HT_ASSERT_EQ(fdt_find_compatible(b, -1, "arm,primecell"), uart0);
	HT_ASSERT(fdt_node_status_okay(b, uart0));
	HT_ASSERT(!fdt_node_status_okay(b, uart1));
	HT_ASSERT(fdt_node_status_okay(b, fdt_find_path(b, "/timer")));
	HT_ASSERT(!fdt_node_status_okay(b, -1));

	HT_ASSERT(fdt_is_compatible(b, uart0, "arm,pl011"));
	HT_ASSERT(fdt_is_compatible(b, uart0, "arm,primecell"));
	HT_ASSERT(!fdt_is_compatible(b, uart0, "arm,pl01"));
	HT_ASSERT(!fdt_is_compatible(b, uart0, "arm,pl0111"));
	HT_ASSERT(!fdt_is_compatible(b, uart0, ""));
	HT_ASSERT(!fdt_is_compatible(b, fdt_find_path(b, "/chosen"), "x"));

	HT_ASSERT_EQ(fdt_find_compatible(b, -1, "linux,dummy-virt"),
	    fdt_root(b));
	n = fdt_find_compatible(b, -1, "arm,cortex-a15-gic");
	HT_ASSERT_EQ(n, fdt_find_path(b, "/intc@8000000"));
	HT_ASSERT_EQ(fdt_find_compatible(b, -1, "arm,gic-v3"), -1);
	/* Searching after a node with children goes into them. */
	HT_ASSERT_EQ(fdt_find_compatible(b, n, "arm,gic-v2m-frame"),
	    fdt_find_path(b, "/intc/v2m"));
	HT_ASSERT(fdt_is_compatible(b, fdt_find_path(b, "/timer"),
	    "arm,armv7-timer"));
	HT_ASSERT(fdt_is_compatible(b, fdt_find_path(b, "/psci"),
	    "arm,psci-0.2"));
	HT_ASSERT(strcmp(fdt_prop_string(b, fdt_find_path(b, "/psci"),
	    "method"), "hvc") == 0);
	for (n = fdt_find_compatible(b, -1, "arm,cortex-a57"), count = 0;
	    n >= 0; n = fdt_find_compatible(b, n, "arm,cortex-a57"))
		count++;
	HT_ASSERT_EQ(count, 4);
	HT_ASSERT_EQ(fdt_find_compatible(b, 3, "arm,pl011"), -1);
	free(b);
}

/* Touch every byte of a property value, so ASan checks it is in bounds. */
static unsigned
touch(const void *p, int len)
{
	const unsigned char *c = p;
	unsigned sum = 0;
	int i;

	for (i = 0; p != NULL && i < len; i++)
		sum += c[i];
	return (sum);
}

static const char *const prop_names[] = { "reg", "compatible", "status",
    "#address-cells", "bootargs", "linux,initrd-end", "always-on",
    "missing" };

/*
 * Call every reader on node and its subtree.  Returns 0 if an invariant
 * the API promises even for bad blobs fails (children and siblings lie
 * after their node, so walks end); memory errors are ASan's to report.
 */
static int
walk(const uint8_t *b, int node, int depth)
{
	uint64_t a, s;
	uint32_t v;
	const void *p;
	size_t i;
	int child, len;

	if (depth > 100)
		return (0);
	if (fdt_node_name(b, node) != NULL)
		touch(fdt_node_name(b, node), strlen(fdt_node_name(b, node)));
	for (i = 0; i < nitems(prop_names); i++) {
		len = 0;
		p = fdt_getprop(b, node, prop_names[i], &len);
		if (p != NULL && len < 0)
			return (0);
		touch(p, len);
		if (fdt_prop_string(b, node, prop_names[i]) != NULL)
			(void)strlen(fdt_prop_string(b, node, prop_names[i]));
		(void)fdt_prop_u32(b, node, prop_names[i], &v);
		(void)fdt_prop_u64(b, node, prop_names[i], &a);
		(void)fdt_prop_cell(b, node, prop_names[i], 2, &v);
	}
	(void)fdt_address_cells(b, node);
	(void)fdt_size_cells(b, node);
	for (i = 0; i < 3; i++)
		(void)fdt_get_reg(b, node, i, &a, &s);
	(void)fdt_is_compatible(b, node, "arm,pl011");
	(void)fdt_is_compatible(b, node, "arm,primecell");
	(void)fdt_node_status_okay(b, node);
	(void)fdt_parent(b, node);
	for (child = fdt_first_child(b, node); child >= 0;
	    child = fdt_next_sibling(b, child)) {
		if (child <= node || !walk(b, child, depth + 1))
			return (0);
		node = child;
	}
	return (1);
}

/* fdt_check() the blob and, if it passes, run every reader over it. */
static int
exercise(const uint8_t *b, size_t len)
{
	static const char *const paths[] = { "/", "/chosen", "/cpus/cpu@1",
	    "/memory", "/intc/v2m", "/weird/child", "/nonexistent" };
	static const int bogus[] = { -8, -1, 0, 1, 2, 3, 4, 8, 12, 0x1000,
	    INT_MAX };
	uint64_t a, s;
	size_t i;
	int n, prev;

	if (fdt_check(b, len) != 0)
		return (1);
	if (fdt_size(b) > len)
		return (0);
	for (i = 0; (int)i <= fdt_num_mem_rsv(b) + 1; i++)
		(void)fdt_get_mem_rsv(b, i, &a, &s);
	if (fdt_root(b) >= 0 && !walk(b, fdt_root(b), 0))
		return (0);
	for (i = 0; i < nitems(paths); i++) {
		n = fdt_find_path(b, paths[i]);
		if (n >= 0 && fdt_node_name(b, n) == NULL)
			return (0);
	}
	for (prev = -1; (n = fdt_find_compatible(b, prev, "arm,pl011")) >= 0;
	    prev = n) {
		if (n <= prev)
			return (0);
	}
	for (i = 0; i < nitems(bogus); i++) {
		if (!walk(b, bogus[i], 0))
			return (0);
		(void)fdt_find_compatible(b, bogus[i], "arm,pl011");
	}
	return (1);
}

/*
 * Truncate the blob at every length: a copy of the first len bytes must
 * fail fdt_check(), and one whose header is edited to claim exactly len
 * bytes (blocks clipped to fit, so a cut name or value ends the blob)
 * must be read safely.
 */
HT_TEST(truncated_blobs)
{
	uint8_t *b, *t;
	size_t size, len, st_off, str_off;

	b = virt_blob(&size);
	HT_ASSERT(exercise(b, size));
	st_off = get_be32(b + 4 * HDR_OFF_STRUCT);
	str_off = get_be32(b + 4 * HDR_OFF_STRINGS);
	for (len = 0; len < size; len++) {
		t = malloc(len > 0 ? len : 1);
		memcpy(t, b, len);
		HT_ASSERT_EQ(fdt_check(t, len), -1);
		if (len >= 40) {
			set_header(t, HDR_TOTALSIZE, len);
			if (len > st_off)
				set_header(t, HDR_SIZE_STRUCT, MIN(len - st_off,
				    get_be32(b + 4 * HDR_SIZE_STRUCT)));
			if (len > str_off)
				set_header(t, HDR_SIZE_STRINGS, len - str_off);
			else {
				/* Keep the cut structure block readable. */
				set_header(t, HDR_OFF_STRINGS, len);
				set_header(t, HDR_SIZE_STRINGS, 0);
			}
			if (!exercise(t, len)) {
				ht_fail(__FILE__, __LINE__, "truncated to %zu",
				    len);
				free(t);
				free(b);
				return;
			}
		}
		free(t);
	}
	free(b);
}

/*
 * Overwrite each byte with several values, and each aligned word of the
 * structure block with each token and some hostile lengths, and read the
 * result.
 */
HT_TEST(corrupted_blobs)
{
	/* Token values are covered word by word below. */
	static const uint8_t bytes[] = { 0x00, 0x80, 0xff };
	static const uint32_t words[] = { 0, TOK_BEGIN_NODE, TOK_END_NODE,
	    TOK_PROP, TOK_NOP, TOK_END, 5, 0x7ffffffc, 0xfffffff8,
	    0xffffffff, 0x100 };
	uint8_t *b, *t;
	size_t size, off, i, st_off, st_end;

	b = virt_blob(&size);
	t = malloc(size);
	for (off = 0; off < size; off++) {
		for (i = 0; i < nitems(bytes); i++) {
			memcpy(t, b, size);
			t[off] = bytes[i];
			ht_checks++;
			if (!exercise(t, size)) {
				ht_fail(__FILE__, __LINE__, "byte %zu = %#x",
				    off, bytes[i]);
				goto out;
			}
		}
	}
	st_off = get_be32(b + 4 * HDR_OFF_STRUCT);
	st_end = st_off + get_be32(b + 4 * HDR_SIZE_STRUCT);
	for (off = st_off; off < st_end; off += 4) {
		for (i = 0; i < nitems(words); i++) {
			memcpy(t, b, size);
			put_be32(t + off, words[i]);
			ht_checks++;
			if (!exercise(t, size)) {
				ht_fail(__FILE__, __LINE__, "word at %zu = %#x",
				    off, words[i]);
				goto out;
			}
		}
	}
out:
	free(t);
	free(b);
}

/* Pathological shapes: deep nesting, an empty tree, no root node. */
HT_TEST(odd_trees)
{
	static struct fdtw w;
	uint8_t *b;
	size_t size;
	int i, n;

	memset(&w, 0, sizeof(w));
	w_begin(&w, "");
	for (i = 0; i < FDT_MAX_DEPTH + 4; i++)
		w_begin(&w, "n");
	for (i = 0; i < FDT_MAX_DEPTH + 4; i++)
		w_end(&w);
	w_end(&w);
	b = w_finish(&w, &size);
	HT_ASSERT_EQ(fdt_check(b, size), 0);
	HT_ASSERT(exercise(b, size));
	n = fdt_find_path(b, "/n/n/n");
	HT_ASSERT_EQ(fdt_parent(b, n), fdt_find_path(b, "/n/n"));
	for (n = fdt_root(b), i = 0; fdt_first_child(b, n) >= 0; i++)
		n = fdt_first_child(b, n);
	HT_ASSERT_EQ(i, FDT_MAX_DEPTH + 4);
	HT_ASSERT_EQ(fdt_parent(b, n), -1);	/* deeper than it tracks */
	free(b);

	/* Only NOPs and END: no root. */
	memset(&w, 0, sizeof(w));
	w_u32(&w, TOK_NOP);
	b = w_finish(&w, &size);
	HT_ASSERT_EQ(fdt_check(b, size), 0);
	HT_ASSERT_EQ(fdt_root(b), -1);
	HT_ASSERT_EQ(fdt_find_path(b, "/"), -1);
	HT_ASSERT_EQ(fdt_find_compatible(b, -1, "x"), -1);
	HT_ASSERT(exercise(b, size));
	free(b);

	/* A root left open: walks stop at the end of the block. */
	memset(&w, 0, sizeof(w));
	w_begin(&w, "");
	w_begin(&w, "a");
	w_prop_str(&w, "compatible", "x");
	b = w_finish(&w, &size);
	HT_ASSERT_EQ(fdt_num_mem_rsv(b), 0);
	HT_ASSERT(exercise(b, size));
	HT_ASSERT(fdt_find_path(b, "/a") >= 0);
	HT_ASSERT_EQ(fdt_next_sibling(b, fdt_find_path(b, "/a")), -1);
	HT_ASSERT_EQ(fdt_find_compatible(b, -1, "x"), fdt_find_path(b, "/a"));
	free(b);
}

/*
 * The tree QEMU really passes, dumped to build/virt.dtb by
 * tools/run-tests.sh:
 *	qemu-system-aarch64 -M virt,mte=on,dumpdtb=build/virt.dtb -cpu max \
 *	    -smp 4 -m 512M -nographic -nic none
 * Skipped, saying so, if that file is missing (the test binary was run by
 * hand without it).
 */
HT_TEST(real_qemu_dtb)
{
	uint64_t addr, size;
	uint32_t v;
	uint8_t *b;
	FILE *f;
	long len;
	int n, ncpu;

	if ((f = fopen("build/virt.dtb", "rb")) == NULL)
		HT_SKIP("no build/virt.dtb (tools/run-tests.sh dumps it "
		    "from QEMU)");
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	b = malloc(len);
	HT_ASSERT(b != NULL && fread(b, 1, len, f) == (size_t)len);
	fclose(f);

	HT_ASSERT_EQ(fdt_check(b, len), 0);
	HT_ASSERT(fdt_size(b) <= (size_t)len);
	HT_ASSERT(fdt_num_mem_rsv(b) >= 0);
	HT_ASSERT(exercise(b, len));

	n = fdt_find_path(b, "/memory");
	HT_ASSERT_EQ(fdt_get_reg(b, n, 0, &addr, &size), 0);
	HT_ASSERT_EQ(addr, 0x40000000);
	HT_ASSERT(size >= 0x8000000);

	ncpu = 0;
	for (n = fdt_first_child(b, fdt_find_path(b, "/cpus")); n >= 0;
	    n = fdt_next_sibling(b, n)) {
		const char *type = fdt_prop_string(b, n, "device_type");

		if (type == NULL || strcmp(type, "cpu") != 0)
			continue;	/* cpu-map */
		HT_ASSERT_EQ(fdt_get_reg(b, n, 0, &addr, &size), 0);
		HT_ASSERT_EQ(addr, ncpu);
		HT_ASSERT(strcmp(fdt_prop_string(b, n, "enable-method"),
		    "psci") == 0);
		ncpu++;
	}
	HT_ASSERT(ncpu >= 1);
	HT_ASSERT(fdt_prop_string(b, fdt_find_path(b, "/psci"), "method") !=
	    NULL);

	n = fdt_find_compatible(b, -1, "arm,pl011");
	HT_ASSERT_EQ(fdt_get_reg(b, n, 0, &addr, &size), 0);
	HT_ASSERT_EQ(addr, 0x9000000);
	HT_ASSERT_EQ(fdt_prop_cell(b, n, "interrupts", 1, &v), 0);
	HT_ASSERT_EQ(v, 1);

	n = fdt_find_compatible(b, -1, "arm,cortex-a15-gic");
	if (n < 0)
		n = fdt_find_compatible(b, -1, "arm,gic-v3");
	HT_ASSERT_EQ(fdt_get_reg(b, n, 0, &addr, &size), 0);
	HT_ASSERT_EQ(addr, 0x8000000);

	n = fdt_find_compatible(b, -1, "arm,armv8-timer");
	HT_ASSERT(fdt_getprop(b, n, "interrupts", NULL) != NULL);
	HT_ASSERT_EQ(fdt_prop_cell(b, n, "interrupts", 4, &v), 0);
	HT_ASSERT_EQ(v, 14);			/* non-secure EL1 PPI */
	HT_ASSERT(fdt_find_path(b, "/chosen") >= 0);
	free(b);
}
