/*
 * Flattened device tree reader (Devicetree Specification v0.4, chapter 5).
 * A blob is, with every integer big-endian:
 *
 *	header		32-bit magic, totalsize, off_dt_struct,
 *			off_dt_strings, off_mem_rsvmap, version,
 *			last_comp_version, boot_cpuid_phys,
 *			size_dt_strings, size_dt_struct (v17 only)
 *	reservations	(address, size) 64-bit pairs up to (0, 0)
 *	structure	a token stream, each token 4-byte aligned:
 *			BEGIN_NODE name NUL [pad]
 *			PROP len nameoff value[len] [pad]
 *			END_NODE, NOP, END
 *	strings		property names, each NUL-terminated
 *
 * The blob comes from outside the kernel, so nothing in it is trusted:
 * fdt_layout() checks the header's offsets and sizes against totalsize and
 * fdt_next_tag() checks that a token lies wholly inside the structure
 * block before anything in it is read.  Everything else reads through
 * those two.
 */
#include "sys/param.h"
#include "sys/systm.h"
#include "sys/fdt.h"

#define FDT_BEGIN_NODE		1
#define FDT_END_NODE		2
#define FDT_PROP		3
#define FDT_NOP			4
#define FDT_END			9

#define FDT_V16_HEADER_SIZE	36	/* without size_dt_struct */
#define FDT_V17_HEADER_SIZE	40
#define FDT_LAST_VERSION	17	/* newest format this reader knows */
#define FDT_MAX_TOTALSIZE	(1U << 30) /* keeps offsets well inside int */
#define FDT_MAX_CELLS		4	/* bound on a plausible #*-cells */
#define FDT_RSV_ENTRY_SIZE	16

/* Header fields, as indexes of 32-bit words. */
enum {
	FDT_H_MAGIC, FDT_H_TOTALSIZE, FDT_H_OFF_STRUCT, FDT_H_OFF_STRINGS,
	FDT_H_OFF_RSVMAP, FDT_H_VERSION, FDT_H_LAST_COMP_VERSION,
	FDT_H_BOOT_CPUID, FDT_H_SIZE_STRINGS, FDT_H_SIZE_STRUCT
};

/* Where the parts of a blob are, after fdt_layout() checked them. */
struct fdt_layout {
	const uint8_t	*base;		/* the blob */
	uint32_t	total;		/* totalsize */
	uint32_t	rsv_off;	/* memory reservation map */
	const uint8_t	*st;		/* structure block */
	uint32_t	st_size;
	const char	*str;		/* strings block */
	uint32_t	str_size;
};

