/*
 * The console report of a tag fault that kills a process shows only the
 * process's own tags (docs/abi.md row 14: no tag of freed or foreign
 * memory is ever visible).  Its row of neighbouring granule tags must show "--" for
 * a page the process does not map Tagged, even when that page's tag
 * storage holds tags:
 *
 *  (a) the page before the faulting one was tagged 0x9, then mprotect
 *      took PROT_MTE away (the tags stay in storage, docs/abi.md row 10);
 *  (b) the page before the faulting one is unmapped.
 *
 * Each child tags its faulting page 0x3 and takes a SYNC tag check fault
 * at that page's first granule through a pointer tagged 0x5, so both
 * reports must end in the row
 *	-- -- -- -- [0x3] 0x3 0x3 0x3 0x3
 * tools/run-tests.sh checks the console for exactly that; here the
 * parent checks that each child died of SIGSEGV.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <machine/sysarch.h>
#include <signal.h>
#include <unistd.h>

#include "check.h"
#include "mte_util.h"

#define	NEIGHBOUR_TAG	0x9	/* the untagged neighbour's stale tags */
#define	PAGE_TAG	0x3	/* the faulting page's tags */
#define	POINTER_TAG	0x5	/* the mismatched pointer's tag */

enum neighbour { UNTAGGED, UNMAPPED };

/*
 * The child: two tagged pages, the first made untagged or unmapped as
 * how says, then a mismatched load at the second one's first granule.
 * Exits 2 if it cannot set up, 3 if it survives.
 */
static void __dead2
child(size_t pg, enum neighbour how)
{
	char *p;

	if (mte_set_mode(MTE_MODE_SYNC, MTE_ALL_TAGS) != 0)
		_exit(2);
	p = mmap(NULL, 2 * pg, MTE_RW, MAP_PRIVATE | MAP_ANON, -1, 0);
	if (p == MAP_FAILED)
		_exit(2);
	tag_range(p, pg, NEIGHBOUR_TAG);
	tag_range(p + pg, pg, PAGE_TAG);
	if (how == UNTAGGED) {
		if (mprotect(p, pg, PROT_READ | PROT_WRITE) != 0)
			_exit(2);
		/* Map it again, untagged now, with its tags still stored. */
		(void)*(volatile char *)p;
	}
	if (how == UNMAPPED && munmap(p, pg) != 0)
		_exit(2);
	(void)*(volatile char *)set_tag(p + pg, POINTER_TAG);
	_exit(3);
}

int
main(void)
{
	size_t pg = getpagesize();
	pid_t pid;

	mte_require();
	printf("mte_report: two reports follow, each neighbour row must be "
	    "-- -- -- -- [0x%x] 0x%x 0x%x 0x%x 0x%x\n", PAGE_TAG, PAGE_TAG,
	    PAGE_TAG, PAGE_TAG, PAGE_TAG);
	pid = CHECK_FORK();
	if (pid == 0)
		child(pg, UNTAGGED);
	CHECK_WAIT_SIGNAL(pid, SIGSEGV);
	pid = CHECK_FORK();
	if (pid == 0)
		child(pg, UNMAPPED);
	CHECK_WAIT_SIGNAL(pid, SIGSEGV);
	return (check_done());
}
