/* panic() and orderly power-off. */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/pcpu.h"
#include "sys/proc.h"
#include "machine/cpufunc.h"
#include "machine/md.h"

extern bool cons_panicking;
static volatile int panicking;

/*
 * Stop the system: print the message with the CPU, its registers and a
 * backtrace, halt the other CPUs and power off with a failure status.  A
 * panic while panicking (or on two CPUs at once) just stops the later CPU.
 */
void
panic(const char *fmt, ...)
{
	va_list ap;

	intr_disable();
	if (__atomic_exchange_n(&panicking, 1, __ATOMIC_SEQ_CST) != 0) {
		for (;;)
			cpu_idle_wait();
	}
	cpu_stop_others();
	cons_panicking = true;
	printf("\npanic: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\ncpuid = %u\n", curcpu_id());
	db_print_registers();
	db_print_backtrace((uint64_t)__builtin_frame_address(0));
	printf("power off after panic\n");
	cpu_poweroff(1);
}

/*
 * reboot(howto): TagOS has one user and no disks, so every request powers
 * the machine off with status 0 (the shell's poweroff).
 */
int
sys_reboot(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	printf("TagOS: powering off\n");
	cpu_poweroff(0);
}
