/* bsearch(3). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/*
 * Find key in base[0..nmemb), sorted ascending by compar.  Returns a
 * matching element (any one, if several match) or NULL.
 */
void *
bsearch(const void *key, const void *base, size_t nmemb, size_t size,
    int (*compar)(const void *, const void *))
{
	const char *lo = base, *mid;
	size_t n = nmemb;
	int c;

	/* Invariant: a match, if any, is in lo[0..n). */
	while (n > 0) {
		mid = lo + (n / 2) * size;
		c = compar(key, mid);
		if (c == 0)
			return ((void *)(uintptr_t)mid);
		if (c > 0) {
			lo = mid + size;
			n = n - n / 2 - 1;
		} else
			n = n / 2;
	}
	return (NULL);
}
