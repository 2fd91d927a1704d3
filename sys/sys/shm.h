/*
 * Shared memory objects (uipc_shm.c): what mmap needs from a descriptor
 * made by shm_open2.  file_is_shm() (sys/file.h) tells such a file apart.
 */
#ifndef _SYS_SHM_H_
#define _SYS_SHM_H_

#include "sys/types.h"
#include "vm/vm.h"

struct file;
struct vm_object;

/*
 * The VM object behind shm file fp, with a new reference for the caller
 * (to hand to the mapping), and the object's size in bytes now.  EINVAL
 * if fp is not a shared memory object.
 */
int	shm_get_object(struct file *fp, struct vm_object **objp,
	    vm_ooffset_t *sizep);

#endif /* !_SYS_SHM_H_ */
