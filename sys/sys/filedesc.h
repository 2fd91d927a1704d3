/*
 * A process's descriptor table: NOFILE slots, each empty or holding one
 * reference to a struct file, plus its close-on-exec flag.  The threads of
 * a process share the table; processes never do (fork copies it).
 *
 * Lock keys: (f) fd_lock.
 */
#ifndef _SYS_FILEDESC_H_
#define _SYS_FILEDESC_H_

#include "sys/types.h"
#include "sys/param.h"
#include "sys/spinlock.h"


#define UF_EXCLOSE	0x01		/* close on exec */

struct file;
struct thread;

struct filedesc {
	struct spinlock	fd_lock;
	struct file	*fd_ofiles[NOFILE];	/* (f) */
	uint8_t		fd_ofileflags[NOFILE];	/* (f) UF_* */
};

/*
 * For fork, exec and exit.  fd_alloc_console and fd_fork return NULL if
 * memory is short.  fd_free must be the table's last use: no other thread
 * of the process may still run system calls.
 */
struct filedesc *fd_alloc_console(void);
struct filedesc *fd_fork(struct filedesc *fdp);
void	fd_exec(struct filedesc *fdp);
void	fd_free(struct filedesc *fdp);

/* For system calls that create files. */
int	finstall(struct thread *td, struct file *fp, bool cloexec, int *fdp);
void	fdclose(struct thread *td, int fd, struct file *fp);

#endif /* !_SYS_FILEDESC_H_ */
