/*
 * sysctlbyname(3): read kernel variables by name, and set the one that may
 * be set.  TagOS offers a few of FreeBSD's names (docs/abi.md section
 * 4.1): hw.ncpu, hw.pagesize, hw.pagesizes, vm.stats.vm.v_free_count,
 * vm.stats.vm.v_page_count, security.bsd.map_at_zero (settable).
 */
#ifndef _SYS_SYSCTL_H_
#define	_SYS_SYSCTL_H_

#include <sys/cdefs.h>
#include <sys/types.h>

__BEGIN_DECLS
int	sysctlbyname(const char *, void *, size_t *, const void *, size_t);
int	__sysctlbyname(const char *, size_t, void *, size_t *, const void *,
	    size_t);
__END_DECLS

#endif /* !_SYS_SYSCTL_H_ */
