/*
 * malloc stress: random sizes (small, class boundaries, large), malloc,
 * calloc, realloc and free in random order, every chunk's contents
 * checked before it is touched again (every byte of small chunks; of
 * large ones, every STEP-th, so the test stays quick under emulation).
 * Prints a checksum per round.
 */
#include "malloc_same.h"

#define	SLOTS	256
#define	OPS	4000
#define	STEP	61	/* bytes apart checked in chunks over 1 KiB */

/* The byte slot i holds at offset k. */
static unsigned char
pattern(unsigned int i, size_t k)
{

	return ((unsigned char)(i * 7 + k * 13));
}

/* A request size: mostly small, some just around classes, some large. */
static size_t
pick_size(uint32_t *seed)
{
	uint32_t r = same_random(seed);

	switch (r % 16) {
	case 0:
		return (32768 + (r >> 4) % 70000);
	case 1:
	case 2:
		return (((size_t)16 << (r >> 4) % 11) + (r >> 8) % 3 - 1);
	default:
		return ((r >> 4) % 600);
	}
}

/* The workload. */
static void
work(char *out, size_t len)
{
	static unsigned char *p[SLOTS];
	static size_t size[SLOTS];
	uint32_t seed = 1, r, sum = 0;
	unsigned int i, op;
	size_t k, n;

	for (op = 0; op < OPS; op++) {
		r = same_random(&seed);
		i = r % SLOTS;
		for (k = 0; k < size[i]; k += size[i] > 1024 ? STEP : 1) {
			if (p[i][k] != pattern(i, k)) {
				SAME_PRINT(out, len, "slot %u byte %zu "
				    "changed\n", i, k);
				return;
			}
			sum += p[i][k];
		}
		n = pick_size(&seed);
		switch ((r >> 9) % 4) {
		case 0:
			free(p[i]);
			p[i] = NULL;
			n = 0;
			break;
		case 1:
			free(p[i]);
			p[i] = calloc(1, n);
			for (k = 0; k < n; k += n > 1024 ? STEP : 1)
				if (p[i][k] != 0) {
					SAME_PRINT(out, len, "calloc not "
					    "zero\n");
					return;
				}
			break;
		case 2:
			p[i] = realloc(p[i], n);
			break;
		default:
			free(p[i]);
			p[i] = malloc(n);
			break;
		}
		if (n != 0 && p[i] == NULL) {
			SAME_PRINT(out, len, "out of memory\n");
			return;
		}
		for (k = 0; k < n; k += n > 1024 ? STEP : 1)
			p[i][k] = pattern(i, k);
		size[i] = n;
		if (op % 1000 == 999)
			SAME_PRINT(out, len, "round %u: sum %u\n", op / 1000,
			    sum);
	}
	for (i = 0; i < SLOTS; i++)
		free(p[i]);
}

int
main(void)
{

	return (same_main(work));
}
