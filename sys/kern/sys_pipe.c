/*
 * Pipes, as FreeBSD's: bidirectional.  pipe2() makes one struct pipe with
 * two directions, each a PIPE_SIZE ring buffer (grown to BIG_PIPE_SIZE by
 * a large write), and two files, the ends, both open for reading and
 * writing: end i reads pipe_dir[i] and writes pipe_dir[1 - i], so what one
 * end writes the other reads.  dup2 and fork share an end by sharing its
 * file, so the pipe only needs to know whether each end's file is still
 * open: once end i is closed, end 1 - i reads end of file and its writes
 * fail with EPIPE.
 *
 * In each direction, readers sleep on pd_rwait until there are bytes or
 * the other end is closed; writers sleep on pd_wwait until there is room
 * or the other end is closed.  One reader at a time (pd_rbusy) takes
 * bytes, so a read gets a contiguous run: it copies them out while they
 * are still in the ring and consumes only what reached the user, so a
 * fault part way loses nothing.  A write of at most PIPE_BUF bytes waits
 * until it fits whole and goes in under one hold of the lock, so it is
 * never interleaved with another.  Every change a reader or writer could
 * wait for also calls selwakeup() for poll and select.
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

#define PIPE_SIZE	16384		/* ring bytes, as FreeBSD's PIPE_SIZE */
#define BIG_PIPE_SIZE	65536		/* grown to for a large write */
#define PIPE_CHUNK	PIPE_BUF	/* bytes copied per lock hold */

/* Lock keys: (C) constant, (l) pipe_lock, (A) atomic. */

/* One direction: the bytes end i reads. */
struct pipe_dir {
	struct ring	pd_ring;	/* (l) */
	bool		pd_rbusy;	/* (l) a reader is taking bytes */
	char		pd_rwait;	/* wait channel: bytes or EOF */
	char		pd_wwait;	/* wait channel: room or no reader */
};

/* An end: its file's f_data. */
struct pipe_end {
	struct pipe	*pe_pipe;	/* (C) */
	int		pe_side;	/* (C) 0 or 1 */
};

struct pipe {
	struct spinlock	pipe_lock;
	struct pipe_dir	pipe_dir[2];	/* pipe_dir[i]: read by end i */
	struct pipe_end	pipe_end[2];	/* (C) */
	bool		pipe_closed[2];	/* (l) end i's file closed */
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
 * Become pd's one reader (pipe_lock held; sleep_on may drop it).  0, or
 * EINTR if a signal came first.
 */
static int
pipe_rbusy_acquire(struct pipe *pp, struct pipe_dir *pd)
{
	int error;

	while (pd->pd_rbusy) {
		error = sleep_on(&pd->pd_rbusy, &pp->pipe_lock, true, 0);
		if (error != 0)
			return (error);
	}
	pd->pd_rbusy = true;
	return (0);
}

/* Let the next reader in (pipe_lock held). */
static void
pipe_rbusy_release(struct pipe_dir *pd)
{
	pd->pd_rbusy = false;
	wakeup(&pd->pd_rbusy);
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
	struct pipe_end *pe = fp->f_data;
	struct pipe *pp = pe->pe_pipe;
	struct pipe_dir *pd = &pp->pipe_dir[pe->pe_side];
	char buf[PIPE_CHUNK];
	size_t n, copied;
	int error;

	*done = 0;
	if (len == 0)
		return (0);
	spin_lock(&pp->pipe_lock);
	if ((error = pipe_rbusy_acquire(pp, pd)) != 0)
		goto out;
	while (*done < len) {
		if (ring_count(&pd->pd_ring) == 0) {
			if (*done > 0 || pp->pipe_closed[1 - pe->pe_side])
				break;
			if (fp->f_flag & FNONBLOCK) {
				error = EAGAIN;
				break;
			}
			pipe_rbusy_release(pd);
			error = sleep_on(&pd->pd_rwait, &pp->pipe_lock,
			    true, 0);
			if (error != 0 ||
			    (error = pipe_rbusy_acquire(pp, pd)) != 0)
				goto out;
			continue;
		}
		n = ring_peek(&pd->pd_ring, buf, MIN(len - *done,
		    sizeof(buf)));
		spin_unlock(&pp->pipe_lock);
		error = copyout_partial(buf, (char *)ubuf + *done, n, &copied);
		spin_lock(&pp->pipe_lock);
		ring_consume(&pd->pd_ring, copied);
		*done += copied;
		if (copied > 0) {
			wakeup(&pd->pd_wwait);
			selwakeup();
		}
		if (error != 0)
			break;
	}
	pipe_rbusy_release(pd);
out:
	spin_unlock(&pp->pipe_lock);
	return (error);
}

/*
 * Put buf[0..n) in pd's ring, waiting for room; whole says it must go in
 * at once; peer is the reading end.  *put counts the bytes taken.  Called
 * and returns with pipe_lock held.  EPIPE if the reader is gone, EAGAIN
 * for O_NONBLOCK.
 */
static int
pipe_put_locked(struct pipe *pp, struct pipe_dir *pd, int peer,
    struct file *fp, const char *buf, size_t n, bool whole, size_t *put)
{
	size_t need;
	int error;

