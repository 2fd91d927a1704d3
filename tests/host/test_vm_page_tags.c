/*
 * Host tests of the owner of a page's tag state (sys/vm/vm_page_tags.c)
 * over the fake tag primitives (fake_tags.c): the PG_TAGGED/PG_TAGBUSY
 * transitions of birth, first Tagged mapping, copy, save/restore and
 * free, the counters, and exactly-once initialisation under the bit lock
 * with threads racing on the same pages.  "Physical memory" is a small
 * arena posing as RAM at 0x40000000 with its own struct vm_page array;
 * each test takes pages no earlier test used.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hosttest.h"
#include "sys/types.h"
#include "sys/param.h"
#include "vm/vm.h"
#include "vm/vm_page.h"
#include "vm/vm_page_tags.h"
#include "fake_tags.h"

uintptr_t host_dmap_offset;

#define ARENA_BASE	0x40000000UL
#define ARENA_PAGES	512
#define GRANULES	(PAGE_SIZE / MD_TAG_GRANULE_SIZE)
#define RACE_PAGES	64
#define RACE_THREADS	8

static char		*arena;
static struct vm_page	pages[ARENA_PAGES];
static u_int		pages_used;
static int		dummy_object;	/* what a managed page points at */

/* n pages no test used yet, contiguous, not managed, flags clear. */
static struct vm_page *
take(u_int n)
{
	struct vm_page *m;
	u_int i;

	if (arena == NULL) {
		if (posix_memalign((void **)&arena, PAGE_SIZE,
		    ARENA_PAGES * PAGE_SIZE) != 0)
			abort();
		host_dmap_offset = (uintptr_t)arena - ARENA_BASE;
		for (i = 0; i < ARENA_PAGES; i++) {
			pages[i].phys_addr = ARENA_BASE + ptoa(i);
			TAILQ_INIT(&pages[i].md.pv_list);
		}
	}
	if (pages_used + n > ARENA_PAGES)
		abort();
	m = &pages[pages_used];
	pages_used += n;
	return (m);
}

/* Make the n pages at m managed, as pages of an object are. */
static void
manage(struct vm_page *m, u_int n)
{
	u_int i;

	for (i = 0; i < n; i++)
		m[i].object = (struct vm_object *)&dummy_object;
}

/* Fill m's data with bytes from seed and its tags with a pattern. */
static void
dirty(struct vm_page *m, u_int seed)
{
	char *p = vm_page_to_dmap(m);
	u_int i;

	for (i = 0; i < PAGE_SIZE; i++)
		p[i] = (char)(i * 7 + seed);
	for (i = 0; i < GRANULES; i++)
		fake_tags_set(m, i, i * 5 + seed + 1);
}

/* True if m's data is what dirty(m, seed) wrote. */
static bool
data_is(struct vm_page *m, u_int seed)
{
	char *p = vm_page_to_dmap(m);
	u_int i;

	for (i = 0; i < PAGE_SIZE; i++)
		if (p[i] != (char)(i * 7 + seed))
			return (false);
	return (true);
}

/* True if every byte of m's data is zero. */
static bool
data_zero(struct vm_page *m)
{
	char *p = vm_page_to_dmap(m);
	u_int i;

	for (i = 0; i < PAGE_SIZE; i++)
		if (p[i] != 0)
			return (false);
	return (true);
}

/* True if every tag of m is tag. */
static bool
tags_all(struct vm_page *m, u_int tag)
{
	u_int g;

	for (g = 0; g < GRANULES; g++)
		if (fake_tags_get(m, g) != tag)
			return (false);
	return (true);
}

/* True if m's tags are what dirty(m, seed) stored. */
static bool
tags_are(struct vm_page *m, u_int seed)
{
	u_int g;

	for (g = 0; g < GRANULES; g++)
		if (fake_tags_get(m, g) != ((g * 5 + seed + 1) & 0xf))
			return (false);
	return (true);
}

/* A counter of vm_page_tag_counters, read now. */
#define COUNT(field)							\
	__atomic_load_n(&vm_page_tag_counters.field, __ATOMIC_RELAXED)

/* m's tag-state flags. */
static uint16_t
tag_state(struct vm_page *m)
{
	return (vm_page_flags(m) & (PG_TAGGED | PG_TAGBUSY));
}

