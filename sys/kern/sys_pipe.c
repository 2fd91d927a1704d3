/*
 * Pipes.  pipe2() makes one struct pipe, a PIPE_SIZE ring buffer (grown
 * to BIG_PIPE_SIZE by a large write, as FreeBSD's), and two
 * files: the read end and the write end.  dup2 and fork share an end by
 * sharing its file, so the pipe only needs to know whether each end's
 * file is still open.
 *
 * Readers sleep on pipe_rwait until there are bytes or no writer; writers
 * sleep on pipe_wwait until there is room or no reader.  One reader at a
 * time (pipe_rbusy) takes bytes, so a read gets a contiguous run: it
 * copies them out while they are still in the ring and consumes only what
 * reached the user, so a fault part way loses nothing.  A write of at
 * most PIPE_BUF bytes waits until it fits whole and goes in under one hold
 * of the lock, so it is never interleaved with another.
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/malloc.h"
#include "sys/param.h"
#include "sys/proc.h"
#include "sys/ring.h"
#include "sys/spinlock.h"
#include "sys/file.h"
#include "sys/filedesc.h"
#include "sys/stat.h"
#include "sys/poll.h"
#include "sys/sysproto.h"

#define PIPE_SIZE	16384		/* ring buffer bytes, as FreeBSD's PIPE_SIZE */
#define BIG_PIPE_SIZE	65536		/* grown to for large writes */
#define PIPE_CHUNK	PIPE_BUF	/* bytes copied per lock hold */

/* Lock keys: (C) constant, (l) pipe_lock, (A) atomic. */
struct pipe {
	struct spinlock	pipe_lock;
	struct ring	pipe_ring;	/* (l) */
	bool		pipe_rclosed;	/* (l) read end's file closed */
	bool		pipe_wclosed;	/* (l) write end's file closed */
	bool		pipe_rbusy;	/* (l) a reader is taking bytes */
	char		pipe_rwait;	/* wait channel: bytes or EOF */
	char		pipe_wwait;	/* wait channel: room or no reader */
	uint64_t	pipe_ino;	/* (C) for fstat */
};

static uint64_t pipe_next_ino = 1;	/* (A) */

static int	pipe_read(struct file *fp, void *ubuf, size_t len,
		    size_t *done, struct thread *td);
static int	pipe_write(struct file *fp, const void *ubuf, size_t len,
		    size_t *done, struct thread *td);
static int	pipe_stat(struct file *fp, struct stat *sb, struct thread *td);
static void	pipe_close(struct file *fp);
static int	pipe_poll(struct file *fp, int events, struct thread *td);

static const struct fileops pipe_ops = {
	.fo_read = pipe_read,
	.fo_write = pipe_write,
	.fo_stat = pipe_stat,
	.fo_close = pipe_close,
	.fo_poll = pipe_poll,
};

/*
 * Become the pipe's one reader (pipe_lock held; sleep_on may drop it).
 * 0, or EINTR if a signal came first.
 */
static int
pipe_rbusy_acquire(struct pipe *pp)
{
	int error;

	while (pp->pipe_rbusy) {
		error = sleep_on(&pp->pipe_rbusy, &pp->pipe_lock, true, 0);
		if (error != 0)
			return (error);
	}
	pp->pipe_rbusy = true;
	return (0);
}

/* Let the next reader in (pipe_lock held). */
static void
pipe_rbusy_release(struct pipe *pp)
{
	pp->pipe_rbusy = false;
	wakeup(&pp->pipe_rbusy);
}

/*
 * Read up to len bytes: wait for the first byte (or end of file, or, with
 * O_NONBLOCK, fail with EAGAIN), then take what is there without waiting
 * again.  A reader waiting for bytes is not the busy reader, as in
 * FreeBSD, so one blocked read does not hold up another.
 */
static int
pipe_read(struct file *fp, void *ubuf, size_t len, size_t *done,
    struct thread *td)
{
	struct pipe *pp = fp->f_data;
	char buf[PIPE_CHUNK];
	size_t n, copied;
	int error;

	*done = 0;
	if (len == 0)
		return (0);
	spin_lock(&pp->pipe_lock);
	if ((error = pipe_rbusy_acquire(pp)) != 0)
		goto out;
	while (*done < len) {
		if (ring_count(&pp->pipe_ring) == 0) {
			if (*done > 0 || pp->pipe_wclosed)
				break;
			if (fp->f_flag & FNONBLOCK) {
				error = EAGAIN;
				break;
			}
			pipe_rbusy_release(pp);
			error = sleep_on(&pp->pipe_rwait, &pp->pipe_lock,
			    true, 0);
			if (error != 0 || (error = pipe_rbusy_acquire(pp)) != 0)
				goto out;
			continue;
		}
		n = ring_peek(&pp->pipe_ring, buf, MIN(len - *done,
		    sizeof(buf)));
		spin_unlock(&pp->pipe_lock);
		error = copyout_partial(buf, (char *)ubuf + *done, n, &copied);
		spin_lock(&pp->pipe_lock);
		ring_consume(&pp->pipe_ring, copied);
		*done += copied;
		if (copied > 0) {
			wakeup(&pp->pipe_wwait);
			selwakeup();
		}
		if (error != 0)
			break;
	}
	pipe_rbusy_release(pp);
out:
	spin_unlock(&pp->pipe_lock);
	return (error);
}

