/*
 * Disks, whatever drives them: the list drivers register theirs on, and
 * the client's side of a request (sys/sys/bio.h).
 */
#include "sys/systm.h"
#include "sys/bio.h"
#include "sys/kernel.h"
#include "sys/proc.h"
#include "sys/spinlock.h"
#include "machine/cpufunc.h"
#include "machine/md.h"

static struct spinlock disk_lock = SPINLOCK_INITIALIZER("disk");
/*
 * (D) for insertion.  Disks are registered at boot, before anything
 * polls, and never removed, so disk_poll_until walks the list without the
 * lock (a bio_done it calls may take it).
 */
static TAILQ_HEAD(, disk) disk_list =
    TAILQ_HEAD_INITIALIZER(disk_list);
static bool	disk_polling;		/* (C) the disk.poll=1 boot argument */

/* Add dp, filled in by its driver, to the list of disks. */
void
disk_register(struct disk *dp)
{
	const char *poll;

	KASSERT(dp->d_strategy != NULL && dp->d_sectorsize == DEV_BSIZE,
	    ("disk_register: %s incomplete", dp->d_name));
	if ((poll = bootarg_value("disk.poll")) != NULL && poll[0] == '1')
		disk_polling = true;
	spin_lock(&disk_lock);
	TAILQ_INSERT_TAIL(&disk_list, dp, d_list);
	spin_unlock(&disk_lock);
}

/*
 * True if threads waiting for a disk poll it instead of sleeping (the
 * boot argument disk.poll=1, which only the bench uses: docs/bench.md,
 * "Waiting for the disk").
 */
bool
disk_poll_mode(void)
{
	return (disk_polling);
}

/*
 * Wait until done(arg) holds, with interrupts masked, polling every disk
 * for finished requests (their bio_done runs here, as it would in the
 * interrupt).  A round that found nothing finished counts, whole, as idle
 * time (sched_idle_ticks): what it costs depends on how fast the host's
 * disk is, not on the kernel's paths.  The caller holds no spin lock.
 */
void
disk_poll_until(bool (*done)(void *), void *arg)
{
	struct disk *dp;
	register_t daif;
	uint64_t t;
	u_int n;

	daif = intr_disable();
	for (;;) {
		t = cpu_counter();
		if (done(arg))
			break;
		n = 0;
		TAILQ_FOREACH(dp, &disk_list, d_list)
			if (dp->d_poll != NULL)
				n += dp->d_poll(dp);
		if (n == 0)
			__atomic_add_fetch(&sched_idle_ticks,
			    (u_long)(cpu_counter() - t), __ATOMIC_RELAXED);
	}
	intr_restore(daif);
}

static bool
disk_io_ended(void *arg)
{
	return (__atomic_load_n(&((struct bio *)arg)->bio_ended,
	    __ATOMIC_ACQUIRE));
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

/* Send bp and sleep (or poll) until it ends; returns its bio_error. */
int
disk_io_wait(struct bio *bp)
{
	bp->bio_done = disk_io_done;
	bp->bio_ended = false;
	disk_strategy(bp);
	if (disk_polling) {
		disk_poll_until(disk_io_ended, bp);
		return (bp->bio_error);
	}
	spin_lock(&disk_lock);
	while (!bp->bio_ended)
		sleep_on(bp, &disk_lock, false, 0);
	spin_unlock(&disk_lock);
	return (bp->bio_error);
}
