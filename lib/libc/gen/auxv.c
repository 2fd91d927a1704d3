/*
 * The auxiliary vector: kept where the kernel put it (above envp on the
 * initial stack) and searched on demand; it is a few dozen entries.
 */
#include <sys/types.h>
#include <sys/auxv.h>
#include <errno.h>
#include <string.h>

#include "libc_private.h"

static const Elf64_Auxinfo *auxv;	/* set once, before main */

/* Remember the vector __libc_start1 found. */
void
__libc_auxv_init(Elf64_Auxinfo *v)
{

	auxv = v;
}

/* The entry of the given type, or NULL if the kernel passed none. */
const Elf64_Auxinfo *
__libc_auxv_find(long type)
{
	const Elf64_Auxinfo *a;

	if (auxv == NULL)
		return (NULL);
	for (a = auxv; a->a_type != AT_NULL; a++)
		if (a->a_type == type)
			return (a);
	return (NULL);
}

/*
 * elf_aux_info(3): copy the value of entry `type' to buf, whose size len
 * must be the value's: int for PAGESZ, OSRELDATE, NCPUS and BSDFLAGS,
 * u_long for the HWCAPs and stack limits, a pointer for TIMEKEEP,
 * PS_STRINGS and FXRNG; EXECPATH is copied as a string.  Returns 0, or
 * (without touching errno) ENOENT if there is no such entry and EINVAL if
 * len is wrong (docs/abi.md section 3.7).
 */
int
elf_aux_info(int type, void *buf, int len)
{
	const Elf64_Auxinfo *a;
	size_t want;

	switch (type) {
	case AT_PAGESZ:
	case AT_OSRELDATE:
	case AT_NCPUS:
	case AT_BSDFLAGS:
		want = sizeof(int);
		break;
	case AT_HWCAP:
	case AT_HWCAP2:
	case AT_HWCAP3:
	case AT_HWCAP4:
	case AT_USRSTACKBASE:
	case AT_USRSTACKLIM:
		want = sizeof(u_long);
		break;
	case AT_TIMEKEEP:
	case AT_PS_STRINGS:
	case AT_FXRNG:
		want = sizeof(void *);
		break;
	case AT_EXECPATH:
		want = 0;
		break;
	default:
		return (ENOENT);
	}
	if (buf == NULL || len < 0 || (want != 0 && (size_t)len != want))
		return (EINVAL);
	if ((a = __libc_auxv_find(type)) == NULL)
		return (ENOENT);
	switch (want) {
	case 0:
		if (strlcpy(buf, a->a_un.a_ptr, len) >= (size_t)len)
			return (EINVAL);
		break;
	case sizeof(int):
		*(int *)buf = (int)a->a_un.a_val;
		break;
	default:
		*(u_long *)buf = (u_long)a->a_un.a_val;
		break;
	}
	return (0);
}
