/*
 * read(2), write(2), readv(2), writev(2), ftruncate(2), poll(2) and
 * select(2).
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
#include "sys/poll.h"
#include "sys/select.h"
#include "sys/spinlock.h"
#include "machine/timer.h"
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

/*
 * Waiting on descriptors.  Objects do not keep lists of waiting pollers
 * (FreeBSD's selinfo): any change that may make a descriptor ready calls
 * selwakeup(), which bumps sel_gen and wakes every poll and select.  A
 * waiter reads sel_gen before it scans its descriptors and sleeps only if
 * sel_gen is unchanged after the scan, so a change during the scan is
 * never missed.  Spurious wakeups only cost a rescan.  The console has no
 * input interrupt (tty_cons.c polls the UART), so a waiter watching it
 * rescans every tick.
 */
static struct spinlock sel_lock = SPINLOCK_INITIALIZER("select");
static uint64_t sel_gen;		/* (sel_lock) changes seen so far */

/* Wake every thread in poll or select so that it scans again. */
void
selwakeup(void)
{
	spin_lock(&sel_lock);
	sel_gen++;
	spin_unlock(&sel_lock);
	wakeup(&sel_gen);
}

/*
 * Which of events hold on fp now.  *tick is set if fp cannot wake a
 * sleeper and must be looked at every tick (the console).
 */
static int
file_poll(struct thread *td, struct file *fp, int events, bool *tick)
{
	if (fp->f_type == DTYPE_CONSOLE)
		*tick = true;
	if (fp->f_ops->fo_poll == NULL)
		return (events & (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM));
	return (fp->f_ops->fo_poll(fp, events, td));
}

/*
 * One scan of a poll or select request: 0 with *nready the number found
 * ready, or an error that ends the call.
 */
typedef int poll_scan_t(struct thread *td, void *arg, bool *tick,
    int *nready);

/*
 * Scan until something is ready, the timeout (in ticks, -1 for ever, 0
 * for one scan) passes, or a signal comes (EINTR, as FreeBSD, which does
 * not restart poll or select).  Returns 0 with *nready, 0 when timed out.
 */
static int
poll_wait(struct thread *td, poll_scan_t *scan, void *arg, int64_t timo,
    int *nready)
{
	uint64_t gen, deadline = 0, left;
	bool tick;
	int error;

	if (timo > 0)
		deadline = ticks + (uint64_t)timo;
	for (;;) {
		spin_lock(&sel_lock);
		gen = sel_gen;
		spin_unlock(&sel_lock);
		tick = false;
		*nready = 0;
		error = scan(td, arg, &tick, nready);
		if (error != 0 || *nready > 0 || timo == 0)
			return (error);
		left = 0;		/* sleep_on: no timeout */
		if (timo > 0) {
			if (ticks >= deadline)
				return (0);
			left = deadline - ticks;
		}
		if (tick && (left == 0 || left > 1))
			left = 1;
		spin_lock(&sel_lock);
		if (sel_gen != gen) {
			spin_unlock(&sel_lock);
			continue;
		}
		error = sleep_on(&sel_gen, &sel_lock, true, left);
		spin_unlock(&sel_lock);
		if (error == EAGAIN)	/* a tick or the deadline: rescan */
			error = 0;
		if (error != 0)
			return (error == ERESTART ? EINTR : error);
	}
}

/* A wait of us microseconds in ticks, rounded up plus the current tick. */
static int64_t
usec_to_ticks(uint64_t us)
{
	return ((int64_t)howmany(us, 1000000UL / HZ) + 1);
}

struct poll_req {
	struct pollfd	*fds;
	u_int		nfds;
};

/* poll's scan: every revents, POLLNVAL for a descriptor not open. */
static int
poll_scan(struct thread *td, void *arg, bool *tick, int *nready)
{
	struct poll_req *req = arg;
	struct pollfd *pfd;
	struct file *fp;
	u_int i;

	for (i = 0; i < req->nfds; i++) {
		pfd = &req->fds[i];
		pfd->revents = 0;
		if (pfd->fd < 0)
			continue;
		if (fget(td, pfd->fd, &fp) != 0) {
			pfd->revents = POLLNVAL;
		} else {
			pfd->revents = file_poll(td, fp, pfd->events, tick) &
			    (pfd->events | POLLHUP | POLLERR);
			fdrop(fp);
		}
		if (pfd->revents != 0)
			(*nready)++;
	}
	return (0);
}

/*
 * poll(fds, nfds, timeout): the number of entries with revents set, 0 on
 * timeout (milliseconds; INFTIM for ever, 0 to look once).  As FreeBSD:
 * EINVAL for nfds beyond FD_SETSIZE or a negative timeout other than
 * INFTIM, EFAULT for an unreadable array, EINTR for a signal; a
 * descriptor not open is POLLNVAL in its entry, not an error.
 */
