/*
 * ls: list directories (the current one, the root, if none is named);
 * a file named is listed as itself.  -l adds type, permissions, links and
 * size.  Entries are sorted by name; "." and ".." are left out.
 */
#include <dirent.h>
#include <err.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool long_format;

/* One line for name, whose status is sb. */
static void
print_entry(const char *name, const struct stat *sb)
{
	char mode[11];
	int i;

	if (!long_format) {
		printf("%s\n", name);
		return;
	}
	mode[0] = S_ISDIR(sb->st_mode) ? 'd' : S_ISCHR(sb->st_mode) ? 'c' :
	    S_ISLNK(sb->st_mode) ? 'l' : '-';
	for (i = 0; i < 9; i++)
		mode[1 + i] = (sb->st_mode & (0400 >> i)) ? "rwxrwxrwx"[i] : '-';
	mode[10] = '\0';
	printf("%s %3lu %8ld %s\n", mode, (unsigned long)sb->st_nlink,
	    (long)sb->st_size, name);
}

static int
compare_names(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

/* List directory path; false on error. */
static bool
list_dir(const char *path)
{
	char **names = NULL, **grown, full[1024];
	struct dirent *dp;
	struct stat sb;
	size_t n = 0, cap = 0, i;
	DIR *dirp;

	if ((dirp = opendir(path)) == NULL) {
		warn("%s", path);
		return (false);
	}
	while ((dp = readdir(dirp)) != NULL) {
		if (strcmp(dp->d_name, ".") == 0 || strcmp(dp->d_name, "..") == 0)
			continue;
		if (n == cap) {
			cap = cap == 0 ? 32 : cap * 2;
			if ((grown = realloc(names, cap * sizeof(*names))) == NULL)
				err(1, "realloc");
			names = grown;
		}
		if ((names[n++] = strdup(dp->d_name)) == NULL)
			err(1, "strdup");
	}
	closedir(dirp);
	qsort(names, n, sizeof(*names), compare_names);
	for (i = 0; i < n; i++) {
		snprintf(full, sizeof(full), "%s/%s", path, names[i]);
		if (long_format && stat(full, &sb) < 0)
			warn("%s", full);
		else
			print_entry(names[i], &sb);
		free(names[i]);
	}
	free(names);
	return (true);
}

int
main(int argc, char **argv)
{
	struct stat sb;
	bool ok = true;
	int i = 1, first;

	if (argc > 1 && strcmp(argv[1], "-l") == 0) {
		long_format = true;
		i++;
	}
	if (i == argc)
		return (list_dir("/") ? 0 : 1);
	for (first = i; i < argc; i++) {
		if (stat(argv[i], &sb) < 0) {
			warn("%s", argv[i]);
			ok = false;
		} else if (S_ISDIR(sb.st_mode)) {
			if (argc - first > 1)
				printf("%s:\n", argv[i]);
			ok &= list_dir(argv[i]);
		} else {
			print_entry(argv[i], &sb);
		}
	}
	return (ok ? 0 : 1);
}
