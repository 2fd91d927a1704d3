/* sysarch(2): arm64-specific process operations. */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/proc.h"

/* sysarch(op, parms): no operations yet (the MTE controls come next). */
int
sys_sysarch(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	return (EINVAL);
}
