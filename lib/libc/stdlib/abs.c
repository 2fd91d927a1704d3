/*
 * Absolute values.  The most negative value has none; it is returned
 * unchanged (computed in unsigned arithmetic, so without overflow).
 */
#include <stdlib.h>

/* |j| */
int
abs(int j)
{

	return (j < 0 ? (int)(0U - (unsigned int)j) : j);
}

/* |j| */
long
labs(long j)
{

	return (j < 0 ? (long)(0UL - (unsigned long)j) : j);
}

/* |j| */
long long
llabs(long long j)
{

	return (j < 0 ? (long long)(0ULL - (unsigned long long)j) : j);
}
