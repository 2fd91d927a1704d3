/*
 * The memory file system's bookkeeping (FreeBSD's tmpfs idea): nodes,
 * directories as lists of names, and regular files' bytes kept in the
 * pages of a VM object per file.  Nothing here locks: every caller holds
 * the VFS lock (sys/vnode.h), and host tests call it single-threaded.
 * Nothing here panics on a caller's bad input either: the VFS layer has
 * checked names and types, and what remains (no memory, no space) is an
 * errno.
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/dirent.h"
#include "sys/malloc.h"
#include "sys/param.h"
#include "sys/stat.h"
#include "sys/vnode.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"

struct tmpfs_mount tmpfs_mount = {
	.tm_next_ino = 2,		/* the root is 2, as on FreeBSD */
	.tm_pages_max = ~0UL,
};

/*
 * A new node of the given type with no links and one use reference (the
 * caller's); a regular file gets an empty VM object.  NULL if memory is
 * short.
 */
struct vnode *
tmpfs_node_alloc(enum vtype type, uint16_t mode)
{
	struct vnode *vp;

	if ((vp = kmalloc(sizeof(*vp), M_WAITOK | M_ZERO)) == NULL)
		return (NULL);
	if (type == VREG && (vp->v_object = vm_object_allocate_shm(0)) ==
	    NULL) {
		kfree(vp);
		return (NULL);
	}
	vp->v_type = type;
	vp->v_mode = mode & ALLPERMS;
	vp->v_ino = tmpfs_mount.tm_next_ino++;
	vp->v_usecount = 1;
	TAILQ_INIT(&vp->v_dirents);
	vp->v_next_cookie = TMPFS_COOKIE_FIRST;
	tmpfs_mount.tm_nodes++;
	return (vp);
}

/* Another use reference to vp, which the caller already reaches. */
void
tmpfs_node_ref(struct vnode *vp)
{
	vp->v_usecount++;
}

static void	tmpfs_reg_count(struct vnode *vp);

/* Free vp: no links, no users; a directory must be empty. */
static void
tmpfs_node_free(struct vnode *vp)
{
	KASSERT(vp->v_nlink == 0 && vp->v_usecount == 0,
	    ("%s: node %lu has %u links, %u users", __func__, vp->v_ino,
	    vp->v_nlink, vp->v_usecount));
	KASSERT(TAILQ_EMPTY(&vp->v_dirents),
	    ("%s: directory %lu not empty", __func__, vp->v_ino));
	if (vp->v_type == VREG) {
		/*
		 * Not truncated: a mapping may still use the pages (an
		 * unlinked file stays mapped); the last reference frees them.
		 */
		tmpfs_reg_count(vp);
		tmpfs_mount.tm_pages -= vp->v_pages;
		vm_object_deallocate(vp->v_object);
	}
	tmpfs_mount.tm_nodes--;
	kfree(vp);
}

/*
 * Drop a use reference; the node is freed if that was the last use and
 * no directory names it any more (an unlinked file's last close).
 */
void
tmpfs_node_release(struct vnode *vp)
{
	KASSERT(vp->v_usecount > 0,
	    ("%s: node %lu has no users", __func__, vp->v_ino));
	if (--vp->v_usecount == 0 && vp->v_nlink == 0)
		tmpfs_node_free(vp);
}

/* The entry of dvp named name (namelen bytes), or NULL. */
struct tmpfs_dirent *
tmpfs_dir_find(struct vnode *dvp, const char *name, size_t namelen)
{
	struct tmpfs_dirent *de;

	TAILQ_FOREACH(de, &dvp->v_dirents, td_link)
		if (de->td_namelen == namelen &&
		    memcmp(de->td_name, name, namelen) == 0)
			return (de);
	return (NULL);
}

/*
 * The node directory dvp names name, "." and ".." included, without a
 * reference; NULL if there is none.
 */
struct vnode *
tmpfs_dir_lookup(struct vnode *dvp, const char *name, size_t namelen)
{
	struct tmpfs_dirent *de;

	KASSERT(dvp->v_type == VDIR, ("%s: node %lu is not a directory",
	    __func__, dvp->v_ino));
	if (namelen == 1 && name[0] == '.')
		return (dvp);
	if (namelen == 2 && name[0] == '.' && name[1] == '.')
		return (dvp->v_parent);
	de = tmpfs_dir_find(dvp, name, namelen);
	return (de != NULL ? de->td_node : NULL);
}

