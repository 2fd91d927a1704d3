/* Process exit: atexit(3) handlers, destructors, then _exit(2). */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "libc_lock.h"

#define	ATEXIT_MAX	64		/* POSIX asks for at least 32 */

static uint32_t	atexit_lock;
static void	(*atexit_fns[ATEXIT_MAX])(void);	/* (atexit_lock) */
static int	atexit_count;				/* (atexit_lock) */

extern void (*__fini_array_start[])(void)
    __attribute__((__visibility__("hidden")));
extern void (*__fini_array_end[])(void)
    __attribute__((__visibility__("hidden")));

/* Have exit() call fn, last registered first.  0, or -1 with errno ENOMEM. */
int
atexit(void (*fn)(void))
{
	int error;

	error = 0;
	__libc_lock_acquire(&atexit_lock);
	if (atexit_count < ATEXIT_MAX)
		atexit_fns[atexit_count++] = fn;
	else
		error = ENOMEM;
	__libc_lock_release(&atexit_lock);
	if (error != 0) {
		errno = error;
		return (-1);
	}
	return (0);
}

/*
 * Run the atexit handlers (each once, newest first, including any that a
 * handler registers), then the destructors, and end the process with
 * status.  Output needs no flushing: stdio keeps no buffers.
 */
void
exit(int status)
{
	void (*fn)(void);
	size_t i;

	for (;;) {
		__libc_lock_acquire(&atexit_lock);
		fn = atexit_count > 0 ? atexit_fns[--atexit_count] : NULL;
		__libc_lock_release(&atexit_lock);
		if (fn == NULL)
			break;
		fn();
	}
	for (i = __fini_array_end - __fini_array_start; i > 0; i--)
		__fini_array_start[i - 1]();
	_exit(status);
}

/* End the process at once: no handlers, no destructors. */
void
_Exit(int status)
{

	_exit(status);
}
