/*
 * The virtio-blk disk (the virtio 1.x spec's section 5.2): one request
 * queue, each request one descriptor chain
 *
 *   header (device reads)    { type: IN or OUT, reserved, sector }
 *   data segments            the bio's segments, device-written for a read
 *   status (device writes)   one byte: OK, IOERR or UNSUPP
 *
 * Requests are started as long as the ring has descriptors for them,
 * several in flight; the rest wait in order on sc_queue and start from the
 * interrupt handler as descriptors come back.  The header and status of
 * the request whose chain starts at descriptor d live in sc_reqs[d], in
 * memory the device reaches by physical address.
 */
#include "sys/systm.h"
#include "sys/bio.h"
#include "sys/errno.h"
#include "sys/malloc.h"
#include "sys/param.h"
#include "sys/spinlock.h"
#include "dev/virtio/virtio_mmio.h"
#include "vm/vm_page.h"
#include "vm/vm_phys.h"
#include "machine/intr.h"
#include "machine/vmparam.h"

/* Configuration space: the capacity, in 512-byte sectors. */
#define VTBLK_CONFIG_CAPACITY	0

/* Request types and status values. */
#define VTBLK_T_IN		0	/* read */
#define VTBLK_T_OUT		1	/* write */
#define VTBLK_S_OK		0

#define VTBLK_SECTOR		512	/* virtio-blk's unit, whatever the
					   device's block size */
/* Queue entries used: one page of sc_reqs covers them. */
#define VTBLK_QUEUE_MAX		128

/* A request's device-visible header and status, by head descriptor. */
struct vtblk_req {
	uint32_t	vr_type;	/* the header the device reads */
	uint32_t	vr_reserved;
	uint64_t	vr_sector;
	struct bio	*vr_bio;	/* the request in flight, or NULL */
	uint8_t		vr_status;	/* written by the device */
	uint8_t		vr_pad[7];
};
_Static_assert(sizeof(struct vtblk_req) * VTBLK_QUEUE_MAX <= PAGE_SIZE,
    "vtblk_req: a page holds a queue's requests");

struct vtblk_softc {
	struct spinlock	sc_lock;
	struct vtmmio_dev *sc_dev;	/* (C) */
	struct virtqueue sc_vq;		/* (L) */
	struct vtblk_req *sc_reqs;	/* (L) one per descriptor */
	vm_paddr_t	sc_reqs_pa;	/* (C) */
	TAILQ_HEAD(, bio) sc_queue;	/* (L) waiting for descriptors */
	struct disk	sc_disk;	/* (C) after attach */
	char		sc_name[8];	/* (C) "vtbd0" */
};

static int vtblk_units;

/*
 * Whether bp is a request this disk can do: 0, or EINVAL for a bad
 * command, segment list or alignment or one reaching past the end, EIO for
 * one with more segments than the queue can ever hold.
 */
static int
vtblk_check(struct vtblk_softc *sc, const struct bio *bp)
{
	uint64_t len = 0;
	int i;

	if ((bp->bio_cmd != BIO_READ && bp->bio_cmd != BIO_WRITE) ||
	    bp->bio_nsegs < 1 || bp->bio_nsegs > BIO_MAXSEGS ||
	    bp->bio_offset < 0 || bp->bio_offset % VTBLK_SECTOR != 0)
		return (EINVAL);
	for (i = 0; i < bp->bio_nsegs; i++) {
		if (bp->bio_segs[i].bs_len == 0)
			return (EINVAL);
		len += bp->bio_segs[i].bs_len;
	}
	if (len % VTBLK_SECTOR != 0 ||
	    (uint64_t)bp->bio_offset > sc->sc_disk.d_mediasize ||
	    len > sc->sc_disk.d_mediasize - (uint64_t)bp->bio_offset)
		return (EINVAL);
	if ((u_int)bp->bio_nsegs + 2 > sc->sc_vq.vq_size)
		return (EIO);
	return (0);
}

/*
 * Start as many waiting requests as the ring has descriptors for, in
 * order, and notify the device once if any started.  sc_lock held.
 */
static void
vtblk_start(struct vtblk_softc *sc)
{
	uint16_t descs[BIO_MAXSEGS + 2];
	struct vtblk_req *req;
	vm_paddr_t req_pa;
	struct bio *bp;
	uint16_t dataflag;
	bool started = false;
	int i, n;

	while ((bp = TAILQ_FIRST(&sc->sc_queue)) != NULL) {
		n = bp->bio_nsegs + 2;
		if (vq_alloc_chain(&sc->sc_vq, n, descs) != 0)
			break;
		TAILQ_REMOVE(&sc->sc_queue, bp, bio_queue);
		req = &sc->sc_reqs[descs[0]];
		KASSERT(req->vr_bio == NULL,
		    ("vtblk_start: descriptor %u already in flight", descs[0]));
		req->vr_type = bp->bio_cmd == BIO_READ ? VTBLK_T_IN :
		    VTBLK_T_OUT;
		req->vr_reserved = 0;
		req->vr_sector = (uint64_t)bp->bio_offset / VTBLK_SECTOR;
		req->vr_status = 0xff;
		req->vr_bio = bp;
		bp->bio_driver = req;
		req_pa = sc->sc_reqs_pa + descs[0] * sizeof(*req);
		vq_set_desc(&sc->sc_vq, descs[0], req_pa, 16,
		    VIRTQ_DESC_F_NEXT, descs[1]);
		dataflag = bp->bio_cmd == BIO_READ ? VIRTQ_DESC_F_WRITE : 0;
		for (i = 0; i < bp->bio_nsegs; i++)
			vq_set_desc(&sc->sc_vq, descs[i + 1],
			    bp->bio_segs[i].bs_addr, bp->bio_segs[i].bs_len,
			    dataflag | VIRTQ_DESC_F_NEXT, descs[i + 2]);
		vq_set_desc(&sc->sc_vq, descs[n - 1],
		    req_pa + __builtin_offsetof(struct vtblk_req, vr_status), 1,
		    VIRTQ_DESC_F_WRITE, 0);
		vq_publish(&sc->sc_vq, descs[0]);
		started = true;
	}
	if (started)
		vtmmio_vq_notify(&sc->sc_vq);
}

