/*
 * The swap pager's counters as a program sees them (docs/abi.md, the
 * __sysctlbyname names): vm.swap_total and vm.swap_used are unsigned
 * longs of bytes, whole pages, used within total; the page counters
 * vm.stats.vm.v_swappgsout/in and TagOS's vm.mte.swap_* are unsigned
 * longs, and no more tagged pages or tag bytes went out than pages did
 * (a tagged page's record is 1 to 128 bytes).
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/sysctl.h>
#include <stdio.h>

#include "check.h"

/* The unsigned long name, read and checked to be one. */
static u_long
ulong_of(const char *name)
{
	u_long v = ~0UL;
	size_t len = sizeof(v);

	CHECK_OK(sysctlbyname(name, &v, &len, NULL, 0));
	CHECK_EQ(len, sizeof(u_long));
	return (v);
}

int
main(void)
{
	u_long total, used, out, in, tagged_out, tag_bytes, tagged_in;

	total = ulong_of("vm.swap_total");
	used = ulong_of("vm.swap_used");
	CHECK(total % PAGE_SIZE == 0);
	CHECK(used % PAGE_SIZE == 0);
	CHECK(used <= total);
	out = ulong_of("vm.stats.vm.v_swappgsout");
	in = ulong_of("vm.stats.vm.v_swappgsin");
	tagged_out = ulong_of("vm.mte.swap_tagged_out");
	tag_bytes = ulong_of("vm.mte.swap_tag_bytes_out");
	tagged_in = ulong_of("vm.mte.swap_tagged_in");
	CHECK(tagged_out <= out);
	CHECK(tagged_in <= in);
	CHECK(tag_bytes >= tagged_out && tag_bytes <= 128 * tagged_out);
	if (total == 0)
		CHECK_EQ(out, 0);
	printf("swap: %lu of %lu bytes used, %lu pages out, %lu in\n", used,
	    total, out, in);
	return (check_done());
}
