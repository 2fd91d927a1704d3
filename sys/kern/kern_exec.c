/*
 * execve: replace a process's program with one from the file system
 * (which holds the initramfs's programs and any a program wrote).
 *
 * The new address space is built completely before the old one is freed,
 * so a failure (a bad image, no memory) leaves the caller running its old
 * program.  Each ELF segment is mapped as private anonymous memory,
 * filled by copyout, then given its final protection; the stack gets the
 * argument block FreeBSD's crt0 expects (argc, argv, envp, auxv, strings)
 * and a page at the top of user space holds the signal trampoline.
 */
#include "sys/systm.h"
#include "sys/elf64.h"
#include "sys/errno.h"
#include "sys/filedesc.h"
#include "sys/imgact_elf.h"
#include "sys/kernel.h"
#include "sys/malloc.h"
#include "sys/osreldate.h"
#include "sys/param.h"
#include "sys/pcpu.h"
#include "sys/proc.h"
#include "sys/signalvar.h"
#include "sys/vnode.h"
#include "vm/vm.h"
#include "vm/vm_map.h"
#include "machine/md.h"
#include "vm/pmap.h"
#include "vm/md_tags.h"
#include "machine/vmparam.h"

#define ARG_MAX		(64 * 1024)	/* argument and environment bytes */
#define ARGS_MAX	1024		/* argument and environment strings */
#define SHAREDPAGE	(VM_MAXUSER_ADDRESS - PAGE_SIZE)
#define USRSTACK	SHAREDPAGE

/* Arguments gathered in the kernel: NUL-separated strings in buf. */
struct exec_args {
	char	*buf;
	size_t	cap;		/* bytes of buf, up to ARG_MAX */
	size_t	used;
	int	argc;
	int	envc;
};

extern char sigcode[], esigcode[];

/*
 * Start args with one page of buffer: most argument lists fit, and a
 * single page is there even when paging has left free memory in pieces.
 */
static int
exec_args_init(struct exec_args *args)
{
	memset(args, 0, sizeof(*args));
	if ((args->buf = kmalloc(PAGE_SIZE, 0)) == NULL)
		return (ENOMEM);
	args->cap = PAGE_SIZE;
	return (0);
}

/* Double args' buffer, up to ARG_MAX: 0, E2BIG at ARG_MAX, ENOMEM. */
static int
exec_args_grow(struct exec_args *args)
{
	size_t cap = MIN(2 * args->cap, ARG_MAX);
	char *buf;

	if (args->cap == ARG_MAX)
		return (E2BIG);
	if ((buf = kmalloc(cap, 0)) == NULL)
		return (ENOMEM);
	memcpy(buf, args->buf, args->used);
	kfree(args->buf);
	args->buf = buf;
	args->cap = cap;
	return (0);
}

/* Append one string to args; E2BIG if the total passes ARG_MAX. */
static int
exec_args_add(struct exec_args *args, const char *s, bool user)
{
	size_t done, len;
	int error;

	if (args->argc + args->envc >= ARGS_MAX)
		return (E2BIG);
	if (user) {
		while ((error = copyinstr(s, args->buf + args->used,
		    args->cap - args->used, &done)) == ENAMETOOLONG)
			if ((error = exec_args_grow(args)) != 0)
				return (error);
		if (error != 0)
			return (error);
	} else {
		len = strlen(s) + 1;
		while (len > args->cap - args->used)
			if ((error = exec_args_grow(args)) != 0)
				return (error);
		memcpy(args->buf + args->used, s, len);
		done = len;
	}
	args->used += done;
	return (0);
}

/* Gather a NULL-terminated vector of strings (from user space if user). */
static int
exec_args_vector(struct exec_args *args, char *const *vec, int *count,
    bool user)
{
	uint64_t p;
	int error, i;

	if (vec == NULL)
		return (0);
	for (i = 0;; i++) {
		if (user) {
			if ((error = copyin(&vec[i], &p, sizeof(p))) != 0)
				return (error);
		} else {
			p = (uint64_t)vec[i];
		}
		if (p == 0)
			return (0);
		if ((error = exec_args_add(args, (const char *)p, user)) != 0)
			return (error);
		(*count)++;
	}
}

