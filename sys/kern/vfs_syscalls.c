/*
 * The file system calls: open, openat, unlink(at), mkdir(at), rmdir,
 * rename(at), access, faccessat, fstatat, getdirentries, lseek, pread and
 * pwrite.  FreeBSD's numbers and, for bad input, FreeBSD's errno values
 * (docs/abi.md section 4.4).  Every process runs with all privileges, so
 * permission bits are kept and reported but only exec (and access's X_OK)
 * looks at them.
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/fcntl.h"
#include "sys/file.h"
#include "sys/filedesc.h"
#include "sys/malloc.h"
#include "sys/param.h"
#include "sys/proc.h"
#include "sys/stat.h"
#include "sys/sysproto.h"
#include "sys/unistd.h"
#include "sys/vnode.h"

/*
 * Copy the user path in: a kmalloc'd string the caller frees with kfree.
 * EFAULT, or ENAMETOOLONG past VFS_PATH_MAX bytes with the NUL.
 */
static int
vfs_copyinpath(const void *upath, char **pathp)
{
	char *path;
	int error;

	if ((path = kmalloc(VFS_PATH_MAX, M_WAITOK)) == NULL)
		return (ENOMEM);
	if ((error = copyinstr(upath, path, VFS_PATH_MAX, NULL)) != 0) {
		kfree(path);
		return (error);
	}
	*pathp = path;
	return (0);
}

/*
 * The start of a call on one path: copy the user path in, take the VFS
 * lock and look the path up from dirfd.  On success *nd is filled
 * (vfs_namei), the lock is held and *pathp is the copied path, which
 * nd's name points into: vfs_lookupdone releases all three.  On error
 * nothing is held.
 */
static int
vfs_lookupuser(struct thread *td, int dirfd, const void *upath,
    struct nameidata *nd, char **pathp)
{
	int error;

	if ((error = vfs_copyinpath(upath, pathp)) != 0)
		return (error);
	vfs_lock();
	if ((error = vfs_namei(td, dirfd, *pathp, nd)) != 0) {
		vfs_unlock();
		kfree(*pathp);
	}
	return (error);
}

/* Release what a successful vfs_lookupuser holds. */
static void
vfs_lookupdone(struct nameidata *nd, char *path)
{
	vfs_nameidone(nd);
	vfs_unlock();
	kfree(path);
}

/* True if the last component is "." or "..". */
static bool
vfs_name_is_dot(const struct nameidata *nd)
{
	return ((nd->ni_namelen == 1 && nd->ni_name[0] == '.') ||
	    (nd->ni_namelen == 2 && nd->ni_name[0] == '.' &&
	    nd->ni_name[1] == '.'));
}

/*
 * open and openat: the node, created (a regular file) with O_CREAT if
 * missing, opened for O_ACCMODE, truncated with O_TRUNC when writable.
 * FreeBSD's errors: EINVAL for O_ACCMODE 3, EEXIST (O_CREAT|O_EXCL),
 * EISDIR (a directory for writing, or created through "name/"), ENOTDIR
 * (O_DIRECTORY), ENOENT, and the lookup's.
 */
