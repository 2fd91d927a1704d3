/*
 * Open files.  A struct file is one open object (the console, one end of a
 * pipe, a shared memory object) shared by every descriptor that refers to
 * it: dup2 and fork copy the pointer and take a reference.  The object's
 * behaviour is its fileops table; f_data is the object itself.
 *
 * Lock keys: (C) constant after creation, (A) atomic, (v) the VFS lock
 * (sys/vnode.h).
 */
#ifndef _SYS_FILE_H_
#define _SYS_FILE_H_

#include "sys/types.h"
#include "sys/fcntl.h"

struct file;
struct stat;
struct thread;

/* f_type */
#define DTYPE_CONSOLE	1
#define DTYPE_PIPE	2
#define DTYPE_SHM	3
#define DTYPE_VNODE	4	/* a file system node (sys/vnode.h) */

/*
 * f_flag.  FREAD and FWRITE are FreeBSD's FFLAGS(O_ACCMODE) (open mode
 * plus one); FNONBLOCK and FAPPEND are the user's O_NONBLOCK and O_APPEND
 * bits, the ones fcntl(F_SETFL) may change (FCNTLFLAGS).
 */
#define FREAD		0x0001
#define FWRITE		0x0002
#define FNONBLOCK	O_NONBLOCK
#define FAPPEND		O_APPEND
#define FCNTLFLAGS	(FNONBLOCK | FAPPEND)

/* Writes to a pipe of at most PIPE_BUF bytes are never interleaved. */
#define PIPE_BUF	512

/*
 * Operations of an open object.  read and write move at most len bytes
 * between the object and user memory at ubuf and store the count moved in
 * *done even when they fail (a partial transfer then an error such as
 * EINTR or EFAULT).  Any op may be NULL: read and write then fail with
 * EOPNOTSUPP, truncate with EINVAL (as FreeBSD's invfo_* do).  stat fills
 * a zeroed *sb.  close runs once, when the last reference goes.  poll
 * returns which of events (POLL* bits, sys/poll.h) hold now, plus POLLHUP
 * or POLLERR whatever events asks, without sleeping; a NULL poll means
 * always readable and writable (a regular file, /dev/null), as FreeBSD's
 * vnodes and devices without a poll routine.  An object whose state can
 * change calls selwakeup() when it does.
 */
struct fileops {
	int	(*fo_read)(struct file *fp, void *ubuf, size_t len,
		    size_t *done, struct thread *td);
	int	(*fo_write)(struct file *fp, const void *ubuf, size_t len,
		    size_t *done, struct thread *td);
	int	(*fo_truncate)(struct file *fp, int64_t length,
		    struct thread *td);
	int	(*fo_stat)(struct file *fp, struct stat *sb, struct thread *td);
	void	(*fo_close)(struct file *fp);
	int	(*fo_poll)(struct file *fp, int events, struct thread *td);
};

struct file {
	const struct fileops *f_ops;	/* (C) */
	void		*f_data;	/* (C) the object: struct pipe, ... */
	u_int		f_count;	/* (A) references */
	u_int		f_flag;		/* (A) FREAD, FWRITE (C); FCNTLFLAGS */
	int		f_type;		/* (C) DTYPE_* */
	int64_t		f_offset;	/* (v) DTYPE_VNODE: read/write position */
};

/* kern_descrip.c */
struct file *file_alloc(int type, const struct fileops *ops, void *data,
	    u_int flag);
void	fhold(struct file *fp);
void	fdrop(struct file *fp);
int	fget(struct thread *td, int fd, struct file **fpp);

/* sys_generic.c: wake every poll and select sleeping in the system. */
void	selwakeup(void);

/* tty_cons.c */
struct file *cons_file_alloc(void);

/* True for a shared memory object (mmap refuses PROT_MTE on it). */
static inline bool
file_is_shm(const struct file *fp)
{
	return (fp->f_type == DTYPE_SHM);
}

#endif /* !_SYS_FILE_H_ */
