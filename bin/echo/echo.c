/* echo: write the arguments, separated by spaces; -n leaves off the newline. */
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

/* Write all of buf to standard output; false if a write failed. */
static bool
put(const char *buf, size_t len)
{
	ssize_t n;

	while (len > 0) {
		if ((n = write(STDOUT_FILENO, buf, len)) <= 0)
			return (false);
		buf += n;
		len -= (size_t)n;
	}
	return (true);
}

int
main(int argc, char **argv)
{
	bool newline = true, ok = true;
	int i = 1;

	if (argc > 1 && strcmp(argv[1], "-n") == 0) {
		newline = false;
		i++;
	}
	for (; i < argc && ok; i++) {
		ok = put(argv[i], strlen(argv[i]));
		if (ok && i + 1 < argc)
			ok = put(" ", 1);
	}
	if (ok && newline)
		ok = put("\n", 1);
	return (ok ? 0 : 1);
}
