/*
 * malloc's TagOS extensions (docs/malloc.md), kept apart from <stdlib.h>
 * as FreeBSD keeps its own in <malloc_np.h>.
 *
 * Tagging is off unless the program asks: the environment variable
 * MALLOC_TAGGING=sync|async|asymm|off, read once, at the first
 * allocation, or malloc_set_tagging() called before the first allocation,
 * which wins over the variable.  On a machine without MTE the request is
 * accepted and ignored: malloc_tagging() then says MALLOC_TAGGING_OFF.
 */
#ifndef _MALLOC_NP_H_
#define	_MALLOC_NP_H_

#include <sys/cdefs.h>

#define	MALLOC_TAGGING_OFF	0	/* an untagged heap */
#define	MALLOC_TAGGING_SYNC	1	/* tag faults stop at the access */
#define	MALLOC_TAGGING_ASYNC	2	/* reported at the next kernel entry */
#define	MALLOC_TAGGING_ASYMM	3	/* reads sync, writes async (MTE3) */

__BEGIN_DECLS
/*
 * Ask for a tagged heap checked in mode (MALLOC_TAGGING_*).  Returns 0, or
 * -1 with errno EINVAL (unknown mode) or EBUSY (malloc already allocated:
 * the heap cannot change its kind).
 */
int	malloc_set_tagging(int);
/* The mode the heap runs in: MALLOC_TAGGING_OFF if it is not tagged. */
int	malloc_tagging(void);
__END_DECLS

#endif /* !_MALLOC_NP_H_ */
