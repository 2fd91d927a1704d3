/*
 * A RAM disk posing as the block layer (sys/sys/bio.h) for host tests of
 * the swap pager (fake_disk.c).  Requests are queued by disk_strategy()
 * and end, bio_done called, only when the test says so, in the order it
 * chooses; or at once inside disk_strategy() in synchronous mode.
 */
#ifndef _FAKE_DISK_H_
#define _FAKE_DISK_H_

#include "sys/types.h"

struct fake_disk_stats {
	u_long	reads;		/* requests read */
	u_long	writes;		/* requests written */
	u_long	bytes_written;
	u_long	queued;		/* requests waiting for fake_disk_end */
	uint64_t last_seg;	/* bs_addr of the last segment of the last
				   request carried out */
};
extern struct fake_disk_stats fake_disk_stats;

/* Make the disk, of size bytes (once); disk_first() returns it since. */
void	fake_disk_attach(uint64_t size);
/* End every queued request: oldest first, or in random order. */
void	fake_disk_end(bool shuffle);
/* End the next n requests (reads and writes) with EIO, moving nothing. */
void	fake_disk_fail(u_int n);
/* End requests inside disk_strategy() from now on (true) or not. */
void	fake_disk_sync(bool sync);
/* The disk's bytes, for tests to look at or damage. */
uint8_t	*fake_disk_bytes(void);

#endif /* !_FAKE_DISK_H_ */