HT_TEST(alloc_flags_follow_prot_mte)
{
	HT_ASSERT_EQ(vm_page_tag_alloc_flags(VM_PROT_RW | VM_PROT_MTE),
	    VM_ALLOC_ZERO_TAGS);
	HT_ASSERT_EQ(vm_page_tag_alloc_flags(VM_PROT_READ | VM_PROT_MTE),
	    VM_ALLOC_ZERO_TAGS);
	HT_ASSERT_EQ(vm_page_tag_alloc_flags(VM_PROT_RW), VM_ALLOC_ZERO);
}

HT_TEST(birth_zeroes_data_and_tags_and_sets_tagged)
{
	struct vm_page *m = take(1);
	u_long zeroed = COUNT(zeroed), valid = vm_page_tag_valid_count();

	dirty(m, 3);
	vm_page_tag_zero(m);
	HT_ASSERT_EQ(tag_state(m), PG_TAGGED);
	HT_ASSERT(vm_page_tagged(m));
	HT_ASSERT(data_zero(m));
	HT_ASSERT(tags_all(m, 0));
	HT_ASSERT_EQ(COUNT(zeroed) - zeroed, 1);
	HT_ASSERT_EQ(vm_page_tag_valid_count() - valid, 1);
}

HT_TEST(birth_without_tag_storage_zeroes_data_only)
{
	struct vm_page *m = take(1);
	u_long valid = vm_page_tag_valid_count(), calls = fake_tags_stats.zero;

	dirty(m, 4);
	fake_tags_enabled = false;
	vm_page_tag_zero(m);
	fake_tags_enabled = true;
	HT_ASSERT_EQ(tag_state(m), 0);
	HT_ASSERT(data_zero(m));
	HT_ASSERT_EQ(fake_tags_stats.zero, calls);
	HT_ASSERT_EQ(vm_page_tag_valid_count(), valid);
}

HT_TEST(first_tagged_mapping_clears_tags_once_and_keeps_data)
{
	struct vm_page *m = take(1);
	u_long initialised = COUNT(initialised), valid = vm_page_tag_valid_count();

	manage(m, 1);
	dirty(m, 5);
	vm_page_tag_init(m);
	HT_ASSERT_EQ(tag_state(m), PG_TAGGED);
	HT_ASSERT(tags_all(m, 0));
	HT_ASSERT(data_is(m, 5));
	HT_ASSERT_EQ(fake_tags_clears(m), 1);
	/* Tags set after the first mapping are the program's: kept. */
	fake_tags_set(m, 9, 0xc);
	vm_page_tag_init(m);
	HT_ASSERT_EQ(fake_tags_clears(m), 1);
	HT_ASSERT_EQ(fake_tags_get(m, 9), 0xc);
	HT_ASSERT_EQ(COUNT(initialised) - initialised, 1);
	HT_ASSERT_EQ(vm_page_tag_valid_count() - valid, 1);
}

HT_TEST(init_of_a_born_tagged_page_does_nothing)
{
	struct vm_page *m = take(1);
	u_long initialised;

	vm_page_tag_zero(m);
	manage(m, 1);
	fake_tags_set(m, 0, 7);
	initialised = COUNT(initialised);
	vm_page_tag_init(m);
	HT_ASSERT_EQ(fake_tags_clears(m), 0);
	HT_ASSERT_EQ(fake_tags_get(m, 0), 7);
	HT_ASSERT_EQ(COUNT(initialised), initialised);
}

HT_TEST(init_run_initialises_every_untagged_page)
{
	struct vm_page *m = take(4);
	u_long initialised = COUNT(initialised), runs = COUNT(init_runs);
	u_int i;

	vm_page_tag_zero(&m[2]);
	manage(m, 4);
	for (i = 0; i < 4; i++)
		if (i != 2)
			dirty(&m[i], i);
	vm_page_tag_init_run(m, 4);
	for (i = 0; i < 4; i++) {
		HT_ASSERT_EQ(tag_state(&m[i]), PG_TAGGED);
		HT_ASSERT(tags_all(&m[i], 0));
		HT_ASSERT_EQ(fake_tags_clears(&m[i]), i == 2 ? 0 : 1);
	}
	HT_ASSERT(data_is(&m[3], 3));
	HT_ASSERT_EQ(COUNT(initialised) - initialised, 3);
	HT_ASSERT_EQ(COUNT(init_runs) - runs, 1);
	vm_page_tag_init_run(&m[1], 1);
	HT_ASSERT_EQ(COUNT(init_runs) - runs, 1);
}

/*
 * A run none of whose pages is tagged (mprotect adding PROT_MTE over
 * untagged resident memory): every page cleared once, in the run's one
 * pass, data kept, all published.
 */
