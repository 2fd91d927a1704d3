/*
 * mkstemp and mkdtemp: replace the trailing X's of a template with
 * characters until the name is new, then create it with O_EXCL (or
 * mkdir), so two callers never get the same file.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define	TEMP_TRIES	1000

static const char temp_chars[] =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/*
 * Try names for path until create() (which returns -1 with errno EEXIST
 * for a name in use) succeeds; its result, or -1 with errno (EINVAL for
 * a template without a trailing "XXXXXX").
 */
static int
temp_create(char *path, int (*create)(const char *))
{
	static unsigned long counter;
	struct timespec ts;
	unsigned long seed;
	size_t len = strlen(path), nx = 0, i;
	int tries, r;

	while (nx < len && path[len - 1 - nx] == 'X')
		nx++;
	if (nx < 6) {
		errno = EINVAL;
		return (-1);
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	seed = (unsigned long)ts.tv_nsec ^ ((unsigned long)getpid() << 20);
	for (tries = 0; tries < TEMP_TRIES; tries++) {
		seed = seed * 6364136223846793005UL + 1442695040888963407UL +
		    __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED);
		for (i = 0; i < nx; i++)
			path[len - nx + i] = temp_chars[(seed >> (i * 5 + 3)) %
			    (sizeof(temp_chars) - 1)];
		if ((r = create(path)) >= 0 || errno != EEXIST)
			return (r);
	}
	errno = EEXIST;
	return (-1);
}

static int
temp_create_file(const char *path)
{

	return (open(path, O_RDWR | O_CREAT | O_EXCL, 0600));
}

static int
temp_create_dir(const char *path)
{

	return (mkdir(path, 0700));
}

/* A new file named from template, open for reading and writing. */
int
mkstemp(char *template)
{

	return (temp_create(template, temp_create_file));
}

/* A new directory named from template; template, or NULL and errno. */
char *
mkdtemp(char *template)
{

	return (temp_create(template, temp_create_dir) < 0 ? NULL : template);
}
