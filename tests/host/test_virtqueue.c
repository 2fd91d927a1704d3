/*
 * Host tests for split virtqueues (sys/dev/virtio/virtqueue.c): the ring
 * layout, the descriptor free list, and a long random run in which the
 * test plays the device (reading chains from the available ring and
 * returning them through the used ring in any order), past the wrap of
 * the 16-bit ring indices.  The rings are a heap block of exactly
 * vq_ring_size() bytes, so ASan catches any access past either end.
 */
#include <stdlib.h>
#include <string.h>

#include "sys/types.h"
#include "sys/errno.h"
#include "dev/virtio/virtqueue.h"
#include "hosttest.h"

#define MAXCHAIN	12

/* The next number of this test's fixed random sequence (ht_random). */
static uint64_t
rnd(void)
{
	static uint64_t state = 0x9e3779b97f4a7c15ULL;

	return (ht_random(&state));
}

static void *
ring_block(struct virtqueue *vq, u_int n)
{
	void *va = aligned_alloc(16, (vq_ring_size(n) + 15) & ~(size_t)15);

	vq_setup(vq, 0, n, va, (vm_paddr_t)(uintptr_t)va);
	return (va);
}

/* The three areas follow each other, aligned as the spec requires. */
HT_TEST(layout)
{
	u_int n;

	for (n = 1; n <= 32768; n <<= 1) {
		HT_ASSERT_EQ(vq_avail_offset(n), 16 * n);
		HT_ASSERT(vq_used_offset(n) % 4 == 0);
		HT_ASSERT(vq_used_offset(n) >= vq_avail_offset(n) + 6 + 2 * n);
		HT_ASSERT_EQ(vq_ring_size(n), vq_used_offset(n) + 6 + 8 * n);
	}
	/* A 128-entry queue fits one page. */
	HT_ASSERT(vq_ring_size(128) <= 4096);
}

/* Every descriptor can be taken once; the next chain waits for a free. */
HT_TEST(free_list)
{
	struct virtqueue vq;
	uint16_t d[16], e[16];
	bool seen[16];
	void *va = ring_block(&vq, 16);
	int i;

	memset(seen, 0, sizeof(seen));
	HT_ASSERT_EQ(vq_alloc_chain(&vq, 10, d), 0);
	HT_ASSERT_EQ(vq_alloc_chain(&vq, 6, d + 10), 0);
	HT_ASSERT_EQ(vq.vq_nfree, 0);
	for (i = 0; i < 16; i++) {
		HT_ASSERT(d[i] < 16 && !seen[d[i]]);
		seen[d[i]] = true;
	}
	HT_ASSERT_EQ(vq_alloc_chain(&vq, 1, e), ENOSPC);
	/* Chain the first ten and give them back. */
	for (i = 0; i < 10; i++)
		vq_set_desc(&vq, d[i], 0x1000 * i, 512, i < 9 ?
		    VIRTQ_DESC_F_NEXT : 0, i < 9 ? d[i + 1] : 0);
	vq_free_chain(&vq, d[0]);
	HT_ASSERT_EQ(vq.vq_nfree, 10);
	HT_ASSERT_EQ(vq_alloc_chain(&vq, 11, e), ENOSPC);
	HT_ASSERT_EQ(vq.vq_nfree, 10);		/* nothing taken */
	HT_ASSERT_EQ(vq_alloc_chain(&vq, 10, e), 0);
	/* They are the ten given back: the other six are still taken. */
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < 10; i++)
		seen[d[i]] = true;
	for (i = 0; i < 10; i++) {
		HT_ASSERT(seen[e[i]]);
		seen[e[i]] = false;
	}
	free(va);
}

/* What the test, as device, knows of one chain it took. */
struct taken {
	uint16_t	head;
	u_int		len;		/* descriptors */
	uint64_t	tag;		/* the driver's marker in addr */
};

