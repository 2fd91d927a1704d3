/*
 * Machine-dependent services the machine-independent kernel calls:
 * power, other CPUs, diagnostics.
 */
#ifndef _MACHINE_MD_H_
#define _MACHINE_MD_H_

#include "sys/types.h"

struct proc;
struct thread;
struct trapframe;

/* Threads (vm_machdep.c). */
int	cpu_thread_alloc(struct thread *td);	/* kernel stack: 0 or ENOMEM */
void	cpu_thread_free(struct thread *td);
void	cpu_thread_start(struct thread *td, void (*fn)(void *), void *arg);
void	cpu_fork(struct thread *td);
void	cpu_set_upcall(struct thread *td, uint64_t entry, uint64_t arg,
	    uint64_t stack_top);
void	cpu_set_user_tls(struct thread *td, uint64_t tls_base);
void	cpu_proc_fork(struct proc *p2, const struct proc *p1);
void	cpu_switch_to(struct thread *old, struct thread *new);
void	cpu_wake_idle(void);

/*
 * Print the machine's own report of the fault that kills td (trap.c);
 * false if it has none to add to the generic one.
 */
struct ksiginfo;
bool	cpu_fault_report(struct thread *td, const struct ksiginfo *ksi);

/* Programs (exec_machdep.c). */
void	exec_setregs(struct thread *td, uint64_t entry, uint64_t stack);
/*
 * exec, past the point of no return: the process's machine state back to
 * its defaults, with nothing of the old image left pending (MTE: mode
 * NONE, include 0, no asynchronous tag fault).
 */
void	cpu_proc_exec(struct thread *td);
uint64_t cpu_hwcap2(void);

/* Stop QEMU; status 0 means success (seen by the test harness). */
void	cpu_poweroff(int status) __attribute__((__noreturn__));
/* Ask every other CPU to stop where it is (panic). */
void	cpu_stop_others(void);
/* Print the frame-pointer chain starting at fp, symbolized. */
void	db_print_backtrace(uint64_t fp);
/* Print the calling CPU's general registers (panic). */
void	db_print_registers(void);
void	print_trapframe(const struct trapframe *tf);
void	print_esr(uint64_t esr, uint64_t far);
/* The counter that counts instructions under -icount (CNTVCT_EL0). */
uint64_t cpu_counter(void);
uint64_t cpu_counter_freq(void);

#endif /* !_MACHINE_MD_H_ */