/*
 * Add the name (which dvp does not hold yet, and is neither "." nor "..")
 * for vp: one more link to vp; a directory also gets dvp as its parent,
 * whose link count its ".." raises.  ENOMEM if memory is short.
 */
int
tmpfs_dir_enter(struct vnode *dvp, const char *name, size_t namelen,
    struct vnode *vp)
{
	struct tmpfs_dirent *de;

	KASSERT(dvp->v_type == VDIR && namelen > 0 &&
	    namelen <= MAXNAMLEN && tmpfs_dir_find(dvp, name, namelen) ==
	    NULL, ("%s: bad entry for directory %lu", __func__, dvp->v_ino));
	if ((de = kmalloc(sizeof(*de) + namelen, M_WAITOK)) == NULL)
		return (ENOMEM);
	memcpy(de->td_name, name, namelen);
	de->td_namelen = (uint16_t)namelen;
	de->td_node = vp;
	de->td_cookie = dvp->v_next_cookie++;
	TAILQ_INSERT_TAIL(&dvp->v_dirents, de, td_link);
	dvp->v_nentries++;
	vp->v_nlink++;
	if (vp->v_type == VDIR) {
		/* A directory's own "." is its second link. */
		vp->v_nlink++;
		vp->v_parent = dvp;
		dvp->v_nlink++;
	}
	return (0);
}

/*
 * Remove entry de of dvp and the link it held; the node is freed if it
 * was the last link and nobody uses it.  A directory must be empty.
 */
void
tmpfs_dir_remove(struct vnode *dvp, struct tmpfs_dirent *de)
{
	struct vnode *vp = de->td_node;

	TAILQ_REMOVE(&dvp->v_dirents, de, td_link);
	dvp->v_nentries--;
	kfree(de);
	KASSERT(vp->v_nlink > 0, ("%s: node %lu has no links", __func__,
	    vp->v_ino));
	vp->v_nlink--;
	if (vp->v_type == VDIR) {
		KASSERT(TAILQ_EMPTY(&vp->v_dirents) && vp->v_nlink == 1,
		    ("%s: directory %lu not empty", __func__, vp->v_ino));
		vp->v_nlink = 0;
		vp->v_parent = NULL;
		dvp->v_nlink--;
	}
	if (vp->v_nlink == 0 && vp->v_usecount == 0)
		tmpfs_node_free(vp);
}

/*
 * Rename: entry fde of fdvp becomes the name (namelen bytes) in tdvp,
 * replacing the entry of that name tdvp may hold (an empty directory if
 * fde names one; a node that loses its last link is freed as in
 * tmpfs_dir_remove).  The node's link count stays; a directory changes
 * parent.  ENOMEM, with nothing changed, if memory is short.
 */
int
tmpfs_dir_move(struct vnode *fdvp, struct tmpfs_dirent *fde,
    struct vnode *tdvp, const char *name, size_t namelen)
{
	struct tmpfs_dirent *de, *old;
	struct vnode *vp = fde->td_node;

	KASSERT(namelen > 0 && namelen <= MAXNAMLEN,
	    ("%s: bad name length %zu", __func__, namelen));
	if ((de = kmalloc(sizeof(*de) + namelen, M_WAITOK)) == NULL)
		return (ENOMEM);
	if ((old = tmpfs_dir_find(tdvp, name, namelen)) != NULL)
		tmpfs_dir_remove(tdvp, old);
	memcpy(de->td_name, name, namelen);
	de->td_namelen = (uint16_t)namelen;
	de->td_node = vp;
	de->td_cookie = tdvp->v_next_cookie++;
	TAILQ_REMOVE(&fdvp->v_dirents, fde, td_link);
	fdvp->v_nentries--;
	kfree(fde);
	TAILQ_INSERT_TAIL(&tdvp->v_dirents, de, td_link);
	tdvp->v_nentries++;
	if (vp->v_type == VDIR) {
		fdvp->v_nlink--;
		tdvp->v_nlink++;
		vp->v_parent = tdvp;
	}
	return (0);
}

/* The DT_* type getdirentries reports for vp. */
uint8_t
tmpfs_dirent_type(const struct vnode *vp)
{
	switch (vp->v_type) {
	case VDIR:
		return (DT_DIR);
	case VREG:
		return (DT_REG);
	case VCHR:
		return (DT_CHR);
	default:
		return (DT_UNKNOWN);
	}
}