/*
 * Put buf[0..n) in the ring, waiting for room; whole says it must go in
 * at once.  *put counts the bytes taken.  Called and returns with
 * pipe_lock held.  EPIPE if the reader is gone, EAGAIN for O_NONBLOCK.
 */
static int
pipe_put_locked(struct pipe *pp, struct file *fp, const char *buf, size_t n,
    bool whole, size_t *put)
{
	size_t need;
	int error;

	*put = 0;
	while (*put < n) {
		if (pp->pipe_rclosed)
			return (EPIPE);
		need = whole ? n : 1;
		if (ring_space(&pp->pipe_ring) < need) {
			if (fp->f_flag & FNONBLOCK)
				return (EAGAIN);
			error = sleep_on(&pp->pipe_wwait, &pp->pipe_lock,
			    true, 0);
			if (error != 0)
				return (error);
			continue;
		}
		*put += ring_put(&pp->pipe_ring, buf + *put, n - *put);
		wakeup(&pp->pipe_rwait);
		selwakeup();
	}
	return (0);
}

/*
 * As FreeBSD's pipe_write: a write larger than PIPE_SIZE into an empty
 * pipe first grows the buffer to BIG_PIPE_SIZE, so that a 64 KiB write
 * goes in whole without waiting for the reader.  The pipe keeps its
 * buffer if memory is short or bytes arrived meanwhile.
 */
static void
pipe_grow(struct pipe *pp)
{
	void *buf;
	bool want;

	spin_lock(&pp->pipe_lock);
	want = pp->pipe_ring.r_size < BIG_PIPE_SIZE &&
	    ring_count(&pp->pipe_ring) == 0;
	spin_unlock(&pp->pipe_lock);
	if (!want || (buf = kmalloc(BIG_PIPE_SIZE, M_WAITOK)) == NULL)
		return;
	spin_lock(&pp->pipe_lock);
	/* A busy reader may still be copying from the old buffer. */
	if (pp->pipe_ring.r_size < BIG_PIPE_SIZE &&
	    ring_count(&pp->pipe_ring) == 0 && !pp->pipe_rbusy) {
		void *old = pp->pipe_ring.r_buf;

		ring_init(&pp->pipe_ring, buf, BIG_PIPE_SIZE);
		buf = old;
	}
	spin_unlock(&pp->pipe_lock);
	kfree(buf);
}

/*
 * Write len bytes, waiting for room (all of them unless interrupted, or,
 * with O_NONBLOCK, as many as fit).  EPIPE once the read end is closed.
 */
static int
pipe_write(struct file *fp, const void *ubuf, size_t len, size_t *done,
    struct thread *td)
{
	struct pipe *pp = fp->f_data;
	char buf[PIPE_CHUNK];
	size_t n, put;
	int error = 0, cerror;
	bool whole = len <= PIPE_BUF;

	*done = 0;
	/* As FreeBSD: a broken pipe is EPIPE before anything else. */
	spin_lock(&pp->pipe_lock);
	if (pp->pipe_rclosed)
		error = EPIPE;
	spin_unlock(&pp->pipe_lock);
	if (error == 0 && len > PIPE_SIZE)
		pipe_grow(pp);
	while (*done < len && error == 0) {
		cerror = copyin_partial((const char *)ubuf + *done, buf,
		    MIN(len - *done, sizeof(buf)), &n);
		if (n == 0)
			return (cerror);
		spin_lock(&pp->pipe_lock);
		error = pipe_put_locked(pp, fp, buf, n, whole, &put);
		spin_unlock(&pp->pipe_lock);
		*done += put;
		if (error == 0)
			error = cerror;
	}
	return (error);
}

/* FreeBSD's pipe_stat: a FIFO; the read end's size is the bytes queued. */
static int
pipe_stat(struct file *fp, struct stat *sb, struct thread *td)
{
	struct pipe *pp = fp->f_data;

	sb->st_mode = S_IFIFO | 0600;
	sb->st_nlink = 1;
	sb->st_ino = pp->pipe_ino;
	sb->st_blksize = PAGE_SIZE;
	if (fp->f_flag & FREAD) {
		spin_lock(&pp->pipe_lock);
		sb->st_size = ring_count(&pp->pipe_ring);
		spin_unlock(&pp->pipe_lock);
	}
	sb->st_blocks = howmany(sb->st_size, sb->st_blksize);
	return (0);
}

