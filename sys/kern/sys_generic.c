/*
 * read(2), write(2), readv(2), writev(2) and ftruncate(2).
 *
 * Objects move user data through small kernel buffers (never holding a
 * spin lock across a copy, which may fault) and report how many bytes
 * they moved before an error.  docs/abi.md section 6: a system call that meets a
 * mismatched tag (or an unmapped page) part way returns the count done
 * before the bad granule, and EFAULT only if nothing was done.
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/param.h"
#include "sys/pcpu.h"
#include "sys/proc.h"
#include "sys/signalvar.h"
#include "sys/file.h"
#include "sys/malloc.h"
#include "sys/uio.h"
#include "sys/sysproto.h"

#define IOSIZE_MAX	((size_t)INT64_MAX)	/* FreeBSD's SSIZE_MAX limit */

/*
 * The result of a transfer that moved done bytes and ended with error:
 * as FreeBSD's dofileread/dofilewrite, an interrupted or would-block
 * transfer that moved something succeeds with the count; so does one cut
 * short by a fault (docs/abi.md section 6, above) or by the reader of a pipe going
 * away (pipe_write: no EPIPE once a byte went through).
 */
static int
io_result(int error, size_t done, uint64_t *rv)
{
	if (done > 0 && (error == EINTR || error == ERESTART ||
	    error == EAGAIN || error == EFAULT || error == EPIPE))
		error = 0;
	if (error == 0)
		rv[0] = done;
	return (error);
}

/*
 * The common part of read and write: check fp is open for the direction
 * (EBADF) and can do it (EOPNOTSUPP), move the bytes.  *done is the count
 * moved, also when an error ended the transfer.
 */
static int
file_io_fp(struct thread *td, struct file *fp, void *buf, size_t len,
    bool write, size_t *done)
{
	*done = 0;
	if ((fp->f_flag & (write ? FWRITE : FREAD)) == 0)
		return (EBADF);
	if (write ? fp->f_ops->fo_write == NULL : fp->f_ops->fo_read == NULL)
		return (EOPNOTSUPP);
	if (write)
		return (fp->f_ops->fo_write(fp, buf, len, done, td));
	return (fp->f_ops->fo_read(fp, buf, len, done, td));
}

/* read or write on descriptor args[0], buffer args[1], length args[2]. */
static int
file_io(struct thread *td, const uint64_t *args, bool write, size_t *done)
{
	struct file *fp;
	size_t len = args[2];
	int error;

	*done = 0;
	if (len > IOSIZE_MAX)
		return (EINVAL);
	if ((error = fget(td, (int)args[0], &fp)) != 0)
		return (error);
	error = file_io_fp(td, fp, (void *)args[1], len, write, done);
	fdrop(fp);
	return (error);
}

/* read(fd, buf, nbyte): bytes read, 0 at end of file. */
int
sys_read(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	size_t done;
	int error;

	error = file_io(td, args, false, &done);
	return (io_result(error, done, rv));
}

/*
 * write(fd, buf, nbyte): bytes written.  EPIPE (a pipe with no reader)
 * also sends SIGPIPE to the writer's process, as FreeBSD does for every
 * file type but sockets.
 */
int
sys_write(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct ksiginfo ksi;
	size_t done;
	int error;

	error = file_io(td, args, true, &done);
	if (error == EPIPE && done == 0) {
		memset(&ksi, 0, sizeof(ksi));
		ksi.si_signo = SIGPIPE;
		ksi.si_code = SI_KERNEL;
		kern_psignal(td->td_proc, SIGPIPE, &ksi);
	}
	return (io_result(error, done, rv));
}

/*
 * readv and writev: the iovecs in order, as one transfer that stops at
 * the first short one.  EINVAL for iovcnt outside [0, IOV_MAX] or lengths
 * summing past SSIZE_MAX, EFAULT for an unreadable iovec array.
 */
static int
file_iov(struct thread *td, const uint64_t *args, bool write, uint64_t *rv)
{
	struct ksiginfo ksi;
	struct iovec *iov;
	struct file *fp;
	size_t total = 0, done = 0, n;
	int iovcnt = (int)args[2], i, error;

	if (iovcnt < 0 || iovcnt > IOV_MAX)
		return (EINVAL);
	if ((iov = kmalloc(MAX(iovcnt, 1) * sizeof(*iov), M_WAITOK)) == NULL)
		return (ENOMEM);
	if ((error = copyin((const void *)args[1], iov,
	    iovcnt * sizeof(*iov))) != 0)
		goto out;
	for (i = 0; i < iovcnt; i++) {
		if (iov[i].iov_len > IOSIZE_MAX - total) {
			error = EINVAL;
			goto out;
		}
		total += iov[i].iov_len;
	}
	if ((error = fget(td, (int)args[0], &fp)) != 0)
		goto out;
	if ((fp->f_flag & (write ? FWRITE : FREAD)) == 0)
		error = EBADF;
	for (i = 0; i < iovcnt && error == 0; i++) {
		error = file_io_fp(td, fp, iov[i].iov_base, iov[i].iov_len,
		    write, &n);
		done += n;
		if (n < iov[i].iov_len)
			break;
	}
	fdrop(fp);
out:
	kfree(iov);
	if (error == EPIPE && done == 0 && write) {
		memset(&ksi, 0, sizeof(ksi));
		ksi.si_signo = SIGPIPE;
		ksi.si_code = SI_KERNEL;
		kern_psignal(td->td_proc, SIGPIPE, &ksi);
	}
	return (io_result(error, done, rv));
}

/* readv(fd, iov, iovcnt): bytes read. */
int
sys_readv(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	return (file_iov(td, args, false, rv));
}

/* writev(fd, iov, iovcnt): bytes written; EPIPE as write. */
int
sys_writev(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	return (file_iov(td, args, true, rv));
}

/*
 * ftruncate(fd, length): set the size of a regular file or a shared
 * memory object.  As in FreeBSD, EINVAL for a negative length, a descriptor not open for
 * writing, or a file that has no size (a pipe or the console).
 */
int
sys_ftruncate(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct file *fp;
	int64_t length = (int64_t)args[1];
	int error;

	if (length < 0)
		return (EINVAL);
	if ((error = fget(td, (int)args[0], &fp)) != 0)
		return (error);
	if ((fp->f_flag & FWRITE) == 0 || fp->f_ops->fo_truncate == NULL)
		error = EINVAL;
	else
		error = fp->f_ops->fo_truncate(fp, length, td);
	fdrop(fp);
	return (error);
}
