/*
 * The memory-mapping system calls: mmap, munmap, mprotect, minherit,
 * madvise, mincore.  They check arguments as FreeBSD's vm_mmap.c does and
 * leave the work to vm_map.c.  Addresses may carry a pointer tag: bits
 * 63:56 are ignored (docs/abi.md section 2.4, "Tagged pointers").
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/file.h"
#include "sys/filedesc.h"
#include "sys/vnode.h"
#include "sys/malloc.h"
#include "sys/param.h"
#include "sys/proc.h"
#include "sys/mman.h"
#include "sys/shm.h"
#include "vm/vm.h"
#include "vm/vm_map.h"
#include "vm/vm_object.h"
#include "vm/pmap.h"
#include "vm/md_tags.h"
#include "machine/vmparam.h"

#define MAP_FLAGS_KNOWN		(MAP_SHARED | MAP_PRIVATE | MAP_RESERVED0020 | \
				 MAP_RESERVED0040 | MAP_FIXED | MAP_STACK | \
				 MAP_HASSEMAPHORE | \
				 MAP_NOSYNC | MAP_ANON | MAP_GUARD | MAP_EXCL | \
				 MAP_NOCORE | MAP_PREFAULT_READ | MAP_32BIT | \
				 MAP_ALIGNMENT_MASK)
#define MAP_32BIT_MAX_ADDR	0x80000000UL
#define MMAP_HINT_MIN		0x0000000100000000UL	/* above program and heap */

CTASSERT(VM_PROT_READ == PROT_READ && VM_PROT_WRITE == PROT_WRITE &&
    VM_PROT_EXECUTE == PROT_EXEC);
CTASSERT(VM_PROT_MTE == PROT_MTE);	/* docs/abi.md 3.1: the same bit */
CTASSERT(VM_PROT_ALL == _PROT_ALL);
/* The VM's own names for minherit, madvise and mincore values. */
CTASSERT(VM_INHERIT_SHARE == INHERIT_SHARE &&
    VM_INHERIT_COPY == INHERIT_COPY && VM_INHERIT_NONE == INHERIT_NONE &&
    VM_INHERIT_ZERO == INHERIT_ZERO);
CTASSERT(VM_MADV_WILLNEED == MADV_WILLNEED &&
    VM_MADV_DONTNEED == MADV_DONTNEED && VM_MADV_FREE == MADV_FREE &&
    VM_MADV_MAX == MADV_PROTECT && VM_MADV_PAGEOUT == MADV_PAGEOUT);
CTASSERT(VM_MINCORE_INCORE == MINCORE_INCORE &&
    VM_MINCORE_REFERENCED == MINCORE_REFERENCED);

/*
 * The pages [*start, *end) a user address range touches, as FreeBSD's
 * kern_munmap() and kern_mprotect() take it: the address is rounded down
 * to its page and the length up.  EINVAL if len is 0 or the range leaves
 * user space.
 */
static int
user_range(uint64_t addr, uint64_t len, vm_offset_t *start, vm_offset_t *end)
{
	addr = untag(addr);
	if (len == 0 || len > VM_MAXUSER_ADDRESS ||
	    addr > VM_MAXUSER_ADDRESS - len)
		return (EINVAL);
	*start = trunc_page(addr);
	*end = round_page(addr + len);
	return (0);
}

static struct vm_map *
td_map(struct thread *td)
{
	return (&td->td_proc->p_vmspace->vm_map);
}

/*
 * mmap(addr, len, prot, flags, fd, pos): map private or shared anonymous
 * memory (/dev/zero too), a shared memory object, a regular file, or a
 * guard.  PROT_MTE is allowed only
 * on private anonymous memory of a machine with tag storage.
 */