/*
 * The maximum protection of a private anonymous mapping exec makes with
 * protection prot.  Writable memory (data, bss, the stack) may also be
 * tagged when the machine has MTE (docs/abi.md), as stack tagging and
 * tagging allocators need; text and read-only data may not.
 */
static vm_prot_t
exec_max_prot(vm_prot_t prot)
{
	if ((prot & VM_PROT_WRITE) != 0 && md_tags_enabled())
		return (VM_PROT_RWX | VM_PROT_MTE);
	return (VM_PROT_RWX);
}

/*
 * Map [start, end) of the new address space as private anonymous memory,
 * fill it from data (len bytes at start + skip), and give it prot.
 */
static int
exec_map_fill(struct vm_map *map, vm_offset_t start, vm_offset_t end,
    vm_offset_t copy_to, const void *data, size_t len, vm_prot_t prot)
{
	int error;

	error = vm_map_insert(map, NULL, 0, start, end, VM_PROT_RW,
	    exec_max_prot(prot), 0);
	if (error != 0)
		return (error);
	if (len > 0 && (error = copyout(data, (void *)copy_to, len)) != 0)
		return (error);
	if (prot != VM_PROT_RW)
		error = vm_map_protect(map, start, end, prot, false);
	return (error);
}

/*
 * Build the stack: strings at the top, then (from sp up) argc, argv[],
 * NULL, envp[], NULL, auxv pairs ending in AT_NULL.  Returns sp.
 */
static int
exec_copyout_args(struct exec_args *args, const struct elf_image *img,
    vm_offset_t *spp)
{
	uint64_t *block, *p;
	vm_offset_t strings, sp;
	size_t nwords, off;
	int i, error;

	strings = rounddown2(USRSTACK - args->used, 16);
	if ((error = copyout(args->buf, (void *)strings, args->used)) != 0)
		return (error);
	nwords = 1 + args->argc + 1 + args->envc + 1 + 2 * 10;
	sp = rounddown2(strings - nwords * 8, 16);
	block = kmalloc(nwords * 8, M_ZERO);
	if (block == NULL)
		return (ENOMEM);
	p = block;
	*p++ = args->argc;
	for (i = 0, off = 0; i < args->argc + args->envc; i++) {
		*p++ = strings + off;
		off += strlen(args->buf + off) + 1;
		if (i == args->argc - 1)
			*p++ = 0;		/* end of argv */
	}
	if (args->argc == 0)
		*p++ = 0;
	*p++ = 0;				/* end of envp */
	*p++ = AT_PHDR;		*p++ = img->phdr;
	*p++ = AT_PHENT;	*p++ = sizeof(Elf64_Phdr);
	*p++ = AT_PHNUM;	*p++ = img->phnum;
	*p++ = AT_PAGESZ;	*p++ = PAGE_SIZE;
	*p++ = AT_ENTRY;	*p++ = img->entry;
	*p++ = AT_OSRELDATE;	*p++ = __FreeBSD_version;
	*p++ = AT_NCPUS;	*p++ = mp_ncpus;
	*p++ = AT_HWCAP;	*p++ = 0;
	*p++ = AT_HWCAP2;	*p++ = cpu_hwcap2();
	*p++ = AT_NULL;		*p++ = 0;
	KASSERT(p <= block + nwords, ("exec_copyout_args: block overflow"));
	error = copyout(block, (void *)sp, (p - block) * 8);
	kfree(block);
	*spp = sp;
	return (error);
}

/*
 * Make td its process's only thread, as FreeBSD's exec does: the others
 * see p_singlethread and end (postsig, thread_leave).  EINTR if the
 * process is exiting, or starts to meanwhile (an exit overrides exec).
 * ERESTART if another thread is already single-threading the process
 * (FreeBSD's thread_single refuses a second request the same way): td
 * must not wait for it, since that thread waits for td to leave; td
 * leaves on its way back to user mode instead.
 */
