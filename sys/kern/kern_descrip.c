/*
 * Descriptor tables and open-file references, and the calls that work on
 * descriptors alone: close, dup, dup2, fcntl, fstat.
 *
 * A table slot holds one reference to its file.  Files are closed (their
 * last reference dropped) only after fd_lock is released: an object's
 * close may take other locks or free memory, and fd_lock is a spin lock.
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/malloc.h"
#include "sys/param.h"
#include "sys/pcpu.h"
#include "sys/proc.h"
#include "sys/file.h"
#include "sys/filedesc.h"
#include "sys/stat.h"
#include "sys/sysproto.h"

/*
 * A new open file of the given type with one reference (the caller's);
 * NULL if memory is short.
 */
struct file *
file_alloc(int type, const struct fileops *ops, void *data, u_int flag)
{
	struct file *fp;

	fp = kmalloc(sizeof(*fp), M_WAITOK | M_ZERO);
	if (fp == NULL)
		return (NULL);
	fp->f_ops = ops;
	fp->f_data = data;
	fp->f_count = 1;
	fp->f_flag = flag;
	fp->f_type = type;
	return (fp);
}

/* Take another reference to fp, which the caller already holds one of. */
void
fhold(struct file *fp)
{
	u_int old;

	old = __atomic_fetch_add(&fp->f_count, 1, __ATOMIC_RELAXED);
	KASSERT(old > 0, ("fhold: file %p has no references", fp));
}

/*
 * Drop a reference; the last one closes the object and frees fp.  Must not
 * be called with a spin lock held (see above).
 */
void
fdrop(struct file *fp)
{
	u_int old;

	old = __atomic_fetch_sub(&fp->f_count, 1, __ATOMIC_ACQ_REL);
	KASSERT(old > 0, ("fdrop: file %p has no references", fp));
	if (old != 1)
		return;
	if (fp->f_ops->fo_close != NULL)
		fp->f_ops->fo_close(fp);
	kfree(fp);
}

/*
 * The file open on descriptor fd of td's process, with a reference the
 * caller must fdrop; EBADF if fd is out of range or not open.
 */
int
fget(struct thread *td, int fd, struct file **fpp)
{
	struct filedesc *fdp = td->td_proc->p_fd;
	struct file *fp;

	if (fd < 0 || fd >= NOFILE)
		return (EBADF);
	spin_lock(&fdp->fd_lock);
	fp = fdp->fd_ofiles[fd];
	if (fp != NULL)
		fhold(fp);
	spin_unlock(&fdp->fd_lock);
	if (fp == NULL)
		return (EBADF);
	*fpp = fp;
	return (0);
}

/*
 * Put fp, with a new reference, in the lowest free slot of fdp at or
 * above minfd and below lim; stores the descriptor.  EMFILE if there is
 * none.  fdp's lock held.
 */
static int
fd_place_locked(struct filedesc *fdp, struct file *fp, int minfd, int lim,
    bool cloexec, int *fdp_out)
{
	int fd;

	for (fd = minfd; fd < lim; fd++)
		if (fdp->fd_ofiles[fd] == NULL)
			break;
	if (fd >= lim)
		return (EMFILE);
	fhold(fp);
	fdp->fd_ofiles[fd] = fp;
	fdp->fd_ofileflags[fd] = cloexec ? UF_EXCLOSE : 0;
	*fdp_out = fd;
	return (0);
}

/*
 * Put fp in the lowest free slot of td's table, with a new reference (the
 * caller keeps its own); stores the descriptor.  EMFILE if the table is
 * full up to RLIMIT_NOFILE.
 */
int
finstall(struct thread *td, struct file *fp, bool cloexec, int *fdp_out)
{
	struct filedesc *fdp = td->td_proc->p_fd;
	int error, lim = MIN(lim_cur(td->td_proc, RLIMIT_NOFILE), NOFILE);

	spin_lock(&fdp->fd_lock);
	error = fd_place_locked(fdp, fp, 0, lim, cloexec, fdp_out);
	spin_unlock(&fdp->fd_lock);
	return (error);
}

/*
 * Undo finstall after a later step of the same call failed: empty slot fd
 * if it still holds fp (another thread may have closed or replaced it).
 * The caller must hold its own reference to fp.
 */
void
fdclose(struct thread *td, int fd, struct file *fp)
{
	struct filedesc *fdp = td->td_proc->p_fd;
	bool found;

	spin_lock(&fdp->fd_lock);
	found = fdp->fd_ofiles[fd] == fp;
	if (found)
		fdp->fd_ofiles[fd] = NULL;
	spin_unlock(&fdp->fd_lock);
	if (found)
		fdrop(fp);
}

static struct filedesc *
fd_table_alloc(void)
{
	struct filedesc *fdp;

	fdp = kmalloc(sizeof(*fdp), M_WAITOK | M_ZERO);
	if (fdp != NULL)
		spin_init(&fdp->fd_lock, "filedesc");
	return (fdp);
}

