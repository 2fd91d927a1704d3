/* Address-to-name lookup in the kernel's embedded symbol table. */
#include "sys/systm.h"
#include "sys/ksyms.h"

extern const char __ksyms_start[], __ksyms_end[];

/*
 * The function containing addr: binary search for the last symbol at or
 * below addr.  Returns NULL (the first link has no table) if none holds it.
 */
const char *
ksyms_lookup(uint64_t addr, uint64_t *offset)
{
	const struct ksyms_header *kh = (const void *)__ksyms_start;
	const struct ksym *syms;
	const char *names;
	uint64_t lo, hi, mid;

	if (__ksyms_end - __ksyms_start < (long)sizeof(*kh) || kh->kh_count == 0)
		return (NULL);
	syms = (const struct ksym *)(kh + 1);
	names = (const char *)(syms + kh->kh_count);
	if (addr < syms[0].ks_addr)
		return (NULL);
	lo = 0;
	hi = kh->kh_count;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (syms[mid].ks_addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (syms[lo].ks_size != 0 && addr >= syms[lo].ks_addr + syms[lo].ks_size)
		return (NULL);
	*offset = addr - syms[lo].ks_addr;
	return (names + syms[lo].ks_name);
}
