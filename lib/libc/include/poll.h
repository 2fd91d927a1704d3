/* poll(2): the kernel's sys/sys/poll.h is the one copy. */
#ifndef _POLL_H_
#define	_POLL_H_

#include "../../../sys/sys/poll.h"

int	poll(struct pollfd *, nfds_t, int);

#endif /* !_POLL_H_ */
