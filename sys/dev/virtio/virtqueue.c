/*
 * Split virtqueues: laying out the rings, chains of descriptors taken from
 * and given back to the free list, chains offered to the device and
 * collected from it.  Machine-independent but for the barriers, and built
 * unchanged into a host test (tests/host/test_virtqueue.c) that plays the
 * device.
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/param.h"
#include "dev/virtio/virtqueue.h"
#include "machine/cpufunc.h"

/* Bytes of the descriptor table, and of the available and used rings. */
#define VQ_DESC_SIZE(n)		((size_t)(n) * sizeof(struct virtq_desc))
#define VQ_AVAIL_SIZE(n)	(4 + 2 * (size_t)(n) + 2)
#define VQ_USED_SIZE(n)		(4 + 8 * (size_t)(n) + 2)

/* Where the available ring starts in the block of a queue of n entries. */
size_t
vq_avail_offset(u_int n)
{
	return (VQ_DESC_SIZE(n));
}

/* Where the used ring starts (4-byte aligned, as its entries need). */
size_t
vq_used_offset(u_int n)
{
	return (roundup2(VQ_DESC_SIZE(n) + VQ_AVAIL_SIZE(n), 8));
}

/* Bytes of the block holding the three areas of a queue of n entries. */
size_t
vq_ring_size(u_int n)
{
	return (vq_used_offset(n) + VQ_USED_SIZE(n));
}

/*
 * Lay out queue index of n entries (a power of two, at most 32768) in the
 * vq_ring_size(n) bytes at va (physical address pa, 16-byte aligned):
 * zeroed rings, every descriptor free.
 */
void
vq_setup(struct virtqueue *vq, u_int index, u_int n, void *va,
    vm_paddr_t pa)
{
	u_int i;

	KASSERT(n > 0 && n <= 32768 && (n & (n - 1)) == 0,
	    ("vq_setup: %u entries", n));
	memset(va, 0, vq_ring_size(n));
	memset(vq, 0, sizeof(*vq));
	vq->vq_index = index;
	vq->vq_size = n;
	vq->vq_pa = pa;
	vq->vq_desc = va;
	vq->vq_avail = (struct virtq_avail *)((char *)va + vq_avail_offset(n));
	vq->vq_used = (struct virtq_used *)((char *)va + vq_used_offset(n));
	for (i = 0; i < n; i++)
		vq->vq_desc[i].next = (uint16_t)(i + 1);
	vq->vq_nfree = n;
	vq->vq_free_head = 0;
}

/*
 * Take n free descriptors for one chain, stored in descs[0..n-1] (descs[0]
 * is the head); 0, or ENOSPC if fewer than n are free (nothing taken).
 */
int
vq_alloc_chain(struct virtqueue *vq, u_int n, uint16_t *descs)
{
	u_int i;

	KASSERT(n > 0 && n <= vq->vq_size,
	    ("vq_alloc_chain: chain of %u on a queue of %u", n, vq->vq_size));
	if (vq->vq_nfree < n)
		return (ENOSPC);
	for (i = 0; i < n; i++) {
		descs[i] = vq->vq_free_head;
		vq->vq_free_head = vq->vq_desc[descs[i]].next;
	}
	vq->vq_nfree -= n;
	return (0);
}

/* Fill descriptor d (VIRTQ_DESC_F_NEXT in flags means "next" is used). */
void
vq_set_desc(struct virtqueue *vq, uint16_t d, vm_paddr_t pa, uint32_t len,
    uint16_t flags, uint16_t next)
{
	struct virtq_desc *desc = &vq->vq_desc[d];

	desc->addr = pa;
	desc->len = len;
	desc->flags = flags;
	desc->next = next;
}

/*
 * Offer the chain at head to the device (it looks after the transport's
 * notify, vtmmio_vq_notify).
 * The barrier orders the chain's descriptors and the ring entry before the
 * index that makes them the device's: a device that sees the new idx must
 * see what it covers.
 */
void
vq_publish(struct virtqueue *vq, uint16_t head)
{
	vq->vq_avail->ring[vq->vq_avail_idx & (vq->vq_size - 1)] = head;
	vq->vq_avail_idx++;
	dmb(st);
	*(volatile uint16_t *)&vq->vq_avail->idx = vq->vq_avail_idx;
}

/*
 * The next chain the device has finished with: its head and the bytes the
 * device wrote; false if there is none.  The barrier after reading the
 * device's used index keeps the entry (and the buffers it covers) from
 * being read before the index that says they are complete.
 */
bool
vq_next_used(struct virtqueue *vq, uint16_t *head, uint32_t *len)
{
	struct virtq_used_elem *e;
	uint16_t idx;

	idx = *(volatile uint16_t *)&vq->vq_used->idx;
	if (idx == vq->vq_used_seen)
		return (false);
	dmb(ld);
	e = &vq->vq_used->ring[vq->vq_used_seen & (vq->vq_size - 1)];
	KASSERT(e->id < vq->vq_size,
	    ("vq_next_used: device returned descriptor %u of %u", e->id,
	    vq->vq_size));
	*head = (uint16_t)e->id;
	*len = e->len;
	vq->vq_used_seen++;
	return (true);
}

/* Return the chain at head to the free list. */
void
vq_free_chain(struct virtqueue *vq, uint16_t head)
{
	uint16_t d = head;
	u_int n = 1;

	while (vq->vq_desc[d].flags & VIRTQ_DESC_F_NEXT) {
		d = vq->vq_desc[d].next;
		n++;
	}
	vq->vq_desc[d].next = vq->vq_free_head;
	vq->vq_free_head = head;
	vq->vq_nfree += n;
	KASSERT(vq->vq_nfree <= vq->vq_size,
	    ("vq_free_chain: %u free of %u", vq->vq_nfree, vq->vq_size));
}
