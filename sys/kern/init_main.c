/* The machine-independent half of boot. */
#include "sys/systm.h"
#include "vm/vm_pageout.h"
#include "vm/swap_pager.h"
#include "sys/kern_test.h"
#include "sys/kernel.h"
#include "sys/filedesc.h"
#include "sys/param.h"
#include "sys/pcpu.h"
#include "sys/proc.h"
#include "sys/vnode.h"
#include "dev/virtio/virtio_mmio.h"
#include "vm/swap_pager.h"
#include "machine/cpufunc.h"
#include "machine/machdep.h"
#include "machine/md.h"

static struct thread thread0;		/* CPU 0's boot context, then idle */

/* The kernel thread that runs the in-kernel tests and powers off. */
static void
run_kernel_tests(void *arg)
{
	kern_test_run(arg);
}

/*
 * init's first code, in its own thread: mount the root file system (a
 * copy of the initramfs), exec /bin/init with the boot arguments as its
 * arguments, then return to user mode at its entry.
 */
static void
start_init(void *arg)
{
	static char buf[512];
	char *argv[32];
	int argc, error;

	vfs_mountroot(initramfs, initramfs_size);
	argv[0] = "/bin/init";
	argc = 1 + bootargs_words(buf, sizeof(buf), argv + 1, nitems(argv) - 2);
	argv[argc] = NULL;
	error = kern_execve(curthread, "/bin/init", argv);
	if (error != 0)
		panic("start_init: cannot run /bin/init: error %d", error);
}

/* Create process 1 with the console as its files; it runs start_init. */
void
proc0_start_init(void)
{
	struct proc *p;
	struct thread *td;

	p = proc_alloc();
	KASSERT(p != NULL, ("proc0_start_init: no memory"));
	p->p_fd = fd_alloc_console();
	strlcpy(p->p_comm, "init", sizeof(p->p_comm));
	rlimit_init(p);
	td = thread_alloc(p);
	KASSERT(p->p_fd != NULL && td != NULL,
	    ("proc0_start_init: no memory"));
	proc_add_thread(p, td);
	spin_lock(&proctree_lock);
	if (proc_link(p, NULL) != 0)
		panic("proc0_start_init: no pid for init");
	initproc = p;
	spin_unlock(&proctree_lock);
	cpu_thread_start(td, start_init, NULL);
	sched_add(td);
}

/*
 * Start the other CPUs, report how long boot took, find the disks and take
 * the first as swap, then start the first thread: the kernel tests if the
 * boot arguments ask for them, otherwise init.  The boot context becomes
 * CPU 0's idle thread.
 */
void
mi_startup(void)
{
	const char *tests;
	struct thread *td;

	sched_init_cpu(&thread0);
	cpu_mp_start(boot_dtb);
	intr_enable();
	/*
	 * tools/qemu.sh runs QEMU so that its virtual counter advances once
	 * per instruction executed (-icount shift=0 and a 1 GHz counter),
	 * so the counter's advance is the instruction count.
	 */
	printf("boot: took %lu instructions, from kernel entry until every "
	    "CPU was online\n",
	    cpu_counter() - boot_counter_start);
	/* Disks interrupt when requests end: probe with interrupts on. */
	virtio_mmio_probe(boot_dtb);
	swap_pager_init();		/* the first disk, if any, is swap */
	vm_pageout_start();
	tests = bootarg_value("tests");
	if (tests != NULL) {
		td = thread_alloc(NULL);
		KASSERT(td != NULL, ("mi_startup: no memory for a thread"));
		cpu_thread_start(td, run_kernel_tests, (void *)tests);
		sched_add(td);
	} else {
		proc0_start_init();
	}
	sched_idle_loop();
}