int
sys_mmap(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	vm_offset_t addr = untag(args[0]), start;
	uint64_t len = args[1], pageoff;
	int prot = PROT_EXTRACT((int)args[2]);
	int maxprot = PROT_MAX_EXTRACT((int)args[2]);
	int flags = (int)args[3], fd = (int)args[4], cow = 0, error;
	int64_t pos = (int64_t)args[5];
	u_int align_shift = (flags & MAP_ALIGNMENT_MASK) >> MAP_ALIGNMENT_SHIFT;
	vm_size_t align = 0;
	struct vm_object *object = NULL;
	struct file *fp = NULL;
	vm_ooffset_t objsize;

	if (((int)args[2] & ~(_PROT_ALL | _PROT_ALL << 16)) != 0 ||
	    (flags & ~MAP_FLAGS_KNOWN) != 0 ||
	    (flags & (MAP_SHARED | MAP_PRIVATE)) == (MAP_SHARED | MAP_PRIVATE))
		return (EINVAL);
	if (maxprot == 0)
		maxprot = _PROT_ALL;
	if ((prot & ~maxprot) != 0)
		return (EINVAL);
	if (len == 0)
		return (EINVAL);
	if (flags & MAP_STACK) {
		if (fd != -1 || (prot & (PROT_READ | PROT_WRITE)) !=
		    (PROT_READ | PROT_WRITE))
			return (EINVAL);
		flags |= MAP_ANON;
		cow |= MAP_CREATE_STACK;
	}
	if ((flags & MAP_EXCL) && !(flags & MAP_FIXED))
		return (EINVAL);
	if (flags & MAP_GUARD) {
		if (prot != 0 || fd != -1 || pos != 0 || (flags &
		    (MAP_SHARED | MAP_PRIVATE | MAP_ANON | MAP_PREFAULT_READ |
		    MAP_STACK)) != 0)
			return (EINVAL);
		cow |= MAP_CREATE_GUARD;
	} else if (flags & MAP_ANON) {
		if (fd != -1 || pos != 0)
			return (EINVAL);
	}
	if ((prot & PROT_MTE) && (!md_tags_enabled() || (flags & MAP_SHARED) ||
	    !(flags & MAP_ANON)))
		return (EINVAL);	/* docs/abi.md rows 2, 3, 5 */
	if ((flags & MAP_ALIGNMENT_MASK) == MAP_ALIGNED_SUPER)
		align = VM_MAP_SUPERPAGE_SIZE;
	else if (align_shift != 0) {
		if (align_shift < PAGE_SHIFT || align_shift >= 48)
			return (EINVAL);
		align = 1UL << align_shift;
	}

	pageoff = pos & PAGE_MASK;
	pos -= pageoff;
	if (len > VM_MAXUSER_ADDRESS)
		return (ENOMEM);
	len = round_page(len + pageoff);
	if (flags & MAP_FIXED) {
		if ((addr & PAGE_MASK) != pageoff)
			return (EINVAL);
		addr -= pageoff;
		if (addr + len > VM_MAXUSER_ADDRESS || addr + len < addr)
			return (EINVAL);
		/*
		 * Below the map: page zero, unless security.bsd.map_at_zero
		 * let exec start the map at 0 (docs/abi.md row 21).
		 */
		if (addr < td_map(td)->min_offset)
			return (EINVAL);
	}

	/*
	 * RLIMIT_AS bounds the address space, and after mlockall(MCL_FUTURE)
	 * RLIMIT_MEMLOCK the wired part, as FreeBSD's vm_mmap_object.
	 */
	if (td_map(td)->size + len > (uint64_t)lim_cur(td->td_proc, RLIMIT_AS))
		return (ENOMEM);
	if (td_map(td)->wire_future && (flags & MAP_GUARD) == 0 &&
	    vm_map_wired_size(td_map(td), 0, VM_MAXUSER_ADDRESS) + len >
	    (uint64_t)lim_cur(td->td_proc, RLIMIT_MEMLOCK))
		return (ENOMEM);
	if (!(flags & (MAP_ANON | MAP_GUARD))) {
		if ((error = fget(td, fd, &fp)) != 0)
			return (error);
	}
	if (fp != NULL && vfs_file_is_devzero(fp)) {
		/*
		 * As FreeBSD: a mapping of /dev/zero is anonymous memory,
		 * private or shared; the descriptor must be readable.  PROT_MTE
		 * was refused above, as for any descriptor.
		 */
		if (((flags & MAP_SHARED) == 0 && (flags & MAP_PRIVATE) == 0) ||
		    pos < 0)
			error = EINVAL;
		else if (!(fp->f_flag & FREAD))
			error = EACCES;
		fdrop(fp);
		fp = NULL;
		if (error != 0)
			return (error);
		flags |= MAP_ANON;
		pos = 0;
		if (flags & MAP_SHARED)
			cow |= MAP_INHERIT_SHARE;
	} else if (fp != NULL) {
		if (!file_is_shm(fp) && !vfs_file_is_regular(fp)) {
			error = ENODEV;
			goto out;
		}
		if (((flags & MAP_SHARED) == 0 && (flags & MAP_PRIVATE) == 0) ||
		    (prot & PROT_MTE) || pos < 0) {
			error = EINVAL;
			goto out;
		}
		if (!(fp->f_flag & FREAD) || ((flags & MAP_SHARED) &&
		    (prot & PROT_WRITE) && !(fp->f_flag & FWRITE))) {
			error = EACCES;
			goto out;
		}
		if ((flags & MAP_SHARED) && !(fp->f_flag & FWRITE))
			maxprot &= ~PROT_WRITE;
		/*
		 * A regular file's pages are a shared-memory style object
		 * (sys/vnode.h): the same rules, copy on write for
		 * MAP_PRIVATE, SIGBUS past the end, never tagged.
		 */
		error = file_is_shm(fp) ? shm_get_object(fp, &object,
		    &objsize) : vfs_get_object(fp, &object, &objsize);
		if (error != 0)
			goto out;
		cow |= (flags & MAP_SHARED) ? MAP_INHERIT_SHARE :
		    MAP_COPY_ON_WRITE;
	} else if (flags & MAP_SHARED) {
		cow |= MAP_INHERIT_SHARE;
	}

	if (flags & MAP_FIXED) {
		start = addr;
		if (flags & MAP_EXCL)
			error = vm_map_insert(td_map(td), object, pos, start,
			    start + len, prot, maxprot, cow);
		else
			error = vm_map_fixed(td_map(td), object, pos, start,
			    len, prot, maxprot, cow);
	} else {
		start = round_page(addr);
		if (flags & MAP_32BIT) {
			if (start < td_map(td)->min_offset ||
			    start + len > MAP_32BIT_MAX_ADDR)
				start = td_map(td)->min_offset;
		} else if (start < MMAP_HINT_MIN) {
			start = MMAP_HINT_MIN;
		}
		/*
		 * Anonymous memory big enough for a superpage is placed so
		 * it can use them, as on FreeBSD, unless that leaves no room
		 * (vm_map_find leaves start alone when it fails).
		 */
		error = ENOMEM;
		if (align == 0 && object == NULL && !(flags & MAP_GUARD) &&
		    len >= VM_MAP_SUPERPAGE_SIZE)
			error = vm_map_find(td_map(td), NULL, 0, &start, len,
			    VM_MAP_SUPERPAGE_SIZE, prot, maxprot, cow);
		if (error == ENOMEM)
			error = vm_map_find(td_map(td), object, pos, &start,
			    len, align, prot, maxprot, cow);
		if (error == 0 && (flags & MAP_32BIT) &&
		    start + len > MAP_32BIT_MAX_ADDR) {
			/* The map took the object's reference; removal drops it. */
			vm_map_remove(td_map(td), start, start + len);
			object = NULL;
			error = ENOMEM;
		}
	}
	if (error != 0) {
		/* On failure the map did not take the object's reference. */
		if (object != NULL)
			vm_object_deallocate(object);
		goto out;
	}
	if (flags & MAP_PREFAULT_READ)
		vm_map_prefault(td_map(td), start, start + len);
	/* mlockall(MCL_FUTURE): new mappings are wired too. */
	if (td_map(td)->wire_future && (flags & MAP_GUARD) == 0)
		(void)vm_map_wire(td_map(td), start, start + len, true, false);
	rv[0] = start + pageoff;
out:
	if (fp != NULL)
		fdrop(fp);
	return (error);
}

