/*
 * Open file system nodes: the fileops of a descriptor that refers to a
 * vnode (read, write, truncate, stat, close at the file's offset), the two
 * devices /dev/null and /dev/zero, and whole-file reads for exec.
 *
 * Every operation takes the VFS lock (sys/vnode.h) for its whole length,
 * so a read or write is atomic with respect to other file operations, and
 * the file offset (f_offset) needs no lock of its own.
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/file.h"
#include "sys/malloc.h"
#include "sys/param.h"
#include "sys/pcpu.h"
#include "sys/proc.h"
#include "sys/stat.h"
#include "sys/vnode.h"
#include "vm/vm_object.h"

/* exec reads a program whole into one kernel allocation (kmalloc's most). */
#define VFS_EXEC_MAX	(2UL << 20)

/* /dev/null: reads see end of file, writes vanish. */
static int
devnull_read(struct vnode *vp, void *ubuf, size_t len, size_t *done)
{
	*done = 0;
	return (0);
}

static int
devnull_write(struct vnode *vp, const void *ubuf, size_t len, size_t *done)
{
	*done = len;
	return (0);
}

/* /dev/zero: reads fill with zeros, writes vanish. */
static int
devzero_read(struct vnode *vp, void *ubuf, size_t len, size_t *done)
{
	static const char zeros[512];
	size_t n, moved;
	int error = 0;

	*done = 0;
	while (*done < len) {
		n = MIN(len - *done, sizeof(zeros));
		error = copyout_partial(zeros, (char *)ubuf + *done, n, &moved);
		*done += moved;
		if (error != 0)
			break;
	}
	return (error);
}

const struct vdevsw devnull_devsw = {
	.d_name = "null",
	.d_read = devnull_read,
	.d_write = devnull_write,
};

const struct vdevsw devzero_devsw = {
	.d_name = "zero",
	.d_read = devzero_read,
	.d_write = devnull_write,
};

/*
 * read(2): from the offset on, which moves past what was read.  EISDIR for
 * a directory (read it with getdirentries), as FreeBSD's tmpfs.
 */
static int
vn_read(struct file *fp, void *ubuf, size_t len, size_t *done,
    struct thread *td)
{
	int error;

	vfs_lock();
	error = vn_rdwr_locked(fp, ubuf, len, fp->f_offset, false, done);
	fp->f_offset += *done;
	vfs_unlock();
	return (error);
}

/* write(2): at the offset, or at the end with O_APPEND. */
static int
vn_write(struct file *fp, const void *ubuf, size_t len, size_t *done,
    struct thread *td)
{
	struct vnode *vp = fp->f_data;
	int error;

	vfs_lock();
	if ((__atomic_load_n(&fp->f_flag, __ATOMIC_RELAXED) & FAPPEND) != 0 &&
	    vp->v_type == VREG)
		fp->f_offset = vp->v_size;
	error = vn_rdwr_locked(fp, (void *)ubuf, len, fp->f_offset, true,
	    done);
	fp->f_offset += *done;
	vfs_unlock();
	return (error);
}

/*
 * Move len bytes between user memory and the node at off, whatever its
 * type, with the VFS lock held: the one path of read, write, pread and
 * pwrite.  *done is the count moved, also on error.
 */
int
vn_rdwr_locked(struct file *fp, void *ubuf, size_t len, int64_t off,
    bool write, size_t *done)
{
	struct vnode *vp = fp->f_data;

	*done = 0;
	switch (vp->v_type) {
	case VREG:
		return (write ? tmpfs_reg_write(vp, off, ubuf, len, true,
		    done) : tmpfs_reg_read(vp, off, ubuf, len, true, done));
	case VCHR:
		return (write ? vp->v_devsw->d_write(vp, ubuf, len, done) :
		    vp->v_devsw->d_read(vp, ubuf, len, done));
	case VDIR:
		return (EISDIR);
	default:
		return (EOPNOTSUPP);
	}
}

/* ftruncate(2): regular files only (EINVAL otherwise, as FreeBSD). */
static int
vn_truncate(struct file *fp, int64_t length, struct thread *td)
{
	struct vnode *vp = fp->f_data;
	int error;

	vfs_lock();
	error = vp->v_type == VREG ? tmpfs_reg_resize(vp, length) : EINVAL;
	vfs_unlock();
	return (error);
}

