/*
 * getopt(3), with FreeBSD's behaviour: options end at the first non-option
 * or at "--"; a leading ':' in optstring makes a missing argument ':'
 * instead of '?' and silences the messages; optreset = 1 starts a new scan.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char	*optarg;
int	optind = 1, opterr = 1, optopt, optreset;

static const char *getopt_place = "";	/* the rest of the current word */

/* Print "prog: message -- c" unless messages are off. */
static void
getopt_complain(const char *optstring, const char *prog, const char *msg,
    int c)
{
	if (opterr && optstring[0] != ':')
		fprintf(stderr, "%s: %s -- %c\n", prog, msg, c);
}

/*
 * The next option letter of argv, or -1 when the options are done.  An
 * option with an argument sets optarg.  An unknown option is '?' (optopt
 * holds it), as is a missing argument unless optstring starts with ':'.
 */
int
getopt(int argc, char * const argv[], const char *optstring)
{
	const char *spec, *prog;
	int c;

	prog = argc > 0 && argv[0] != NULL ? argv[0] : "getopt";
	if (strrchr(prog, '/') != NULL)
		prog = strrchr(prog, '/') + 1;
	if (optreset || *getopt_place == '\0') {
		optreset = 0;
		getopt_place = "";
		if (optind >= argc || argv[optind] == NULL ||
		    argv[optind][0] != '-' || argv[optind][1] == '\0')
			return (-1);
		if (argv[optind][1] == '-' && argv[optind][2] == '\0') {
			optind++;		/* "--" ends the options */
			return (-1);
		}
		getopt_place = argv[optind] + 1;
	}
	c = optopt = (unsigned char)*getopt_place++;
	spec = c == ':' ? NULL : strchr(optstring, c);
	if (spec == NULL) {
		if (*getopt_place == '\0')
			optind++;
		getopt_complain(optstring, prog, "illegal option", c);
		return ('?');
	}
	if (spec[1] != ':') {
		optarg = NULL;
		if (*getopt_place == '\0')
			optind++;
		return (c);
	}
	if (*getopt_place != '\0') {
		optarg = (char *)(uintptr_t)getopt_place;	/* -ovalue */
	} else if (++optind < argc) {
		optarg = argv[optind];			/* -o value */
	} else {
		getopt_place = "";
		getopt_complain(optstring, prog, "option requires an argument",
		    c);
		return (optstring[0] == ':' ? ':' : '?');
	}
	getopt_place = "";
	optind++;
	return (c);
}
