/*
 * Split virtqueues (the virtio 1.x spec's section 2.7), the rings a driver
 * and a virtio device exchange requests through, apart from the transport
 * that tells the device where they are (virtio_mmio.c).
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
 *
 * A driver serialises its use of a virtqueue with its own lock; nothing
 * here locks.
 */
#ifndef _DEV_VIRTIO_VIRTQUEUE_H_
#define _DEV_VIRTIO_VIRTQUEUE_H_

#include "sys/types.h"

struct vtmmio_dev;

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

/*
 * A split virtqueue (all fields under the driver's lock).  Free
 * descriptors form a list through their "next" fields.
 */
struct virtqueue {
	struct vtmmio_dev *vq_dev;	/* the transport's */
	u_int		vq_index;	/* queue number on the device */
	u_int		vq_size;	/* entries, a power of two */
	vm_paddr_t	vq_pa;		/* the block's physical address */
	struct virtq_desc *vq_desc;
	struct virtq_avail *vq_avail;
	struct virtq_used *vq_used;
	u_int		vq_nfree;	/* free descriptors */
	uint16_t	vq_free_head;	/* first free descriptor */
	uint16_t	vq_avail_idx;	/* our copy of vq_avail->idx */
	uint16_t	vq_used_seen;	/* used entries consumed */
};

size_t		vq_ring_size(u_int n);
size_t		vq_avail_offset(u_int n);
size_t		vq_used_offset(u_int n);
void		vq_setup(struct virtqueue *vq, u_int index, u_int n,
		    void *va, vm_paddr_t pa);
int		vq_alloc_chain(struct virtqueue *vq, u_int n, uint16_t *descs);
void		vq_set_desc(struct virtqueue *vq, uint16_t d, vm_paddr_t pa,
		    uint32_t len, uint16_t flags, uint16_t next);
void		vq_publish(struct virtqueue *vq, uint16_t head);
bool		vq_next_used(struct virtqueue *vq, uint16_t *head,
		    uint32_t *len);
void		vq_free_chain(struct virtqueue *vq, uint16_t head);

#endif /* !_DEV_VIRTIO_VIRTQUEUE_H_ */