static int
kern_openat(struct thread *td, int dirfd, const void *upath, int flags,
    int mode, uint64_t *rv)
{
	struct nameidata nd;
	struct vnode *vp = NULL;
	struct file *fp;
	char *path;
	u_int fflags;
	int error, fd;

	if ((flags & O_ACCMODE) == O_ACCMODE)
		return (EINVAL);
	fflags = (flags & O_ACCMODE) + 1;	/* FreeBSD's FFLAGS() */
	fflags |= flags & FCNTLFLAGS;
	if ((error = vfs_lookupuser(td, dirfd, upath, &nd, &path)) != 0)
		return (error);
	if (nd.ni_vp == NULL) {
		if ((flags & O_CREAT) == 0) {
			error = ENOENT;
			goto done;
		}
		if (nd.ni_trailing_slash) {
			error = EISDIR;
			goto done;
		}
		if ((vp = tmpfs_node_alloc(VREG, mode & ALLPERMS)) == NULL) {
			error = ENOMEM;
			goto done;
		}
		if ((error = tmpfs_dir_enter(nd.ni_dvp, nd.ni_name,
		    nd.ni_namelen, vp)) != 0)
			goto done;
	} else {
		if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL)) {
			error = EEXIST;
			goto done;
		}
		vp = nd.ni_vp;
		tmpfs_node_ref(vp);
		if (vp->v_type == VDIR && ((fflags & FWRITE) != 0 ||
		    (flags & (O_CREAT | O_TRUNC)) != 0)) {
			error = EISDIR;
			goto done;
		}
		if ((flags & O_DIRECTORY) != 0 && vp->v_type != VDIR) {
			error = ENOTDIR;
			goto done;
		}
		if ((flags & O_TRUNC) != 0 && (fflags & FWRITE) != 0 &&
		    vp->v_type == VREG &&
		    (error = tmpfs_reg_resize(vp, 0)) != 0)
			goto done;
	}
	if ((fp = file_alloc(DTYPE_VNODE, &vnops, vp, fflags)) == NULL) {
		error = ENOMEM;
		goto done;
	}
	vp = NULL;			/* the file holds the use now */
	vfs_lookupdone(&nd, path);
	error = finstall(td, fp, (flags & O_CLOEXEC) != 0, &fd);
	fdrop(fp);
	if (error == 0)
		rv[0] = fd;
	return (error);
done:
	if (vp != NULL)
		tmpfs_node_release(vp);
	vfs_lookupdone(&nd, path);
	return (error);
}

/* open(path, flags, mode): docs/abi.md section 4.4. */
int
sys_open(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	return (kern_openat(td, AT_FDCWD, (const void *)args[0], (int)args[1],
	    (int)args[2], rv));
}

/* openat(dirfd, path, flags, mode) */
int
sys_openat(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	return (kern_openat(td, (int)args[0], (const void *)args[1],
	    (int)args[2], (int)args[3], rv));
}

/*
 * Remove a name: a directory with rmdir's rules (ENOTDIR, EINVAL for
 * ".", ENOTEMPTY for ".." or a directory with entries, EBUSY for the
 * root), anything else with unlink's (EPERM for a directory, as FreeBSD).
 */
static int
kern_removeat(struct thread *td, int dirfd, const void *upath, bool rmdir)
{
	struct nameidata nd;
	struct tmpfs_dirent *de;
	struct vnode *vp;
	char *path;
	int error;

	if ((error = vfs_lookupuser(td, dirfd, upath, &nd, &path)) != 0)
		return (error);
	vp = nd.ni_vp;
	if (vp == NULL)
		error = ENOENT;
	else if (!rmdir && vp->v_type == VDIR)
		error = EPERM;
	else if (rmdir && vp->v_type != VDIR)
		error = ENOTDIR;
	else if (nd.ni_namelen == 0)
		error = EBUSY;
	else if (nd.ni_namelen == 1 && nd.ni_name[0] == '.')
		error = EINVAL;
	else if (vfs_name_is_dot(&nd) || (rmdir && vp->v_nentries != 0))
		error = ENOTEMPTY;
	else {
		de = tmpfs_dir_find(nd.ni_dvp, nd.ni_name, nd.ni_namelen);
		KASSERT(de != NULL && de->td_node == vp,
		    ("%s: entry vanished", __func__));
		tmpfs_dir_remove(nd.ni_dvp, de);
	}
	vfs_lookupdone(&nd, path);
	return (error);
}

/* unlink(path) */
int
sys_unlink(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	return (kern_removeat(td, AT_FDCWD, (const void *)args[0], false));
}

/* rmdir(path) */
int
sys_rmdir(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	return (kern_removeat(td, AT_FDCWD, (const void *)args[0], true));
}

