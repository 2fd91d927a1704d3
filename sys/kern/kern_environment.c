/*
 * Boot arguments: the device tree's /chosen/bootargs, a space-separated
 * list of words "key" or "key=value".
 */
#include "sys/systm.h"
#include "sys/kernel.h"

#define BOOTARGS_MAX	512

static char bootargs[BOOTARGS_MAX];

/* Keep a copy of the boot argument string (truncated to BOOTARGS_MAX - 1). */
void
bootargs_init(const char *args)
{
	size_t n = 0;

	if (args != NULL)
		for (; args[n] != '\0' && n < sizeof(bootargs) - 1; n++)
			bootargs[n] = args[n];
	bootargs[n] = '\0';
}

/*
 * The word for key: a pointer to its value (after '='), to "" for a bare
 * "key", or NULL if absent.  The value ends at the next space or NUL.
 */
const char *
bootarg_value(const char *key)
{
	size_t klen = strlen(key);
	const char *p = bootargs;

	while (*p != '\0') {
		while (*p == ' ')
			p++;
		if (strncmp(p, key, klen) == 0 &&
		    (p[klen] == '=' || p[klen] == ' ' || p[klen] == '\0'))
			return (p[klen] == '=' ? p + klen + 1 : p + klen);
		while (*p != ' ' && *p != '\0')
			p++;
	}
	return (NULL);
}

/* True if key appears in the boot arguments. */
bool
bootarg_present(const char *key)
{
	return (bootarg_value(key) != NULL);
}

/*
 * Split a copy of the boot arguments into words: fills argv[0..max-1]
 * with pointers into buf (size bytes) and returns how many.
 */
int
bootargs_words(char *buf, size_t size, char **argv, int max)
{
	char *p;
	int n = 0;

	strlcpy(buf, bootargs, size);
	for (p = buf; *p != '\0' && n < max;) {
		while (*p == ' ')
			*p++ = '\0';
		if (*p == '\0')
			break;
		argv[n++] = p;
		while (*p != ' ' && *p != '\0')
			p++;
	}
	return (n);
}
