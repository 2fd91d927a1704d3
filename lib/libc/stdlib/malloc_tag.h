/*
 * What malloc.c needs from the machine (malloc_tag.c on arm64; host tests
 * bring stand-ins): the tag instructions, the process's tag control, the
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
/* p with a random tag, none of those set in exclude (bit n = tag n). */
void	*__malloc_tag_random(void *, unsigned int);
/* Give the granules of [p, p + len) the tag p carries (len granular). */
void	__malloc_tag_set(void *, size_t);
/* The same, zeroing the bytes too (calloc). */
void	__malloc_tag_set_zero(void *, size_t);
/* The tag memory holds for the granule at p. */
unsigned int __malloc_tag_get(const void *);
/* Up to max return addresses from frame record fp up; how many. */
int	__malloc_stack(void *, uintptr_t *, int);
/* Install the SIGSEGV handler that calls __malloc_fault(). */
void	__malloc_handler_install(void);

/*
 * malloc.c's side: describe a fault at addr (carrying the pointer's tag;
 * code is the si_code) on stderr if it concerns the heap.
 */
void	__malloc_fault(int, void *);

#endif /* !_MALLOC_TAG_H_ */
