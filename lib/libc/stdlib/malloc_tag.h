/*
 * What malloc.c needs from the machine (malloc_tag.c and the inline tag
 * instructions below on arm64; host tests bring stand-ins): the tag
 * instructions, the process's tag control, the
 * caller's stack, and the SIGSEGV handler through which tag faults reach
 * malloc's report.  A tag is a pointer's bits 59:56; memory tags are kept
 * per 16-byte granule.
 */
#ifndef _MALLOC_TAG_H_
#define	_MALLOC_TAG_H_

#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>

#define	MALLOC_GRANULE	16
#define	MALLOC_STACK_DEPTH 8	/* return addresses kept per stack */

/* 1 if the machine has MTE (then PROT_MTE and tag control work). */
int	__malloc_mte_present(void);
/* Turn tag checking on in mode (MALLOC_TAGGING_*): 0 or an errno value. */
int	__malloc_tag_enable(int);
#if defined(__aarch64__) && !defined(HOST_TEST)
/*
 * The tag instructions (Arm ARM D10.4), inline: malloc runs several per
 * call.
 */

/*
 * IRG: p with a random tag, none of those set in exclude (bit n = tag n).
 * If the program narrowed IRG's include mask so that IRG gives an
 * excluded tag, the lowest tag not excluded is used instead.
 */
static inline void *
__malloc_tag_random(void *p, unsigned int exclude)
{
	void *r;
	unsigned int t;

	__asm__ __volatile__("irg %0, %1, %2" : "=r" (r) : "r" (p),
	    "r" ((uint64_t)exclude));
	t = ((uintptr_t)r >> 56) & 0xf;
	if ((exclude & (1U << t)) == 0)
		return (r);
	for (t = 1; t < 15 && (exclude & (1U << t)) != 0; t++)
		continue;
	return ((void *)(((uintptr_t)p & ~(0xffUL << 56)) |
	    (uintptr_t)t << 56));
}

/*
 * Give the granules of [p, p + len) the tag p carries (len a multiple of
 * 16): 32 granules per round of sixteen ST2G, then what is left by the
 * bits of its count of granule pairs (eight, four, two, one ST2G) and an
 * STG for an odd granule.  ST2G's post-index form steps the address, so
 * besides the stores a chunk below 512 bytes costs five tests.
 */
#define	MALLOC_ST2G_1(op)	op "2g %1, [%0], #32\n\t"
#define	MALLOC_ST2G_2(op)	MALLOC_ST2G_1(op) MALLOC_ST2G_1(op)
#define	MALLOC_ST2G_4(op)	MALLOC_ST2G_2(op) MALLOC_ST2G_2(op)
#define	MALLOC_ST2G_8(op)	MALLOC_ST2G_4(op) MALLOC_ST2G_4(op)
#define	MALLOC_ST2G_ASM(ops, q, p)					\
	__asm__ __volatile__(ops : "+r" (q) : "r" (p) : "memory")
#define	MALLOC_TAG_STORE(op, p, len) do {				\
	char *q_ = (char *)(p);						\
	size_t n_ = (len) / (2 * MALLOC_GRANULE);			\
									\
	for (; n_ >= 16; n_ -= 16)					\
		MALLOC_ST2G_ASM(MALLOC_ST2G_8(op) MALLOC_ST2G_8(op), q_, p);\
	if ((n_ & 8) != 0)						\
		MALLOC_ST2G_ASM(MALLOC_ST2G_8(op), q_, p);		\
	if ((n_ & 4) != 0)						\
		MALLOC_ST2G_ASM(MALLOC_ST2G_4(op), q_, p);		\
	if ((n_ & 2) != 0)						\
		MALLOC_ST2G_ASM(MALLOC_ST2G_2(op), q_, p);		\
	if ((n_ & 1) != 0)						\
		MALLOC_ST2G_ASM(MALLOC_ST2G_1(op), q_, p);		\
	if (((len) & MALLOC_GRANULE) != 0)				\
		__asm__ __volatile__(op "g %1, [%0]"			\
		    : : "r" (q_), "r" (p) : "memory");			\
} while (0)

static inline void
__malloc_tag_set(void *p, size_t len)
{

	MALLOC_TAG_STORE("st", p, len);
}

/* The same, zeroing the bytes too (STZ2G/STZG, for calloc). */
static inline void
__malloc_tag_set_zero(void *p, size_t len)
{

	MALLOC_TAG_STORE("stz", p, len);
}

/* LDG: the tag memory holds for the granule at p. */
static inline unsigned int
__malloc_tag_get(const void *p)
{
	uintptr_t r = (uintptr_t)p;

	__asm__ __volatile__("ldg %0, [%1]" : "+r" (r) : "r" (p) : "memory");
	return ((r >> 56) & 0xf);
}
#else
/* Host tests bring their own (tests/host/test_libc_malloc.c). */
void	*__malloc_tag_random(void *, unsigned int);
void	__malloc_tag_set(void *, size_t);
void	__malloc_tag_set_zero(void *, size_t);
unsigned int __malloc_tag_get(const void *);
#endif
/*
 * Up to MALLOC_STACK_DEPTH return addresses into pcs, from frame record
 * fp up, followed by a 0 if there are fewer.
 */
void	__malloc_stack(void *, uintptr_t *);
/* Install the SIGSEGV handler that calls __malloc_fault(). */
void	__malloc_handler_install(void);

/*
 * malloc.c's side: describe a fault at addr (carrying the pointer's tag;
 * code is the si_code) on stderr if it concerns the heap.
 */
void	__malloc_fault(int, void *);

#endif /* !_MALLOC_TAG_H_ */
