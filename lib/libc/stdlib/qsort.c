/*
 * qsort(3): quicksort with a median-of-three pivot, insertion sort for
 * short runs, and recursion only into the smaller part, so the stack
 * stays O(log n) deep.  Not stable, like every qsort.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

typedef int (*cmp_t)(const void *, const void *);

/* Exchange the size-byte elements at a and b, a word at a time if aligned. */
static void
swap(char *a, char *b, size_t size)
{
	long t;
	char c;

	if (size % sizeof(long) == 0 &&
	    ((uintptr_t)a | (uintptr_t)b) % sizeof(long) == 0) {
		for (; size > 0; size -= sizeof(long), a += sizeof(long),
		    b += sizeof(long)) {
			t = *(long *)a;
			*(long *)a = *(long *)b;
			*(long *)b = t;
		}
		return;
	}
	for (; size > 0; size--, a++, b++) {
		c = *a;
		*a = *b;
		*b = c;
	}
}

/* Insertion sort of n elements at base. */
static void
insertion_sort(char *base, size_t n, size_t size, cmp_t cmp)
{
	char *p, *q;

	for (p = base + size; p < base + n * size; p += size)
		for (q = p; q > base && cmp(q - size, q) > 0; q -= size)
			swap(q - size, q, size);
}

/* The median of the elements at a, b and c. */
static char *
median3(char *a, char *b, char *c, cmp_t cmp)
{

	if (cmp(a, b) < 0)
		return (cmp(b, c) < 0 ? b : cmp(a, c) < 0 ? c : a);
	return (cmp(b, c) > 0 ? b : cmp(a, c) > 0 ? c : a);
}

/* Sort the n elements of size bytes at base in cmp's ascending order. */
void
qsort(void *base0, size_t n, size_t size, cmp_t cmp)
{
	char *base, *lo, *hi, *pivot;
	size_t nl, nr;

	base = base0;
	while (n > 8) {
		pivot = median3(base, base + (n / 2) * size,
		    base + (n - 1) * size, cmp);
		/* The pivot goes first; Hoare partition of the rest. */
		swap(base, pivot, size);
		lo = base + size;
		hi = base + (n - 1) * size;
		for (;;) {
			while (lo <= hi && cmp(lo, base) < 0)
				lo += size;
			while (lo <= hi && cmp(hi, base) > 0)
				hi -= size;
			if (lo >= hi)
				break;
			swap(lo, hi, size);
			lo += size;
			hi -= size;
		}
		/* hi is the last element <= pivot: put the pivot there. */
		swap(base, hi, size);
		nl = (hi - base) / size;
		nr = n - nl - 1;
		if (nl < nr) {
			qsort(base, nl, size, cmp);
			base = hi + size;
			n = nr;
		} else {
			qsort(hi + size, nr, size, cmp);
			n = nl;
		}
	}
	insertion_sort(base, n, size, cmp);
}