/*
 * init's table: descriptors 0, 1 and 2 all refer to one console file,
 * open for reading and writing.  NULL if memory is short.
 */
struct filedesc *
fd_alloc_console(void)
{
	struct filedesc *fdp;
	struct file *fp;
	int fd;

	if ((fdp = fd_table_alloc()) == NULL)
		return (NULL);
	if ((fp = cons_file_alloc()) == NULL) {
		kfree(fdp);
		return (NULL);
	}
	for (fd = 0; fd <= 2; fd++) {
		fhold(fp);
		fdp->fd_ofiles[fd] = fp;
	}
	fdrop(fp);
	return (fdp);
}

/*
 * A copy of fdp for a child process: the same files in the same slots,
 * each with a new reference, and the same close-on-exec flags.  NULL if
 * memory is short.
 */
struct filedesc *
fd_fork(struct filedesc *fdp)
{
	struct filedesc *newfdp;
	int fd;

	if ((newfdp = fd_table_alloc()) == NULL)
		return (NULL);
	spin_lock(&fdp->fd_lock);
	for (fd = 0; fd < NOFILE; fd++) {
		if (fdp->fd_ofiles[fd] == NULL)
			continue;
		fhold(fdp->fd_ofiles[fd]);
		newfdp->fd_ofiles[fd] = fdp->fd_ofiles[fd];
		newfdp->fd_ofileflags[fd] = fdp->fd_ofileflags[fd];
	}
	spin_unlock(&fdp->fd_lock);
	return (newfdp);
}

/*
 * Empty every slot (with cloexec_only, every close-on-exec slot), then
 * drop the files taken out once fd_lock is released.
 */
static void
fd_close_matching(struct filedesc *fdp, bool cloexec_only)
{
	struct file *closing[NOFILE];
	int fd, n = 0;

	spin_lock(&fdp->fd_lock);
	for (fd = 0; fd < NOFILE; fd++) {
		if (fdp->fd_ofiles[fd] == NULL || (cloexec_only &&
		    (fdp->fd_ofileflags[fd] & UF_EXCLOSE) == 0))
			continue;
		closing[n++] = fdp->fd_ofiles[fd];
		fdp->fd_ofiles[fd] = NULL;
		fdp->fd_ofileflags[fd] = 0;
	}
	spin_unlock(&fdp->fd_lock);
	while (n > 0)
		fdrop(closing[--n]);
}

/* At exec: close the descriptors marked close-on-exec. */
void
fd_exec(struct filedesc *fdp)
{
	fd_close_matching(fdp, true);
}

/*
 * At exit (or a failed fork): close everything and free the table.  No
 * other thread may use fdp any more.  NULL is ignored.
 */
void
fd_free(struct filedesc *fdp)
{
	if (fdp == NULL)
		return;
	fd_close_matching(fdp, false);
	kfree(fdp);
}

/* close(fd): EBADF if fd is not open. */
int
sys_close(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct filedesc *fdp = td->td_proc->p_fd;
	struct file *fp;
	int fd = (int)args[0];

	if (fd < 0 || fd >= NOFILE)
		return (EBADF);
	spin_lock(&fdp->fd_lock);
	fp = fdp->fd_ofiles[fd];
	fdp->fd_ofiles[fd] = NULL;
	fdp->fd_ofileflags[fd] = 0;
	spin_unlock(&fdp->fd_lock);
	if (fp == NULL)
		return (EBADF);
	fdrop(fp);
	return (0);
}

/*
 * Make descriptor to refer to from's file, closing what to held, with
 * the close-on-exec flag cloexec.  EBADF if from is not open or to is out
 * of range.  to == from only checks from (and leaves its flag alone).
 */
static int
fd_dup2(struct thread *td, int from, int to, bool cloexec)
{
	struct filedesc *fdp = td->td_proc->p_fd;
	struct file *fp, *old = NULL;

	if (from < 0 || from >= NOFILE || to < 0 || to >= NOFILE)
		return (EBADF);
	spin_lock(&fdp->fd_lock);
	fp = fdp->fd_ofiles[from];
	if (fp == NULL) {
		spin_unlock(&fdp->fd_lock);
		return (EBADF);
	}
	if (from != to) {
		old = fdp->fd_ofiles[to];
		fhold(fp);
		fdp->fd_ofiles[to] = fp;
		fdp->fd_ofileflags[to] = cloexec ? UF_EXCLOSE : 0;
	}
	spin_unlock(&fdp->fd_lock);
	if (old != NULL)
		fdrop(old);
	return (0);
}

/*
 * A new descriptor for from's file: the lowest free one at or above
 * minfd.  EBADF if from is not open, EINVAL if minfd is out of range,
 * EMFILE if no slot is free.
 */