/* The S_IF* type bits stat reports for vp. */
uint16_t
tmpfs_mode_type(const struct vnode *vp)
{
	switch (vp->v_type) {
	case VDIR:
		return (S_IFDIR);
	case VCHR:
		return (S_IFCHR);
	default:
		return (S_IFREG);
	}
}

/*
 * Append one struct dirent record to buf if it fits in the len - *filled
 * bytes left; false if it does not.
 */
static bool
tmpfs_dirent_put(char *buf, size_t len, size_t *filled, uint64_t ino,
    int64_t next, uint8_t type, const char *name, size_t namelen)
{
	struct dirent *d;
	size_t reclen = _GENERIC_DIRLEN(namelen);

	if (len - *filled < reclen)
		return (false);
	d = (struct dirent *)(buf + *filled);
	memset(d, 0, reclen);
	d->d_fileno = ino;
	d->d_off = next;
	d->d_reclen = (uint16_t)reclen;
	d->d_type = type;
	d->d_namlen = (uint16_t)namelen;
	memcpy(d->d_name, name, namelen);
	*filled += reclen;
	return (true);
}

/*
 * Fill the kernel buffer buf (len bytes) with the directory's entries from
 * position *offp on, as getdirentries(2) returns them, and advance *offp
 * past them.  *filled is the bytes used: 0 at the end of the directory.
 * EINVAL if not even the next entry fits.
 */
int
tmpfs_dir_getdents(struct vnode *dvp, int64_t *offp, void *buf, size_t len,
    size_t *filled)
{
	struct tmpfs_dirent *de;
	struct vnode *parent;
	int64_t off = *offp;

	*filled = 0;
	if (off == TMPFS_COOKIE_DOT) {
		if (!tmpfs_dirent_put(buf, len, filled, dvp->v_ino,
		    TMPFS_COOKIE_DOTDOT, DT_DIR, ".", 1))
			goto full;
		off = TMPFS_COOKIE_DOTDOT;
	}
	if (off == TMPFS_COOKIE_DOTDOT) {
		parent = dvp->v_parent != NULL ? dvp->v_parent : dvp;
		if (!tmpfs_dirent_put(buf, len, filled, parent->v_ino,
		    TMPFS_COOKIE_FIRST, DT_DIR, "..", 2))
			goto full;
		off = TMPFS_COOKIE_FIRST;
	}
	TAILQ_FOREACH(de, &dvp->v_dirents, td_link) {
		if ((int64_t)de->td_cookie < off)
			continue;
		if (!tmpfs_dirent_put(buf, len, filled, de->td_node->v_ino,
		    TAILQ_NEXT(de, td_link) != NULL ?
		    (int64_t)TAILQ_NEXT(de, td_link)->td_cookie :
		    TMPFS_COOKIE_EOF, tmpfs_dirent_type(de->td_node),
		    de->td_name, de->td_namelen)) {
			off = de->td_cookie;
			goto full;
		}
	}
	off = TMPFS_COOKIE_EOF;
full:
	*offp = off;
	if (*filled == 0 && off != TMPFS_COOKIE_EOF)
		return (EINVAL);
	return (0);
}

/*
 * Bring the file system's count of vp's pages up to date: pages faulted
 * in through a mapping join it, pages freed by truncation leave it.
 */
static void
tmpfs_reg_count(struct vnode *vp)
{
	u_long resident;

	vm_object_lock(vp->v_object);
	resident = vp->v_object->resident_page_count;
	vm_object_unlock(vp->v_object);
	KASSERT(tmpfs_mount.tm_pages >= vp->v_pages,
	    ("%s: total %lu below node %lu's %lu pages", __func__,
	    tmpfs_mount.tm_pages, vp->v_ino, vp->v_pages));
	tmpfs_mount.tm_pages = tmpfs_mount.tm_pages - vp->v_pages + resident;
	vp->v_pages = resident;
}

/*
 * Set a regular file's size: pages wholly past the new end are freed (and
 * no longer counted), the tail of a partial last page is zeroed, and
 * mappings of them fault with SIGBUS from now on.  Growing takes no page
 * until one is written.  EFBIG past VFS_FILE_MAX.
 */
int
tmpfs_reg_resize(struct vnode *vp, int64_t size)
{
	int error;

	KASSERT(vp->v_type == VREG, ("%s: node %lu is not a file", __func__,
	    vp->v_ino));
	if (size < 0 || (uint64_t)size > VFS_FILE_MAX)
		return (EFBIG);
	if ((error = vm_object_shm_resize(vp->v_object, size)) != 0)
		return (error);
	tmpfs_reg_count(vp);
	vp->v_size = size;
	return (0);
}