HT_TEST(init_run_of_untagged_pages_clears_each_once)
{
	struct vm_page *m = take(8);
	u_long initialised = COUNT(initialised), valid = vm_page_tag_valid_count();
	u_int i;

	manage(m, 8);
	for (i = 0; i < 8; i++)
		dirty(&m[i], i);
	vm_page_tag_init_run(m, 8);
	for (i = 0; i < 8; i++) {
		HT_ASSERT_EQ(tag_state(&m[i]), PG_TAGGED);
		HT_ASSERT(tags_all(&m[i], 0));
		HT_ASSERT_EQ(fake_tags_clears(&m[i]), 1);
		HT_ASSERT(data_is(&m[i], i));
	}
	HT_ASSERT_EQ(COUNT(initialised) - initialised, 8);
	HT_ASSERT_EQ(vm_page_tag_valid_count() - valid, 8);
	vm_page_tag_init_run(m, 8);
	for (i = 0; i < 8; i++)
		HT_ASSERT_EQ(fake_tags_clears(&m[i]), 1);
}

static struct vm_page *race_pages;
static u_int race_go;			/* (A) */

/* Initialise every race page, in an order of this thread's own. */
static void *
race_thread(void *arg)
{
	u_int id = (u_int)(uintptr_t)arg, i;

	while (__atomic_load_n(&race_go, __ATOMIC_ACQUIRE) == 0)
		sched_yield();
	for (i = 0; i < RACE_PAGES; i++)
		vm_page_tag_init(&race_pages[(i * (2 * id + 1) + id) %
		    RACE_PAGES]);
	return (NULL);
}

/*
 * Even threads initialise overlapping runs of the race pages (each run
 * takes its bit locks in ascending order), odd ones single pages in an
 * order of their own.
 */
static void *
race_run_thread(void *arg)
{
	u_int id = (u_int)(uintptr_t)arg, i, start, len;

	while (__atomic_load_n(&race_go, __ATOMIC_ACQUIRE) == 0)
		sched_yield();
	for (i = 0; i < RACE_PAGES; i++) {
		if (id % 2 == 0) {
			start = (i * 3 + id) % RACE_PAGES;
			len = MIN(RACE_PAGES - start, 1 + (i + id) % 5);
			vm_page_tag_init_run(&race_pages[start], len);
		} else {
			vm_page_tag_init(&race_pages[(i * (2 * id + 1) + id) %
			    RACE_PAGES]);
		}
	}
	return (NULL);
}

/*
 * RACE_THREADS threads running fn over RACE_PAGES dirty pages, released
 * at once: every page ends tagged with its tags cleared exactly once and
 * its data kept, and each page counts as initialised once.
 */
static void
race_pages_init_with(void *(*fn)(void *))
{
	pthread_t threads[RACE_THREADS];
	u_long initialised = COUNT(initialised);
	u_int i;

	race_go = 0;
	race_pages = take(RACE_PAGES);
	manage(race_pages, RACE_PAGES);
	for (i = 0; i < RACE_PAGES; i++)
		dirty(&race_pages[i], i);
	for (i = 0; i < RACE_THREADS; i++)
		HT_ASSERT(pthread_create(&threads[i], NULL, fn,
		    (void *)(uintptr_t)i) == 0);
	__atomic_store_n(&race_go, 1, __ATOMIC_RELEASE);
	for (i = 0; i < RACE_THREADS; i++)
		HT_ASSERT(pthread_join(threads[i], NULL) == 0);
	for (i = 0; i < RACE_PAGES; i++) {
		HT_ASSERT_EQ(tag_state(&race_pages[i]), PG_TAGGED);
		HT_ASSERT_EQ(fake_tags_clears(&race_pages[i]), 1);
		HT_ASSERT(tags_all(&race_pages[i], 0));
		HT_ASSERT(data_is(&race_pages[i], i));
	}
	HT_ASSERT_EQ(COUNT(initialised) - initialised, RACE_PAGES);
}

/*
 * Runs and single pages initialised at once by several threads: no
 * deadlock, each page's tags cleared exactly once, by the holder of its
 * bit lock, and every page ends tagged with the bit lock free.
 */
HT_TEST(init_runs_and_pages_race_without_deadlock)
{
	race_pages_init_with(race_run_thread);
}

/*
 * Threads initialise the same pages at once: each page's tags are
 * cleared exactly once, by the holder of its bit lock (fake_tags.c aborts
 * otherwise), and every page ends tagged with the bit lock free.
 */
HT_TEST(init_is_exactly_once_under_racing_threads)
{
	race_pages_init_with(race_thread);
}

