/* cat: copy each file named (standard input if none, or "-") to standard output. */
#include <err.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

/* Copy descriptor fd to standard output; false (with a warning) on error. */
static bool
copy(int fd, const char *name)
{
	char buf[4096];
	ssize_t n, w, off;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (off = 0; off < n; off += w)
			if ((w = write(STDOUT_FILENO, buf + off, n - off)) <= 0) {
				warn("stdout");
				return (false);
			}
	}
	if (n < 0) {
		warn("%s", name);
		return (false);
	}
	return (true);
}

int
main(int argc, char **argv)
{
	bool ok = true;
	int i, fd;

	if (argc < 2)
		return (copy(STDIN_FILENO, "stdin") ? 0 : 1);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			ok &= copy(STDIN_FILENO, "stdin");
			continue;
		}
		if ((fd = open(argv[i], O_RDONLY)) < 0) {
			warn("%s", argv[i]);
			ok = false;
			continue;
		}
		ok &= copy(fd, argv[i]);
		close(fd);
	}
	return (ok ? 0 : 1);
}
