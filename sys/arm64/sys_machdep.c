/*
 * sysarch(2): arm64-specific process operations.  TagOS's are the MTE
 * controls (docs/abi.md section 5): ARM64_MTE_CTRL sets the process's tag-check mode
 * and IRG include mask, ARM64_MTE_GETCTRL reads them.  Every thread of the
 * process follows a change when it next enters or leaves the kernel
 * (mte_userret), the caller at once.
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/proc.h"
#include "machine/mte.h"
#include "machine/sysarch.h"

/* ARM64_MTE_CTRL: validate and install a new mode and include mask. */
static int
mte_ctrl_set(struct thread *td, void *uaddr)
{
	struct proc *p = td->td_proc;
	struct arm64_mte_ctrl c;
	int error;

	if ((error = copyin(uaddr, &c, sizeof(c))) != 0)
		return (error);
	if (c.mode > MTE_MODE_ASYMM || c.include > 0xffff || c.flags != 0 ||
	    c.spare != 0)
		return (EINVAL);
	if (c.mode == MTE_MODE_ASYMM && mte_level < MTE_LEVEL_MTE3)
		return (EOPNOTSUPP);
	spin_lock(&p->p_lock);
	p->p_md.md_mte_mode = c.mode;
	p->p_md.md_mte_include = c.include;
	p->p_md.md_mte_gen++;
	proc_ast_set(p, TDA_MTE);	/* each thread loads it on its way out */
	spin_unlock(&p->p_lock);
	mte_thread_load(td);
	return (0);
}

/* ARM64_MTE_GETCTRL: report the process's mode and include mask. */
static int
mte_ctrl_get(struct thread *td, void *uaddr)
{
	struct proc *p = td->td_proc;
	struct arm64_mte_ctrl c = { 0 };

	spin_lock(&p->p_lock);
	c.mode = p->p_md.md_mte_mode;
	c.include = p->p_md.md_mte_include;
	spin_unlock(&p->p_lock);
	return (copyout(&c, uaddr, sizeof(c)));
}

/*
 * sysarch(op, parms): EOPNOTSUPP for the MTE operations on a machine
 * without usable tag storage, EINVAL for an unknown operation.
 */
int
sys_sysarch(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	switch ((int)args[0]) {
	case ARM64_MTE_CTRL:
		return (mte_enabled ? mte_ctrl_set(td, (void *)args[1]) :
		    EOPNOTSUPP);
	case ARM64_MTE_GETCTRL:
		return (mte_enabled ? mte_ctrl_get(td, (void *)args[1]) :
		    EOPNOTSUPP);
	default:
		return (EINVAL);
	}
}
