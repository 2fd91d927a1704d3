/*
 * Host tests of the memory file system's bookkeeping
 * (sys/kern/tmpfs_subr.c): directory entries and link counts, directory
 * positions across deletions, rename, and a regular file's pages: which
 * exist, how many the file system counts, what truncation frees, and
 * that nothing leaks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hosttest.h"
#include "sys/types.h"
#include "sys/param.h"
#include "sys/errno.h"
#include "sys/dirent.h"
#include "sys/malloc.h"
#include "sys/vnode.h"
#include "vm/vm.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"
#include "vm/vm_phys.h"
#include "vm_harness.h"

/* Only kernel buffers are used here: a user copy is a bug. */
int
copyin_partial(const void *uaddr, void *kaddr, size_t len, size_t *done)
{
	abort();
}

int
copyout_partial(const void *kaddr, void *uaddr, size_t len, size_t *done)
{
	abort();
}

/* Free pages once kmalloc has carved what it keeps (see test_vm_object). */
static u_long
free_pages_now(void)
{
	struct vnode *vp;

	vmh_boot();
	vp = tmpfs_node_alloc(VREG, 0644);
	tmpfs_node_release(vp);
	return (vm_phys_free_count());
}

/* A new node of type entered in dvp as name; the entry holds it. */
static struct vnode *
make(struct vnode *dvp, const char *name, enum vtype type)
{
	struct vnode *vp;

	vp = tmpfs_node_alloc(type, 0755);
	if (vp == NULL || tmpfs_dir_enter(dvp, name, strlen(name), vp) != 0)
		abort();
	tmpfs_node_release(vp);
	return (vp);
}

/* A root directory as vfs_mountroot makes it. */
static struct vnode *
make_root(void)
{
	struct vnode *root;

	vmh_boot();
	if ((root = tmpfs_node_alloc(VDIR, 0755)) == NULL)
		abort();
	root->v_nlink = 2;
	root->v_parent = root;
	return (root);
}

/* Free a root made by make_root once it is empty. */
static void
free_root(struct vnode *root)
{
	root->v_nlink = 0;
	tmpfs_node_release(root);
}

/* Remove name from dvp. */
static void
remove_name(struct vnode *dvp, const char *name)
{
	struct tmpfs_dirent *de = tmpfs_dir_find(dvp, name, strlen(name));

	if (de == NULL)
		abort();
	tmpfs_dir_remove(dvp, de);
}

HT_TEST(dir_links)
{
	u_long nodes = tmpfs_mount.tm_nodes;
	struct vnode *root = make_root(), *d, *f;

	d = make(root, "d", VDIR);
	f = make(d, "f", VREG);
	HT_ASSERT_EQ(root->v_nlink, 3);		/* ".", its entry's "..", own */
	HT_ASSERT_EQ(d->v_nlink, 2);
	HT_ASSERT_EQ(f->v_nlink, 1);
	HT_ASSERT(tmpfs_dir_lookup(d, "f", 1) == f);
	HT_ASSERT(tmpfs_dir_lookup(d, "..", 2) == root);
	HT_ASSERT(tmpfs_dir_lookup(d, ".", 1) == d);
	HT_ASSERT(tmpfs_dir_lookup(d, "ff", 2) == NULL);
	HT_ASSERT(tmpfs_dir_lookup(d, "f", 0) == NULL);
	HT_ASSERT_EQ(d->v_nentries, 1);
	/* A second link to the same file. */
	HT_ASSERT_EQ(tmpfs_dir_enter(root, "link", 4, f), 0);
	HT_ASSERT_EQ(f->v_nlink, 2);
	remove_name(d, "f");
	HT_ASSERT_EQ(f->v_nlink, 1);
	HT_ASSERT_EQ(tmpfs_mount.tm_nodes, nodes + 3);
	remove_name(root, "link");		/* frees f */
	HT_ASSERT_EQ(tmpfs_mount.tm_nodes, nodes + 2);
	/* An unlinked node in use lives until its last use goes. */
	f = make(d, "g", VREG);
	tmpfs_node_ref(f);
	remove_name(d, "g");
	HT_ASSERT_EQ(f->v_nlink, 0);
	HT_ASSERT_EQ(tmpfs_mount.tm_nodes, nodes + 3);
	tmpfs_node_release(f);
	HT_ASSERT_EQ(tmpfs_mount.tm_nodes, nodes + 2);
	remove_name(root, "d");
	HT_ASSERT_EQ(root->v_nlink, 2);
	free_root(root);
	HT_ASSERT_EQ(tmpfs_mount.tm_nodes, nodes);
}