/*
 * d_strategy: check bp and queue it (ending it at once with EINVAL or EIO,
 * through bio_done before returning, if the disk cannot do it).
 */
static void
vtblk_strategy(struct bio *bp)
{
	struct vtblk_softc *sc = bp->bio_disk->d_drv1;
	int error;

	error = vtblk_check(sc, bp);
	if (error != 0) {
		bp->bio_error = error;
		bp->bio_done(bp);
		return;
	}
	spin_lock(&sc->sc_lock);
	TAILQ_INSERT_TAIL(&sc->sc_queue, bp, bio_queue);
	vtblk_start(sc);
	spin_unlock(&sc->sc_lock);
}

/*
 * Collect every finished request, start waiting ones on the descriptors
 * that came back, then (without sc_lock, so a bio_done may send a new
 * request) end the finished ones.  Returns how many ended.
 */
static u_int
vtblk_complete(struct vtblk_softc *sc)
{
	TAILQ_HEAD(, bio) done = TAILQ_HEAD_INITIALIZER(done);
	struct vtblk_req *req;
	struct bio *bp;
	uint16_t head;
	uint32_t len;
	u_int n = 0;

	spin_lock(&sc->sc_lock);
	vtmmio_intr_ack(sc->sc_dev);
	while (vq_next_used(&sc->sc_vq, &head, &len)) {
		req = &sc->sc_reqs[head];
		bp = req->vr_bio;
		KASSERT(bp != NULL,
		    ("vtblk_complete: %s returned idle descriptor %u",
		    sc->sc_name, head));
		req->vr_bio = NULL;
		bp->bio_driver = NULL;
		bp->bio_error = req->vr_status == VTBLK_S_OK ? 0 : EIO;
		vq_free_chain(&sc->sc_vq, head);
		TAILQ_INSERT_TAIL(&done, bp, bio_queue);
		n++;
	}
	vtblk_start(sc);
	spin_unlock(&sc->sc_lock);
	while ((bp = TAILQ_FIRST(&done)) != NULL) {
		TAILQ_REMOVE(&done, bp, bio_queue);
		bp->bio_done(bp);
	}
	return (n);
}

/* The interrupt. */
static void
vtblk_intr(void *arg)
{
	(void)vtblk_complete(arg);
}

/* The disk's d_poll (disk.poll=1): the interrupt's work, asked for. */
static u_int
vtblk_poll(struct disk *dp)
{
	return (vtblk_complete(dp->d_drv1));
}

/*
 * Attach a virtio-blk device (virtio_mmio_probe calls this with the device
 * acknowledged): negotiate (no optional features are used), set up the
 * request queue and the interrupt, register the disk and print one line.
 * On failure the device is marked FAILED and left alone.
 */
void
vtblk_attach(struct vtmmio_dev *dev)
{
	struct vtblk_softc *sc;
	struct vm_page *m;
	uint64_t sectors;

	if (vtmmio_negotiate(dev, 0) != 0)
		return;
	sc = kmalloc(sizeof(*sc), M_WAITOK | M_ZERO);
	m = vm_phys_alloc_pages(0);
	if (sc == NULL || m == NULL)
		goto fail;
	spin_init(&sc->sc_lock, "vtblk");
	sc->sc_dev = dev;
	TAILQ_INIT(&sc->sc_queue);
	sc->sc_reqs_pa = VM_PAGE_TO_PHYS(m);
	sc->sc_reqs = vm_page_to_dmap(m);
	memset(sc->sc_reqs, 0, PAGE_SIZE);
	if (vtmmio_vq_init(dev, &sc->sc_vq, 0, VTBLK_QUEUE_MAX) != 0)
		goto fail;
	sectors = vtmmio_config_read64(dev, VTBLK_CONFIG_CAPACITY);
	ksnprintf(sc->sc_name, sizeof(sc->sc_name), "vtbd%d", vtblk_units++);
	sc->sc_disk.d_name = sc->sc_name;
	sc->sc_disk.d_mediasize = sectors * VTBLK_SECTOR;
	sc->sc_disk.d_sectorsize = DEV_BSIZE;
	sc->sc_disk.d_strategy = vtblk_strategy;
	sc->sc_disk.d_poll = vtblk_poll;
	sc->sc_disk.d_drv1 = sc;
	intr_establish(dev->vd_irq, vtblk_intr, sc);
	vtmmio_driver_ok(dev);
	printf("%s: virtio-blk, %lu MiB, %u-byte sectors\n", sc->sc_name,
	    sc->sc_disk.d_mediasize >> 20, sc->sc_disk.d_sectorsize);
	disk_register(&sc->sc_disk);
	return;
fail:
	printf("virtio-blk at %#lx: cannot set up its queue\n", dev->vd_pa);
	vtmmio_fail(dev);
	if (m != NULL)
		vm_phys_free_pages(m, 0);
	kfree(sc);
}