/* unlinkat(dirfd, path, flags): AT_REMOVEDIR is rmdir; other bits EINVAL. */
int
sys_unlinkat(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	int flags = (int)args[2];

	if ((flags & ~AT_REMOVEDIR) != 0)
		return (EINVAL);
	return (kern_removeat(td, (int)args[0], (const void *)args[1],
	    (flags & AT_REMOVEDIR) != 0));
}

/* mkdir: EEXIST if the name exists (the root and "." and ".." do). */
static int
kern_mkdirat(struct thread *td, int dirfd, const void *upath, int mode)
{
	struct nameidata nd;
	struct vnode *vp;
	char *path;
	int error;

	if ((error = vfs_lookupuser(td, dirfd, upath, &nd, &path)) != 0)
		return (error);
	if (nd.ni_vp != NULL)
		error = EEXIST;
	else if ((vp = tmpfs_node_alloc(VDIR, mode & ALLPERMS)) == NULL)
		error = ENOMEM;
	else {
		error = tmpfs_dir_enter(nd.ni_dvp, nd.ni_name, nd.ni_namelen,
		    vp);
		tmpfs_node_release(vp);
	}
	vfs_lookupdone(&nd, path);
	return (error);
}

/* mkdir(path, mode) */
int
sys_mkdir(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	return (kern_mkdirat(td, AT_FDCWD, (const void *)args[0],
	    (int)args[1]));
}

/* mkdirat(dirfd, path, mode) */
int
sys_mkdirat(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	return (kern_mkdirat(td, (int)args[0], (const void *)args[1],
	    (int)args[2]));
}

/* True if directory dvp is vp or lies below it. */
static bool
vfs_dir_is_under(struct vnode *dvp, struct vnode *vp)
{
	for (;;) {
		if (dvp == vp)
			return (true);
		if (dvp == NULL || dvp == rootvnode || dvp->v_parent == dvp)
			return (false);
		dvp = dvp->v_parent;
	}
}

/*
 * rename: move the name from to the name to, replacing what to named.
 * FreeBSD's errors: ENOENT, EINVAL for "." or ".." or a directory moved
 * below itself, EBUSY for the root, ENOTDIR/EISDIR when a directory and a
 * non-directory would swap, ENOTEMPTY for a directory target with
 * entries.  Renaming a name onto itself, or onto another link of the same
 * file, does nothing.
 */
static int
kern_renameat(struct thread *td, int fromfd, const void *ufrom, int tofd,
    const void *uto)
{
	struct nameidata fnd, tnd;
	struct tmpfs_dirent *fde;
	struct vnode *fvp, *tvp;
	char *from, *to;
	int error;

	if ((error = vfs_copyinpath(ufrom, &from)) != 0)
		return (error);
	if ((error = vfs_copyinpath(uto, &to)) != 0) {
		kfree(from);
		return (error);
	}
	vfs_lock();
	if ((error = vfs_namei(td, fromfd, from, &fnd)) != 0)
		goto out;
	if ((error = vfs_namei(td, tofd, to, &tnd)) != 0)
		goto out_from;
	fvp = fnd.ni_vp;
	tvp = tnd.ni_vp;
	if (fvp == NULL)
		error = ENOENT;
	else if (fnd.ni_namelen == 0 || tnd.ni_namelen == 0)
		error = EBUSY;
	else if (vfs_name_is_dot(&fnd) || vfs_name_is_dot(&tnd))
		error = EINVAL;
	else if (tnd.ni_trailing_slash && fvp->v_type != VDIR)
		error = ENOTDIR;
	else if (fvp == tvp)
		error = 0;
	else if (fvp->v_type == VDIR && vfs_dir_is_under(tnd.ni_dvp, fvp))
		error = EINVAL;
	else if (tvp != NULL && fvp->v_type == VDIR && tvp->v_type != VDIR)
		error = ENOTDIR;
	else if (tvp != NULL && fvp->v_type != VDIR && tvp->v_type == VDIR)
		error = EISDIR;
	else if (tvp != NULL && tvp->v_type == VDIR && tvp->v_nentries != 0)
		error = ENOTEMPTY;
	else {
		fde = tmpfs_dir_find(fnd.ni_dvp, fnd.ni_name, fnd.ni_namelen);
		KASSERT(fde != NULL, ("%s: entry vanished", __func__));
		error = tmpfs_dir_move(fnd.ni_dvp, fde, tnd.ni_dvp,
		    tnd.ni_name, tnd.ni_namelen);
	}
	vfs_nameidone(&tnd);
out_from:
	vfs_nameidone(&fnd);
out:
	vfs_unlock();
	kfree(from);
	kfree(to);
	return (error);
}

