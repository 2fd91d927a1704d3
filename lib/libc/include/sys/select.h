/* select(2): the kernel's sys/sys/select.h is the one copy. */
#ifndef _SELECT_H_
#define	_SELECT_H_

#include "../../../../sys/sys/select.h"

int	select(int, fd_set *, fd_set *, fd_set *, struct timeval *);

#endif /* !_SELECT_H_ */
