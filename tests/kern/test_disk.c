/*
 * In-kernel tests of the disk (sys/sys/bio.h) as the virtio-blk driver
 * provides it: random writes read back identical with many requests in
 * flight, and bad requests refused with an error.  They skip when QEMU
 * was started without a disk (tools/qemu.sh -w 0).
 */
#include "sys/systm.h"
#include "sys/bio.h"
#include "sys/errno.h"
#include "sys/kern_test.h"
#include "sys/malloc.h"
#include "sys/param.h"
#include "sys/proc.h"
#include "sys/spinlock.h"
#include "vm/vm_page.h"
#include "vm/vm_phys.h"
#include "machine/vmparam.h"

#define DT_BLOCKS	1000	/* blocks written then read back */
#define DT_INFLIGHT	24	/* requests sent before waiting for one */
#define DT_MAXSECTORS	16	/* sectors per request: 1..16 */
#define DT_SLOT		(DT_MAXSECTORS * DEV_BSIZE)
#define DT_MAXSLOTS	65536	/* disk regions blocks are drawn from */
#define DT_MAXSEGS	8	/* segments per request: 1..8 */
#define DT_AREA		(2 * PAGE_SIZE)	/* where one segment may lie */
#define DT_ORDER	4	/* each request's buffer: 16 pages, 8 areas */
#define DT_SEED		0x7a605dd15c0ffeeUL

/* One request slot of the test, reused for block after block. */
struct dt_req {
	struct bio	r_bio;
	struct vm_page	*r_pages;	/* 2^DT_ORDER pages */
	int		r_block;	/* block index in flight, -1 if idle */
	bool		r_ended;	/* (dt_lock) bio_done was called */
};

struct dt_block {
	off_t		b_offset;	/* bytes */
	u_int		b_len;		/* bytes */
};

static struct spinlock dt_lock = SPINLOCK_INITIALIZER("test_disk");
static u_int dt_ended;			/* (dt_lock) requests ended, not
					   yet collected */
static uint64_t dt_rng;

static uint64_t
dt_random(void)
{
	/* xorshift64*: deterministic, so a failure repeats. */
	dt_rng ^= dt_rng >> 12;
	dt_rng ^= dt_rng << 25;
	dt_rng ^= dt_rng >> 27;
	return (dt_rng * 0x2545f4914f6cdd1dUL);
}

/* The datum the disk holds in the 8 bytes at byte offset off (a multiple of 8). */
static uint64_t
dt_pattern(off_t off)
{
	uint64_t z = DT_SEED + (uint64_t)off / 8 * 0x9e3779b97f4a7c15UL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
	return (z ^ (z >> 31));
}

/* bio_done of the test's requests (interrupt context). */
static void
dt_done(struct bio *bp)
{
	struct dt_req *r = bp->bio_caller1;

	spin_lock(&dt_lock);
	r->r_ended = true;
	dt_ended++;
	wakeup(&dt_ended);
	spin_unlock(&dt_lock);
}

/*
 * Point r's bio at block b, its bytes split into 1..DT_MAXSEGS segments
 * of random lengths (multiples of 8), segment i in area DT_MAXSEGS-1-i of
 * r's pages at a random offset: consecutive segments are never
 * physically contiguous, and a segment may cross a page boundary.
 */
static void
dt_setup(struct disk *dp, struct dt_req *r, const struct dt_block *b,
    int cmd)
{
	struct bio *bp = &r->r_bio;
	vm_paddr_t base = VM_PAGE_TO_PHYS(r->r_pages);
	u_int nsegs, i, left, len, room, off;

	memset(bp, 0, sizeof(*bp));
	bp->bio_disk = dp;
	bp->bio_cmd = cmd;
	bp->bio_offset = b->b_offset;
	bp->bio_done = dt_done;
	bp->bio_caller1 = r;
	nsegs = 1 + dt_random() % DT_MAXSEGS;
	left = b->b_len;
	for (i = 0; i < nsegs; i++) {
		if (i == nsegs - 1) {
			len = left;
		} else {
			room = left / 8 - (nsegs - 1 - i);
			len = 8 * (1 + dt_random() % room);
		}
		off = (dt_random() % (DT_AREA - len + 1)) & ~7u;
		bp->bio_segs[i].bs_addr = base +
		    (DT_MAXSEGS - 1 - i) * DT_AREA + off;
		bp->bio_segs[i].bs_len = len;
		left -= len;
	}
	bp->bio_nsegs = nsegs;
}

/*
 * Fill (write) or check (read) the data of r's request against the
 * pattern; returns the number of 8-byte words that differ.
 */
static u_int
dt_data(struct dt_req *r, bool fill)
{
	struct bio *bp = &r->r_bio;
	off_t off = bp->bio_offset;
	u_int bad = 0, i, j;
	uint64_t *w;

	for (i = 0; i < bp->bio_nsegs; i++) {
		w = (uint64_t *)PHYS_TO_DMAP(bp->bio_segs[i].bs_addr);
		for (j = 0; j < bp->bio_segs[i].bs_len / 8; j++, off += 8) {
			if (fill)
				w[j] = dt_pattern(off);
			else if (w[j] != dt_pattern(off))
				bad++;
		}
	}
	return (bad);
}