/* rename(from, to) */
int
sys_rename(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	return (kern_renameat(td, AT_FDCWD, (const void *)args[0], AT_FDCWD,
	    (const void *)args[1]));
}

/* renameat(fromfd, from, tofd, to) */
int
sys_renameat(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	return (kern_renameat(td, (int)args[0], (const void *)args[1],
	    (int)args[2], (const void *)args[3]));
}

/*
 * access: EINVAL for mode bits other than R_OK, W_OK, X_OK; the lookup's
 * errors; with all privileges only X_OK can fail (EACCES), for a file
 * with no execute bit, as for FreeBSD's root.
 */
static int
kern_accessat(struct thread *td, int dirfd, const void *upath, int mode,
    int flags)
{
	struct nameidata nd;
	char *path;
	int error;

	if ((mode & ~(R_OK | W_OK | X_OK)) != 0 ||
	    (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW)) != 0)
		return (EINVAL);
	if ((error = vfs_lookupuser(td, dirfd, upath, &nd, &path)) != 0)
		return (error);
	if (nd.ni_vp == NULL)
		error = ENOENT;
	else if ((mode & X_OK) != 0 && nd.ni_vp->v_type != VDIR &&
	    (nd.ni_vp->v_mode & (S_IXUSR | S_IXGRP | S_IXOTH)) == 0)
		error = EACCES;
	vfs_lookupdone(&nd, path);
	return (error);
}

/* access(path, mode) */
int
sys_access(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	return (kern_accessat(td, AT_FDCWD, (const void *)args[0],
	    (int)args[1], 0));
}

/* faccessat(dirfd, path, mode, flags) */
int
sys_faccessat(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	return (kern_accessat(td, (int)args[0], (const void *)args[1],
	    (int)args[2], (int)args[3]));
}

/*
 * fstatat(dirfd, path, sb, flags): stat and lstat in libc (there are no
 * symbolic links, so the two agree).  EINVAL for flags other than
 * AT_SYMLINK_NOFOLLOW.
 */
int
sys_fstatat(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct nameidata nd;
	struct stat sb;
	char *path;
	int error;

	if (((int)args[3] & ~AT_SYMLINK_NOFOLLOW) != 0)
		return (EINVAL);
	if ((error = vfs_lookupuser(td, (int)args[0], (const void *)args[1],
	    &nd, &path)) != 0)
		return (error);
	memset(&sb, 0, sizeof(sb));
	if (nd.ni_vp == NULL)
		error = ENOENT;
	else
		vn_stat_locked(nd.ni_vp, &sb);
	vfs_lookupdone(&nd, path);
	if (error == 0)
		error = copyout(&sb, (void *)args[2], sizeof(sb));
	return (error);
}

/*
 * The node behind descriptor fd, with a reference to the file the caller
 * fdrops; ESPIPE if the file is not a node (a pipe, the console, shared
 * memory), as FreeBSD's lseek and pread.
 */
static int
vfs_getvnode(struct thread *td, int fd, struct file **fpp)
{
	struct file *fp;
	int error;

	if ((error = fget(td, fd, &fp)) != 0)
		return (error);
	if (fp->f_type != DTYPE_VNODE) {
		fdrop(fp);
		return (ESPIPE);
	}
	*fpp = fp;
	return (0);
}

