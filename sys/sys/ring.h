/*
 * A byte ring buffer: the storage of a pipe.  It does no locking; its
 * owner serialises every call (the pipe holds its spin lock around each).
 * Callers copy to and from user memory through kernel buffers, never
 * straight out of the ring, so no call can fault.
 */
#ifndef _SYS_RING_H_
#define _SYS_RING_H_

#include "sys/types.h"

struct ring {
	char	*r_buf;		/* storage, r_size bytes */
	size_t	r_size;
	size_t	r_head;		/* index of the oldest byte */
	size_t	r_count;	/* bytes held */
};

void	ring_init(struct ring *r, void *buf, size_t size);
size_t	ring_put(struct ring *r, const void *src, size_t len);
size_t	ring_peek(const struct ring *r, void *dst, size_t len);
void	ring_consume(struct ring *r, size_t len);

/* Bytes held. */
static inline size_t
ring_count(const struct ring *r)
{
	return (r->r_count);
}

/* Bytes that ring_put could take now. */
static inline size_t
ring_space(const struct ring *r)
{
	return (r->r_size - r->r_count);
}

#endif /* !_SYS_RING_H_ */