/*
 * Read every entry name of dvp through getdirents with buffers of len
 * bytes into names (joined with '/'); removes victim after the first
 * block if it is not NULL.  The number of calls that returned records.
 */
static int
read_dir(struct vnode *dvp, size_t len, char *names, size_t size,
    const char *victim)
{
	char *buf = malloc(len);
	struct dirent *dp;
	int64_t off = 0;
	size_t filled, at;
	int calls = 0;

	names[0] = '\0';
	for (;;) {
		if (tmpfs_dir_getdents(dvp, &off, buf, len, &filled) != 0)
			abort();
		if (filled == 0)
			break;
		calls++;
		for (at = 0; at < filled; at += dp->d_reclen) {
			dp = (struct dirent *)(buf + at);
			if (dp->d_reclen % 8 != 0 ||
			    dp->d_name[dp->d_namlen] != '\0')
				abort();
			strncat(names, dp->d_name, size - strlen(names) - 2);
			strcat(names, "/");
		}
		if (victim != NULL) {
			remove_name(dvp, victim);
			victim = NULL;
		}
	}
	if (off != TMPFS_COOKIE_EOF)
		abort();
	free(buf);
	return (calls);
}

HT_TEST(dir_positions)
{
	struct vnode *root = make_root();
	char names[512], name[8], buf[16];
	int64_t off = 0;
	size_t filled;
	int i;

	for (i = 0; i < 10; i++) {
		snprintf(name, sizeof(name), "e%d", i);
		make(root, name, VREG);
	}
	/* One big read: ".", "..", then creation order. */
	HT_ASSERT_EQ(read_dir(root, 4096, names, sizeof(names), NULL), 1);
	HT_ASSERT(strcmp(names, "./../e0/e1/e2/e3/e4/e5/e6/e7/e8/e9/") == 0);
	/* One record per call (32 bytes each for these names). */
	HT_ASSERT_EQ(read_dir(root, 32, names, sizeof(names), NULL), 12);
	/*
	 * Removing an entry already returned, part way, neither repeats
	 * nor skips the others.
	 */
	HT_ASSERT_EQ(read_dir(root, 96, names, sizeof(names), "e0"), 4);
	HT_ASSERT(strcmp(names, "./../e0/e1/e2/e3/e4/e5/e6/e7/e8/e9/") == 0);
	/* Removing one not yet returned drops just it. */
	read_dir(root, 96, names, sizeof(names), "e5");
	HT_ASSERT(strcmp(names, "./../e1/e2/e3/e4/e6/e7/e8/e9/") == 0);
	/* A buffer too small for the next record: EINVAL, position kept. */
	HT_ASSERT_EQ(tmpfs_dir_getdents(root, &off, buf, sizeof(buf),
	    &filled), EINVAL);
	HT_ASSERT_EQ(off, 0);
	for (i = 1; i < 10; i++) {
		snprintf(name, sizeof(name), "e%d", i);
		if (i != 5)
			remove_name(root, name);
	}
	HT_ASSERT_EQ(root->v_nentries, 0);
	free_root(root);
}

