/*
 * Disks, whatever drives them: the list drivers register theirs on, and
 * the client's side of a request (sys/sys/bio.h).
 */
#include "sys/systm.h"
#include "sys/bio.h"
#include "sys/proc.h"
#include "sys/spinlock.h"

static struct spinlock disk_lock = SPINLOCK_INITIALIZER("disk");
static TAILQ_HEAD(, disk) disk_list =			/* (D) */
    TAILQ_HEAD_INITIALIZER(disk_list);

/* Add dp, filled in by its driver, to the list of disks. */
void
disk_register(struct disk *dp)
{
	KASSERT(dp->d_strategy != NULL && dp->d_sectorsize == DEV_BSIZE,
	    ("disk_register: %s incomplete", dp->d_name));
	spin_lock(&disk_lock);
	TAILQ_INSERT_TAIL(&disk_list, dp, d_list);
	spin_unlock(&disk_lock);
}

/* The first disk registered, or NULL if there is none. */
struct disk *
disk_first(void)
{
	struct disk *dp;

	spin_lock(&disk_lock);
	dp = TAILQ_FIRST(&disk_list);
	spin_unlock(&disk_lock);
	return (dp);
}

/* Send bp to its disk; bio_done reports its end. */
void
disk_strategy(struct bio *bp)
{
	KASSERT(bp->bio_disk != NULL && bp->bio_done != NULL,
	    ("disk_strategy: bio %p without a disk or bio_done", bp));
	bp->bio_disk->d_strategy(bp);
}

/*
 * disk_io_wait's bio_done (interrupt context): mark bp ended and wake its
 * sleeper.  Under disk_lock, so the sleeper cannot test bio_ended and go
 * to sleep between the two.
 */
static void
disk_io_done(struct bio *bp)
{
	spin_lock(&disk_lock);
	bp->bio_ended = true;
	wakeup(bp);
	spin_unlock(&disk_lock);
}

/* Send bp and sleep until it ends; returns its bio_error. */
int
disk_io_wait(struct bio *bp)
{
	bp->bio_done = disk_io_done;
	bp->bio_ended = false;
	disk_strategy(bp);
	spin_lock(&disk_lock);
	while (!bp->bio_ended)
		sleep_on(bp, &disk_lock, false, 0);
	spin_unlock(&disk_lock);
	return (bp->bio_error);
}
