/*
 * From _start to main: find argv, envp and the auxiliary vector on the
 * initial stack, set up the main thread, run constructors, call main and
 * exit with what it returns.
 */
#include <stdlib.h>

#include "libc_private.h"

char		**environ;
const char	*__libc_progname = "";

int	main(int, char **, char **);

/*
 * The linker defines these around the constructor arrays (they are empty
 * when a program has no constructors).
 */
extern void (*__preinit_array_start[])(int, char **, char **)
    __attribute__((__visibility__("hidden")));
extern void (*__preinit_array_end[])(int, char **, char **)
    __attribute__((__visibility__("hidden")));
extern void (*__init_array_start[])(int, char **, char **)
    __attribute__((__visibility__("hidden")));
extern void (*__init_array_end[])(int, char **, char **)
    __attribute__((__visibility__("hidden")));

/*
 * ap points at argc; argv[argc] and envp's end are NULL and the auxiliary
 * vector follows envp's NULL (docs/abi.md section 2.2).  Never returns.
 */
void
__libc_start1(long *ap)
{
	int argc;
	char **argv, **envp, **p;
	const char *s;
	size_t i, n;

	argc = (int)ap[0];
	argv = (char **)(ap + 1);
	envp = argv + argc + 1;
	for (p = envp; *p != NULL; p++)
		continue;
	__libc_auxv_init((Elf64_Auxinfo *)(p + 1));
	/* Before anything can fail: errno lives in the thread (tpidr_el0). */
	__libc_tls_init();
	environ = envp;
	if (argc > 0 && argv[0] != NULL) {
		__libc_progname = argv[0];
		for (s = argv[0]; *s != '\0'; s++)
			if (*s == '/')
				__libc_progname = s + 1;
	}

	n = __preinit_array_end - __preinit_array_start;
	for (i = 0; i < n; i++)
		__preinit_array_start[i](argc, argv, environ);
	n = __init_array_end - __init_array_start;
	for (i = 0; i < n; i++)
		__init_array_start[i](argc, argv, environ);

	exit(main(argc, argv, environ));
}
