/*
 * Weak stand-ins for the block layer (sys/sys/bio.h) while no driver is
 * linked: there is no disk, so there is no swap.  The block layer's own
 * definitions (subr_disk.c) replace these at link time; delete this file
 * once it is in the tree.
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/bio.h"

__attribute__((weak)) struct disk *
disk_first(void)
{
	return (NULL);
}

__attribute__((weak)) void
disk_strategy(struct bio *bp)
{
	bp->bio_error = ENXIO;
	bp->bio_done(bp);
}

__attribute__((weak)) int
disk_io_wait(struct bio *bp)
{
	return (ENXIO);
}
