/*
 * Character input.  Reads are unbuffered, one byte per read(2), so a
 * child of fork or exec never loses input its parent had read ahead.
 */
#include <stdio.h>
#include <unistd.h>

/* The next byte of fp as an unsigned char, or EOF at end of file or error. */
int
fgetc(FILE *fp)
{
	unsigned char c;
	ssize_t r;

	r = read(fp->_file, &c, 1);
	if (r == 1)
		return (c);
	fp->_flags |= r == 0 ? __SEOF : __SERR;
	return (EOF);
}

/* As fgetc. */
int
getc(FILE *fp)
{

	return (fgetc(fp));
}

/* fgetc from stdin. */
int
getchar(void)
{

	return (fgetc(stdin));
}

/*
 * Read a line of at most n - 1 bytes, newline included, into buf and
 * NUL-terminate it.  Returns buf, or NULL if nothing could be read.
 */
char *
fgets(char *buf, int n, FILE *fp)
{
	int c, i;

	if (n <= 0)
		return (NULL);
	for (i = 0; i < n - 1; ) {
		if ((c = fgetc(fp)) == EOF)
			break;
		buf[i++] = (char)c;
		if (c == '\n')
			break;
	}
	if (i == 0 && n > 1)
		return (NULL);
	buf[i] = '\0';
	return (buf);
}
