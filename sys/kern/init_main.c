/* The machine-independent half of boot. */
#include "sys/systm.h"
#include "sys/kern_test.h"
#include "sys/kernel.h"
#include "sys/pcpu.h"
#include "machine/cpufunc.h"
#include "machine/machdep.h"
#include "machine/md.h"

/*
 * Start the other CPUs, report how long boot took, then run the kernel
 * tests if the boot arguments ask for them, or idle.
 */
void
mi_startup(void)
{
	const char *tests;

	cpu_mp_start(boot_dtb);
	intr_enable();
	printf("boot: %lu counter ticks from kernel entry (= instructions "
	    "under -icount shift=0)\n", cpu_counter() - boot_counter_start);
	tests = bootarg_value("tests");
	if (tests != NULL)
		kern_test_run(tests);
	printf("TagOS is up on %u CPU%s. No user programs yet: press Ctrl-A X "
	    "to leave QEMU.\n", mp_ncpus, mp_ncpus == 1 ? "" : "s");
	for (;;)
		cpu_idle_wait();
}