HT_TEST(copy_of_a_tagged_page_carries_data_tags_and_flag)
{
	struct vm_page *src = take(1), *dst = take(1);
	u_long copied, valid;

	vm_page_tag_zero(src);
	copied = COUNT(copied);
	valid = vm_page_tag_valid_count();
	manage(src, 1);
	dirty(src, 6);
	dirty(dst, 9);
	vm_page_tag_copy(src, dst);
	HT_ASSERT_EQ(tag_state(dst), PG_TAGGED);
	HT_ASSERT(data_is(dst, 6));
	HT_ASSERT(tags_are(dst, 6));
	HT_ASSERT_EQ(COUNT(copied) - copied, 1);
	HT_ASSERT_EQ(vm_page_tag_valid_count() - valid, 1);
}

HT_TEST(copy_of_an_untagged_page_carries_data_only)
{
	struct vm_page *src = take(1), *dst = take(1);
	u_long copied = COUNT(copied), calls = fake_tags_stats.copy;

	manage(src, 1);
	dirty(src, 10);
	dirty(dst, 11);
	vm_page_tag_copy(src, dst);
	HT_ASSERT_EQ(tag_state(dst), 0);
	HT_ASSERT(data_is(dst, 10));
	HT_ASSERT(tags_are(dst, 11));
	HT_ASSERT_EQ(fake_tags_stats.copy, calls);
	HT_ASSERT_EQ(COUNT(copied), copied);
}

HT_TEST(free_drops_tag_state_and_counts_tagged_pages)
{
	struct vm_page *m = take(3);
	u_long freed = COUNT(freed);

	vm_page_tag_zero(&m[0]);
	vm_page_tag_zero(&m[2]);
	vm_page_tag_free(m, 3);
	HT_ASSERT_EQ(tag_state(&m[0]), 0);
	HT_ASSERT_EQ(tag_state(&m[1]), 0);
	HT_ASSERT_EQ(tag_state(&m[2]), 0);
	HT_ASSERT_EQ(COUNT(freed) - freed, 2);
	/* A freed page, reused for a tagged mapping, is initialised anew. */
	manage(m, 1);
	fake_tags_set(&m[0], 0, 3);
	vm_page_tag_init(&m[0]);
	HT_ASSERT_EQ(fake_tags_clears(&m[0]), 1);
	HT_ASSERT(tags_all(&m[0], 0));
}

/*
 * A run is read eight pages a step and its tail one by one: all tagged,
 * none tagged and a mix each lose every PG_TAGGED, counted once each.
 */
HT_TEST(free_run_drops_tag_state_of_every_page)
{
	struct vm_page *all = take(21), *none = take(21), *mix = take(21);
	u_long freed = COUNT(freed);
	u_int i;

	vm_page_tag_zero_run(all, 21);
	vm_page_tag_free(all, 21);
	HT_ASSERT_EQ(COUNT(freed) - freed, 21);
	vm_page_tag_free(none, 21);
	HT_ASSERT_EQ(COUNT(freed) - freed, 21);
	vm_page_tag_zero(&mix[3]);
	vm_page_tag_zero(&mix[8]);
	vm_page_tag_zero(&mix[20]);
	vm_page_flag_set(&mix[5], PG_DROP);
	vm_page_tag_free(mix, 21);
	HT_ASSERT_EQ(COUNT(freed) - freed, 24);
	for (i = 0; i < 21; i++) {
		HT_ASSERT_EQ(tag_state(&all[i]), 0);
		HT_ASSERT_EQ(tag_state(&none[i]), 0);
		HT_ASSERT_EQ(tag_state(&mix[i]), 0);
	}
	/* Other flags are left alone. */
	HT_ASSERT_EQ(vm_page_flags(&mix[5]), PG_DROP);
}

HT_TEST(save_and_restore_round_trip_in_packed_form)
{
	struct vm_page *src = take(1), *dst = take(1), *plain = take(1);
	uint8_t buf[MD_TAG_PAGE_BYTES];
	u_long saved = COUNT(saved), restored = COUNT(restored);
	u_int g;

	memset(buf, 0xa5, sizeof(buf));
	HT_ASSERT(!vm_page_tag_save(plain, buf));
	HT_ASSERT_EQ(buf[0], 0xa5);
	HT_ASSERT_EQ(COUNT(saved), saved);
	vm_page_tag_zero(src);
	dirty(src, 12);
	HT_ASSERT(vm_page_tag_save(src, buf));
	for (g = 0; g < GRANULES; g++)
		HT_ASSERT_EQ((buf[g / 2] >> (4 * (g & 1))) & 0xf,
		    (g * 5 + 12 + 1) & 0xf);
	vm_page_tag_saved(1);
	dirty(dst, 13);
	vm_page_tag_restore(&dst, (const uint8_t *const []){ buf }, 1);
	HT_ASSERT_EQ(tag_state(dst), PG_TAGGED);
	HT_ASSERT(tags_are(dst, 12));
	HT_ASSERT(data_is(dst, 13));
	HT_ASSERT_EQ(COUNT(saved) - saved, 1);
	HT_ASSERT_EQ(COUNT(restored) - restored, 1);
}