/* Fill a zeroed *sb for vp.  VFS lock held. */
void
vn_stat_locked(struct vnode *vp, struct stat *sb)
{
	sb->st_dev = VFS_DEV;
	sb->st_ino = vp->v_ino;
	sb->st_nlink = vp->v_nlink;
	sb->st_mode = tmpfs_mode_type(vp) | vp->v_mode;
	sb->st_rdev = vp->v_rdev;
	sb->st_blksize = PAGE_SIZE;
	switch (vp->v_type) {
	case VREG:
		sb->st_size = vp->v_size;
		/* Blocks are 512 bytes, as st_blocks always counts them. */
		sb->st_blocks = vp->v_object->resident_page_count *
		    (PAGE_SIZE / 512);
		break;
	case VDIR:
		/* FreeBSD's tmpfs: one dirent's worth per entry, and two. */
		sb->st_size = (vp->v_nentries + 2) * sizeof(struct tmpfs_dirent);
		break;
	default:
		break;
	}
}

static int
vn_statfile(struct file *fp, struct stat *sb, struct thread *td)
{
	vfs_lock();
	vn_stat_locked(fp->f_data, sb);
	vfs_unlock();
	return (0);
}

/* The last descriptor is gone: drop the use; an unlinked node goes too. */
static void
vn_close(struct file *fp)
{
	vfs_lock();
	tmpfs_node_release(fp->f_data);
	vfs_unlock();
}

const struct fileops vnops = {
	.fo_read = vn_read,
	.fo_write = vn_write,
	.fo_truncate = vn_truncate,
	.fo_stat = vn_statfile,
	.fo_close = vn_close,
};

/* True if fp is open on /dev/zero (mmap makes that anonymous memory). */
bool
vfs_file_is_devzero(const struct file *fp)
{
	const struct vnode *vp = fp->f_data;

	return (fp->f_type == DTYPE_VNODE && vp->v_type == VCHR &&
	    vp->v_devsw == &devzero_devsw);
}

/* True if fp is open on a regular file (which mmap can map). */
bool
vfs_file_is_regular(const struct file *fp)
{
	const struct vnode *vp = fp->f_data;

	return (fp->f_type == DTYPE_VNODE && vp->v_type == VREG);
}

/*
 * For mmap: the regular file's VM object with a new reference, and its
 * size.  The object is shared-memory style, so the VM gives mappings of
 * it the shared memory rules: faults at or past the size are SIGBUS,
 * PROT_MTE is refused, MAP_PRIVATE copies on write.
 */
int
vfs_get_object(struct file *fp, struct vm_object **objp,
    int64_t *sizep)
{
	struct vnode *vp = fp->f_data;

	if (!vfs_file_is_regular(fp))
		return (ENODEV);
	vfs_lock();
	*sizep = vp->v_size;
	vm_object_reference(vp->v_object);
	*objp = vp->v_object;
	vfs_unlock();
	return (0);
}

/*
 * For exec: the whole of the regular file at path (absolute, a kernel
 * string) in a new kmalloc'd buffer the caller frees.  ENOENT (and the
 * other lookup errors), EACCES if it is not a regular file with an
 * execute bit, ENOMEM past VFS_EXEC_MAX or if memory is short.
 */
int
vfs_read_file(const char *path, void **bufp, size_t *sizep)
{
	struct nameidata nd;
	struct vnode *vp;
	size_t done;
	void *buf;
	int error;

	if (rootvnode == NULL)
		return (ENOENT);
	vfs_lock();
	if ((error = vfs_namei(curthread, AT_FDCWD, path, &nd)) != 0)
		goto out;
	vp = nd.ni_vp;
	if (vp == NULL)
		error = ENOENT;
	else if (vp->v_type != VREG || (vp->v_mode & (S_IXUSR | S_IXGRP |
	    S_IXOTH)) == 0)
		error = EACCES;
	else if ((uint64_t)vp->v_size > VFS_EXEC_MAX)
		error = ENOMEM;
	else if ((buf = kmalloc(MAX(vp->v_size, 1), M_WAITOK)) == NULL)
		error = ENOMEM;
	else {
		error = tmpfs_reg_read(vp, 0, buf, vp->v_size, false, &done);
		KASSERT(error == 0 && done == (size_t)vp->v_size,
		    ("%s: short kernel read of %s", __func__, path));
		*bufp = buf;
		*sizep = done;
	}
	vfs_nameidone(&nd);
out:
	vfs_unlock();
	return (error);
}