/* munmap(addr, len) */
int
sys_munmap(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	vm_offset_t start, end;
	int error;

	if ((error = user_range(args[0], args[1], &start, &end)) != 0)
		return (error);
	return (vm_map_remove(td_map(td), start, end));
}

/*
 * mprotect(addr, len, prot): with PROT_MAX(p) in prot, also lower the
 * maximum to p (FreeBSD's kern_mprotect()), in the same all-or-nothing
 * change: a refusal leaves the maximum as it was too.
 */
int
sys_mprotect(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	vm_offset_t start, end;
	int prot = PROT_EXTRACT((int)args[2]);
	int maxprot = PROT_MAX_EXTRACT((int)args[2]);
	int error, flags = VM_MAP_PROTECT_SET_PROT;

	if (((int)args[2] & ~(_PROT_ALL | _PROT_ALL << 16)) != 0)
		return (EINVAL);
	if ((error = user_range(args[0], args[1], &start, &end)) != 0)
		return (error);
	if ((prot & PROT_MTE) && !md_tags_enabled())
		return (EINVAL);
	if (maxprot != 0) {
		if ((prot & ~maxprot) != 0)
			return (EOPNOTSUPP);
		flags |= VM_MAP_PROTECT_SET_MAXPROT;
	}
	return (vm_map_protect_range(td_map(td), start, end, prot, maxprot,
	    flags));
}

/* minherit(addr, len, inherit) */
int
sys_minherit(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	vm_offset_t start, end;
	int inherit = (int)args[2], error;

	if (inherit < 0 || inherit > INHERIT_ZERO)
		return (EINVAL);
	if ((error = user_range(args[0], args[1], &start, &end)) != 0)
		return (error);
	return (vm_map_inherit(td_map(td), start, end, inherit));
}

