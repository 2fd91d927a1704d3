/*
 * Open files.  A struct file is one open object (the console, one end of a
 * pipe, a shared memory object) shared by every descriptor that refers to
 * it: dup2 and fork copy the pointer and take a reference.  The object's
 * behaviour is its fileops table; f_data is the object itself.
 *
 * Lock keys: (C) constant after creation, (A) atomic.
 */
#ifndef _SYS_FILE_H_
#define _SYS_FILE_H_

#include "sys/types.h"

struct file;
struct stat;
struct thread;

/* f_type */
#define DTYPE_CONSOLE	1
#define DTYPE_PIPE	2
#define DTYPE_SHM	3

/*
 * f_flag.  FREAD and FWRITE are FreeBSD's FFLAGS(O_ACCMODE) (open mode
 * plus one); FNONBLOCK is the user's O_NONBLOCK bit.
 */
#define FREAD		0x0001
#define FWRITE		0x0002
#define FNONBLOCK	0x0004

/* Open flags (FreeBSD's <fcntl.h> values) the calls here accept. */
#define O_RDONLY	0x0000
#define O_WRONLY	0x0001
#define O_RDWR		0x0002
#define O_ACCMODE	0x0003
#define O_NONBLOCK	0x0004
#define O_CREAT		0x0200
#define O_TRUNC		0x0400
#define O_EXCL		0x0800
#define O_CLOEXEC	0x00100000

/* Writes to a pipe of at most PIPE_BUF bytes are never interleaved. */
#define PIPE_BUF	512

/*
 * Operations of an open object.  read and write move at most len bytes
 * between the object and user memory at ubuf and store the count moved in
 * *done even when they fail (a partial transfer then an error such as
 * EINTR or EFAULT).  Any op may be NULL: read and write then fail with
 * EOPNOTSUPP, truncate with EINVAL (as FreeBSD's invfo_* do).  stat fills
 * a zeroed *sb.  close runs once, when the last reference goes.
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
};

struct file {
	const struct fileops *f_ops;	/* (C) */
	void		*f_data;	/* (C) the object: struct pipe, ... */
	u_int		f_count;	/* (A) references */
	u_int		f_flag;		/* (C) FREAD, FWRITE, FNONBLOCK */
	int		f_type;		/* (C) DTYPE_* */
};

/* kern_descrip.c */
struct file *file_alloc(int type, const struct fileops *ops, void *data,
	    u_int flag);
void	fhold(struct file *fp);
void	fdrop(struct file *fp);
int	fget(struct thread *td, int fd, struct file **fpp);

/* tty_cons.c */
struct file *cons_file_alloc(void);

/* True for a shared memory object (mmap refuses PROT_MTE on it). */
static inline bool
file_is_shm(const struct file *fp)
{
	return (fp->f_type == DTYPE_SHM);
}

#endif /* !_SYS_FILE_H_ */
