/*
 * Anonymous shared memory objects: shm_open2(SHM_ANON, ...) and the
 * shm_open(3) and memfd-style uses built on it.  The object is a shared
 * anonymous VM object of ftruncate()'s size; mmap maps it (MAP_SHARED
 * mappings see one another's writes, across fork too).  There is no name
 * space: SHM_ANON is the only path.
 *
 * docs/abi.md section 6: such memory is never tagged; mmap and mprotect refuse
 * PROT_MTE on it (they test file_is_shm()).
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/malloc.h"
#include "sys/mman.h"
#include "sys/param.h"
#include "sys/proc.h"
#include "sys/spinlock.h"
#include "sys/file.h"
#include "sys/filedesc.h"
#include "sys/shm.h"
#include "sys/stat.h"
#include "sys/sysproto.h"
#include "vm/vm_object.h"
#include "machine/vmparam.h"

/* Lock keys: (C) constant, (l) shm_lock. */
struct shmfd {
	struct spinlock	shm_lock;
	struct vm_object *shm_object;	/* (C) one reference, ours */
	vm_ooffset_t	shm_size;	/* (l) bytes */
	bool		shm_resizing;	/* (l) an ftruncate is under way */
	uint16_t	shm_mode;	/* (C) permission bits, for fstat */
	uint64_t	shm_ino;	/* (C) for fstat */
};

static uint64_t shm_next_ino = 1;	/* (A) */

static int	shm_truncate(struct file *fp, int64_t length,
		    struct thread *td);
static int	shm_stat(struct file *fp, struct stat *sb, struct thread *td);
static void	shm_close(struct file *fp);

/* read(2) and write(2) are not offered (EOPNOTSUPP): mmap the object. */
static const struct fileops shm_ops = {
	.fo_truncate = shm_truncate,
	.fo_stat = shm_stat,
	.fo_close = shm_close,
};

/*
 * Set the size to length bytes: growing adds zero pages on demand,
 * shrinking frees what lies past the end.  Truncations are serialised
 * with shm_resizing because the VM work cannot run under shm_lock.
 * ENOMEM beyond what a user address space could map.
 */
static int
shm_truncate(struct file *fp, int64_t length, struct thread *td)
{
	struct shmfd *shm = fp->f_data;
	int error;

	if ((uint64_t)length > VM_MAXUSER_ADDRESS)
		return (ENOMEM);
	spin_lock(&shm->shm_lock);
	while (shm->shm_resizing) {
		error = sleep_on(&shm->shm_resizing, &shm->shm_lock, true, 0);
		if (error != 0) {
			spin_unlock(&shm->shm_lock);
			return (error);
		}
	}
	if ((vm_ooffset_t)length == shm->shm_size) {
		spin_unlock(&shm->shm_lock);
		return (0);
	}
	shm->shm_resizing = true;
	spin_unlock(&shm->shm_lock);

	error = vm_object_shm_resize(shm->shm_object, (vm_ooffset_t)length);

	spin_lock(&shm->shm_lock);
	if (error == 0)
		shm->shm_size = length;
	shm->shm_resizing = false;
	wakeup(&shm->shm_resizing);
	spin_unlock(&shm->shm_lock);
	return (error);
}

/* As FreeBSD's shm_stat: a regular file of the object's size. */
static int
shm_stat(struct file *fp, struct stat *sb, struct thread *td)
{
	struct shmfd *shm = fp->f_data;

	spin_lock(&shm->shm_lock);
	sb->st_size = shm->shm_size;
	spin_unlock(&shm->shm_lock);
	sb->st_mode = S_IFREG | shm->shm_mode;
	sb->st_nlink = 1;
	sb->st_ino = shm->shm_ino;
	sb->st_blksize = PAGE_SIZE;
	sb->st_blocks = howmany(sb->st_size, sb->st_blksize);
	return (0);
}

/* Last descriptor gone: mappings keep the object alive on their own. */
static void
shm_close(struct file *fp)
{
	struct shmfd *shm = fp->f_data;

	vm_object_deallocate(shm->shm_object);
	kfree(shm);
}

/* For mmap: the object with a new reference, and its size (sys/shm.h). */
int
shm_get_object(struct file *fp, struct vm_object **objp, vm_ooffset_t *sizep)
{
	struct shmfd *shm;

	if (!file_is_shm(fp))
		return (EINVAL);
	shm = fp->f_data;
	spin_lock(&shm->shm_lock);
	*sizep = shm->shm_size;
	spin_unlock(&shm->shm_lock);
	vm_object_reference(shm->shm_object);
	*objp = shm->shm_object;
	return (0);
}

/*
 * Check shm_open2's path as FreeBSD would against an empty name space:
 * EFAULT or ENAMETOOLONG for a bad string, else ENOENT without O_CREAT.
 * Creating a named object is not offered (EINVAL).
 */
static int
shm_named_open(const void *upath, int flags)
{
	char *path;
	int error;

	if ((path = kmalloc(MAXPATHLEN, M_WAITOK)) == NULL)
		return (ENOMEM);
	error = copyinstr(upath, path, MAXPATHLEN, NULL);
	kfree(path);
	if (error != 0)
		return (error);
	return ((flags & O_CREAT) != 0 ? EINVAL : ENOENT);
}

/*
 * shm_open2(path, flags, mode, shmflags, name): path must be SHM_ANON;
 * flags O_RDWR plus O_CLOEXEC (O_CREAT, O_EXCL and O_TRUNC are accepted
 * and mean nothing for a new anonymous object); mode gives fstat's
 * permission bits only; shmflags must be 0 (no sealing, no large pages);
 * name, the memfd label, is ignored as in FreeBSD.  Returns the new
 * descriptor of an object of size 0.  Errors in FreeBSD's order.
 */
int
sys_shm_open2(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct shmfd *shm;
	struct file *fp;
	int flags = (int)args[1], shmflags = (int)args[3], fd, error;

	if (shmflags != 0)
		return (EINVAL);
	if ((flags & O_ACCMODE) != O_RDONLY && (flags & O_ACCMODE) != O_RDWR)
		return (EINVAL);
	if ((flags & ~(O_ACCMODE | O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC)) !=
	    0)
		return (EINVAL);
	if (args[0] != (uint64_t)SHM_ANON)
		return (shm_named_open((const void *)args[0], flags));
	/* FreeBSD: a read-only anonymous object is pointless. */
	if ((flags & O_ACCMODE) == O_RDONLY)
		return (EINVAL);

	if ((shm = kmalloc(sizeof(*shm), M_WAITOK | M_ZERO)) == NULL)
		return (ENOMEM);
	spin_init(&shm->shm_lock, "shm");
	shm->shm_mode = (uint16_t)(args[2] & ACCESSPERMS);
	shm->shm_ino = __atomic_fetch_add(&shm_next_ino, 1, __ATOMIC_RELAXED);
	if ((shm->shm_object = vm_object_allocate_shm(0)) == NULL) {
		kfree(shm);
		return (ENOMEM);
	}
	fp = file_alloc(DTYPE_SHM, &shm_ops, shm, FREAD | FWRITE);
	if (fp == NULL) {
		vm_object_deallocate(shm->shm_object);
		kfree(shm);
		return (ENOMEM);
	}
	error = finstall(td, fp, (flags & O_CLOEXEC) != 0, &fd);
	fdrop(fp);
	if (error == 0)
		rv[0] = fd;
	return (error);
}
