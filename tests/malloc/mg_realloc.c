/*
 * realloc chains: strings grown a piece at a time, then shrunk, every
 * step through realloc, as a line reader or a string builder does.
 */
#include "malloc_same.h"

#define	CHAINS	8

/* The workload. */
static void
work(char *out, size_t len)
{
	char *s[CHAINS] = { NULL };
	size_t n[CHAINS] = { 0 }, step;
	unsigned int i, round;
	uint32_t seed = 7, sum;

	for (round = 0; round < 300; round++) {
		for (i = 0; i < CHAINS; i++) {
			step = same_random(&seed) % 90 + 1;
			s[i] = realloc(s[i], n[i] + step + 1);
			if (s[i] == NULL) {
				SAME_PRINT(out, len, "out of memory\n");
				return;
			}
			memset(s[i] + n[i], 'a' + (round + i) % 26, step);
			n[i] += step;
			s[i][n[i]] = '\0';
		}
	}
	for (i = 0; i < CHAINS; i++) {
		while (n[i] > 10) {
			n[i] /= 2;
			s[i] = realloc(s[i], n[i] + 1);
			s[i][n[i]] = '\0';
		}
		sum = 0;
		for (step = 0; step < n[i]; step++)
			sum = sum * 31 + (unsigned char)s[i][step];
		SAME_PRINT(out, len, "chain %u: \"%s\" %u\n", i, s[i], sum);
		free(s[i]);
	}
}

int
main(void)
{

	return (same_main(work));
}