static int
exec_single_thread(struct thread *td)
{
	struct proc *p = td->td_proc;
	struct thread *other;
	int error = 0;

	spin_lock(&p->p_lock);
	if (p->p_singlethread != NULL && p->p_singlethread != td) {
		spin_unlock(&p->p_lock);
		return (ERESTART);
	}
	if (p->p_numthreads > 1 && !p->p_exiting) {
		p->p_singlethread = td;
		TAILQ_FOREACH(other, &p->p_threads, td_plist)
			if (other != td)
				wakeup_thread(other, EINTR);
		/*
		 * Not interruptible: the others leave at their next kernel
		 * exit whatever they do, and a SIGKILL sent meanwhile stays
		 * pending and ends the new image at once.
		 */
		while (p->p_numthreads > 1 && !p->p_exiting)
			sleep_on(&p->p_numthreads, &p->p_lock, false, 0);
		p->p_singlethread = NULL;
	}
	if (p->p_exiting)
		error = EINTR;
	spin_unlock(&p->p_lock);
	return (error);
}

/*
 * security.bsd.map_at_zero (FreeBSD's name): new images may map page zero.
 * Off by default, so that a NULL pointer dereference always faults.
 */
bool exec_map_at_zero;

/*
 * The resource limits an image must fit (FreeBSD's checks): its writable
 * segments within RLIMIT_DATA, everything within RLIMIT_AS, else ENOMEM.
 * The stack is RLIMIT_STACK long (at most MAXSSIZ, at least a page).
 */
static int
exec_check_limits(struct proc *p, const struct elf_image *img,
    vm_size_t *ssiz)
{
	vm_size_t data = 0, total = 0, len;
	rlim_t stack = lim_cur(p, RLIMIT_STACK);
	u_int i;

	for (i = 0; i < img->nsegs; i++) {
		len = round_page(img->segs[i].vaddr + img->segs[i].memsz) -
		    trunc_page(img->segs[i].vaddr);
		total += len;
		if (img->segs[i].prot & VM_PROT_WRITE)
			data += len;
	}
	*ssiz = stack < 0 || (uint64_t)stack > MAXSSIZ ? MAXSSIZ :
	    MAX(round_page((uint64_t)stack), PAGE_SIZE);
	total += *ssiz;
	if ((uint64_t)lim_cur(p, RLIMIT_DATA) < data ||
	    (uint64_t)lim_cur(p, RLIMIT_AS) < total)
		return (ENOMEM);
	return (0);
}

/*
 * Replace td's process image with the program whose file contents are
 * image (size bytes), named path, arguments and environment in args.  On
 * failure the old image is untouched.
 */