/* A big-endian 32-bit value at p, which need not be aligned. */
static uint32_t
fdt_be32(const void *p)
{
	const uint8_t *b = p;

	return ((uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | b[3]);
}

/* A big-endian 64-bit value at p. */
static uint64_t
fdt_be64(const void *p)
{
	const uint8_t *b = p;

	return ((uint64_t)fdt_be32(b) << 32 | fdt_be32(b + 4));
}

/* The length of s, or max if no NUL lies in its first max bytes. */
static size_t
fdt_strnlen(const char *s, size_t max)
{
	size_t n;

	for (n = 0; n < max && s[n] != '\0'; n++)
		;
	return (n);
}

/* One 32-bit word of the header. */
static uint32_t
fdt_header(const void *blob, int field)
{
	return (fdt_be32((const uint8_t *)blob + 4 * field));
}

/*
 * Fill *l from the header of blob.  Returns 0 if the header is one this
 * reader understands and every block it names lies inside totalsize, else
 * -1.  Reads only the header.
 */
static int
fdt_layout(const void *blob, struct fdt_layout *l)
{
	uint32_t version, hdrsize, st_off, str_off;

	if (fdt_header(blob, FDT_H_MAGIC) != FDT_MAGIC)
		return (-1);
	version = fdt_header(blob, FDT_H_VERSION);
	if (version < 16 ||
	    fdt_header(blob, FDT_H_LAST_COMP_VERSION) > FDT_LAST_VERSION)
		return (-1);
	hdrsize = version >= 17 ? FDT_V17_HEADER_SIZE : FDT_V16_HEADER_SIZE;

	l->base = blob;
	l->total = fdt_header(blob, FDT_H_TOTALSIZE);
	if (l->total < hdrsize || l->total > FDT_MAX_TOTALSIZE)
		return (-1);

	l->rsv_off = fdt_header(blob, FDT_H_OFF_RSVMAP);
	if (l->rsv_off < hdrsize || l->rsv_off % 8 != 0 ||
	    (uint64_t)l->rsv_off + FDT_RSV_ENTRY_SIZE > l->total)
		return (-1);

	st_off = fdt_header(blob, FDT_H_OFF_STRUCT);
	if (st_off < hdrsize || st_off % 4 != 0 || st_off > l->total)
		return (-1);
	/* v16 has no size_dt_struct: the block may run to the end. */
	l->st_size = version >= 17 ? fdt_header(blob, FDT_H_SIZE_STRUCT) :
	    l->total - st_off;
	if ((uint64_t)st_off + l->st_size > l->total)
		return (-1);
	l->st = l->base + st_off;

	str_off = fdt_header(blob, FDT_H_OFF_STRINGS);
	l->str_size = fdt_header(blob, FDT_H_SIZE_STRINGS);
	if (str_off < hdrsize || (uint64_t)str_off + l->str_size > l->total)
		return (-1);
	l->str = (const char *)l->base + str_off;
	return (0);
}

/*
 * Returns 0 if blob starts with a device tree header this reader accepts
 * (magic, version >= 16, compatible with v17) whose blocks all lie within
 * its totalsize, and totalsize <= maxlen; else -1.  Reads at most maxlen
 * bytes.  The structure block is checked as it is walked, not here.
 */
int
fdt_check(const void *blob, size_t maxlen)
{
	struct fdt_layout l;

	/* Too short for a header; any real blob is longer anyway. */
	if (maxlen < FDT_V17_HEADER_SIZE)
		return (-1);
	if (fdt_layout(blob, &l) != 0 || l.total > maxlen)
		return (-1);
	return (0);
}

/* The blob's totalsize, from a header fdt_check() accepted. */
size_t
fdt_size(const void *blob)
{
	return (fdt_header(blob, FDT_H_TOTALSIZE));
}

/*
 * Read entry i of the memory reservation map.  Returns 0, or -1 if the
 * entry would lie outside the blob.
 */
static int
fdt_rsv_entry(const struct fdt_layout *l, int i, uint64_t *addr,
    uint64_t *size)
{
	uint64_t off;

	off = l->rsv_off + (uint64_t)i * FDT_RSV_ENTRY_SIZE;
	if (off + FDT_RSV_ENTRY_SIZE > l->total)
		return (-1);
	*addr = fdt_be64(l->base + off);
	*size = fdt_be64(l->base + off + 8);
	return (0);
}

/*
 * The number of memory reservations (ranges the kernel must not use), or
 * -1 if the map has no terminating (0, 0) entry inside the blob.
 */
int
fdt_num_mem_rsv(const void *blob)
{
	struct fdt_layout l;
	uint64_t addr, size;
	int i;

	if (fdt_layout(blob, &l) != 0)
		return (-1);
	for (i = 0;; i++) {
		if (fdt_rsv_entry(&l, i, &addr, &size) != 0)
			return (-1);
		if (addr == 0 && size == 0)
			return (i);
	}
}

/* Reservation i as *addr and *size; returns 0, or -1 if there is none. */
int
fdt_get_mem_rsv(const void *blob, int i, uint64_t *addr, uint64_t *size)
{
	struct fdt_layout l;

	if (i < 0 || i >= fdt_num_mem_rsv(blob) || fdt_layout(blob, &l) != 0)
		return (-1);
	return (fdt_rsv_entry(&l, i, addr, size));
}

/*
 * Decode the token at structure-block offset off.  Returns its tag, or -1
 * if off is misaligned, the token (with its name or value) does not lie
 * wholly inside the block, or the tag is unknown.  *next gets the offset
 * of the token after it.
 */
static int
fdt_next_tag(const struct fdt_layout *l, int off, int *next)
{
	uint32_t tag;
	uint64_t end;
	size_t room;

	if (off < 0 || off % 4 != 0 || (uint64_t)off + 4 > l->st_size)
		return (-1);
	tag = fdt_be32(l->st + off);
	switch (tag) {
	case FDT_BEGIN_NODE:
		room = l->st_size - (off + 4);
		end = fdt_strnlen((const char *)l->st + off + 4, room);
		if (end == room)
			return (-1);	/* name not terminated */
		end += off + 4 + 1;
		break;
	case FDT_PROP:
		if ((uint64_t)off + 12 > l->st_size)
			return (-1);
		end = (uint64_t)off + 12 + fdt_be32(l->st + off + 4);
		if (end > l->st_size)
			return (-1);
		break;
	case FDT_END_NODE:
	case FDT_NOP:
	case FDT_END:
		end = off + 4;
		break;
	default:
		return (-1);
	}
	*next = (int)roundup2(end, 4);
	return ((int)tag);
}

/* True if the string at nameoff in the strings block equals name. */
static bool
fdt_string_eq(const struct fdt_layout *l, uint32_t nameoff, const char *name)
{
	uint32_t i;

	for (i = 0; nameoff < l->str_size && i < l->str_size - nameoff; i++) {
		if (l->str[nameoff + i] != name[i])
			return (false);
		if (name[i] == '\0')
			return (true);
	}
	return (false);	/* ran off the block before the NUL */
}

/* True if node is the offset of a BEGIN_NODE token. */
static bool
fdt_is_node(const struct fdt_layout *l, int node)
{
	int next;

	return (fdt_next_tag(l, node, &next) == FDT_BEGIN_NODE);
}

/*
 * The node after node in document order: its first child, else its next
 * sibling, else the next sibling of the nearest ancestor that has one.
 * If depth is not NULL, *depth goes up by one for each node entered and
 * down by one for each left, and the walk stops (-1) if it would go below
 * zero, i.e. leave the subtree it started in.  Also -1 at the end of the
 * tree or on a malformed token.
 */
static int
fdt_next_node(const struct fdt_layout *l, int node, int *depth)
{
	int off, next;

	if (fdt_next_tag(l, node, &off) != FDT_BEGIN_NODE)
		return (-1);
	/* Every step moves forward, so this ends even on a corrupt blob. */
	for (;; off = next) {
		switch (fdt_next_tag(l, off, &next)) {
		case FDT_PROP:
		case FDT_NOP:
			break;
		case FDT_BEGIN_NODE:
			if (depth != NULL)
				(*depth)++;
			return (off);
		case FDT_END_NODE:
			if (depth != NULL && --(*depth) < 0)
				return (-1);
			break;
		default:
			return (-1);
		}
	}
}

/* The root node: the first token other than NOP, if it is a BEGIN_NODE. */
static int
fdt_root_node(const struct fdt_layout *l)
{
	int off, next, tag;

	for (off = 0; (tag = fdt_next_tag(l, off, &next)) == FDT_NOP;
	    off = next)
		;
	return (tag == FDT_BEGIN_NODE ? off : -1);
}

/* The first child of node, or -1. */
static int
fdt_child(const struct fdt_layout *l, int node)
{
	int depth = 0, child;

	child = fdt_next_node(l, node, &depth);
	return (depth == 1 ? child : -1);
}

/* The next sibling of node, or -1. */
static int
fdt_sibling(const struct fdt_layout *l, int node)
{
	int depth = 1;

	/* Skip node's descendants (depth > 1); leaving the parent is -1. */
	do {
		node = fdt_next_node(l, node, &depth);
	} while (node >= 0 && depth > 1);
	return (node);
}

/* The root node of blob, or -1. */
int
fdt_root(const void *blob)
{
	struct fdt_layout l;

	if (fdt_layout(blob, &l) != 0)
		return (-1);
	return (fdt_root_node(&l));
}

/* The first child of node, or -1 if it has none. */
int
fdt_first_child(const void *blob, int node)
{
	struct fdt_layout l;

	if (fdt_layout(blob, &l) != 0)
		return (-1);
	return (fdt_child(&l, node));
}

/* The next sibling of node, or -1 if it is the last. */
int
fdt_next_sibling(const void *blob, int node)
{
	struct fdt_layout l;

	if (fdt_layout(blob, &l) != 0)
		return (-1);
	return (fdt_sibling(&l, node));
}

/*
 * The parent of node, or -1 for the root, a node that is not in the tree,
 * or one nested deeper than FDT_MAX_DEPTH.  The format has no parent
 * links, so this walks the tree from the root.
 */
int
fdt_parent(const void *blob, int node)
{
	struct fdt_layout l;
	int path[FDT_MAX_DEPTH];	/* path[d]: the open node at depth d */
	int depth = 0, n;

	if (fdt_layout(blob, &l) != 0 || (n = fdt_root_node(&l)) < 0)
		return (-1);
	path[0] = n;
	while (n != node) {
		n = fdt_next_node(&l, n, &depth);
		if (n < 0 || n > node || depth >= FDT_MAX_DEPTH)
			return (-1);
		path[depth] = n;
	}
	return (depth > 0 ? path[depth - 1] : -1);
}

/* The name of node ("" for the root, "cpu@0" ...), or NULL if not a node. */
const char *
fdt_node_name(const void *blob, int node)
{
	struct fdt_layout l;

	if (fdt_layout(blob, &l) != 0 || !fdt_is_node(&l, node))
		return (NULL);
	return ((const char *)l.st + node + 4);
}

/*
 * True if a node named name matches path component comp[0..len-1]: the
 * whole name, or, for a component without a unit address, the part of
 * the name before its '@' ("memory" matches "memory@40000000").
 */
static bool
fdt_name_matches(const char *name, const char *comp, size_t len)
{
	size_t i;

	if (strncmp(name, comp, len) != 0)
		return (false);
	if (name[len] == '\0')
		return (true);
	for (i = 0; i < len; i++) {
		if (comp[i] == '@')
			return (false);
	}
	return (name[len] == '@');
}

/*
 * The node at an absolute path like "/cpus/cpu@0" or "/memory", or -1.
 * Where a component without '@' matches several nodes, the first wins.
 */
int
fdt_find_path(const void *blob, const char *path)
{
	struct fdt_layout l;
	size_t len;
	int node;

	if (path[0] != '/' || fdt_layout(blob, &l) != 0)
		return (-1);
	node = fdt_root_node(&l);
	while (node >= 0) {
		while (*path == '/')
			path++;
		if (*path == '\0')
			return (node);
		for (len = 0; path[len] != '\0' && path[len] != '/'; len++)
			;
		for (node = fdt_child(&l, node); node >= 0;
		    node = fdt_sibling(&l, node)) {
			if (fdt_name_matches((const char *)l.st + node + 4,
			    path, len))
				break;
		}
		path += len;
	}
	return (-1);
}

/*
 * The value of property name of node, its length in *lenp (if not NULL),
 * or NULL if node has no such property.
 */
static const void *
fdt_prop(const struct fdt_layout *l, int node, const char *name, int *lenp)
{
	int off, next, tag;

	if (fdt_next_tag(l, node, &off) != FDT_BEGIN_NODE)
		return (NULL);
	/* A node's properties come before its children. */
	for (; (tag = fdt_next_tag(l, off, &next)) == FDT_PROP ||
	    tag == FDT_NOP; off = next) {
		if (tag == FDT_PROP &&
		    fdt_string_eq(l, fdt_be32(l->st + off + 8), name)) {
			if (lenp != NULL)
				*lenp = (int)fdt_be32(l->st + off + 4);
			return (l->st + off + 12);
		}
	}
	return (NULL);
}

/* See fdt_prop(). */
const void *
fdt_getprop(const void *blob, int node, const char *name, int *lenp)
{
	struct fdt_layout l;

	if (fdt_layout(blob, &l) != 0)
		return (NULL);
	return (fdt_prop(&l, node, name, lenp));
}

/*
 * The first node after node after (in document order; all nodes if after
 * is -1) whose "compatible" list contains compat, or -1.  Call again with
 * the result to visit every match.
 */
int
fdt_find_compatible(const void *blob, int after, const char *compat)
{
	struct fdt_layout l;
	int node;

	if (fdt_layout(blob, &l) != 0)
		return (-1);
	if (after < 0)
		node = fdt_root_node(&l);
	else
		node = fdt_next_node(&l, after, NULL);
	for (; node >= 0; node = fdt_next_node(&l, node, NULL)) {
		if (fdt_is_compatible(blob, node, compat))
			return (node);
	}
	return (-1);
}

/*
 * A string property of node, or NULL if it is missing or its value does
 * not end in a NUL (so is not a string).  For a string list this is the
 * first string.
 */
const char *
fdt_prop_string(const void *blob, int node, const char *name)
{
	const char *s;
	int len;

	s = fdt_getprop(blob, node, name, &len);
	if (s == NULL || len == 0 || s[len - 1] != '\0')
		return (NULL);
	return (s);
}

/* A one-cell property in *val; returns 0, or -1 if missing or not 4 bytes. */
int
fdt_prop_u32(const void *blob, int node, const char *name, uint32_t *val)
{
	const void *p;
	int len;

	if ((p = fdt_getprop(blob, node, name, &len)) == NULL || len != 4)
		return (-1);
	*val = fdt_be32(p);
	return (0);
}

/*
 * A one- or two-cell property in *val (such as linux,initrd-start, which
 * bootloaders write either way); returns 0, or -1 if missing or another
 * size.
 */
int
fdt_prop_u64(const void *blob, int node, const char *name, uint64_t *val)
{
	const void *p;
	int len;

	if ((p = fdt_getprop(blob, node, name, &len)) == NULL ||
	    (len != 4 && len != 8))
		return (-1);
	*val = fdt_read_cells(p, len / 4);
	return (0);
}

/*
 * Cell i (counting from 0) of a property, such as one number of an
 * "interrupts" triple; returns 0, or -1 if the property is missing or
 * shorter.
 */
int
fdt_prop_cell(const void *blob, int node, const char *name, int i,
    uint32_t *val)
{
	const uint8_t *p;
	int len;

	if ((p = fdt_getprop(blob, node, name, &len)) == NULL || i < 0 ||
	    i >= len / 4)
		return (-1);
	*val = fdt_be32(p + 4 * i);
	return (0);
}

/*
 * The number in the ncells big-endian cells at prop; for more than two
 * cells, only the low 64 bits.  The caller checked the cells are there.
 */
uint64_t
fdt_read_cells(const void *prop, int ncells)
{
	const uint8_t *p = prop;
	uint64_t v = 0;
	int i;

	for (i = 0; i < ncells; i++)
		v = v << 32 | fdt_be32(p + 4 * i);
	return (v);
}

/*
 * A "#...-cells" property of node, dflt if node does not have it, or -1
 * if node is not a node or the value is malformed or implausible.
 */
static int
fdt_cells(const void *blob, int node, const char *name, int dflt)
{
	struct fdt_layout l;
	uint32_t v;

	if (fdt_layout(blob, &l) != 0 || !fdt_is_node(&l, node))
		return (-1);
	if (fdt_prop(&l, node, name, NULL) == NULL)
		return (dflt);
	if (fdt_prop_u32(blob, node, name, &v) != 0 || v > FDT_MAX_CELLS)
		return (-1);
	return ((int)v);
}

/*
 * The #address-cells of node (2 if absent, per the Devicetree spec 2.3.5):
 * the size of an address in its children's "reg".  -1 if malformed.
 */
int
fdt_address_cells(const void *blob, int node)
{
	return (fdt_cells(blob, node, "#address-cells", 2));
}

/* The #size-cells of node (1 if absent), or -1 if malformed. */
int
fdt_size_cells(const void *blob, int node)
{
	return (fdt_cells(blob, node, "#size-cells", 1));
}

/*
 * Entry i of node's "reg" as *addr and *size, using the cell counts of
 * node's parent (a size of 0 cells reads as 0).  Returns 0, or -1 if there
 * is no entry i or a cell count is over 2 (not a 64-bit number).
 */
int
fdt_get_reg(const void *blob, int node, int i, uint64_t *addr,
    uint64_t *size)
{
	const uint8_t *p;
	int parent, ac, sc, entry, len;

	if ((parent = fdt_parent(blob, node)) < 0)
		return (-1);
	ac = fdt_address_cells(blob, parent);
	sc = fdt_size_cells(blob, parent);
	if (ac < 0 || ac > 2 || sc < 0 || sc > 2 || ac + sc == 0)
		return (-1);
	entry = 4 * (ac + sc);
	if ((p = fdt_getprop(blob, node, "reg", &len)) == NULL || i < 0 ||
	    i >= len / entry)
		return (-1);
	p += i * entry;
	*addr = fdt_read_cells(p, ac);
	*size = fdt_read_cells(p + 4 * ac, sc);
	return (0);
}

/* True if compat is one of the strings in node's "compatible" list. */
bool
fdt_is_compatible(const void *blob, int node, const char *compat)
{
	const char *p;
	size_t n, want;
	int len;

	if ((p = fdt_getprop(blob, node, "compatible", &len)) == NULL)
		return (false);
	want = strlen(compat);
	while (len > 0) {
		n = fdt_strnlen(p, len);
		if (n == (size_t)len)
			return (false);	/* unterminated last string */
		if (n == want && strncmp(p, compat, n) == 0)
			return (true);
		p += n + 1;
		len -= n + 1;
	}
	return (false);
}

/*
 * True if node is in use: it has no "status" or status is "okay" (or the
 * older "ok").  False for "disabled", anything else, or a non-node.
 */
bool
fdt_node_status_okay(const void *blob, int node)
{
	struct fdt_layout l;
	const char *status;

	if (fdt_layout(blob, &l) != 0 || !fdt_is_node(&l, node))
		return (false);
	if (fdt_prop(&l, node, "status", NULL) == NULL)
		return (true);
	status = fdt_prop_string(blob, node, "status");
	return (status != NULL &&
	    (strcmp(status, "okay") == 0 || strcmp(status, "ok") == 0));
}
