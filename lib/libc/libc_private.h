/*
 * Interfaces between the parts of libc; not installed, not for programs.
 * Every name here starts with __ so none can collide with a program's.
 */
#ifndef _LIBC_PRIVATE_H_
#define	_LIBC_PRIVATE_H_

#include <sys/types.h>
#include <sys/elf64.h>

/*
 * The thread control block tpidr_el0 points at: FreeBSD's TLS Variant I
 * (docs/abi.md section 4.2), two words followed by the static TLS block at the
 * offset the linker assumed (gen/tls.c).
 */
struct tcb {
	void		*tcb_dtv;	/* unused: there is no dynamic TLS */
	struct pthread	*tcb_thread;	/* the thread this block belongs to */
};

/*
 * Per-thread library state.  Each field is written by one thread and read
 * by others only after synchronization, except pt_tid.
 */
struct pthread {
	int		pt_errno;	/* this thread's errno */
	long		pt_tid;		/* kernel thread id, 0 if not yet
					   looked up; the kernel stores 1
					   here at thr_exit (atomic) */
	void		*(*pt_start)(void *);	/* start routine */
	void		*pt_arg;	/* and its argument */
	void		*pt_retval;	/* value passed to pthread_exit */
	void		*pt_map;	/* mapping holding stack, TLS and this
					   struct; NULL for the main thread */
	size_t		pt_mapsize;
};

/* pt_tid after thr_exit(&pt_tid): the kernel's "thread terminated" mark. */
#define	__TID_TERMINATED	1

/* The calling thread. */
static inline struct pthread *
__curthread(void)
{
	struct tcb *tcb;

	__asm __volatile("mrs %0, tpidr_el0" : "=r" (tcb));
	return (tcb->tcb_thread);
}

extern char	**environ;
extern const char *__libc_progname;

/* Start-up, in order: find the auxiliary vector, then set up TLS. */
void	__libc_start1(long *) __dead2;
void	__libc_auxv_init(Elf64_Auxinfo *);
const Elf64_Auxinfo *__libc_auxv_find(long);
void	__libc_tls_init(void);

/* Thread creation's share of TLS (gen/tls.c). */
size_t	__libc_tls_area_size(void);
struct tcb *__libc_tls_place(void *, struct pthread *);

/* The system call behind clock_gettime(3) (gen/clock_gettime.c). */
struct timespec;
int	__sys_clock_gettime(clockid_t, struct timespec *);

/* The raw fork(2), and malloc's lock around it (gen/fork.c). */
pid_t	__sys_fork(void);
void	__malloc_prefork(void);
void	__malloc_postfork(void);
/* A thread's cached free chunks back to malloc's lists (thr/pthread.c). */
void	__malloc_thread_exit(void);

/* sigaction(SIGSEGV) while the tagged heap's handler owns it (malloc_tag.c). */
struct sigaction;
int	__malloc_sigaction(int, const struct sigaction *, struct sigaction *);

#endif /* !_LIBC_PRIVATE_H_ */
