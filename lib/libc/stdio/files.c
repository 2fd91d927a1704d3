/* The three standard streams and the calls that only look at a FILE. */
#include <stdio.h>

static FILE std_files[3] = {
	{ 0, 0 },
	{ 1, 0 },
	{ 2, 0 },
};

FILE	*__stdinp = &std_files[0];
FILE	*__stdoutp = &std_files[1];
FILE	*__stderrp = &std_files[2];

/* Nothing is ever buffered in a FILE (<stdio.h>): always succeeds. */
int
fflush(FILE *fp)
{

	(void)fp;
	return (0);
}

/* The descriptor behind fp. */
int
fileno(FILE *fp)
{

	return (fp->_file);
}

/* Non-zero once a read on fp has hit end of file. */
int
feof(FILE *fp)
{

	return ((fp->_flags & __SEOF) != 0);
}

/* Non-zero once a read or write on fp has failed. */
int
ferror(FILE *fp)
{

	return ((fp->_flags & __SERR) != 0);
}

/* Forget fp's end-of-file and error marks. */
void
clearerr(FILE *fp)
{

	fp->_flags &= ~(__SEOF | __SERR);
}
