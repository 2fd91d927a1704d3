/* POSIX process, descriptor and configuration calls TagOS offers. */
#ifndef _UNISTD_H_
#define	_UNISTD_H_

#include <sys/cdefs.h>
#include <sys/types.h>

#define	STDIN_FILENO	0
#define	STDOUT_FILENO	1
#define	STDERR_FILENO	2

#include <sys/unistd.h>		/* access(2) modes, lseek(2) origins */

/* sysconf(3) names (FreeBSD's numbers). */
#define	_SC_PAGESIZE		47
#define	_SC_PAGE_SIZE		_SC_PAGESIZE
#define	_SC_NPROCESSORS_CONF	57
#define	_SC_NPROCESSORS_ONLN	58

__BEGIN_DECLS
extern char	**environ;
extern char	*optarg;			/* getopt(3) */
extern int	optind, opterr, optopt, optreset;

void	_exit(int) __dead2;
int	access(const char *, int);
unsigned int alarm(unsigned int);
int	getopt(int, char * const [], const char *);
pid_t	getpgid(pid_t);
pid_t	getpgrp(void);
pid_t	getsid(pid_t);
int	pause(void);
int	setpgid(pid_t, pid_t);
pid_t	setsid(void);
int	close(int);
int	dup(int);
int	dup2(int, int);
int	dup3(int, int, int);
int	execve(const char *, char * const *, char * const *);
int	execv(const char *, char * const *);
pid_t	fork(void);
int	ftruncate(int, off_t);
int	getpagesize(void) __pure2;
pid_t	getpid(void);
pid_t	getppid(void);
int	pipe(int *);
int	pipe2(int *, int);
ssize_t	read(int, void *, size_t);
int	reboot(int);
unsigned int sleep(unsigned int);
off_t	lseek(int, off_t, int);
ssize_t	pread(int, void *, size_t, off_t);
ssize_t	pwrite(int, const void *, size_t, off_t);
int	rmdir(const char *);
int	unlink(const char *);
int	unlinkat(int, const char *, int);
int	faccessat(int, const char *, int, int);
long	sysconf(int);
int	usleep(useconds_t);
ssize_t	write(int, const void *, size_t);
__END_DECLS

#endif /* !_UNISTD_H_ */
