/* Signal set operations (<sys/_sigset.h> gives the bit layout). */
#include <errno.h>
#include <signal.h>

/* Empty *set.  Returns 0. */
int
sigemptyset(sigset_t *set)
{
	int i;

	for (i = 0; i < _SIG_WORDS; i++)
		set->__bits[i] = 0;
	return (0);
}

/* Put every signal in *set.  Returns 0. */
int
sigfillset(sigset_t *set)
{
	int i;

	for (i = 0; i < _SIG_WORDS; i++)
		set->__bits[i] = ~0U;
	return (0);
}

/* Add sig to *set.  0, or -1 with errno EINVAL if sig is not a signal. */
int
sigaddset(sigset_t *set, int sig)
{

	if (!_SIG_VALID(sig)) {
		errno = EINVAL;
		return (-1);
	}
	set->__bits[_SIG_WORD(sig)] |= _SIG_BIT(sig);
	return (0);
}

/* Remove sig from *set.  0, or -1 with errno EINVAL. */
int
sigdelset(sigset_t *set, int sig)
{

	if (!_SIG_VALID(sig)) {
		errno = EINVAL;
		return (-1);
	}
	set->__bits[_SIG_WORD(sig)] &= ~_SIG_BIT(sig);
	return (0);
}

/* 1 if sig is in *set, 0 if not, -1 with errno EINVAL if no signal. */
int
sigismember(const sigset_t *set, int sig)
{

	if (!_SIG_VALID(sig)) {
		errno = EINVAL;
		return (-1);
	}
	return ((set->__bits[_SIG_WORD(sig)] & _SIG_BIT(sig)) != 0);
}
