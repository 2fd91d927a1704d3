/*
 * rand(3): a 31-bit linear congruential generator, fine for tests and
 * demos, not for anything that must be unpredictable.
 */
#include <stdlib.h>

static unsigned int rand_state = 1;	/* shared; racy like any rand(3) */

/* The next value of the sequence that *state holds, in 0..RAND_MAX. */
int
rand_r(unsigned int *state)
{

	*state = *state * 1103515245U + 12345U;
	return ((int)((*state >> 1) & RAND_MAX));
}

/* rand_r on the process's sequence. */
int
rand(void)
{

	return (rand_r(&rand_state));
}

/* Restart the process's sequence from seed. */
void
srand(unsigned int seed)
{

	rand_state = seed;
}