/*
 * vm_page_tag_restore of a run: each page gets its own buffer's tags and
 * keeps its data, all are PG_TAGGED after it, the primitive runs once
 * for the run, and the counters grow by the run's length; a run of none
 * touches nothing.
 */
HT_TEST(restore_run_gives_each_page_its_own_tags)
{
	enum { N = 5 };
	uint8_t bufs[N][MD_TAG_PAGE_BYTES];
	const uint8_t *bp[N];
	struct vm_page *src = take(1), *dst[N];
	u_long restored, valid, runs;
	int i;

	vm_page_tag_zero(src);
	restored = COUNT(restored);
	valid = vm_page_tag_valid_count();
	runs = fake_tags_stats.restore_runs;
	for (i = 0; i < N; i++) {
		dst[i] = take(1);
		dirty(src, 20 + i);
		HT_ASSERT(vm_page_tag_save(src, bufs[i]));
		bp[i] = bufs[i];
		dirty(dst[i], 40 + i);
	}
	vm_page_tag_restore(dst, bp, 0);
	HT_ASSERT_EQ(fake_tags_stats.restore_runs, runs);
	HT_ASSERT_EQ(COUNT(restored), restored);
	vm_page_tag_restore(dst, bp, N);
	HT_ASSERT_EQ(fake_tags_stats.restore_runs - runs, 1);
	for (i = 0; i < N; i++) {
		HT_ASSERT_EQ(tag_state(dst[i]), PG_TAGGED);
		HT_ASSERT(tags_are(dst[i], 20 + i));
		HT_ASSERT(data_is(dst[i], 40 + i));
	}
	HT_ASSERT_EQ(COUNT(restored) - restored, N);
	HT_ASSERT_EQ(vm_page_tag_valid_count() - valid, N);
}

static struct vm_page *bad_page, *bad_other, *bad_run;

static void
init_unmanaged(void)
{
	vm_page_tag_init(bad_page);
}

static void
init_free(void)
{
	bad_page->object = (struct vm_object *)&dummy_object;
	vm_page_flag_set(bad_page, PG_FREE);
	vm_page_tag_init(bad_page);
}

static void
init_without_tag_storage(void)
{
	bad_page->object = (struct vm_object *)&dummy_object;
	fake_tags_enabled = false;
	vm_page_tag_init(bad_page);
}

static void
free_while_initialising(void)
{
	vm_page_flag_set(bad_page, PG_TAGBUSY);
	vm_page_tag_free(bad_page, 1);
}

static void
free_run_while_initialising(void)
{
	vm_page_tag_zero_run(bad_run, 21);
	vm_page_flag_set(&bad_run[13], PG_TAGBUSY);
	vm_page_tag_free(bad_run, 21);
}

static void
copy_onto_tagged(void)
{
	vm_page_tag_zero(bad_page);
	bad_page->object = (struct vm_object *)&dummy_object;
	vm_page_tag_zero(bad_other);
	vm_page_tag_copy(bad_page, bad_other);
}

static void
birth_twice(void)
{
	vm_page_tag_zero(bad_page);
	vm_page_tag_zero(bad_page);
}

/* Broken invariants of the callers stop the kernel (in a child here). */
HT_TEST(misuse_panics)
{
	bad_page = take(1);
	bad_other = take(1);
	bad_run = take(21);
	HT_ASSERT(ht_panics(init_unmanaged));
	HT_ASSERT(ht_panics(init_free));
	HT_ASSERT(ht_panics(init_without_tag_storage));
	HT_ASSERT(ht_panics(free_while_initialising));
	HT_ASSERT(ht_panics(free_run_while_initialising));
	HT_ASSERT(ht_panics(copy_onto_tagged));
	HT_ASSERT(ht_panics(birth_twice));
	HT_ASSERT_EQ(tag_state(bad_page), 0);
}
