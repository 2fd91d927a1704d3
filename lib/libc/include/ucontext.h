/* User contexts; see <sys/ucontext.h>. */
#ifndef _UCONTEXT_H_
#define	_UCONTEXT_H_

#include <sys/ucontext.h>

#endif /* !_UCONTEXT_H_ */
