/*
 * The host tests' RAM disk (fake_disk.h): struct disk, disk_first,
 * disk_strategy and disk_io_wait over a calloc'ed buffer, moving data
 * between it and "physical" segments through the host's direct map.
 */
#include <stdlib.h>
#include <string.h>

#include "sys/types.h"
#include "sys/param.h"
#include "sys/errno.h"
#include "sys/bio.h"
#include "machine/vmparam.h"
#include "fake_disk.h"

struct fake_disk_stats fake_disk_stats;

static struct disk	fake_disk;
static uint8_t		*fake_bytes;
static bool		fake_attached, fake_synchronous;
static u_int		fake_failures;
static struct bio	*fake_queue[1024];
static u_int		fake_nqueued;

void
fake_disk_attach(uint64_t size)
{
	if (fake_attached)
		return;
	fake_bytes = calloc(1, size);
	if (fake_bytes == NULL)
		abort();
	fake_disk.d_name = "fake0";
	fake_disk.d_mediasize = size;
	fake_disk.d_sectorsize = DEV_BSIZE;
	fake_attached = true;
}

uint8_t *
fake_disk_bytes(void)
{
	return (fake_bytes);
}

void
fake_disk_fail(u_int n)
{
	fake_failures = n;
}

void
fake_disk_sync(bool sync)
{
	fake_synchronous = sync;
}

struct disk *
disk_first(void)
{
	return (fake_attached ? &fake_disk : NULL);
}

/* Carry out bp now, setting bio_error; not bio_done. */
static void
fake_disk_do(struct bio *bp)
{
	uint64_t off, total;
	uint8_t *mem;
	int i;

	total = 0;
	for (i = 0; i < bp->bio_nsegs; i++)
		total += bp->bio_segs[i].bs_len;
	if (bp->bio_nsegs < 1 || bp->bio_nsegs > BIO_MAXSEGS ||
	    bp->bio_offset < 0 || bp->bio_offset % DEV_BSIZE != 0 ||
	    total % DEV_BSIZE != 0 ||
	    bp->bio_offset + total > fake_disk.d_mediasize ||
	    (bp->bio_cmd != BIO_READ && bp->bio_cmd != BIO_WRITE)) {
		bp->bio_error = EINVAL;
		return;
	}
	if (fake_failures > 0) {
		fake_failures--;
		bp->bio_error = EIO;
		return;
	}
	fake_disk_stats.last_seg = bp->bio_segs[bp->bio_nsegs - 1].bs_addr;
	off = bp->bio_offset;
	for (i = 0; i < bp->bio_nsegs; i++) {
		mem = (uint8_t *)PHYS_TO_DMAP(bp->bio_segs[i].bs_addr);
		if (bp->bio_cmd == BIO_WRITE)
			memcpy(fake_bytes + off, mem, bp->bio_segs[i].bs_len);
		else
			memcpy(mem, fake_bytes + off, bp->bio_segs[i].bs_len);
		off += bp->bio_segs[i].bs_len;
	}
	if (bp->bio_cmd == BIO_WRITE) {
		fake_disk_stats.writes++;
		fake_disk_stats.bytes_written += total;
	} else
		fake_disk_stats.reads++;
	bp->bio_error = 0;
}

void
disk_strategy(struct bio *bp)
{
	if (fake_synchronous) {
		fake_disk_do(bp);
		bp->bio_done(bp);
		return;
	}
	if (fake_nqueued == sizeof(fake_queue) / sizeof(fake_queue[0]))
		abort();
	fake_queue[fake_nqueued++] = bp;
	fake_disk_stats.queued = fake_nqueued;
}

void
fake_disk_end(bool shuffle)
{
	struct bio *bp;
	u_int i;

	while (fake_nqueued > 0) {
		i = shuffle ? (u_int)random() % fake_nqueued : 0;
		bp = fake_queue[i];
		memmove(&fake_queue[i], &fake_queue[i + 1],
		    (fake_nqueued - i - 1) * sizeof(fake_queue[0]));
		fake_nqueued--;
		fake_disk_stats.queued = fake_nqueued;
		fake_disk_do(bp);
		bp->bio_done(bp);
	}
}

int
disk_io_wait(struct bio *bp)
{
	fake_disk_do(bp);
	return (bp->bio_error);
}