	*put = 0;
	while (*put < n) {
		if (pp->pipe_closed[peer])
			return (EPIPE);
		need = whole ? n : 1;
		if (ring_space(&pd->pd_ring) < need) {
			if (fp->f_flag & FNONBLOCK)
				return (EAGAIN);
			error = sleep_on(&pd->pd_wwait, &pp->pipe_lock,
			    true, 0);
			if (error != 0)
				return (error);
			continue;
		}
		*put += ring_put(&pd->pd_ring, buf + *put, n - *put);
		wakeup(&pd->pd_rwait);
		selwakeup();
	}
	return (0);
}

/*
 * As FreeBSD's pipe_write: a write larger than PIPE_SIZE into an empty
 * direction first grows its buffer to BIG_PIPE_SIZE, so that a 64 KiB
 * write goes in whole without waiting for the reader.  The buffer stays
 * as it is if memory is short or bytes arrived meanwhile.
 */
static void
pipe_grow(struct pipe *pp, struct pipe_dir *pd)
{
	void *buf, *old;
	bool want;

	spin_lock(&pp->pipe_lock);
	want = pd->pd_ring.r_size < BIG_PIPE_SIZE &&
	    ring_count(&pd->pd_ring) == 0;
	spin_unlock(&pp->pipe_lock);
	if (!want || (buf = kmalloc(BIG_PIPE_SIZE, M_WAITOK)) == NULL)
		return;
	spin_lock(&pp->pipe_lock);
	/* A busy reader may still be copying from the old buffer. */
	if (pd->pd_ring.r_size < BIG_PIPE_SIZE &&
	    ring_count(&pd->pd_ring) == 0 && !pd->pd_rbusy) {
		old = pd->pd_ring.r_buf;
		ring_init(&pd->pd_ring, buf, BIG_PIPE_SIZE);
		buf = old;
	}
	spin_unlock(&pp->pipe_lock);
	kfree(buf);
}

/*
 * Write len bytes for the other end, waiting for room (all of them unless
 * interrupted, or, with O_NONBLOCK, as many as fit).  EPIPE once the other
 * end is closed.
 */
static int
pipe_write(struct file *fp, const void *ubuf, size_t len, size_t *done,
    struct thread *td)
{
	struct pipe_end *pe = fp->f_data;
	struct pipe *pp = pe->pe_pipe;
	int peer = 1 - pe->pe_side;
	struct pipe_dir *pd = &pp->pipe_dir[peer];
	char buf[PIPE_CHUNK];
	size_t n, put;
	int error = 0, cerror;
	bool whole = len <= PIPE_BUF;

