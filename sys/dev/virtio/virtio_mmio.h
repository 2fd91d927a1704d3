/*
 * The virtio-mmio transport (virtio 1.x, MMIO register layout version 2)
 * and its split virtqueues, as the device drivers above it see them.
 *
 * virtio_mmio_probe() walks the device tree's "virtio,mmio" nodes at boot
 * and hands each device it knows (virtio-blk) to that device's attach
 * routine, which negotiates features, sets up its queues with vq_init()
 * and then says DRIVER_OK.  A driver serialises its use of a virtqueue with
 * its own spin lock; nothing here locks.
 *
 * A split virtqueue of n entries is three areas in one physically
 * contiguous, zeroed block (the spec's section 2.7):
 *
 *   descriptor table  n x 16 bytes   { addr, len, flags, next }, the driver's
 *   available ring    4 + 2n bytes   { flags, idx, ring[n] }, driver -> device
 *   used ring         4 + 8n bytes   { flags, idx, ring[n] of { id, len } },
 *                                    device -> driver
 *
 * The driver chains descriptors through "next", publishes a chain's head
 * in the available ring and bumps its idx; the device returns the head in
 * the used ring and bumps that idx, then interrupts.
 */
#ifndef _DEV_VIRTIO_VIRTIO_MMIO_H_
#define _DEV_VIRTIO_VIRTIO_MMIO_H_

#include "sys/types.h"

/* Device IDs (the spec's section 5). */
#define VIRTIO_ID_BLOCK		2

/* Feature bits common to every device type. */
#define VIRTIO_F_VERSION_1	32	/* modern (1.x) device */

/* Descriptor flags. */
#define VIRTQ_DESC_F_NEXT	1	/* "next" continues the chain */
#define VIRTQ_DESC_F_WRITE	2	/* the device writes this buffer */

struct virtq_desc {
	uint64_t	addr;		/* physical address */
	uint32_t	len;
	uint16_t	flags;
	uint16_t	next;
};

struct virtq_avail {
	uint16_t	flags;
	uint16_t	idx;
	uint16_t	ring[];
};

struct virtq_used_elem {
	uint32_t	id;		/* head of the chain the device used */
	uint32_t	len;		/* bytes it wrote into the chain */
};

struct virtq_used {
	uint16_t	flags;
	uint16_t	idx;
	struct virtq_used_elem ring[];
};

/* A virtio-mmio device: one "virtio,mmio" node with a device behind it. */
struct vtmmio_dev {
	vm_offset_t	vd_regs;	/* (C) mapped registers */
	vm_paddr_t	vd_pa;		/* (C) their physical address */
	u_int		vd_irq;		/* (C) INTID */
	uint32_t	vd_devid;	/* (C) VIRTIO_ID_* */
	uint64_t	vd_features;	/* (C) negotiated */
};

/*
 * A split virtqueue (all fields under the driver's lock).  Free
 * descriptors form a list through their "next" fields.
 */
struct virtqueue {
	struct vtmmio_dev *vq_dev;
	u_int		vq_index;	/* queue number on the device */
	u_int		vq_size;	/* entries, a power of two */
	int		vq_order;	/* the rings' block: 2^order pages */
	vm_paddr_t	vq_pa;		/* the block's physical address */
	struct virtq_desc *vq_desc;
	struct virtq_avail *vq_avail;
	struct virtq_used *vq_used;
	u_int		vq_nfree;	/* free descriptors */
	uint16_t	vq_free_head;	/* first free descriptor */
	uint16_t	vq_avail_idx;	/* our copy of vq_avail->idx */
	uint16_t	vq_used_seen;	/* used entries consumed */
};

void		virtio_mmio_probe(const void *dtb);

int		vtmmio_negotiate(struct vtmmio_dev *dev, uint64_t wanted);
void		vtmmio_driver_ok(struct vtmmio_dev *dev);
void		vtmmio_fail(struct vtmmio_dev *dev);
uint32_t	vtmmio_config_read32(struct vtmmio_dev *dev, u_int off);
uint64_t	vtmmio_config_read64(struct vtmmio_dev *dev, u_int off);
uint32_t	vtmmio_intr_ack(struct vtmmio_dev *dev);

int		vq_init(struct vtmmio_dev *dev, struct virtqueue *vq,
		    u_int index, u_int maxsize);
int		vq_alloc_chain(struct virtqueue *vq, u_int n, uint16_t *descs);
void		vq_set_desc(struct virtqueue *vq, uint16_t d, vm_paddr_t pa,
		    uint32_t len, uint16_t flags, uint16_t next);
void		vq_publish(struct virtqueue *vq, uint16_t head);
void		vq_notify(struct virtqueue *vq);
bool		vq_next_used(struct virtqueue *vq, uint16_t *head,
		    uint32_t *len);
void		vq_free_chain(struct virtqueue *vq, uint16_t head);

/* Device drivers' attach routines, called by virtio_mmio_probe(). */
void		vtblk_attach(struct vtmmio_dev *dev);

#endif /* !_DEV_VIRTIO_VIRTIO_MMIO_H_ */