/* madvise(addr, len, behav) */
int
sys_madvise(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	vm_offset_t start, end;
	int advice = (int)args[2], error;

	if ((advice < 0 || advice > VM_MADV_MAX) && advice != VM_MADV_PAGEOUT)
		return (EINVAL);
	/* Linux's rule for its MADV_PAGEOUT; FreeBSD's advice rounds. */
	if (advice == VM_MADV_PAGEOUT && (untag(args[0]) & PAGE_MASK) != 0)
		return (EINVAL);
	if ((error = user_range(args[0], args[1], &start, &end)) != 0)
		return (error);
	return (vm_map_madvise(td_map(td), start, end, advice));
}

/*
 * mincore(addr, len, char *vec): one byte per page, MINCORE_INCORE if
 * resident, MINCORE_REFERENCED if mapped here.  ENOMEM for a hole.
 */
int
sys_mincore(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	vm_offset_t start, end, chunk_end;
	char *vec;
	size_t n;
	int error = 0;

	start = trunc_page(untag(args[0]));
	if (args[1] == 0)
		return (0);
	if (args[1] > VM_MAXUSER_ADDRESS ||
	    untag(args[0]) > VM_MAXUSER_ADDRESS - args[1])
		return (ENOMEM);
	end = round_page(untag(args[0]) + args[1]);
	if ((vec = kmalloc(PAGE_SIZE, 0)) == NULL)
		return (ENOMEM);
	/* A page of results at a time, copied out without the map lock. */
	for (n = 0; start < end && error == 0; start = chunk_end) {
		chunk_end = MIN(end, start + PAGE_SIZE * PAGE_SIZE);
		error = vm_map_mincore(td_map(td), start, chunk_end, vec);
		if (error == 0)
			error = copyout(vec, (char *)args[2] + n,
			    atop(chunk_end - start));
		n += atop(chunk_end - start);
	}
	kfree(vec);
	return (error);
}

/*
 * The page-aligned range mlock/munlock act on: [trunc(addr),
 * round(addr + len)), tag ignored.  EINVAL if it wraps, as FreeBSD.
 */
static int
mlock_range(const uint64_t *args, vm_offset_t *startp, vm_offset_t *endp)
{
	vm_offset_t addr = untag(args[0]), last = addr + args[1];

	if (last < addr || round_page(last) < addr)
		return (EINVAL);
	*startp = trunc_page(addr);
	*endp = round_page(last);
	return (0);
}

/*
 * mlock(addr, len): wire the pages, counted against RLIMIT_MEMLOCK.
 * FreeBSD's errors: EINVAL for a range that wraps, ENOMEM for one not all
 * mapped or that would take the wired total over the limit (pages wired
 * already are not counted twice).
 */
int
sys_mlock(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct vm_map *map = td_map(td);
	vm_offset_t start, end;
	vm_size_t total;
	int error;

	if ((error = mlock_range(args, &start, &end)) != 0)
		return (error);
	total = vm_map_wired_size(map, 0, VM_MAXUSER_ADDRESS) +
	    (end - start) - vm_map_wired_size(map, start, end);
	if (total > (uint64_t)lim_cur(td->td_proc, RLIMIT_MEMLOCK))
		return (ENOMEM);
	return (vm_map_wire(map, start, end, true, false));
}

/* munlock(addr, len): unwire; EINVAL if the range wraps, ENOMEM if not all mapped. */
int
sys_munlock(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	vm_offset_t start, end;
	int error;

	if ((error = mlock_range(args, &start, &end)) != 0)
		return (error);
	return (vm_map_wire(td_map(td), start, end, false, false));
}

/*
 * mlockall(how): MCL_CURRENT wires everything mapped now (ENOMEM if that
 * is over RLIMIT_MEMLOCK), MCL_FUTURE every later mapping too (mmap then
 * fails with ENOMEM past the limit).  EINVAL for no flag or an unknown one.
 */
int
sys_mlockall(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct vm_map *map = td_map(td);
	int how = (int)args[0], error = 0;

	if (how == 0 || (how & ~(MCL_CURRENT | MCL_FUTURE)) != 0)
		return (EINVAL);
	if ((how & MCL_CURRENT) && map->size >
	    (uint64_t)lim_cur(td->td_proc, RLIMIT_MEMLOCK))
		return (ENOMEM);
	vm_map_lock(map);
	map->wire_future = (how & MCL_FUTURE) != 0;
	vm_map_unlock(map);
	if (how & MCL_CURRENT)
		error = vm_map_wire(map, map->min_offset, map->max_offset,
		    true, true);
	return (error);
}

/* munlockall(): unwire everything and stop wiring new mappings. */
int
sys_munlockall(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct vm_map *map = td_map(td);

	vm_map_lock(map);
	map->wire_future = false;
	vm_map_unlock(map);
	return (vm_map_wire(map, map->min_offset, map->max_offset, false,
	    true));
}