static int
fd_dup_min(struct thread *td, int from, int minfd, bool cloexec, int *fdp_out)
{
	struct filedesc *fdp = td->td_proc->p_fd;
	struct file *fp;
	int error;

	if (from < 0 || from >= NOFILE)
		return (EBADF);
	if (minfd < 0 || minfd >= NOFILE)
		return (EINVAL);
	spin_lock(&fdp->fd_lock);
	if ((fp = fdp->fd_ofiles[from]) == NULL)
		error = EBADF;
	else
		error = fd_place_locked(fdp, fp, minfd, NOFILE, cloexec,
		    fdp_out);
	spin_unlock(&fdp->fd_lock);
	return (error);
}

/*
 * dup2(from, to): make to refer to from's file, closing what to held; the
 * new descriptor is not close-on-exec.  Returns to; EBADF if from is not
 * open or to is out of range.  dup2(fd, fd) only checks fd.
 */
int
sys_dup2(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	int error;

	error = fd_dup2(td, (int)args[0], (int)args[1], false);
	if (error == 0)
		rv[0] = (int)args[1];
	return (error);
}

/* dup(fd): the lowest free descriptor for fd's file; EBADF, EMFILE. */
int
sys_dup(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	int error, fd;

	error = fd_dup_min(td, (int)args[0], 0, false, &fd);
	if (error == 0)
		rv[0] = fd;
	return (error);
}

/*
 * fcntl(fd, cmd, arg): F_DUPFD and F_DUPFD_CLOEXEC (lowest free at or
 * above arg), F_DUP2FD and F_DUP2FD_CLOEXEC (dup2, and libc's dup3),
 * F_GETFD/F_SETFD (FD_CLOEXEC), F_GETFL/F_SETFL (open mode and status
 * flags; only O_NONBLOCK and O_APPEND change, others are ignored, as
 * FreeBSD).  EBADF for a descriptor not open, EINVAL for another cmd or
 * an out-of-range F_DUPFD argument.
 */
int
sys_fcntl(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct filedesc *fdp = td->td_proc->p_fd;
	struct file *fp;
	int fd = (int)args[0], cmd = (int)args[1], arg = (int)args[2];
	int error, newfd;
	u_int old;

	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		error = fd_dup_min(td, fd, arg, cmd == F_DUPFD_CLOEXEC,
		    &newfd);
		if (error == 0)
			rv[0] = newfd;
		return (error);
	case F_DUP2FD:
	case F_DUP2FD_CLOEXEC:
		error = fd_dup2(td, fd, arg, cmd == F_DUP2FD_CLOEXEC);
		if (error == 0)
			rv[0] = arg;
		return (error);
	case F_GETFD:
	case F_SETFD:
		if (fd < 0 || fd >= NOFILE)
			return (EBADF);
		spin_lock(&fdp->fd_lock);
		if (fdp->fd_ofiles[fd] == NULL)
			error = EBADF;
		else if (cmd == F_GETFD) {
			error = 0;
			rv[0] = (fdp->fd_ofileflags[fd] & UF_EXCLOSE) != 0 ?
			    FD_CLOEXEC : 0;
		} else {
			error = 0;
			fdp->fd_ofileflags[fd] = (arg & FD_CLOEXEC) != 0 ?
			    UF_EXCLOSE : 0;
		}
		spin_unlock(&fdp->fd_lock);
		return (error);
	case F_GETFL:
	case F_SETFL:
		if ((error = fget(td, fd, &fp)) != 0)
			return (error);
		if (cmd == F_GETFL) {
			/* FreeBSD's OFLAGS(): the open mode is f_flag - 1. */
			old = __atomic_load_n(&fp->f_flag, __ATOMIC_RELAXED);
			rv[0] = ((old & (FREAD | FWRITE)) - 1) |
			    (old & FCNTLFLAGS);
		} else {
			old = __atomic_load_n(&fp->f_flag, __ATOMIC_RELAXED);
			while (!__atomic_compare_exchange_n(&fp->f_flag, &old,
			    (old & ~FCNTLFLAGS) | (arg & FCNTLFLAGS), false,
			    __ATOMIC_RELAXED, __ATOMIC_RELAXED))
				;
		}
		fdrop(fp);
		return (0);
	default:
		return (EINVAL);
	}
}

/* fstat(fd, struct stat *sb): FreeBSD's 224-byte struct stat. */
int
sys_fstat(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct stat sb;
	struct file *fp;
	int error;

	if ((error = fget(td, (int)args[0], &fp)) != 0)
		return (error);
	memset(&sb, 0, sizeof(sb));
	error = fp->f_ops->fo_stat != NULL ?
	    fp->f_ops->fo_stat(fp, &sb, td) : EOPNOTSUPP;
	fdrop(fp);
	if (error == 0)
		error = copyout(&sb, (void *)args[1], sizeof(sb));
	return (error);
}