HT_TEST(dir_move)
{
	u_long nodes = tmpfs_mount.tm_nodes;
	struct vnode *root = make_root(), *a, *b, *sub, *f, *g;
	struct tmpfs_dirent *de;

	a = make(root, "a", VDIR);
	b = make(root, "b", VDIR);
	sub = make(a, "sub", VDIR);
	f = make(a, "f", VREG);
	g = make(b, "g", VREG);
	HT_ASSERT_EQ(a->v_nlink, 3);
	/* A directory moves: link counts of both parents, its "..". */
	de = tmpfs_dir_find(a, "sub", 3);
	HT_ASSERT_EQ(tmpfs_dir_move(a, de, b, "moved", 5), 0);
	HT_ASSERT_EQ(a->v_nlink, 2);
	HT_ASSERT_EQ(b->v_nlink, 3);
	HT_ASSERT(sub->v_parent == b);
	HT_ASSERT_EQ(sub->v_nlink, 2);
	HT_ASSERT(tmpfs_dir_lookup(b, "moved", 5) == sub);
	HT_ASSERT(tmpfs_dir_lookup(a, "sub", 3) == NULL);
	/* A file replaces another, which goes. */
	de = tmpfs_dir_find(a, "f", 1);
	HT_ASSERT_EQ(tmpfs_dir_move(a, de, b, "g", 1), 0);
	HT_ASSERT(tmpfs_dir_lookup(b, "g", 1) == f);
	HT_ASSERT_EQ(f->v_nlink, 1);
	HT_ASSERT_EQ(b->v_nentries, 2);
	HT_ASSERT_EQ(a->v_nentries, 0);
	(void)g;
	HT_ASSERT_EQ(tmpfs_mount.tm_nodes, nodes + 5);
	remove_name(b, "g");
	remove_name(b, "moved");
	remove_name(root, "a");
	remove_name(root, "b");
	free_root(root);
	HT_ASSERT_EQ(tmpfs_mount.tm_nodes, nodes);
}

HT_TEST(file_pages)
{
	u_long free0 = free_pages_now(), pages0 = tmpfs_mount.tm_pages;
	struct vnode *vp = tmpfs_node_alloc(VREG, 0644);
	char buf[3 * PAGE_SIZE], out[16];
	size_t done;
	int i;

	/* A write at 10 pages in: one page, the size covers the hole. */
	HT_ASSERT_EQ(tmpfs_reg_write(vp, 10 * PAGE_SIZE + 5, "abc", 3, false,
	    &done), 0);
	HT_ASSERT_EQ(done, 3);
	HT_ASSERT_EQ(vp->v_size, 10 * PAGE_SIZE + 8);
	HT_ASSERT_EQ(vp->v_object->resident_page_count, 1);
	HT_ASSERT_EQ(tmpfs_mount.tm_pages, pages0 + 1);
	/* The hole reads as zeros and takes no page. */
	memset(buf, 'x', sizeof(buf));
	HT_ASSERT_EQ(tmpfs_reg_read(vp, PAGE_SIZE - 100, buf, 200, false,
	    &done), 0);
	HT_ASSERT_EQ(done, 200);
	for (i = 0; i < 200; i++)
		HT_ASSERT_EQ(buf[i], 0);
	HT_ASSERT_EQ(vp->v_object->resident_page_count, 1);
	/* A read stops at the end. */
	HT_ASSERT_EQ(tmpfs_reg_read(vp, 10 * PAGE_SIZE + 4, out, 16, false,
	    &done), 0);
	HT_ASSERT_EQ(done, 4);
	HT_ASSERT(memcmp(out, "\0abc", 4) == 0);
	HT_ASSERT_EQ(tmpfs_reg_read(vp, 11 * PAGE_SIZE, out, 16, false,
	    &done), 0);
	HT_ASSERT_EQ(done, 0);
	/* A write across three pages. */
	memset(buf, 'y', sizeof(buf));
	HT_ASSERT_EQ(tmpfs_reg_write(vp, PAGE_SIZE / 2, buf, 2 * PAGE_SIZE,
	    false, &done), 0);
	HT_ASSERT_EQ(vp->v_object->resident_page_count, 4);
	HT_ASSERT_EQ(tmpfs_mount.tm_pages, pages0 + 4);
	/* Shrinking frees the pages past the end, and counts them. */
	HT_ASSERT_EQ(tmpfs_reg_resize(vp, PAGE_SIZE + 10), 0);
	HT_ASSERT_EQ(vp->v_object->resident_page_count, 2);
	HT_ASSERT_EQ(tmpfs_mount.tm_pages, pages0 + 2);
	/* Growing again shows zeros past the old end in the kept page. */
	HT_ASSERT_EQ(tmpfs_reg_resize(vp, 2 * PAGE_SIZE), 0);
	HT_ASSERT_EQ(tmpfs_reg_read(vp, PAGE_SIZE + 8, out, 4, false, &done),
	    0);
	HT_ASSERT(memcmp(out, "yy\0\0", 4) == 0);
	HT_ASSERT_EQ(tmpfs_reg_resize(vp, -1), EFBIG);
	HT_ASSERT_EQ(tmpfs_reg_write(vp, VFS_FILE_MAX, "a", 1, false, &done),
	    EFBIG);
	HT_ASSERT_EQ(tmpfs_reg_write(vp, -1, "a", 1, false, &done), EINVAL);
	/* Freeing the file gives every page back. */
	tmpfs_node_release(vp);
	HT_ASSERT_EQ(tmpfs_mount.tm_pages, pages0);
	HT_ASSERT_EQ(vm_phys_free_count(), free0);
}

