/*
 * The file system's nodes.  TagOS has one file system, a memory file
 * system in FreeBSD's tmpfs style (sys/kern/tmpfs_subr.c) mounted at /:
 * a struct vnode is both the VFS object the descriptor and path layers
 * (sys/kern/vfs_*.c) see and the tmpfs node that holds the data.
 *
 *   - VDIR: a list of named entries (struct tmpfs_dirent), each holding
 *     one link to a node; "." and ".." are not stored but answered by
 *     lookup and getdirentries, ".." from v_parent.
 *   - VREG: the bytes live in the pages of a VM object of the node's own
 *     (a shared-memory style object: zero where never written, sized in
 *     pages by v_size), which mmap maps as it is.  Faults through a
 *     mapping add pages too; v_pages is how many the file system has
 *     counted, brought up to date at each write and resize.
 *   - VCHR: a device (/dev/null, /dev/zero) whose reads and writes go to
 *     its struct vdevsw.
 *
 * A node lives while a directory entry names it (v_nlink) or someone uses
 * it (v_usecount: an open file, a lookup in progress); the last of both
 * to go frees it (tmpfs_node_release).
 *
 * Lock keys: (C) constant after creation, (v) the VFS lock (vfs_lock()),
 * which every operation on the name space and on nodes holds; it is a
 * sleeping lock, so copies to and from user memory run under it.
 */
#ifndef _SYS_VNODE_H_
#define _SYS_VNODE_H_

#include "sys/types.h"
#include "sys/queue.h"

struct file;
struct vm_object;
struct thread;
struct vnode;

enum vtype { VNON, VREG, VDIR, VCHR };

/* A character device's I/O (kernel-side, on user buffers). */
struct vdevsw {
	const char *d_name;
	int	(*d_read)(struct vnode *vp, void *ubuf, size_t len,
		    size_t *done);
	int	(*d_write)(struct vnode *vp, const void *ubuf, size_t len,
		    size_t *done);
};

/* One name in a directory. */
struct tmpfs_dirent {
	TAILQ_ENTRY(tmpfs_dirent) td_link;	/* (v) in v_dirents */
	struct vnode	*td_node;	/* (v) the node it links */
	uint64_t	td_cookie;	/* (C) getdirentries position */
	uint16_t	td_namelen;	/* (C) */
	char		td_name[];	/* (C) not NUL-terminated */
};

struct vnode {
	enum vtype	v_type;		/* (C) */
	uint16_t	v_mode;		/* (v) permission bits */
	uint64_t	v_ino;		/* (C) */
	u_int		v_nlink;	/* (v) links (a directory: 2 + subdirs) */
	u_int		v_usecount;	/* (v) open files and lookups */
	int64_t		v_size;		/* (v) bytes (VREG) */
	u_long		v_pages;	/* (v) VREG: pages in tm_pages */
	struct vm_object *v_object;	/* (C) VREG: the pages */
	const struct vdevsw *v_devsw;	/* (C) VCHR */
	uint64_t	v_rdev;		/* (C) VCHR */
	/* VDIR only: */
	TAILQ_HEAD(, tmpfs_dirent) v_dirents;	/* (v) in creation order */
	u_int		v_nentries;	/* (v) length of v_dirents */
	struct vnode	*v_parent;	/* (v) ".."; the root's is itself */
	uint64_t	v_next_cookie;	/* (v) for the next entry */
};

/*
 * Directory positions: getdirentries's offset is the cookie of the next
 * entry to return.  "." and ".." come first; real entries count up from
 * TMPFS_COOKIE_FIRST, never reused, so deleting entries does not make a
 * reader skip or repeat others.
 */
#define TMPFS_COOKIE_DOT	0
#define TMPFS_COOKIE_DOTDOT	1
#define TMPFS_COOKIE_FIRST	2
#define TMPFS_COOKIE_EOF	INT64_MAX

