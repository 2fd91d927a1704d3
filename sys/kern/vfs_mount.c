/*
 * Mounting the root: a memory file system holding a copy of the
 * initramfs's directories and files (so programs can list, read and
 * replace them), /dev with null and zero, and a world-writable /tmp.
 * Runs once, in init's thread before it execs /bin/init.
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/cpio.h"
#include "sys/param.h"
#include "sys/stat.h"
#include "sys/vnode.h"
#include "vm/vm_phys.h"

/*
 * The directory named by the first len bytes of path under dvp, created
 * (mode 0755) with its parents if missing; NULL if a component is a file
 * or memory is short.  VFS lock held.
 */
static struct vnode *
vfs_mount_mkdirs(struct vnode *dvp, const char *path, size_t len)
{
	struct vnode *vp;
	size_t n;

	while (len > 0) {
		while (len > 0 && *path == '/') {
			path++;
			len--;
		}
		for (n = 0; n < len && path[n] != '/'; n++)
			;
		if (n == 0)
			break;
		if (n > VFS_NAME_MAX)
			return (NULL);
		vp = tmpfs_dir_lookup(dvp, path, n);
		if (vp == NULL) {
			if ((vp = tmpfs_node_alloc(VDIR, 0755)) == NULL)
				return (NULL);
			if (tmpfs_dir_enter(dvp, path, n, vp) != 0) {
				tmpfs_node_release(vp);
				return (NULL);
			}
			tmpfs_node_release(vp);	/* the entry keeps it */
		}
		if (vp->v_type != VDIR)
			return (NULL);
		dvp = vp;
		path += n;
		len -= n;
	}
	return (dvp);
}

/*
 * Create the node path names (its parents made as needed) of the given
 * type and mode, with data for a regular file.  Errors are reported and
 * the member skipped: a bad initramfs costs files, not the boot.
 */
static void
vfs_mount_add(const char *path, enum vtype type, uint16_t mode,
    const void *data, size_t size, const struct vdevsw *devsw)
{
	struct vnode *dvp, *vp;
	const char *slash, *name;
	size_t done, namelen;
	int error;

	while (*path == '/' || (path[0] == '.' && path[1] == '/'))
		path += *path == '/' ? 1 : 2;
	if (path[0] == '\0' || strcmp(path, ".") == 0)
		return;
	slash = strrchr(path, '/');
	name = slash != NULL ? slash + 1 : path;
	namelen = strlen(name);
	dvp = vfs_mount_mkdirs(rootvnode, path, name - path);
	if (dvp == NULL || namelen == 0 || namelen > VFS_NAME_MAX) {
		printf("vfs: cannot add %s\n", path);
		return;
	}
	vp = tmpfs_dir_lookup(dvp, name, namelen);
	if (vp != NULL) {
		/* A directory listed after files created it: keep its mode. */
		if (vp->v_type == VDIR && type == VDIR)
			vp->v_mode = mode;
		return;
	}
	if ((vp = tmpfs_node_alloc(type, mode)) == NULL) {
		printf("vfs: no memory for %s\n", path);
		return;
	}
	vp->v_devsw = devsw;
	if (type == VREG && size > 0) {
		error = tmpfs_reg_write(vp, 0, data, size, false, &done);
		if (error != 0) {
			printf("vfs: %s: error %d\n", path, error);
			tmpfs_node_release(vp);
			return;
		}
	}
	if (tmpfs_dir_enter(dvp, name, namelen, vp) != 0)
		printf("vfs: no memory for %s\n", path);
	tmpfs_node_release(vp);
}

/*
 * Make the root directory and fill it: every directory and regular file
 * of the cpio archive (symbolic links are skipped), /dev/null, /dev/zero
 * and /tmp.  Files may then use up to half of the free memory.
 */
void
vfs_mountroot(const void *archive, size_t len)
{
	struct cpio_entry e;
	const void *data;
	size_t off = 0, size;
	uint32_t mode;

	KASSERT(rootvnode == NULL, ("vfs_mountroot: mounted twice"));
	vfs_lock();
	rootvnode = tmpfs_node_alloc(VDIR, 0755);
	if (rootvnode == NULL)
		panic("vfs_mountroot: no memory for the root");
	/* Its own "." and "..": the root holds the use reference forever. */
	rootvnode->v_nlink = 2;
	rootvnode->v_parent = rootvnode;
	while (archive != NULL && cpio_next(archive, len, &off, &e) == 0) {
		switch (e.mode & CPIO_S_IFMT) {
		case CPIO_S_IFDIR:
			vfs_mount_add(e.name, VDIR, e.mode & ALLPERMS, NULL, 0,
			    NULL);
			break;
		case CPIO_S_IFREG:
			/* cpio_lookup finds the data of hard-linked files. */
			if (cpio_lookup(archive, len, e.name, &data, &size,
			    &mode) == 0)
				vfs_mount_add(e.name, VREG, e.mode & ALLPERMS,
				    data, size, NULL);
			break;
		default:
			break;
		}
	}
	vfs_mount_add("dev", VDIR, 0755, NULL, 0, NULL);
	vfs_mount_add("dev/null", VCHR, 0666, NULL, 0, &devnull_devsw);
	vfs_mount_add("dev/zero", VCHR, 0666, NULL, 0, &devzero_devsw);
	vfs_mount_add("tmp", VDIR, 01777, NULL, 0, NULL);
	tmpfs_mount.tm_pages_max = tmpfs_mount.tm_pages +
	    vm_phys_free_count() / 2;
	vfs_unlock();
}
