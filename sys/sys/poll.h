/*
 * poll(2): FreeBSD's struct pollfd (8 bytes: fd 0, events 4, revents 6)
 * and event bits (docs/abi.md section 4.8).  One copy for the kernel and
 * programs (lib/libc/include/poll.h forwards here).
 */
#ifndef _SYS_POLL_H_
#define	_SYS_POLL_H_

typedef unsigned int	nfds_t;

struct pollfd {
	int	fd;		/* descriptor; negative: ignored */
	short	events;		/* events of interest */
	short	revents;	/* events found */
};

#define	POLLIN		0x0001	/* data other than high priority may be read */
#define	POLLPRI		0x0002	/* high priority data may be read */
#define	POLLOUT		0x0004	/* data may be written */
#define	POLLRDNORM	0x0040	/* normal data may be read */
#define	POLLWRNORM	POLLOUT	/* normal data may be written */
#define	POLLRDBAND	0x0080	/* priority data may be read */
#define	POLLWRBAND	0x0100	/* priority data may be written */
#define	POLLERR		0x0008	/* an error (revents only) */
#define	POLLHUP		0x0010	/* hung up (revents only) */
#define	POLLNVAL	0x0020	/* fd not open (revents only) */

#define	INFTIM		(-1)	/* poll's timeout: for ever */

#endif /* !_SYS_POLL_H_ */
