/*
 * General utilities.  malloc and friends are thread-safe and return
 * 16-byte aligned memory (the MTE granule and the AAPCS64 stack
 * alignment); requests above 32 KiB get their own mapping.
 */
#ifndef _STDLIB_H_
#define	_STDLIB_H_

#include <sys/cdefs.h>
#include <stddef.h>

#define	EXIT_SUCCESS	0
#define	EXIT_FAILURE	1
#define	RAND_MAX	0x7fffffff

__BEGIN_DECLS
void	 abort(void) __dead2;
int	 abs(int) __pure2;
void	*aligned_alloc(size_t, size_t) __malloc_like __alloc_align(1)
	    __alloc_size(2);
int	 atexit(void (*)(void));
int	 atoi(const char *);
long	 atol(const char *);
long long atoll(const char *);
void	*calloc(size_t, size_t) __malloc_like __alloc_size2(1, 2);
void	 exit(int) __dead2;
void	 _Exit(int) __dead2;
void	 free(void *);
char	*getenv(const char *);
const char *getprogname(void);
long	 labs(long) __pure2;
long long llabs(long long) __pure2;
int	 mkstemp(char *);
char	*mkdtemp(char *);
void	*malloc(size_t) __malloc_like __alloc_size(1);
int	 posix_memalign(void **, size_t, size_t);
void	*bsearch(const void *, const void *, size_t, size_t,
	    int (*)(const void *, const void *));
void	 qsort(void *, size_t, size_t, int (*)(const void *, const void *));
int	 rand(void);
int	 rand_r(unsigned int *);
void	*realloc(void *, size_t) __alloc_size(2);
void	 srand(unsigned int);
long	 strtol(const char * __restrict, char ** __restrict, int);
long long strtoll(const char * __restrict, char ** __restrict, int);
unsigned long strtoul(const char * __restrict, char ** __restrict, int);
unsigned long long strtoull(const char * __restrict, char ** __restrict, int);
__END_DECLS

#endif /* !_STDLIB_H_ */