/*
 * Random sends and completions, out of order, 300,000 chains: every chain
 * the device finds is the one the driver built, every completion comes
 * back with its head and length, descriptors are never in two chains at
 * once, and none is lost.
 */
HT_TEST(random_run_against_device)
{
	enum { N = 64, CHAINS = 300000 };
	struct virtqueue vq;
	void *va = ring_block(&vq, N);
	uint16_t descs[MAXCHAIN], dev_avail = 0, dev_used = 0, head;
	struct taken taken[N];
	uint64_t sent = 0, done = 0, tag_of[N];
	u_int ntaken = 0, owner[N], inflight = 0, chainlen[N];
	uint32_t len;
	u_int i, k, n, d;

	memset(owner, 0, sizeof(owner));
	while (done < CHAINS) {
		/* The driver sends a few chains. */
		k = rnd() % 4;
		while (k-- > 0 && sent < CHAINS) {
			n = 1 + rnd() % MAXCHAIN;
			if (vq_alloc_chain(&vq, n, descs) != 0) {
				HT_ASSERT(vq.vq_nfree < n);
				break;
			}
			for (i = 0; i < n; i++) {
				HT_ASSERT(descs[i] < N);
				HT_ASSERT_EQ(owner[descs[i]], 0);
				owner[descs[i]] = 1;
				vq_set_desc(&vq, descs[i],
				    (sent << 8) | i, 512 * (i + 1),
				    i + 1 < n ? VIRTQ_DESC_F_NEXT : 0,
				    i + 1 < n ? descs[i + 1] : 0);
			}
			tag_of[descs[0]] = sent;
			chainlen[descs[0]] = n;
			vq_publish(&vq, descs[0]);
			inflight += n;
			sent++;
		}
		HT_ASSERT_EQ(vq.vq_nfree + inflight, N);
		/* The device takes what was published, checking each chain. */
		while (dev_avail != vq.vq_avail->idx) {
			head = vq.vq_avail->ring[dev_avail++ % N];
			d = head;
			for (i = 0;; i++) {
				HT_ASSERT(i < MAXCHAIN);
				HT_ASSERT_EQ(vq.vq_desc[d].addr,
				    (tag_of[head] << 8) | i);
				HT_ASSERT_EQ(vq.vq_desc[d].len, 512 * (i + 1));
				if (!(vq.vq_desc[d].flags & VIRTQ_DESC_F_NEXT))
					break;
				d = vq.vq_desc[d].next;
			}
			HT_ASSERT_EQ(i + 1, chainlen[head]);
			taken[ntaken].head = head;
			taken[ntaken].len = i + 1;
			taken[ntaken].tag = tag_of[head];
			ntaken++;
		}
		/* It completes some, in any order. */
		k = ntaken > 0 ? rnd() % (ntaken + 1) : 0;
		while (k-- > 0) {
			i = rnd() % ntaken;
			vq.vq_used->ring[dev_used % N].id = taken[i].head;
			vq.vq_used->ring[dev_used % N].len = taken[i].len;
			dev_used++;
			vq.vq_used->idx = dev_used;
			taken[i] = taken[--ntaken];
		}
		/* The driver collects them. */
		while (vq_next_used(&vq, &head, &len)) {
			HT_ASSERT(head < N);
			HT_ASSERT_EQ(len, chainlen[head]);
			d = head;
			for (i = 0; i < chainlen[head]; i++) {
				HT_ASSERT_EQ(owner[d], 1);
				owner[d] = 0;
				d = vq.vq_desc[d].next;
			}
			vq_free_chain(&vq, head);
			inflight -= chainlen[head];
			done++;
		}
		HT_ASSERT_EQ(vq.vq_nfree + inflight, N);
	}
	HT_ASSERT_EQ(vq.vq_nfree, N);
	HT_ASSERT(vq.vq_avail_idx == (uint16_t)CHAINS);
	free(va);
}