HT_TEST(file_full)
{
	u_long free0 = free_pages_now(), max0 = tmpfs_mount.tm_pages_max;
	struct vnode *vp = tmpfs_node_alloc(VREG, 0644);
	char buf[4 * PAGE_SIZE];
	size_t done;

	/* Room for two more pages: a four-page write stops after two. */
	tmpfs_mount.tm_pages_max = tmpfs_mount.tm_pages + 2;
	memset(buf, 'z', sizeof(buf));
	HT_ASSERT_EQ(tmpfs_reg_write(vp, 0, buf, sizeof(buf), false, &done),
	    ENOSPC);
	HT_ASSERT_EQ(done, 2 * PAGE_SIZE);
	HT_ASSERT_EQ(vp->v_size, 2 * PAGE_SIZE);
	HT_ASSERT_EQ(vp->v_object->resident_page_count, 2);
	HT_ASSERT_EQ(vp->v_object->size, 2);
	/* Rewriting what exists needs no new page. */
	HT_ASSERT_EQ(tmpfs_reg_write(vp, 0, buf, PAGE_SIZE, false, &done), 0);
	/* A write that could do nothing leaves the size alone. */
	HT_ASSERT_EQ(tmpfs_reg_write(vp, 5 * PAGE_SIZE, buf, 1, false, &done),
	    ENOSPC);
	HT_ASSERT_EQ(done, 0);
	HT_ASSERT_EQ(vp->v_size, 2 * PAGE_SIZE);
	tmpfs_mount.tm_pages_max = max0;
	tmpfs_node_release(vp);
	HT_ASSERT_EQ(vm_phys_free_count(), free0);
}

HT_TEST(file_unlinked_mapped)
{
	u_long free0 = free_pages_now(), pages0 = tmpfs_mount.tm_pages;
	struct vnode *vp = tmpfs_node_alloc(VREG, 0644);
	struct vm_object *obj = vp->v_object;
	struct vm_page *m;
	size_t done;

	HT_ASSERT_EQ(tmpfs_reg_write(vp, PAGE_SIZE, "kept", 4, false, &done),
	    0);
	HT_ASSERT_EQ(tmpfs_mount.tm_pages, pages0 + 1);
	/* A mapping's reference outlives the node: the pages stay whole. */
	vm_object_reference(obj);
	tmpfs_node_release(vp);
	HT_ASSERT_EQ(tmpfs_mount.tm_pages, pages0);
	vm_object_lock(obj);
	m = vm_page_lookup(obj, 1);
	vm_object_unlock(obj);
	HT_ASSERT(m != NULL);
	HT_ASSERT(memcmp(vm_page_to_dmap(m), "kept", 4) == 0);
	HT_ASSERT_EQ(obj->size, 2);
	/* The last munmap frees them. */
	vm_object_deallocate(obj);
	HT_ASSERT_EQ(vm_phys_free_count(), free0);
}
