/* The smallest user test: write, getpid, exit. */
#include <stdio.h>
#include <unistd.h>

int
main(void)
{
	printf("hello from pid %d\n", getpid());
	return (getpid() > 0 ? 0 : 1);
}