/*
 * lseek(fd, offset, whence): the new offset.  EINVAL for a bad whence or
 * a negative result, EOVERFLOW if it would not fit.
 */
int
sys_lseek(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct file *fp;
	struct vnode *vp;
	int64_t off = (int64_t)args[1], base;
	int error;

	if ((error = vfs_getvnode(td, (int)args[0], &fp)) != 0)
		return (error);
	vp = fp->f_data;
	vfs_lock();
	switch ((int)args[2]) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = fp->f_offset;
		break;
	case SEEK_END:
		base = vp->v_type == VREG ? vp->v_size : 0;
		break;
	default:
		error = EINVAL;
		goto out;
	}
	if (__builtin_add_overflow(base, off, &off))
		error = EOVERFLOW;
	else if (off < 0)
		error = EINVAL;
	else
		rv[0] = fp->f_offset = off;
out:
	vfs_unlock();
	fdrop(fp);
	return (error);
}

/*
 * pread and pwrite: at the given offset, leaving the file's own alone.
 * EBADF if not open for the direction, ESPIPE for a pipe, EINVAL for a
 * negative offset, EISDIR for a directory.  A partial transfer counts
 * (docs/abi.md section 6).
 */
static int
kern_pio(struct thread *td, const uint64_t *args, bool write, uint64_t *rv)
{
	struct file *fp;
	size_t done = 0;
	int64_t off = (int64_t)args[3];
	int error;

	if (args[2] > (uint64_t)INT64_MAX)
		return (EINVAL);
	if ((error = vfs_getvnode(td, (int)args[0], &fp)) != 0)
		return (error);
	if ((fp->f_flag & (write ? FWRITE : FREAD)) == 0)
		error = EBADF;
	else if (off < 0)
		error = EINVAL;
	else {
		vfs_lock();
		error = vn_rdwr_locked(fp, (void *)args[1], args[2], off,
		    write, &done);
		vfs_unlock();
	}
	fdrop(fp);
	if (done > 0 && error == EFAULT)
		error = 0;
	if (error == 0)
		rv[0] = done;
	return (error);
}

/* pread(fd, buf, nbyte, offset) */
int
sys_pread(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	return (kern_pio(td, args, false, rv));
}

/* pwrite(fd, buf, nbyte, offset) */
int
sys_pwrite(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	return (kern_pio(td, args, true, rv));
}

/*
 * getdirentries(fd, buf, nbytes, basep): struct dirent records
 * (sys/dirent.h) from the directory's offset on; 0 at the end.  *basep,
 * if basep is not NULL, gets the offset the read started at.  EBADF if
 * not open for reading, EINVAL if fd is not a directory or nbytes holds
 * not even the next record, EFAULT for a bad buffer.
 */
int
sys_getdirentries(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct file *fp;
	struct vnode *vp;
	size_t len = MIN(args[2], VFS_DIRBUF_MAX), filled = 0;
	int64_t off, base = 0;
	void *buf;
	int error;

	if ((error = fget(td, (int)args[0], &fp)) != 0)
		return (error);
	vp = fp->f_data;
	if ((fp->f_flag & FREAD) == 0)
		error = EBADF;
	else if (fp->f_type != DTYPE_VNODE || vp->v_type != VDIR)
		error = EINVAL;
	else if ((buf = kmalloc(MAX(len, 1), M_WAITOK)) == NULL)
		error = ENOMEM;
	else {
		vfs_lock();
		base = off = fp->f_offset;
		error = tmpfs_dir_getdents(vp, &off, buf, len, &filled);
		if (error == 0 && filled > 0 &&
		    (error = copyout(buf, (void *)args[1], filled)) == 0)
			fp->f_offset = off;
		vfs_unlock();
		kfree(buf);
	}
	fdrop(fp);
	if (error == 0 && args[3] != 0)
		error = copyout(&base, (void *)args[3], sizeof(base));
	if (error == 0)
		rv[0] = filled;
	return (error);
}
