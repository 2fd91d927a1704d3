/*
 * Byte ring buffer (sys/ring.h).  Data wraps from the end of r_buf to its
 * start, so a copy in or out is at most two memcpy calls.
 */
#include "sys/systm.h"
#include "sys/param.h"
#include "sys/ring.h"

/* Make r an empty ring over buf, size bytes (size > 0). */
void
ring_init(struct ring *r, void *buf, size_t size)
{
	KASSERT(size > 0, ("ring_init: empty buffer %p", buf));
	r->r_buf = buf;
	r->r_size = size;
	r->r_head = 0;
	r->r_count = 0;
}

/* Append up to len bytes of src; returns how many fitted. */
size_t
ring_put(struct ring *r, const void *src, size_t len)
{
	size_t n, tail, first;

	n = MIN(len, ring_space(r));
	if (n == 0)
		return (0);
	tail = (r->r_head + r->r_count) % r->r_size;
	first = MIN(n, r->r_size - tail);
	memcpy(r->r_buf + tail, src, first);
	memcpy(r->r_buf, (const char *)src + first, n - first);
	r->r_count += n;
	return (n);
}

/* Copy up to len of the oldest bytes to dst, leaving them in the ring. */
size_t
ring_peek(const struct ring *r, void *dst, size_t len)
{
	size_t n, first;

	n = MIN(len, r->r_count);
	if (n == 0)
		return (0);
	first = MIN(n, r->r_size - r->r_head);
	memcpy(dst, r->r_buf + r->r_head, first);
	memcpy((char *)dst + first, r->r_buf, n - first);
	return (n);
}

/* Drop the len oldest bytes, which the caller has peeked. */
void
ring_consume(struct ring *r, size_t len)
{
	KASSERT(len <= r->r_count, ("ring_consume: %zu of %zu bytes", len,
	    r->r_count));
	r->r_head = (r->r_head + len) % r->r_size;
	r->r_count -= len;
	if (r->r_count == 0)
		r->r_head = 0;
}
