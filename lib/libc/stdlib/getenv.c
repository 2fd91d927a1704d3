/* getenv(3). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The value of environment variable name, or NULL if it is not set. */
char *
getenv(const char *name)
{
	char **e;
	size_t len;

	if (environ == NULL || name == NULL)
		return (NULL);
	len = strlen(name);
	for (e = environ; *e != NULL; e++)
		if (strncmp(*e, name, len) == 0 && (*e)[len] == '=')
			return (*e + len + 1);
	return (NULL);
}
