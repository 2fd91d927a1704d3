/*
 * Block I/O: disks and the requests made of them.  A driver (the
 * virtio-blk driver, sys/dev/virtio/virtio_blk.c) fills a struct disk and
 * registers it with disk_register(); a client (the swap pager) sends it
 * requests with disk_strategy() and learns of their end through
 * bio_done.  Requests are asynchronous and several may be in flight; a
 * driver may complete them in any order.
 *
 * A request moves whole sectors between the disk and physical memory
 * given as a list of segments (the pages of a page-out cluster need not
 * be contiguous), so no kernel mapping is needed to do I/O.
 */
#ifndef _SYS_BIO_H_
#define _SYS_BIO_H_

#include "sys/types.h"
#include "sys/param.h"		/* DEV_BSIZE, the sector: unit of offsets
				   and lengths */
#include "sys/queue.h"

/* bio_cmd */
#define BIO_READ	1
#define BIO_WRITE	2

/* Most segments in one request: a 32-page cluster and its tag sectors. */
#define BIO_MAXSEGS	40

struct disk;

/* A run of physical memory one request reads into or writes from. */
struct bio_seg {
	vm_paddr_t	bs_addr;	/* physical address */
	uint32_t	bs_len;		/* bytes; the sum over the segments
					   is a multiple of DEV_BSIZE */
};

/*
 * A request.  The client fills the fields above bio_error and owns the
 * structure until bio_done is called; the driver owns bio_queue and
 * bio_driver meanwhile.
 */
struct bio {
	struct disk	*bio_disk;	/* the disk it is sent to */
	int		bio_cmd;	/* BIO_READ or BIO_WRITE */
	off_t		bio_offset;	/* bytes from the disk's start, a
					   multiple of DEV_BSIZE */
	int		bio_nsegs;	/* segments used, 1..BIO_MAXSEGS */
	struct bio_seg	bio_segs[BIO_MAXSEGS];
	/*
	 * Called once when the request has ended, with bio_error set (0 or
	 * EIO), from interrupt context: it may take spin locks and call
	 * wakeup(), and must not sleep.
	 */
	void		(*bio_done)(struct bio *bp);
	void		*bio_caller1;	/* the client's */
	void		*bio_caller2;	/* the client's */
	int		bio_error;	/* set by the driver before bio_done */
	TAILQ_ENTRY(bio) bio_queue;	/* the driver's */
	void		*bio_driver;	/* the driver's */
	bool		bio_ended;	/* disk_io_wait's: bio_done was called */
};

/*
 * Make bp a request of cmd at offset on dp with no segment yet, setting
 * only the fields read before they are written (not the segments past
 * bio_nsegs, the driver's fields, bio_done or bio_ended; the client adds
 * segments and bio_done): clearing all 736 bytes was most of a page-in
 * request's set-up.
 */
static inline void
bio_init(struct bio *bp, struct disk *dp, int cmd, off_t offset)
{
	bp->bio_disk = dp;
	bp->bio_cmd = cmd;
	bp->bio_offset = offset;
	bp->bio_nsegs = 0;
	bp->bio_caller1 = NULL;
	bp->bio_caller2 = NULL;
	bp->bio_error = 0;
}

/* A disk, registered by its driver. */
struct disk {
	const char	*d_name;	/* "vtbd0" */
	uint64_t	d_mediasize;	/* bytes */
	u_int		d_sectorsize;	/* DEV_BSIZE */
	/*
	 * Start bp (asynchronously).  Never sleeps, callable with spin locks
	 * held; a request the disk cannot take at once is queued.  A request
	 * past the end of the disk ends with EINVAL through bio_done.  That
	 * bio_done may run before d_strategy returns, on the caller's CPU:
	 * do not hold a lock bio_done takes while sending.
	 */
	void		(*d_strategy)(struct bio *bp);
	/*
	 * End the finished requests as the interrupt would (bio_done for
	 * each), called with interrupts masked; returns how many.  NULL if
	 * the driver cannot poll.
	 */
	u_int		(*d_poll)(struct disk *dp);
	void		*d_drv1;	/* the driver's softc */
	TAILQ_ENTRY(disk) d_list;	/* on the list of disks */
};

void		disk_register(struct disk *dp);
struct disk	*disk_first(void);		/* NULL if there is none */
void		disk_strategy(struct bio *bp);	/* bp->bio_disk->d_strategy */
/*
 * Do one request and sleep until it ends; returns bio_error.  For
 * clients that have nothing else to do meanwhile (tests, page-in).
 */
int		disk_io_wait(struct bio *bp);
bool		disk_poll_mode(void);
void		disk_poll_until(bool (*done)(void *), void *arg);

#endif /* !_SYS_BIO_H_ */
