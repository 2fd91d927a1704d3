/*
 * assert(e): if e is false, print where and what to stderr and abort().
 * Not guarded, so it can be re-included with a different NDEBUG.
 */
#include <sys/cdefs.h>

#undef assert
#ifdef NDEBUG
#define	assert(e)	((void)0)
#else
#define	assert(e)	((e) ? (void)0 : __assert(__func__, __FILE__, \
			    __LINE__, #e))
#endif

#ifndef _ASSERT_H_
#define	_ASSERT_H_

#ifndef __cplusplus
#define	static_assert	_Static_assert
#endif

__BEGIN_DECLS
void	__assert(const char *, const char *, int, const char *) __dead2;
__END_DECLS

#endif /* !_ASSERT_H_ */
