/*
 * The virtio-mmio transport (virtio 1.x, MMIO register layout version 2),
 * as the device drivers above it see it.
 *
 * virtio_mmio_probe() walks the device tree's "virtio,mmio" nodes at boot
 * and hands each device it knows (virtio-blk) to that device's attach
 * routine, which negotiates features, sets up its queues with
 * vtmmio_vq_init() and then says DRIVER_OK.  The rings themselves are
 * virtqueue.h's; the transport allocates them, tells the device where they
 * are, and rings its doorbell (vtmmio_vq_notify).
 */
#ifndef _DEV_VIRTIO_VIRTIO_MMIO_H_
#define _DEV_VIRTIO_VIRTIO_MMIO_H_

#include "sys/types.h"
#include "dev/virtio/virtqueue.h"

/* Device IDs (the spec's section 5). */
#define VIRTIO_ID_BLOCK		2

/* Feature bits common to every device type. */
#define VIRTIO_F_VERSION_1	32	/* modern (1.x) device */

/* A virtio-mmio device: one "virtio,mmio" node with a device behind it. */
struct vtmmio_dev {
	vm_offset_t	vd_regs;	/* (C) mapped registers */
	vm_paddr_t	vd_pa;		/* (C) their physical address */
	u_int		vd_irq;		/* (C) INTID */
	uint32_t	vd_devid;	/* (C) VIRTIO_ID_* */
	uint64_t	vd_features;	/* (C) negotiated */
};

void		virtio_mmio_probe(const void *dtb);

int		vtmmio_negotiate(struct vtmmio_dev *dev, uint64_t wanted);
void		vtmmio_driver_ok(struct vtmmio_dev *dev);
void		vtmmio_fail(struct vtmmio_dev *dev);
uint32_t	vtmmio_config_read32(struct vtmmio_dev *dev, u_int off);
uint64_t	vtmmio_config_read64(struct vtmmio_dev *dev, u_int off);
uint32_t	vtmmio_intr_ack(struct vtmmio_dev *dev);

int		vtmmio_vq_init(struct vtmmio_dev *dev, struct virtqueue *vq,
		    u_int index, u_int maxsize);
void		vtmmio_vq_notify(struct virtqueue *vq);

/* Device drivers' attach routines, called by virtio_mmio_probe(). */
void		vtblk_attach(struct vtmmio_dev *dev);

#endif /* !_DEV_VIRTIO_VIRTIO_MMIO_H_ */