/*
 * Do cmd on every block, DT_INFLIGHT requests at a time, each sent with
 * fresh random segments.  Returns the number of requests that failed or
 * (for reads) came back with wrong data.
 */
static u_int
dt_pass(struct disk *dp, struct dt_req *reqs, const struct dt_block *blocks,
    int cmd)
{
	u_int next = 0, finished = 0, bad = 0, i;
	struct dt_req *r;

	while (finished < DT_BLOCKS) {
		for (i = 0; i < DT_INFLIGHT && next < DT_BLOCKS; i++) {
			r = &reqs[i];
			if (r->r_block >= 0)
				continue;
			dt_setup(dp, r, &blocks[next], cmd);
			if (cmd == BIO_WRITE)
				dt_data(r, true);
			else
				memset(vm_page_to_dmap(r->r_pages), 0xa5,
				    PAGE_SIZE << DT_ORDER);
			r->r_block = next++;
			disk_strategy(&r->r_bio);
		}
		spin_lock(&dt_lock);
		while (dt_ended == 0)
			sleep_on(&dt_ended, &dt_lock, false, 0);
		for (i = 0; i < DT_INFLIGHT; i++) {
			r = &reqs[i];
			if (r->r_block < 0 || !r->r_ended)
				continue;
			r->r_ended = false;
			dt_ended--;
			spin_unlock(&dt_lock);
			if (r->r_bio.bio_error != 0 ||
			    (cmd == BIO_READ && dt_data(r, false) != 0)) {
				if (bad++ < 5)
					printf("test_disk: %s of block %d "
					    "(%u bytes at %ld in %d "
					    "segments): error %d\n",
					    cmd == BIO_READ ? "read" : "write",
					    r->r_block,
					    blocks[r->r_block].b_len,
					    (long)r->r_bio.bio_offset,
					    r->r_bio.bio_nsegs,
					    r->r_bio.bio_error);
			}
			r->r_block = -1;
			finished++;
			spin_lock(&dt_lock);
		}
		spin_unlock(&dt_lock);
	}
	return (bad);
}

/*
 * Choose DT_BLOCKS blocks of 1..DT_MAXSECTORS sectors at random places,
 * in distinct DT_SLOT-sized regions (so blocks in flight together never
 * overlap), spread over the whole disk; the first ends at the disk's last
 * sector.  Returns false if the disk is too small.
 */
static bool
dt_choose(struct disk *dp, struct dt_block *blocks)
{
	uint64_t nslots = dp->d_mediasize / DT_SLOT, stride, slot;
	uint32_t *slots;
	u_int i, j, nsect;

	if (nslots < 2 * DT_BLOCKS)
		return (false);
	stride = nslots / MIN(nslots, DT_MAXSLOTS);
	slots = kmalloc(DT_BLOCKS * sizeof(*slots), M_WAITOK);
	if (slots == NULL)
		return (false);
	for (i = 0; i < DT_BLOCKS; i++) {
		nsect = 1 + dt_random() % DT_MAXSECTORS;
		blocks[i].b_len = nsect * DEV_BSIZE;
		if (i == 0) {
			slots[0] = (uint32_t)-1;
			blocks[0].b_offset = dp->d_mediasize - blocks[0].b_len;
			continue;
		}
again:
		slots[i] = dt_random() % MIN(nslots, DT_MAXSLOTS);
		/* Not the last region: block 0 may lie there. */
		if ((slots[i] + 1) * stride >= nslots - 1)
			goto again;
		for (j = 1; j < i; j++)
			if (slots[j] == slots[i])
				goto again;
		slot = slots[i] * stride;
		blocks[i].b_offset = slot * DT_SLOT +
		    dt_random() % (DT_MAXSECTORS - nsect + 1) * DEV_BSIZE;
	}
	kfree(slots);
	return (true);
}

/*
 * 1,000 blocks of random length at random places written with many
 * requests in flight (more descriptors than the ring holds, so some wait
 * for others to end), each request's data in several physically
 * non-contiguous segments, then read back with a different split: every
 * byte comes back as written.
 */
