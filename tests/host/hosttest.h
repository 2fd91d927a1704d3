/*
 * A minimal host unit-test framework.  Each test program is a set of
 * HT_TEST functions; main() (in hosttest.c) runs them all and prints one
 * result line per test, in the format every TagOS test level shares:
 *	PASS host/<prog>/<test>
 *	FAIL host/<prog>/<test>: <file>:<line>: <what>
 *	SKIP host/<prog>/<test>: <why it cannot run here>
 * A test that neither skips nor makes a single HT_ASSERT check fails: it
 * would pass whatever the code under test did.  The exit status is
 * non-zero if any test failed.
 */
#ifndef _HOSTTEST_H_
#define _HOSTTEST_H_

#include <stdint.h>

struct ht_test {
	const char	*name;
	void		(*fn)(void);
	struct ht_test	*next;
};

extern unsigned ht_checks;	/* checks the running test has made */

void	ht_register(struct ht_test *t);
void	ht_fail(const char *file, int line, const char *fmt, ...)
	    __attribute__((__format__(__printf__, 3, 4)));
void	ht_skip(const char *fmt, ...)
	    __attribute__((__format__(__printf__, 1, 2)));
int	ht_panics(void (*fn)(void));
uint64_t ht_random(uint64_t *state);

/* Define a test; it is registered before main() runs. */
#define HT_TEST(name)							\
	static void ht_fn_##name(void);					\
	static struct ht_test ht_t_##name = { #name, ht_fn_##name, 0 };	\
	__attribute__((constructor)) static void ht_reg_##name(void)	\
	{ ht_register(&ht_t_##name); }					\
	static void ht_fn_##name(void)

/* Fail the current test (and return from it) unless cond holds. */
#define HT_ASSERT(cond) do {						\
	ht_checks++;							\
	if (!(cond)) {							\
		ht_fail(__FILE__, __LINE__, "%s", #cond);		\
		return;							\
	}								\
} while (0)

/* Like HT_ASSERT for two integers, printing both values. */
#define HT_ASSERT_EQ(a, b) do {						\
	long long ht_a = (long long)(a), ht_b = (long long)(b);		\
	ht_checks++;							\
	if (ht_a != ht_b) {						\
		ht_fail(__FILE__, __LINE__, "%s == %s (%lld != %lld)",	\
		    #a, #b, ht_a, ht_b);				\
		return;							\
	}								\
} while (0)

/*
 * Fail the current test (and return from it) unless error, a string
 * saying what is wrong (a checker's answer), is NULL; the message is
 * error itself.
 */
#define HT_ASSERT_NO_ERROR(error) do {					\
	const char *ht_error = (error);					\
	ht_checks++;							\
	if (ht_error != NULL) {						\
		ht_fail(__FILE__, __LINE__, "%s", ht_error);		\
		return;							\
	}								\
} while (0)

/*
 * End the current test as skipped, saying why (printf-style): only for
 * what this host cannot do, never for a setup that failed.
 */
#define HT_SKIP(...) do {						\
	ht_skip(__VA_ARGS__);						\
	return;								\
} while (0)

#endif /* !_HOSTTEST_H_ */