/* The file system's totals (tmpfs_subr.c), under the VFS lock. */
struct tmpfs_mount {
	uint64_t	tm_next_ino;	/* (v) */
	u_long		tm_nodes;	/* (v) nodes alive */
	u_long		tm_pages;	/* (v) file pages held */
	u_long		tm_pages_max;	/* (v) ENOSPC beyond this */
};

extern struct tmpfs_mount tmpfs_mount;

/* tmpfs_subr.c: the node and directory bookkeeping. */
struct vnode *tmpfs_node_alloc(enum vtype type, uint16_t mode);
void	tmpfs_node_ref(struct vnode *vp);
void	tmpfs_node_release(struct vnode *vp);
struct vnode *tmpfs_dir_lookup(struct vnode *dvp, const char *name,
	    size_t namelen);
struct tmpfs_dirent *tmpfs_dir_find(struct vnode *dvp, const char *name,
	    size_t namelen);
int	tmpfs_dir_enter(struct vnode *dvp, const char *name, size_t namelen,
	    struct vnode *vp);
void	tmpfs_dir_remove(struct vnode *dvp, struct tmpfs_dirent *de);
int	tmpfs_dir_move(struct vnode *fdvp, struct tmpfs_dirent *fde,
	    struct vnode *tdvp, const char *name, size_t namelen);
int	tmpfs_dir_getdents(struct vnode *dvp, int64_t *offp, void *buf,
	    size_t len, size_t *filled);
int	tmpfs_reg_resize(struct vnode *vp, int64_t size);
int	tmpfs_reg_read(struct vnode *vp, int64_t off, void *buf, size_t len,
	    bool user, size_t *done);
int	tmpfs_reg_write(struct vnode *vp, int64_t off, const void *buf,
	    size_t len, bool user, size_t *done);
uint8_t	tmpfs_dirent_type(const struct vnode *vp);
uint16_t tmpfs_mode_type(const struct vnode *vp);

/* vfs_lookup.c: the VFS lock, the root, path lookup. */
extern struct vnode *rootvnode;

void	vfs_lock(void);
void	vfs_unlock(void);

#define VFS_NAME_MAX	255	/* a path component (FreeBSD's NAME_MAX) */
#define VFS_PATH_MAX	1024	/* a whole path, with its NUL (PATH_MAX) */
#define VFS_DIRBUF_MAX	(64 * 1024)	/* getdirentries's most per call */
#define VFS_FILE_MAX	(1ULL << 47)	/* largest file size (EFBIG) */

/*
 * What vfs_namei found: the directory holding the last component (with a
 * use reference), the node it names (with a use reference, or NULL if
 * there is none) and the last component's name, pointing into the path.
 * A path naming the root has dvp == vp == root and namelen 0.
 */
struct nameidata {
	struct vnode	*ni_dvp;
	struct vnode	*ni_vp;
	const char	*ni_name;
	size_t		ni_namelen;
	bool		ni_trailing_slash;	/* "dir/" */
};

int	vfs_namei(struct thread *td, int dirfd, const char *path,
	    struct nameidata *nd);
void	vfs_nameidone(struct nameidata *nd);

/* vfs_vnops.c: open nodes, devices, exec's access to files. */
#define VFS_DEV		0x5400	/* st_dev of every node: one file system */

struct stat;
extern const struct fileops vnops;
extern const struct vdevsw devnull_devsw, devzero_devsw;

int	vn_rdwr_locked(struct file *fp, void *ubuf, size_t len, int64_t off,
	    bool write, size_t *done);
void	vn_stat_locked(struct vnode *vp, struct stat *sb);
int	vfs_read_file(const char *path, void **bufp, size_t *sizep);
bool	vfs_file_is_devzero(const struct file *fp);
bool	vfs_file_is_regular(const struct file *fp);
int	vfs_get_object(struct file *fp, struct vm_object **objp,
	    int64_t *sizep);

/* vfs_mount.c: the root, filled from the initramfs at boot. */
void	vfs_mountroot(const void *archive, size_t len);

#endif /* !_SYS_VNODE_H_ */