KERN_TEST(disk_write_read_back)
{
	struct dt_req *reqs;
	struct dt_block *blocks;
	struct disk *dp;
	u_int i, wbad = 0, rbad = 0;
	bool ok = true, chosen;

	dp = disk_first();
	if (dp == NULL)
		KT_SKIP("no disk attached (tools/qemu.sh -w 0)");
	KT_ASSERT(dp->d_sectorsize == DEV_BSIZE);
	KT_ASSERT(dp->d_mediasize > 0 && dp->d_mediasize % DEV_BSIZE == 0);
	dt_rng = DT_SEED;
	blocks = kmalloc(DT_BLOCKS * sizeof(*blocks), M_WAITOK);
	reqs = kmalloc(DT_INFLIGHT * sizeof(*reqs), M_WAITOK | M_ZERO);
	KT_ASSERT(blocks != NULL && reqs != NULL);
	for (i = 0; i < DT_INFLIGHT; i++) {
		reqs[i].r_block = -1;
		reqs[i].r_pages = vm_phys_alloc_pages(DT_ORDER);
		if (reqs[i].r_pages == NULL)
			ok = false;
	}
	chosen = ok && dt_choose(dp, blocks);
	if (chosen) {
		wbad = dt_pass(dp, reqs, blocks, BIO_WRITE);
		rbad = dt_pass(dp, reqs, blocks, BIO_READ);
	}
	for (i = 0; i < DT_INFLIGHT; i++)
		if (reqs[i].r_pages != NULL)
			vm_phys_free_pages(reqs[i].r_pages, DT_ORDER);
	kfree(reqs);
	kfree(blocks);
	KT_ASSERT(ok);
	KT_ASSERT(chosen);
	KT_ASSERT_EQ(wbad, 0);
	KT_ASSERT_EQ(rbad, 0);
	KT_ASSERT_EQ(dt_ended, 0);
}

/*
 * Requests the disk cannot do end with EINVAL through bio_done, never a
 * panic: past the end, straddling the end, misaligned, without segments,
 * with too many, with a length not a whole number of sectors, with an
 * unknown command.  The last sector itself reads, and a request with the
 * most segments a bio has works.
 */
KERN_TEST(disk_bad_requests)
{
	static struct bio b;
	struct vm_page *m;
	struct disk *dp;
	vm_paddr_t pa;
	int i, e_end, e_straddle, e_align, e_noseg, e_manyseg, e_len, e_cmd;
	int e_last, e_maxsegs;

	dp = disk_first();
	if (dp == NULL)
		KT_SKIP("no disk attached (tools/qemu.sh -w 0)");
	m = vm_phys_alloc_pages(4);
	KT_ASSERT(m != NULL);
	pa = VM_PAGE_TO_PHYS(m);

#define DT_BIO(cmd, off, len) do {					\
	memset(&b, 0, sizeof(b));					\
	b.bio_disk = dp;						\
	b.bio_cmd = (cmd);						\
	b.bio_offset = (off);						\
	b.bio_nsegs = 1;						\
	b.bio_segs[0].bs_addr = pa;					\
	b.bio_segs[0].bs_len = (len);					\
} while (0)
	DT_BIO(BIO_READ, dp->d_mediasize, DEV_BSIZE);
	e_end = disk_io_wait(&b);
	DT_BIO(BIO_WRITE, dp->d_mediasize - DEV_BSIZE, 2 * DEV_BSIZE);
	e_straddle = disk_io_wait(&b);
	DT_BIO(BIO_READ, DEV_BSIZE / 2, DEV_BSIZE);
	e_align = disk_io_wait(&b);
	DT_BIO(BIO_READ, 0, DEV_BSIZE);
	b.bio_nsegs = 0;
	e_noseg = disk_io_wait(&b);
	DT_BIO(BIO_READ, 0, DEV_BSIZE);
	b.bio_nsegs = BIO_MAXSEGS + 1;
	e_manyseg = disk_io_wait(&b);
	DT_BIO(BIO_READ, 0, DEV_BSIZE + 8);
	e_len = disk_io_wait(&b);
	DT_BIO(3, 0, DEV_BSIZE);
	e_cmd = disk_io_wait(&b);
	DT_BIO(BIO_READ, dp->d_mediasize - DEV_BSIZE, DEV_BSIZE);
	e_last = disk_io_wait(&b);
	/* BIO_MAXSEGS segments of one sector, every other one in a page. */
	DT_BIO(BIO_WRITE, 0, DEV_BSIZE);
	b.bio_nsegs = BIO_MAXSEGS;
	for (i = 0; i < BIO_MAXSEGS; i++) {
		b.bio_segs[i].bs_addr = pa + (i % 8) * 2 * PAGE_SIZE +
		    (i / 8) * DEV_BSIZE;
		b.bio_segs[i].bs_len = DEV_BSIZE;
	}
	e_maxsegs = disk_io_wait(&b);
#undef DT_BIO
	vm_phys_free_pages(m, 4);
	KT_ASSERT_EQ(e_end, EINVAL);
	KT_ASSERT_EQ(e_straddle, EINVAL);
	KT_ASSERT_EQ(e_align, EINVAL);
	KT_ASSERT_EQ(e_noseg, EINVAL);
	KT_ASSERT_EQ(e_manyseg, EINVAL);
	KT_ASSERT_EQ(e_len, EINVAL);
	KT_ASSERT_EQ(e_cmd, EINVAL);
	KT_ASSERT_EQ(e_last, 0);
	KT_ASSERT_EQ(e_maxsegs, 0);
}