static int
exec_image_load(struct thread *td, const char *path, const void *image,
    size_t size, struct exec_args *args)
{
	struct proc *p = td->td_proc;
	struct vmspace *old = p->p_vmspace, *vm;
	struct elf_image img;
	const struct elf_segment *seg;
	const char *name;
	vm_offset_t sp;
	vm_size_t ssiz;
	u_int i;
	int error;

	if ((error = elf_image_parse(image, size, &img)) != 0)
		return (error);
	if ((error = exec_check_limits(p, &img, &ssiz)) != 0)
		return (error);
	if ((error = exec_single_thread(td)) != 0)
		return (error);
	/* Page zero stays unmapped unless security.bsd.map_at_zero allows it. */
	vm = vmspace_alloc(exec_map_at_zero ? 0 : PAGE_SIZE,
	    VM_MAXUSER_ADDRESS);
	if (vm == NULL)
		return (ENOMEM);

	/* Build the new image with the new address space active. */
	spin_lock(&p->p_lock);		/* the OOM killer reads it so */
	p->p_vmspace = vm;
	spin_unlock(&p->p_lock);
	pmap_activate(&vm->vm_pmap);
	for (i = 0; i < img.nsegs && error == 0; i++) {
		seg = &img.segs[i];
		error = exec_map_fill(&vm->vm_map, trunc_page(seg->vaddr),
		    round_page(seg->vaddr + seg->memsz), seg->vaddr,
		    (const char *)image + seg->offset, seg->filesz, seg->prot);
	}
	if (error == 0)
		error = vm_map_insert(&vm->vm_map, NULL, 0, USRSTACK - ssiz,
		    USRSTACK, VM_PROT_RW, exec_max_prot(VM_PROT_RW) &
		    ~VM_PROT_EXECUTE, 0);
	if (error == 0)
		error = exec_map_fill(&vm->vm_map, SHAREDPAGE,
		    SHAREDPAGE + PAGE_SIZE, SHAREDPAGE, sigcode,
		    esigcode - sigcode, VM_PROT_READ | VM_PROT_EXECUTE);
	if (error == 0)
		error = exec_copyout_args(args, &img, &sp);
	/*
	 * The new image is the kernel's own mapping: a copy into it fails
	 * only when no page could be had for it (vm_fault waited for the
	 * page daemon and memory did not come back).
	 */
	if (error == EFAULT)
		error = ENOMEM;
	if (error != 0) {
		spin_lock(&p->p_lock);
		p->p_vmspace = old;
		spin_unlock(&p->p_lock);
		if (old != NULL)
			pmap_activate(&old->vm_pmap);
		else
			pmap_activate_kernel();
		vmspace_free(vm);
		return (error);
	}

	/* Past the point of no return. */
	if (old != NULL)
		vmspace_free(old);
	name = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
	spin_lock(&p->p_lock);
	strlcpy(p->p_comm, name, sizeof(p->p_comm));
	sigacts_exec(p);
	p->p_sigcode = SHAREDPAGE;
	/* An alternate stack of the old image would point at nothing. */
	td->td_sigstk.ss_flags = SS_DISABLE;
	spin_unlock(&p->p_lock);
	spin_lock(&proctree_lock);
	p->p_execed = true;		/* its parent's setpgid is now EACCES */
	spin_unlock(&proctree_lock);
	cpu_proc_exec(td);
	if (p->p_fd != NULL)
		fd_exec(p->p_fd);
	exec_setregs(td, img.entry, sp);
	return (0);
}

/*
 * Replace td's process image with the program at path: read from the
 * file system whole, then loaded.  ENOENT, EACCES (not a regular file
 * with an execute bit) and the loader's errors.
 */
static int
exec_image(struct thread *td, const char *path, struct exec_args *args)
{
	void *image;
	size_t size;
	int error;

	if ((error = vfs_read_file(path, &image, &size)) != 0)
		return (error);
	error = exec_image_load(td, path, image, size, args);
	kfree(image);
	return (error);
}

/* execve(path, argv, envp) */
int
sys_execve(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct exec_args ea;
	char path[MAXPATHLEN];
	int error;

	/* FreeBSD's exec_args_add_fname(): a path too long is E2BIG. */
	error = copyinstr((const char *)args[0], path, sizeof(path), NULL);
	if (error != 0)
		return (error == ENAMETOOLONG ? E2BIG : error);
	if (args[1] == 0)
		return (EFAULT);	/* FreeBSD's exec_copyin_args() */
	if ((error = exec_args_init(&ea)) != 0)
		return (error);
	error = exec_args_vector(&ea, (char *const *)args[1], &ea.argc, true);
	if (error == 0)
		error = exec_args_vector(&ea, (char *const *)args[2], &ea.envc,
		    true);
	if (error == 0)
		error = exec_image(td, path, &ea);
	kfree(ea.buf);
	return (error == 0 ? EJUSTRETURN : error);
}

/* exec from the kernel, with kernel strings (init). */
int
kern_execve(struct thread *td, const char *path, char *const *argv)
{
	struct exec_args ea;
	int error;

	if ((error = exec_args_init(&ea)) != 0)
		return (error);
	error = exec_args_vector(&ea, argv, &ea.argc, false);
	if (error == 0)
		error = exec_image(td, path, &ea);
	kfree(ea.buf);
	return (error);
}
