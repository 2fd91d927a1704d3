/* User-space wait queues (_umtx_op), kernel side. */
#ifndef _SYS_UMTX_H_
#define _SYS_UMTX_H_

#include "sys/types.h"

struct thread;

/* Wake up to n threads waiting on the user address uaddr of td's process. */
int	umtx_wake(struct thread *td, uint64_t uaddr, int n);

#endif /* !_SYS_UMTX_H_ */
