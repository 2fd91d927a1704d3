/*
 * The programs in the initramfs, as NULL-terminated lists of paths.  The
 * build generates their definitions (build/gen/programs.c) from bin/ and
 * the test directories; init runs the tests in this order, and the
 * shell's help lists them, without reading directories.
 */
#ifndef _PROGRAMS_H_
#define _PROGRAMS_H_

extern const char *const tagos_programs[];	/* /bin/... */
extern const char *const tagos_tests[];		/* /tests/... */

/*
 * The exit status of a test that skipped itself (tests/user/check.h's
 * check_skip(), automake's value): init counts it as neither pass nor fail.
 */
#define	TEST_SKIP_STATUS	77

#endif /* !_PROGRAMS_H_ */
