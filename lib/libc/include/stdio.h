/*
 * Standard I/O.  A FILE is just a descriptor and a few flags: fopen
 * opens a descriptor, fread and fwrite move bytes straight through
 * read(2) and write(2).  Output is unbuffered at the FILE level: each
 * call formats into a small buffer on the stack and hands it to write(2)
 * in one piece when it fits, so lines from processes and threads do not
 * interleave, nothing is lost when a program dies of a signal, and fork
 * duplicates nothing.  fflush() therefore has nothing to do.  The printf
 * family supports the C99 conversions except %n, %a and long double.
 */
#ifndef _STDIO_H_
#define	_STDIO_H_

#include <sys/cdefs.h>
#include <sys/_types.h>
#include <stdarg.h>
#include <stddef.h>

typedef struct __sFILE {
	int	_file;		/* the descriptor; never changes */
	int	_flags;		/* __SEOF, __SERR */
} FILE;

#define	__SEOF	0x0001		/* end of file seen */
#define	__SERR	0x0002		/* an error happened */
#define	__SALLOC 0x0004		/* fopen allocated it: fclose frees it */

#include <sys/unistd.h>		/* SEEK_SET, SEEK_CUR, SEEK_END */

#define	EOF	(-1)
#define	BUFSIZ	1024

__BEGIN_DECLS
extern FILE	*__stdinp;
extern FILE	*__stdoutp;
extern FILE	*__stderrp;
__END_DECLS

#define	stdin	__stdinp
#define	stdout	__stdoutp
#define	stderr	__stderrp

__BEGIN_DECLS
int	printf(const char * __restrict, ...) __printflike(1, 2);
int	vprintf(const char * __restrict, va_list) __printflike(1, 0);
int	fprintf(FILE * __restrict, const char * __restrict, ...)
	    __printflike(2, 3);
int	vfprintf(FILE * __restrict, const char * __restrict, va_list)
	    __printflike(2, 0);
int	dprintf(int, const char * __restrict, ...) __printflike(2, 3);
int	vdprintf(int, const char * __restrict, va_list) __printflike(2, 0);
int	snprintf(char * __restrict, size_t, const char * __restrict, ...)
	    __printflike(3, 4);
int	vsnprintf(char * __restrict, size_t, const char * __restrict, va_list)
	    __printflike(3, 0);
int	sprintf(char * __restrict, const char * __restrict, ...)
	    __printflike(2, 3);
int	vsprintf(char * __restrict, const char * __restrict, va_list)
	    __printflike(2, 0);
int	fputc(int, FILE *);
int	putc(int, FILE *);
int	putchar(int);
int	fputs(const char * __restrict, FILE * __restrict);
int	puts(const char *);
int	fgetc(FILE *);
int	getc(FILE *);
int	getchar(void);
char	*fgets(char * __restrict, int, FILE * __restrict);
int	fflush(FILE *);
FILE	*fopen(const char * __restrict, const char * __restrict);
FILE	*fdopen(int, const char *);
int	fclose(FILE *);
size_t	fread(void * __restrict, size_t, size_t, FILE * __restrict);
size_t	fwrite(const void * __restrict, size_t, size_t, FILE * __restrict);
int	fseek(FILE *, long, int);
long	ftell(FILE *);
void	rewind(FILE *);
int	rename(const char *, const char *);
int	renameat(int, const char *, int, const char *);
int	remove(const char *);
int	fileno(FILE *);
int	feof(FILE *);
int	ferror(FILE *);
void	clearerr(FILE *);
void	perror(const char *);
__END_DECLS

#endif /* !_STDIO_H_ */