int
sys_poll(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct poll_req req;
	int timeout = (int)args[2], nready, error;
	int64_t timo;

	req.nfds = (u_int)args[1];
	if (req.nfds > FD_SETSIZE)
		return (EINVAL);
	if (timeout < 0 && timeout != INFTIM)
		return (EINVAL);
	timo = timeout == INFTIM ? -1 : timeout == 0 ? 0 :
	    usec_to_ticks((uint64_t)timeout * 1000);
	req.fds = kmalloc(MAX(req.nfds, 1) * sizeof(struct pollfd), M_WAITOK);
	if (req.fds == NULL)
		return (ENOMEM);
	error = copyin((void *)args[0], req.fds,
	    req.nfds * sizeof(struct pollfd));
	if (error == 0)
		error = poll_wait(td, poll_scan, &req, timo, &nready);
	if (error == 0)
		error = copyout(req.fds, (void *)args[0],
		    req.nfds * sizeof(struct pollfd));
	if (error == 0)
		rv[0] = nready;
	kfree(req.fds);
	return (error);
}

/* The three sets of a select, in and out; nd descriptors. */
struct select_req {
	int		nd;
	fd_set		in[3];	/* read, write, except: asked */
	fd_set		out[3];	/* the same: found ready */
	bool		have[3];	/* set pointer given */
};

/* What each of select's sets asks of file_poll, as FreeBSD's select. */
static const int select_flags[3] = {
	POLLRDNORM | POLLHUP | POLLERR,
	POLLWRNORM | POLLHUP | POLLERR,
	POLLRDBAND,
};

/* select's scan: EBADF for a descriptor in a set that is not open. */
static int
select_scan(struct thread *td, void *arg, bool *tick, int *nready)
{
	struct select_req *req = arg;
	struct file *fp;
	int fd, s, ev;

	memset(req->out, 0, sizeof(req->out));
	for (fd = 0; fd < req->nd; fd++) {
		for (s = 0; s < 3; s++) {
			if (!req->have[s] || !FD_ISSET(fd, &req->in[s]))
				continue;
			if (fget(td, fd, &fp) != 0)
				return (EBADF);
			ev = file_poll(td, fp, select_flags[s], tick);
			fdrop(fp);
			if ((ev & select_flags[s]) != 0) {
				FD_SET(fd, &req->out[s]);
				(*nready)++;
			}
		}
	}
	return (0);
}

/*
 * select(nd, readfds, writefds, exceptfds, timeout): the number of bits
 * set in the sets it rewrites, 0 on timeout (NULL: for ever; zero: look
 * once).  As FreeBSD: EINVAL for a negative nd or a timeval out of range,
 * EBADF for a descriptor in a set that is not open, EFAULT for an
 * unreadable set or timeval, EINTR for a signal.  Descriptors from nd
 * up, and beyond the table's NOFILE, are ignored.
 */
int
sys_select(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct select_req *req;
	struct timeval tv;
	size_t nbytes;
	int64_t timo = -1;
	int nd = (int)args[0], nready, s, error = 0;

	if (nd < 0)
		return (EINVAL);
	if (args[4] != 0) {
		if ((error = copyin((void *)args[4], &tv, sizeof(tv))) != 0)
			return (error);
		if (tv.tv_sec < 0 || tv.tv_usec < 0 || tv.tv_usec >= 1000000)
			return (EINVAL);
		/* Beyond about three years is for ever. */
		if (tv.tv_sec > 100000000)
			timo = -1;
		else if (tv.tv_sec == 0 && tv.tv_usec == 0)
			timo = 0;
		else
			timo = usec_to_ticks((uint64_t)tv.tv_sec * 1000000 +
			    (uint64_t)tv.tv_usec);
	}
	if (nd > NOFILE)
		nd = NOFILE;
	nbytes = howmany(nd, _NFDBITS) * sizeof(__uint64_t);
	if ((req = kmalloc(sizeof(*req), M_WAITOK | M_ZERO)) == NULL)
		return (ENOMEM);
	req->nd = nd;
	for (s = 0; s < 3 && error == 0; s++) {
		req->have[s] = args[1 + s] != 0;
		if (req->have[s])
			error = copyin((void *)args[1 + s], &req->in[s],
			    nbytes);
	}
	if (error == 0)
		error = poll_wait(td, select_scan, req, timo, &nready);
	for (s = 0; s < 3 && error == 0; s++) {
		if (req->have[s])
			error = copyout(&req->out[s], (void *)args[1 + s],
			    nbytes);
	}
	if (error == 0)
		rv[0] = nready;
	kfree(req);
	return (error);
}