	*done = 0;
	/* As FreeBSD: a broken pipe is EPIPE before anything else. */
	spin_lock(&pp->pipe_lock);
	if (pp->pipe_closed[peer])
		error = EPIPE;
	spin_unlock(&pp->pipe_lock);
	if (error == 0 && len > PIPE_SIZE)
		pipe_grow(pp, pd);
	while (*done < len && error == 0) {
		cerror = copyin_partial((const char *)ubuf + *done, buf,
		    MIN(len - *done, sizeof(buf)), &n);
		if (n == 0)
			return (cerror);
		spin_lock(&pp->pipe_lock);
		error = pipe_put_locked(pp, pd, peer, fp, buf, n, whole,
		    &put);
		spin_unlock(&pp->pipe_lock);
		*done += put;
		if (error == 0)
			error = cerror;
	}
	return (error);
}

/* FreeBSD's pipe_stat: a FIFO whose size is the bytes this end can read. */
static int
pipe_stat(struct file *fp, struct stat *sb, struct thread *td)
{
	struct pipe_end *pe = fp->f_data;
	struct pipe *pp = pe->pe_pipe;

	sb->st_mode = S_IFIFO | 0600;
	sb->st_nlink = 1;
	sb->st_ino = pp->pipe_ino;
	sb->st_blksize = PAGE_SIZE;
	spin_lock(&pp->pipe_lock);
	sb->st_size = ring_count(&pp->pipe_dir[pe->pe_side].pd_ring);
	spin_unlock(&pp->pipe_lock);
	sb->st_blocks = howmany(sb->st_size, sb->st_blksize);
	return (0);
}

/*
 * As FreeBSD's pipe_poll: readable with bytes queued for this end or the
 * other end closed (end of file, and POLLHUP); writable when PIPE_BUF
 * bytes fit towards the other end and it is open.
 */
static int
pipe_poll(struct file *fp, int events, struct thread *td)
{
	struct pipe_end *pe = fp->f_data;
	struct pipe *pp = pe->pe_pipe;
	int side = pe->pe_side, revents = 0;

	spin_lock(&pp->pipe_lock);
	if (ring_count(&pp->pipe_dir[side].pd_ring) > 0 ||
	    pp->pipe_closed[1 - side])
		revents |= events & (POLLIN | POLLRDNORM);
	if (pp->pipe_closed[1 - side])
		revents |= POLLHUP;
	else if (ring_space(&pp->pipe_dir[1 - side].pd_ring) >= PIPE_BUF)
		revents |= events & (POLLOUT | POLLWRNORM);
	spin_unlock(&pp->pipe_lock);
	return (revents);
}

/*
 * The last reference to one end went: wake the other end's sleepers (its
 * readers see end of file, its writers EPIPE); the second end to close
 * frees the pipe.
 */
static void
pipe_close(struct file *fp)
{
	struct pipe_end *pe = fp->f_data;
	struct pipe *pp = pe->pe_pipe;
	int side = pe->pe_side;
	bool last;

	spin_lock(&pp->pipe_lock);
	pp->pipe_closed[side] = true;
	/* The other end's readers (of its direction) and writers (of ours). */
	wakeup(&pp->pipe_dir[1 - side].pd_rwait);
	wakeup(&pp->pipe_dir[side].pd_wwait);
	last = pp->pipe_closed[0] && pp->pipe_closed[1];
	spin_unlock(&pp->pipe_lock);
	selwakeup();
	if (last) {
		kfree(pp->pipe_dir[0].pd_ring.r_buf);
		kfree(pp->pipe_dir[1].pd_ring.r_buf);
		kfree(pp);
	}
}

/*
 * A new pipe and its two ends' files, each with one reference for the
 * caller; ENOMEM if memory is short.  nonblock sets O_NONBLOCK on both.
 */
static int
pipe_create(bool nonblock, struct file **fpp)
{
	struct pipe *pp;
	void *buf[2];
	u_int fl = FREAD | FWRITE | (nonblock ? FNONBLOCK : 0);
	int i;

	pp = kmalloc(sizeof(*pp), M_WAITOK | M_ZERO);
	buf[0] = kmalloc(PIPE_SIZE, M_WAITOK);
	buf[1] = kmalloc(PIPE_SIZE, M_WAITOK);
	if (pp == NULL || buf[0] == NULL || buf[1] == NULL)
		goto fail;
	spin_init(&pp->pipe_lock, "pipe");
	for (i = 0; i < 2; i++) {
		ring_init(&pp->pipe_dir[i].pd_ring, buf[i], PIPE_SIZE);
		pp->pipe_end[i].pe_pipe = pp;
		pp->pipe_end[i].pe_side = i;
	}
	pp->pipe_ino = __atomic_fetch_add(&pipe_next_ino, 1, __ATOMIC_RELAXED);
	fpp[0] = file_alloc(DTYPE_PIPE, &pipe_ops, &pp->pipe_end[0], fl);
	if (fpp[0] == NULL)
		goto fail;
	fpp[1] = file_alloc(DTYPE_PIPE, &pipe_ops, &pp->pipe_end[1], fl);
	if (fpp[1] == NULL) {
		/* End 1 will never close: end 0's close frees pp. */
		pp->pipe_closed[1] = true;
		fdrop(fpp[0]);
		return (ENOMEM);
	}
	return (0);
fail:
	for (i = 0; i < 2; i++)
		if (buf[i] != NULL)
			kfree(buf[i]);
	if (pp != NULL)
		kfree(pp);
	return (ENOMEM);
}

/*
 * pipe2(int fds[2], flags): two ends, each reading what the other writes
 * (fds[0] is the read end and fds[1] the write end of the usual one-way
 * use).  flags: O_CLOEXEC, O_NONBLOCK; anything else is EINVAL.
 */
int
sys_pipe2(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct file *fp[2];
	int fds[2], flags = (int)args[1], error;
	bool cloexec = (flags & O_CLOEXEC) != 0;

	if ((flags & ~(O_CLOEXEC | O_NONBLOCK)) != 0)
		return (EINVAL);
	if ((error = pipe_create((flags & O_NONBLOCK) != 0, fp)) != 0)
		return (error);
	if ((error = finstall(td, fp[0], cloexec, &fds[0])) != 0)
		goto out;
	if ((error = finstall(td, fp[1], cloexec, &fds[1])) != 0) {
		fdclose(td, fds[0], fp[0]);
		goto out;
	}
	if ((error = copyout(fds, (void *)args[0], sizeof(fds))) != 0) {
		fdclose(td, fds[0], fp[0]);
		fdclose(td, fds[1], fp[1]);
	}
out:
	fdrop(fp[0]);
	fdrop(fp[1]);
	return (error);
}