/*
 * The page of the file at pindex, allocated zeroed (and counted) if
 * absent and alloc is set; NULL if absent, or ENOSPC/ENOMEM in *errorp.
 */
static struct vm_page *
tmpfs_reg_page(struct vnode *vp, vm_pindex_t pindex, bool alloc, int *errorp)
{
	struct vm_object *obj = vp->v_object;
	struct vm_page *m;

	*errorp = 0;
	vm_object_lock(obj);
	m = vm_page_lookup(obj, pindex);
	if (m == NULL && alloc) {
		if (tmpfs_mount.tm_pages >= tmpfs_mount.tm_pages_max)
			*errorp = ENOSPC;
		else if ((m = vm_page_alloc(obj, pindex, VM_ALLOC_ZERO)) ==
		    NULL)
			*errorp = ENOMEM;
		else {
			tmpfs_mount.tm_pages++;
			vp->v_pages++;
		}
	}
	vm_object_unlock(obj);
	return (m);
}

/*
 * Move len bytes between buf and the file at off (which the caller has
 * checked), page by page; user says buf is a user address.  *done is the
 * count moved, also when a fault or a full file system ended the move.
 */
static int
tmpfs_reg_move(struct vnode *vp, int64_t off, char *buf, size_t len,
    bool user, bool write, size_t *done)
{
	static const char zeros[256];
	struct vm_page *m;
	char *page;
	size_t n, pgoff, moved;
	int error = 0;

	*done = 0;
	while (*done < len) {
		pgoff = (off + *done) & PAGE_MASK;
		n = MIN(len - *done, PAGE_SIZE - pgoff);
		m = tmpfs_reg_page(vp, OFF_TO_IDX(off + *done), write, &error);
		if (error != 0)
			break;
		if (m == NULL) {
			/* A hole reads as zeros. */
			n = MIN(n, sizeof(zeros));
			page = (char *)zeros;
			pgoff = 0;
		} else {
			page = vm_page_to_dmap(m);
		}
		moved = n;
		if (!user && write)
			memcpy(page + pgoff, buf + *done, n);
		else if (!user)
			memcpy(buf + *done, page + pgoff, n);
		else if (write)
			error = copyin_partial(buf + *done, page + pgoff, n,
			    &moved);
		else
			error = copyout_partial(page + pgoff, buf + *done, n,
			    &moved);
		*done += moved;
		if (error != 0)
			break;
	}
	return (error);
}

/*
 * Read up to len bytes at off into buf: nothing at or past the end.
 * *done is the count read (see tmpfs_reg_move).
 */
int
tmpfs_reg_read(struct vnode *vp, int64_t off, void *buf, size_t len,
    bool user, size_t *done)
{
	*done = 0;
	if (off < 0)
		return (EINVAL);
	if (off >= vp->v_size)
		return (0);
	len = MIN(len, (uint64_t)(vp->v_size - off));
	return (tmpfs_reg_move(vp, off, buf, len, user, false, done));
}

/*
 * Write len bytes from buf at off, growing the file to cover what was
 * written (also when an error cut the write short).  EFBIG if off + len
 * would pass VFS_FILE_MAX; ENOSPC when the file system is full.
 */
int
tmpfs_reg_write(struct vnode *vp, int64_t off, const void *buf, size_t len,
    bool user, size_t *done)
{
	int64_t end, old = vp->v_size, size;
	int error, error2;

	*done = 0;
	if (off < 0)
		return (EINVAL);
	if ((uint64_t)off > VFS_FILE_MAX || len > VFS_FILE_MAX - off)
		return (EFBIG);
	end = off + (int64_t)len;
	tmpfs_reg_count(vp);
	/* Growing frees no page, so the count of pages stays right. */
	if (end > old && (error = vm_object_shm_resize(vp->v_object, end)) !=
	    0)
		return (error);
	error = tmpfs_reg_move(vp, off, (char *)buf, len, user, true, done);
	/* A write that moved nothing (ENOSPC at once) does not grow it. */
	size = *done > 0 ? MAX(old, off + (int64_t)*done) : old;
	if (end > size) {
		/* Cut short: give back the pages past what was written. */
		error2 = tmpfs_reg_resize(vp, size);
		KASSERT(error2 == 0, ("%s: shrinking failed: %d", __func__,
		    error2));
	}
	vp->v_size = size;
	return (error);
}
