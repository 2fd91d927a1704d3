/*
 * In-kernel tests.  KERN_TEST(name) defines a test function placed in the
 * linker set set_kern_tests; with the boot argument "tests" the kernel
 * runs them all ("tests=a,b" runs those named; KERN_TEST_EXPLICIT tests
 * only run when named), printing for each
 *	PASS kern/<name>
 *	FAIL kern/<name>: <file>:<line>: <what>
 *	SKIP kern/<name>: <why it cannot run on this machine>
 * and a summary "kernel tests: N passed, N failed, N skipped", then powers
 * off with status 0 only if none failed.  A test that neither skips nor
 * makes a single KT_ASSERT check fails: it would pass whatever the kernel
 * did.
 */
#ifndef _SYS_KERN_TEST_H_
#define _SYS_KERN_TEST_H_

#include "sys/cdefs.h"

struct kern_test {
	const char	*kt_name;
	void		(*kt_fn)(void);
	bool		kt_explicit;	/* run only when named, never by "all" */
};

extern u_int kern_test_checks;	/* checks the running test has made */

void	kern_test_fail(const char *file, int line, const char *fmt, ...)
	    __printflike(3, 4);
void	kern_test_skip(const char *fmt, ...) __printflike(1, 2);
void	kern_test_run(const char *which) __dead2;

#define KERN_TEST_DEFINE(name, explicit)				\
	static void kt_fn_##name(void);					\
	static const struct kern_test kt_##name =			\
	    { #name, kt_fn_##name, explicit };				\
	static const struct kern_test *const kt_ptr_##name		\
	    __section("set_kern_tests") __used = &kt_##name;		\
	static void kt_fn_##name(void)
#define KERN_TEST(name)			KERN_TEST_DEFINE(name, false)
/* A test that ends the boot (a deliberate panic): run only when named. */
#define KERN_TEST_EXPLICIT(name)	KERN_TEST_DEFINE(name, true)

/* Fail the running test (and return from it) unless cond holds. */
#define KT_ASSERT(cond) do {						\
	kern_test_checks++;						\
	if (!(cond)) {							\
		kern_test_fail(__FILE__, __LINE__, "%s", #cond);	\
		return;							\
	}								\
} while (0)

/* Like KT_ASSERT for two integers, printing both values. */
#define KT_ASSERT_EQ(a, b) do {						\
	uint64_t kt_a = (uint64_t)(a), kt_b = (uint64_t)(b);		\
	kern_test_checks++;						\
	if (kt_a != kt_b) {						\
		kern_test_fail(__FILE__, __LINE__, "%s == %s (%#lx != %#lx)", \
		    #a, #b, kt_a, kt_b);				\
		return;							\
	}								\
} while (0)

/*
 * End the running test as skipped, saying why (printf-style): what it
 * tests does not exist on this machine, e.g. MTE.  Only for that: a test
 * that cannot set itself up fails instead.
 */
#define KT_SKIP(...) do {						\
	kern_test_skip(__VA_ARGS__);					\
	return;								\
} while (0)

#endif /* !_SYS_KERN_TEST_H_ */
