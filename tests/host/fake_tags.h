/*
 * What host tests can ask the fake tag primitives (fake_tags.c) beyond
 * vm/md_tags.h: each page's imaginary tags, and how often each primitive
 * ran.
 */
#ifndef _FAKE_TAGS_H_
#define _FAKE_TAGS_H_

#include "sys/types.h"
#include "vm/md_tags.h"

struct vm_page;

/* Calls counted since the program started; every field is atomic. */
struct fake_tags_stats {
	u_long	zero;		/* md_tags_zero_page */
	u_long	clear;		/* md_tags_clear_page */
	u_long	copy;		/* md_tags_copy_page */
	u_long	save;		/* md_tags_save_page */
	u_long	restore;	/* md_tags_restore_page, and per page of
				   md_tags_restore_run */
	u_long	restore_runs;	/* md_tags_restore_run */
};
extern struct fake_tags_stats fake_tags_stats;

/* What md_tags_enabled() answers; true unless a test changes it. */
extern bool fake_tags_enabled;

/* The tag of granule g (0..255) of page m; set it. */
u_int	fake_tags_get(struct vm_page *m, u_int g);
void	fake_tags_set(struct vm_page *m, u_int g, u_int tag);
/* How often md_tags_clear_page ran on m. */
u_long	fake_tags_clears(struct vm_page *m);

#endif /* !_FAKE_TAGS_H_ */
