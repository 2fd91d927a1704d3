/*
 * Reading a flattened device tree (DTB), the description of the machine
 * that QEMU or the firmware hands the kernel in x0.  The blob is read in
 * place; nothing is copied or allocated.
 *
 * A node is named by an int, the offset of its FDT_BEGIN_NODE token in the
 * structure block; functions that find nodes return -1 when there is none.
 * Call fdt_check() once on a blob of unknown quality: every other function
 * assumes it passed, and then never reads outside the blob's totalsize
 * bytes however malformed the rest of it is (a bad blob yields "not found"
 * or -1, never a fault).
 */
#ifndef _SYS_FDT_H_
#define _SYS_FDT_H_

#include "sys/types.h"

#define FDT_MAGIC		0xd00dfeed
#define FDT_MAX_DEPTH		32	/* deepest fdt_parent() handles */

int		fdt_check(const void *blob, size_t maxlen);
size_t		fdt_size(const void *blob);

int		fdt_num_mem_rsv(const void *blob);
int		fdt_get_mem_rsv(const void *blob, int i, uint64_t *addr,
		    uint64_t *size);

int		fdt_root(const void *blob);
int		fdt_find_path(const void *blob, const char *path);
int		fdt_find_compatible(const void *blob, int after,
		    const char *compat);
int		fdt_first_child(const void *blob, int node);
int		fdt_next_sibling(const void *blob, int node);
int		fdt_parent(const void *blob, int node);
const char	*fdt_node_name(const void *blob, int node);

const void	*fdt_getprop(const void *blob, int node, const char *name,
		    int *lenp);
const char	*fdt_prop_string(const void *blob, int node,
		    const char *name);
int		fdt_prop_u32(const void *blob, int node, const char *name,
		    uint32_t *val);
int		fdt_prop_u64(const void *blob, int node, const char *name,
		    uint64_t *val);
int		fdt_prop_cell(const void *blob, int node, const char *name,
		    int i, uint32_t *val);
uint64_t	fdt_read_cells(const void *prop, int ncells);

int		fdt_address_cells(const void *blob, int node);
int		fdt_size_cells(const void *blob, int node);
int		fdt_get_reg(const void *blob, int node, int i,
		    uint64_t *addr, uint64_t *size);

bool		fdt_is_compatible(const void *blob, int node,
		    const char *compat);
bool		fdt_node_status_okay(const void *blob, int node);

#endif /* !_SYS_FDT_H_ */