/*
 * As FreeBSD's pipe_poll: the read end is readable with bytes queued or
 * the writer gone (then also POLLHUP); the write end is writable when
 * PIPE_BUF bytes fit, POLLHUP once the reader is gone.
 */
static int
pipe_poll(struct file *fp, int events, struct thread *td)
{
	struct pipe *pp = fp->f_data;
	int revents = 0;

	spin_lock(&pp->pipe_lock);
	if (fp->f_flag & FREAD) {
		if (ring_count(&pp->pipe_ring) > 0 || pp->pipe_wclosed)
			revents |= events & (POLLIN | POLLRDNORM);
		if (pp->pipe_wclosed)
			revents |= POLLHUP;
	} else {
		if (pp->pipe_rclosed)
			revents |= POLLHUP;
		else if (ring_space(&pp->pipe_ring) >= PIPE_BUF)
			revents |= events & (POLLOUT | POLLWRNORM);
	}
	spin_unlock(&pp->pipe_lock);
	return (revents);
}

/*
 * The last reference to one end went: wake the other end's sleepers (a
 * reader sees end of file, a writer EPIPE); the second end to close frees
 * the pipe.
 */
static void
pipe_close(struct file *fp)
{
	struct pipe *pp = fp->f_data;
	bool last;

	spin_lock(&pp->pipe_lock);
	if (fp->f_flag & FREAD) {
		pp->pipe_rclosed = true;
		wakeup(&pp->pipe_wwait);
	} else {
		pp->pipe_wclosed = true;
		wakeup(&pp->pipe_rwait);
	}
	last = pp->pipe_rclosed && pp->pipe_wclosed;
	spin_unlock(&pp->pipe_lock);
	selwakeup();
	if (last) {
		kfree(pp->pipe_ring.r_buf);
		kfree(pp);
	}
}

/*
 * A new pipe and its two files, each with one reference for the caller;
 * ENOMEM if memory is short.  nonblock sets O_NONBLOCK on both ends.
 */
static int
pipe_create(bool nonblock, struct file **rfpp, struct file **wfpp)
{
	struct pipe *pp;
	void *buf;
	u_int fl = nonblock ? FNONBLOCK : 0;

	pp = kmalloc(sizeof(*pp), M_WAITOK | M_ZERO);
	buf = kmalloc(PIPE_SIZE, M_WAITOK);
	if (pp == NULL || buf == NULL)
		goto fail;
	spin_init(&pp->pipe_lock, "pipe");
	ring_init(&pp->pipe_ring, buf, PIPE_SIZE);
	pp->pipe_ino = __atomic_fetch_add(&pipe_next_ino, 1, __ATOMIC_RELAXED);
	*rfpp = file_alloc(DTYPE_PIPE, &pipe_ops, pp, FREAD | fl);
	if (*rfpp == NULL)
		goto fail;
	*wfpp = file_alloc(DTYPE_PIPE, &pipe_ops, pp, FWRITE | fl);
	if (*wfpp == NULL) {
		/* No write end will close: the read end's close frees pp. */
		pp->pipe_wclosed = true;
		fdrop(*rfpp);
		return (ENOMEM);
	}
	return (0);
fail:
	if (buf != NULL)
		kfree(buf);
	if (pp != NULL)
		kfree(pp);
	return (ENOMEM);
}

/*
 * pipe2(int fds[2], flags): fds[0] the read end, fds[1] the write end.
 * flags: O_CLOEXEC, O_NONBLOCK; anything else is EINVAL.
 */
int
sys_pipe2(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct file *rfp, *wfp;
	int fds[2], flags = (int)args[1], error;
	bool cloexec = (flags & O_CLOEXEC) != 0;

	if ((flags & ~(O_CLOEXEC | O_NONBLOCK)) != 0)
		return (EINVAL);
	if ((error = pipe_create((flags & O_NONBLOCK) != 0, &rfp, &wfp)) != 0)
		return (error);
	if ((error = finstall(td, rfp, cloexec, &fds[0])) != 0)
		goto out;
	if ((error = finstall(td, wfp, cloexec, &fds[1])) != 0) {
		fdclose(td, fds[0], rfp);
		goto out;
	}
	if ((error = copyout(fds, (void *)args[0], sizeof(fds))) != 0) {
		fdclose(td, fds[0], rfp);
		fdclose(td, fds[1], wfp);
	}
out:
	fdrop(rfp);
	fdrop(wfp);
	return (error);
}
