/*
 * Host tests for the pipe's ring buffer (sys/kern/subr_ring.c): limits,
 * wrap-around, and a long random run checked against a plain FIFO model.
 * The ring's storage is a heap block of exactly its size, so ASan catches
 * any copy past either end.
 */
#include <stdlib.h>
#include <string.h>

#include "sys/types.h"
#include "sys/ring.h"
#include "hosttest.h"

#define SIZE	64

static struct ring *
ring_new(size_t size)
{
	static struct ring r;

	ring_init(&r, malloc(size), size);
	return (&r);
}

HT_TEST(empty_and_full)
{
	struct ring *r = ring_new(SIZE);
	char in[SIZE + 10], out[SIZE + 10];
	size_t i;

	for (i = 0; i < sizeof(in); i++)
		in[i] = (char)i;
	HT_ASSERT_EQ(ring_count(r), 0);
	HT_ASSERT_EQ(ring_space(r), SIZE);
	HT_ASSERT_EQ(ring_peek(r, out, sizeof(out)), 0);
	HT_ASSERT_EQ(ring_put(r, in, 0), 0);
	HT_ASSERT_EQ(ring_put(r, in, sizeof(in)), SIZE);
	HT_ASSERT_EQ(ring_space(r), 0);
	HT_ASSERT_EQ(ring_put(r, in, 1), 0);
	HT_ASSERT_EQ(ring_peek(r, out, sizeof(out)), SIZE);
	HT_ASSERT(memcmp(in, out, SIZE) == 0);
	HT_ASSERT_EQ(ring_count(r), SIZE);	/* peek leaves the bytes */
	ring_consume(r, SIZE);
	HT_ASSERT_EQ(ring_count(r), 0);
	free(r->r_buf);
}

HT_TEST(wraps_around)
{
	struct ring *r = ring_new(SIZE);
	char in[2 * SIZE], out[SIZE];
	size_t i;

	for (i = 0; i < sizeof(in); i++)
		in[i] = (char)(i * 7 + 1);
	HT_ASSERT_EQ(ring_put(r, in, 50), 50);
	ring_consume(r, 40);
	/* in[40..50) sit at 40..49; in[50..90) go to 50..63, then 0..25 */
	HT_ASSERT_EQ(ring_put(r, in + 50, 40), 40);
	HT_ASSERT_EQ(ring_count(r), 50);
	HT_ASSERT_EQ(ring_peek(r, out, 30), 30);
	HT_ASSERT(memcmp(out, in + 40, 30) == 0);
	ring_consume(r, 30);
	HT_ASSERT_EQ(ring_peek(r, out, SIZE), 20);
	HT_ASSERT(memcmp(out, in + 70, 20) == 0);
	free(r->r_buf);
}

/* Random puts, peeks and consumes against a linear model of the FIFO. */
HT_TEST(random_against_model)
{
	static char model[1 << 20];
	struct ring *r = ring_new(37);		/* odd size: wraps anywhere */
	size_t mhead = 0, mtail = 0, len, n, i;
	char buf[100];
	int step;

	srandom(1);
	for (step = 0; step < 200000; step++) {
		len = random() % sizeof(buf);
		if (random() % 2) {
			for (i = 0; i < len; i++)
				buf[i] = (char)random();
			n = ring_put(r, buf, len);
			HT_ASSERT_EQ(n, len < 37 - (mtail - mhead) ?
			    len : 37 - (mtail - mhead));
			if (mtail + n > sizeof(model)) {
				memmove(model, model + mhead, mtail - mhead);
				mtail -= mhead;
				mhead = 0;
			}
			memcpy(model + mtail, buf, n);
			mtail += n;
		} else {
			n = ring_peek(r, buf, len);
			HT_ASSERT_EQ(n, len < mtail - mhead ? len : mtail - mhead);
			HT_ASSERT(memcmp(buf, model + mhead, n) == 0);
			n = n == 0 ? 0 : (size_t)random() % (n + 1);
			ring_consume(r, n);
			mhead += n;
		}
		HT_ASSERT_EQ(ring_count(r), mtail - mhead);
		HT_ASSERT_EQ(ring_space(r), 37 - (mtail - mhead));
	}
	free(r->r_buf);
}
