/*
 * The VFS lock, the root directory and path lookup.
 *
 * One sleeping lock covers the whole name space and every node
 * (sys/vnode.h): simple, and enough for a memory file system whose
 * operations are short.  It sleeps rather than spins because reads and
 * writes copy to and from user memory under it, and a copy may fault.
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/fcntl.h"
#include "sys/file.h"
#include "sys/pcpu.h"
#include "sys/proc.h"
#include "sys/spinlock.h"
#include "sys/vnode.h"

static struct spinlock vfs_spin = SPINLOCK_INITIALIZER("vfs");
static struct thread *vfs_owner;	/* (vfs_spin) holder, or NULL */
static u_int vfs_depth;			/* (vfs_spin) holder's nesting */

struct vnode *rootvnode;		/* (C) after vfs_mountroot */

/*
 * Take the VFS lock, sleeping (uninterruptibly) while another thread
 * holds it.  The holder may take it again: dropping a file reference
 * under the lock (vfs_start_dir) may be the last one, whose close takes
 * the lock.
 */
void
vfs_lock(void)
{
	struct thread *td = curthread;

	spin_lock(&vfs_spin);
	if (vfs_owner == td) {
		vfs_depth++;
		spin_unlock(&vfs_spin);
		return;
	}
	while (vfs_owner != NULL)
		sleep_on(&vfs_owner, &vfs_spin, false, 0);
	vfs_owner = td;
	vfs_depth = 1;
	spin_unlock(&vfs_spin);
}

/* Release the VFS lock (once per vfs_lock) and wake the waiters. */
void
vfs_unlock(void)
{
	spin_lock(&vfs_spin);
	KASSERT(vfs_owner == curthread && vfs_depth > 0,
	    ("vfs_unlock: not held by this thread"));
	if (--vfs_depth == 0) {
		vfs_owner = NULL;
		wakeup(&vfs_owner);
	}
	spin_unlock(&vfs_spin);
}

/*
 * The directory a relative path starts from: the root for AT_FDCWD (a
 * process's current directory is always the root: there is no chdir),
 * else dirfd's directory, with a use reference.  EBADF if dirfd is not
 * open, ENOTDIR if it is not a directory.  VFS lock held.
 */
static int
vfs_start_dir(struct thread *td, int dirfd, struct vnode **vpp)
{
	struct file *fp;
	struct vnode *vp;
	int error;

	if (dirfd == AT_FDCWD) {
		vp = rootvnode;
	} else {
		if ((error = fget(td, dirfd, &fp)) != 0)
			return (error);
		vp = fp->f_type == DTYPE_VNODE ? fp->f_data : NULL;
		if (vp == NULL || vp->v_type != VDIR) {
			fdrop(fp);
			return (ENOTDIR);
		}
		/* Our own use first: another thread may have closed dirfd. */
		tmpfs_node_ref(vp);
		fdrop(fp);
		*vpp = vp;
		return (0);
	}
	tmpfs_node_ref(vp);
	*vpp = vp;
	return (0);
}

/*
 * Look up the kernel string path (relative ones from dirfd) with the VFS
 * lock held and fill *nd (sys/vnode.h); vfs_nameidone drops what it holds.
 * Errors as FreeBSD's namei: ENOENT for an empty path or a missing
 * directory on the way, ENOTDIR when a component before the last (or a
 * last one followed by '/') is not a directory, ENAMETOOLONG for a
 * component longer than VFS_NAME_MAX.  A missing last component is not an
 * error: ni_vp is then NULL.
 */
int
vfs_namei(struct thread *td, int dirfd, const char *path,
    struct nameidata *nd)
{
	struct vnode *dvp, *vp;
	const char *name;
	size_t len;
	int error;

	memset(nd, 0, sizeof(*nd));
	if (path[0] == '\0')
		return (ENOENT);
	if (path[0] == '/') {
		dvp = rootvnode;
		tmpfs_node_ref(dvp);
	} else if ((error = vfs_start_dir(td, dirfd, &dvp)) != 0) {
		return (error);
	}
	vp = dvp;
	tmpfs_node_ref(vp);
	name = path;
	len = 0;
	for (;;) {
		while (*path == '/')
			path++;
		if (*path == '\0')
			break;
		name = path;
		for (len = 0; path[len] != '\0' && path[len] != '/'; len++)
			;
		path += len;
		if (len > VFS_NAME_MAX) {
			error = ENAMETOOLONG;
			goto fail;
		}
		/* The previous component must be a directory to go on. */
		if (vp == NULL) {
			error = ENOENT;
			goto fail;
		}
		if (vp->v_type != VDIR) {
			error = ENOTDIR;
			goto fail;
		}
		tmpfs_node_release(dvp);
		dvp = vp;
		vp = tmpfs_dir_lookup(dvp, name, len);
		if (vp != NULL)
			tmpfs_node_ref(vp);
	}
	/* Only slashes can follow the last component. */
	nd->ni_trailing_slash = len > 0 && name[len] == '/';
	if (nd->ni_trailing_slash && vp != NULL && vp->v_type != VDIR) {
		error = ENOTDIR;
		goto fail;
	}
	nd->ni_dvp = dvp;
	nd->ni_vp = vp;
	nd->ni_name = name;
	nd->ni_namelen = len;
	return (0);
fail:
	tmpfs_node_release(dvp);
	if (vp != NULL)
		tmpfs_node_release(vp);
	return (error);
}

/* Drop the references vfs_namei took.  VFS lock held. */
void
vfs_nameidone(struct nameidata *nd)
{
	if (nd->ni_dvp != NULL)
		tmpfs_node_release(nd->ni_dvp);
	if (nd->ni_vp != NULL)
		tmpfs_node_release(nd->ni_vp);
	memset(nd, 0, sizeof(*nd));
}
