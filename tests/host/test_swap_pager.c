/*
 * Host tests of the swap pager (sys/vm/swap_pager.c, swap_map.c) over a
 * RAM disk whose requests end when the test says (fake_disk.c) and the
 * fake tag primitives: pages of every tag pattern written and read back
 * identical, tags and all; the disk's layout (one request per cluster,
 * a uniform page's tags one byte); write errors, ENOSPC, freeing while a
 * write is in flight, read-around over two clusters, collapse (copy), and
 * random sequences against a model of the object's swap map.
 */
#include <stdlib.h>
#include <string.h>

#include "hosttest.h"
#include "sys/types.h"
#include "sys/param.h"
#include "sys/errno.h"
#include "sys/bio.h"
#include "sys/malloc.h"
#include "machine/vmparam.h"
#include "vm/vm.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"
#include "vm/vm_page_tags.h"
#include "vm/vm_phys.h"
#include "vm/swap_map.h"
#include "vm/swap_pager.h"
#include "vm/swap_tags.h"
#include "fake_disk.h"
#include "fake_tags.h"
#include "vm_harness.h"

#define DISK_BYTES	(2UL << 20)	/* 512 blocks */
#define GRANULES	(PAGE_SIZE / MD_TAG_GRANULE_SIZE)

/* How a test page's tags look. */
enum kind { UNTAGGED, UNIFORM, TWO, RUNS, DISTINCT, NKINDS };

static u_int	done_calls, done_errors;

/* The done() of every putpages here: counts what it is told. */
static void
done_cb(struct vm_page *m, int error)
{
	done_calls++;
	if (error != 0)
		done_errors++;
}

static void
setup(void)
{
	vmh_boot();
	vm_object_deallocate(vm_object_allocate_anon(1));
	fake_disk_attach(DISK_BYTES);
	swap_pager_init();
	done_calls = done_errors = 0;
}

static u_int
tag_for(enum kind k, u_int seed, u_int g)
{
	switch (k) {
	case UNIFORM:
		return (seed & 0xf);
	case TWO:
		return (g % 2 ? seed & 0xf : (seed + 5) & 0xf);
	case RUNS:
		return ((g / 32 + seed) & 0xf);
	default:
		return ((g * 7 + seed) & 0xf);
	}
}

/* A page at pindex of object (locked) with data and tags from seed. */
static struct vm_page *
make_page(struct vm_object *object, vm_pindex_t pindex, enum kind k,
    u_int seed)
{
	struct vm_page *m;
	uint8_t *p;
	u_int i;

	m = vm_page_alloc(object, pindex, 0);
	if (m == NULL)
		abort();
	p = vm_page_to_dmap(m);
	for (i = 0; i < PAGE_SIZE; i++)
		p[i] = (uint8_t)(i * 31 + seed * 101 + (i >> 8));
	if (k != UNTAGGED) {
		vm_page_tag_init(m);
		for (i = 0; i < GRANULES; i++)
			fake_tags_set(m, i, tag_for(k, seed, i));
	}
	return (m);
}

/* True if m holds what make_page(k, seed) put in a page. */
static bool
page_matches(struct vm_page *m, enum kind k, u_int seed)
{
	uint8_t *p = vm_page_to_dmap(m);
	u_int i;

	for (i = 0; i < PAGE_SIZE; i++)
		if (p[i] != (uint8_t)(i * 31 + seed * 101 + (i >> 8)))
			return (false);
	if (vm_page_tagged(m) != (k != UNTAGGED))
		return (false);
	if (k == UNTAGGED)
		return (true);
	for (i = 0; i < GRANULES; i++)
		if (fake_tags_get(m, i) != tag_for(k, seed, i))
			return (false);
	return (true);
}

/* The record length of make_page(k, seed)'s tags. */
static u_int
record_len(enum kind k, u_int seed)
{
	uint8_t rec[SWAP_TAGS_MAXREC];
	u_int g;

	memset(rec, 0, sizeof(rec));
	for (g = 0; g < GRANULES; g++)
		rec[g / 2] |= tag_for(k, seed, g) << (4 * (g % 2));
	return (swap_tags_compress(rec));
}

/* Fresh pages (not tagged, contents stale) at [first, first + n). */
static void
fresh_pages(struct vm_object *object, vm_pindex_t first, int n,
    struct vm_page **ma)
{
	int i;

	vm_object_lock(object);
	for (i = 0; i < n; i++) {
		ma[i] = vm_page_alloc(object, first + i, 0);
		if (ma[i] == NULL)
			abort();
		memset(vm_page_to_dmap(ma[i]), 0xa5, PAGE_SIZE);
	}
	vm_object_unlock(object);
}

static void
free_pages(struct vm_object *object, struct vm_page **ma, int n)
{
	int i;

	vm_object_lock(object);
	for (i = 0; i < n; i++)
		vm_page_free(ma[i]);
	vm_object_unlock(object);
}

/*
 * Pages of every kind out in one cluster and back in: one write request
 * holding data and records, a uniform page's tags one byte, haspage's
 * read-around, the counters, and every slot free at the end.
 */
HT_TEST(round_trip_every_kind)
{
	struct vm_object *object;
	struct vm_page *ma[10];
	struct swap_pager_counters c0 = swap_pager_counters;
	u_long writes0, bytes0;
	uint64_t used0;
	u_int tagbytes = 0, ntagged = 0;
	int i, before, after;

	setup();
	used0 = swap_pager_used();
	object = vm_object_allocate_anon(64);
	vm_object_lock(object);
	for (i = 0; i < 10; i++) {
		ma[i] = make_page(object, 20 + i, i % NKINDS, i);
		if (i % NKINDS != UNTAGGED) {
			tagbytes += record_len(i % NKINDS, i);
			ntagged++;
		}
	}
	HT_ASSERT_EQ(record_len(UNIFORM, 1), 1);
	HT_ASSERT_EQ(record_len(DISTINCT, 4), 128);
	writes0 = fake_disk_stats.writes;
	bytes0 = fake_disk_stats.bytes_written;
	HT_ASSERT_EQ(swap_pager_putpages(object, ma, 10, done_cb), 0);
	/* queued, not ended: not on swap yet, but its blocks are taken */
	HT_ASSERT(!swap_pager_haspage(object, 20, NULL, NULL));
	HT_ASSERT_EQ(swap_pager_used(), used0 + 11 * PAGE_SIZE);
	vm_object_unlock(object);
	HT_ASSERT_EQ(done_calls, 0);
	fake_disk_end(false);
	HT_ASSERT_EQ(done_calls, 10);
	HT_ASSERT_EQ(done_errors, 0);
	HT_ASSERT_EQ(fake_disk_stats.writes, writes0 + 1);
	HT_ASSERT_EQ(fake_disk_stats.bytes_written - bytes0,
	    10 * PAGE_SIZE + roundup2(tagbytes, DEV_BSIZE));
	HT_ASSERT_EQ(swap_pager_counters.pgsout - c0.pgsout, 10);
	HT_ASSERT_EQ(swap_pager_counters.tagged_out - c0.tagged_out, ntagged);
	HT_ASSERT_EQ(swap_pager_counters.tag_bytes_out - c0.tag_bytes_out,
	    tagbytes);

	vm_object_lock(object);
	HT_ASSERT(swap_pager_haspage(object, 23, &before, &after));
	HT_ASSERT_EQ(before, 3);
	HT_ASSERT_EQ(after, 6);
	HT_ASSERT(!swap_pager_haspage(object, 19, &before, &after));
	HT_ASSERT(!swap_pager_haspage(object, 30, NULL, NULL));
	vm_object_unlock(object);
	free_pages(object, ma, 10);

	fresh_pages(object, 20, 10, ma);
	HT_ASSERT_EQ(swap_pager_getpages(object, ma, 10), 0);
	for (i = 0; i < 10; i++)
		HT_ASSERT(page_matches(ma[i], i % NKINDS, i));
	HT_ASSERT_EQ(swap_pager_counters.pgsin - c0.pgsin, 10);
	HT_ASSERT_EQ(swap_pager_counters.tagged_in - c0.tagged_in, ntagged);
	vm_object_lock(object);
	HT_ASSERT(!swap_pager_haspage(object, 23, NULL, NULL));
	vm_object_unlock(object);
	HT_ASSERT_EQ(swap_pager_used(), used0);
	HT_ASSERT_EQ(object->swp_map.sm_count, 0);
	free_pages(object, ma, 10);
	vm_object_deallocate(object);
}

/*
 * Records lie end to end in the tag block, each saved raw where the last
 * ended and shortened there, so a uniform page's record written last
 * leaves raw words past the sectors the write covers (here records at 0,
 * 1, 129, 257 and 385, raw words to 513).  Once the write has ended no
 * byte of the bounce page holds tags, the disk got zeroes after the last
 * record, and page-in wipes its read buffer too.
 */
HT_TEST(no_tags_left_in_bounce_pages)
{
	static const enum kind kinds[5] = { UNIFORM, DISTINCT, DISTINCT,
	    DISTINCT, UNIFORM };
	struct vm_object *object;
	struct vm_page *ma[5];
	const uint8_t *mem, *disk;
	struct swap_ent *se;
	u_int i;

	setup();
	object = vm_object_allocate_anon(8);
	vm_object_lock(object);
	for (i = 0; i < 5; i++)
		ma[i] = make_page(object, i, kinds[i], 5 + i);
	HT_ASSERT_EQ(swap_pager_putpages(object, ma, 5, done_cb), 0);
	vm_object_unlock(object);
	fake_disk_end(false);
	HT_ASSERT_EQ(done_errors, 0);
	mem = (const uint8_t *)PHYS_TO_DMAP(fake_disk_stats.last_seg);
	for (i = 0; i < 2 * DEV_BSIZE; i++)
		HT_ASSERT_EQ(mem[i], 0);
	vm_object_lock(object);
	se = swap_map_lookup(&object->swp_map, 4);
	HT_ASSERT(se != NULL);
	HT_ASSERT_EQ(se->se_tagoff, 385);
	HT_ASSERT_EQ(se->se_taglen, 1);
	disk = fake_disk_bytes() + (uint64_t)se->se_tagblk * PAGE_SIZE;
	vm_object_unlock(object);
	HT_ASSERT_EQ(disk[0], 5);
	HT_ASSERT_EQ(disk[385], 9);
	for (i = 386; i < DEV_BSIZE; i++)
		HT_ASSERT_EQ(disk[i], 0);
	free_pages(object, ma, 5);

	fresh_pages(object, 0, 5, ma);
	HT_ASSERT_EQ(swap_pager_getpages(object, ma, 5), 0);
	for (i = 0; i < 5; i++)
		HT_ASSERT(page_matches(ma[i], kinds[i], 5 + i));
	mem = (const uint8_t *)PHYS_TO_DMAP(fake_disk_stats.last_seg);
	for (i = 0; i < DEV_BSIZE; i++)
		HT_ASSERT_EQ(mem[i], 0);
	free_pages(object, ma, 5);
	vm_object_deallocate(object);
}

/*
 * More tag blocks in flight than the pool of bounce pages holds: the
 * rest come from vm_phys and go back there, so once every write has
 * ended (in random order) and every page is read back, identical, the
 * free page count is what it was, no bounce page holds tags and no tag
 * block's sector holds anything past its record (stale memory of a page
 * from vm_phys, or of one zeroed for the pool, reaches no disk).  Twice:
 * the first round also warms kmalloc, whose pages stay with it.
 */
HT_TEST(bounce_pages_beyond_the_pool)
{
	struct vm_object *object;
	enum { N = SWAP_BOUNCE_POOL + 8 };
	struct vm_page *ma[N];
	struct swap_ent *se;
	const uint8_t *mem;
	u_long free0;
	int i, j, round;

	setup();
	object = vm_object_allocate_anon(N);
	vm_object_lock(object);
	for (i = 0; i < N; i++)
		ma[i] = make_page(object, i, i % 2 ? UNIFORM : DISTINCT, i);
	vm_object_unlock(object);
	for (round = 0; round < 2; round++) {
		free0 = vm_phys_free_count();
		vm_object_lock(object);
		for (i = 0; i < N; i++)
			HT_ASSERT_EQ(swap_pager_putpages(object, &ma[i], 1,
			    done_cb), 0);
		vm_object_unlock(object);
		fake_disk_end(true);
		HT_ASSERT_EQ(done_calls, N * (round + 1));
		HT_ASSERT_EQ(done_errors, 0);
		mem = (const uint8_t *)PHYS_TO_DMAP(fake_disk_stats.last_seg);
		for (i = 0; i < DEV_BSIZE; i++)
			HT_ASSERT_EQ(mem[i], 0);
		/* Each tag block's sector: its record, then zeroes. */
		vm_object_lock(object);
		for (i = 0; i < N; i++) {
			se = swap_map_lookup(&object->swp_map, i);
			HT_ASSERT(se != NULL && se->se_tagoff == 0);
			mem = fake_disk_bytes() +
			    (uint64_t)se->se_tagblk * PAGE_SIZE;
			for (j = se->se_taglen; j < DEV_BSIZE; j++)
				HT_ASSERT_EQ(mem[j], 0);
		}
		vm_object_unlock(object);
		free_pages(object, ma, N);
		fresh_pages(object, 0, N, ma);
		for (i = 0; i < N; i += SWAP_PAGER_MAXPAGES)
			HT_ASSERT_EQ(swap_pager_getpages(object, &ma[i],
			    MIN(N - i, SWAP_PAGER_MAXPAGES)), 0);
		for (i = 0; i < N; i++)
			HT_ASSERT(page_matches(ma[i], i % 2 ? UNIFORM :
			    DISTINCT, i));
		if (round == 1)
			HT_ASSERT_EQ(vm_phys_free_count(), free0);
	}
	free_pages(object, ma, N);
	vm_object_deallocate(object);
}

/*
 * A damaged record on the disk (a 1-byte record whose tag is not a
 * nibble): page-in fails with EIO and keeps the slots; repaired, it
 * succeeds.
 */
HT_TEST(damaged_record_is_eio)
{
	struct vm_object *object;
	struct vm_page *ma[2];
	struct swap_ent *se;
	uint8_t *rec, good;

	setup();
	object = vm_object_allocate_anon(8);
	vm_object_lock(object);
	ma[0] = make_page(object, 0, DISTINCT, 3);
	ma[1] = make_page(object, 1, UNIFORM, 7);
	HT_ASSERT_EQ(swap_pager_putpages(object, ma, 2, done_cb), 0);
	vm_object_unlock(object);
	fake_disk_end(false);
	vm_object_lock(object);
	se = swap_map_lookup(&object->swp_map, 1);
	HT_ASSERT(se != NULL && se->se_taglen == 1);
	rec = fake_disk_bytes() + (uint64_t)se->se_tagblk * PAGE_SIZE +
	    se->se_tagoff;
	vm_object_unlock(object);
	free_pages(object, ma, 2);
	good = *rec;
	*rec = 0x17;
	fresh_pages(object, 0, 2, ma);
	HT_ASSERT_EQ(swap_pager_getpages(object, ma, 2), EIO);
	vm_object_lock(object);
	HT_ASSERT(swap_pager_haspage(object, 1, NULL, NULL));
	vm_object_unlock(object);
	free_pages(object, ma, 2);
	*rec = good;
	fresh_pages(object, 0, 2, ma);
	HT_ASSERT_EQ(swap_pager_getpages(object, ma, 2), 0);
	HT_ASSERT(page_matches(ma[0], DISTINCT, 3));
	HT_ASSERT(page_matches(ma[1], UNIFORM, 7));
	free_pages(object, ma, 2);
	vm_object_deallocate(object);
}

/* A write that fails leaves the map as it was and frees its blocks. */
HT_TEST(write_error)
{
	struct vm_object *object;
	struct vm_page *ma[3];
	uint64_t used0;
	int i;

	setup();
	used0 = swap_pager_used();
	object = vm_object_allocate_anon(8);
	vm_object_lock(object);
	for (i = 0; i < 3; i++)
		ma[i] = make_page(object, i, i == 1 ? DISTINCT : UNTAGGED, i);
	HT_ASSERT_EQ(swap_pager_putpages(object, ma, 3, done_cb), 0);
	vm_object_unlock(object);
	fake_disk_fail(1);
	fake_disk_end(false);
	HT_ASSERT_EQ(done_calls, 3);
	HT_ASSERT_EQ(done_errors, 3);
	vm_object_lock(object);
	for (i = 0; i < 3; i++)
		HT_ASSERT(!swap_pager_haspage(object, i, NULL, NULL));
	HT_ASSERT_EQ(object->swp_map.sm_count, 0);
	vm_object_unlock(object);
	HT_ASSERT_EQ(swap_pager_used(), used0);
	for (i = 0; i < 3; i++)
		HT_ASSERT(page_matches(ma[i], i == 1 ? DISTINCT : UNTAGGED, i));
	free_pages(object, ma, 3);
	vm_object_deallocate(object);
}

/* A read that fails keeps the slots; a retry then succeeds. */
HT_TEST(read_error_keeps_slots)
{
	struct vm_object *object;
	struct vm_page *ma[2];
	uint64_t used0;

	setup();
	used0 = swap_pager_used();
	object = vm_object_allocate_anon(8);
	vm_object_lock(object);
	ma[0] = make_page(object, 4, RUNS, 9);
	ma[1] = make_page(object, 5, UNTAGGED, 8);
	HT_ASSERT_EQ(swap_pager_putpages(object, ma, 2, done_cb), 0);
	vm_object_unlock(object);
	fake_disk_end(false);
	free_pages(object, ma, 2);
	fresh_pages(object, 4, 2, ma);
	fake_disk_fail(1);
	HT_ASSERT_EQ(swap_pager_getpages(object, ma, 2), EIO);
	vm_object_lock(object);
	HT_ASSERT(swap_pager_haspage(object, 4, NULL, NULL));
	vm_object_unlock(object);
	free_pages(object, ma, 2);
	fresh_pages(object, 4, 2, ma);
	HT_ASSERT_EQ(swap_pager_getpages(object, ma, 2), 0);
	HT_ASSERT(page_matches(ma[0], RUNS, 9));
	HT_ASSERT(page_matches(ma[1], UNTAGGED, 8));
	HT_ASSERT_EQ(swap_pager_used(), used0);
	free_pages(object, ma, 2);
	vm_object_deallocate(object);
}

/*
 * A full disk: ENOSPC with nothing queued and the map unchanged;
 * freespace over the whole object gives every block back.
 */
HT_TEST(enospc_and_freespace)
{
	struct vm_object *object;
	struct vm_page *ma[SWAP_PAGER_MAXPAGES], **all;
	vm_pindex_t next = 0, p;
	uint64_t used0;
	int i, error;

	setup();
	used0 = swap_pager_used();
	HT_ASSERT_EQ(swap_pager_total(), DISK_BYTES);
	all = calloc(1024, sizeof(*all));
	object = vm_object_allocate_anon(1024);
	vm_object_lock(object);
	for (;;) {
		for (i = 0; i < SWAP_PAGER_MAXPAGES; i++)
			ma[i] = make_page(object, next + i, UNIFORM, i);
		error = swap_pager_putpages(object, ma, SWAP_PAGER_MAXPAGES,
		    done_cb);
		if (error != 0)
			break;
		for (i = 0; i < SWAP_PAGER_MAXPAGES; i++)
			all[next + i] = ma[i];
		next += SWAP_PAGER_MAXPAGES;
	}
	HT_ASSERT_EQ(error, ENOSPC);
	HT_ASSERT(!swap_pager_avail(SWAP_PAGER_MAXPAGES));
	HT_ASSERT_EQ(fake_disk_stats.queued, next / SWAP_PAGER_MAXPAGES);
	for (i = 0; i < SWAP_PAGER_MAXPAGES; i++)
		vm_page_free(ma[i]);
	vm_object_unlock(object);
	fake_disk_end(true);
	HT_ASSERT_EQ(done_errors, 0);
	HT_ASSERT_EQ(done_calls, next);
	vm_object_lock(object);
	for (p = 0; p < next; p++)
		vm_page_free(all[p]);
	free(all);
	HT_ASSERT(swap_pager_haspage(object, next - 1, NULL, NULL));
	HT_ASSERT(!swap_pager_haspage(object, next, NULL, NULL));
	swap_pager_freespace(object, 5, 7);
	HT_ASSERT(!swap_pager_haspage(object, 5, NULL, NULL));
	HT_ASSERT(swap_pager_haspage(object, 7, NULL, NULL));
	HT_ASSERT_EQ(object->swp_map.sm_count, next - 2);
	swap_pager_freespace(object, 0, OBJ_MAX_PINDEX);
	HT_ASSERT_EQ(object->swp_map.sm_count, 0);
	vm_object_unlock(object);
	HT_ASSERT_EQ(swap_pager_used(), used0);
	HT_ASSERT(swap_pager_avail(SWAP_PAGER_MAXPAGES));
	vm_object_deallocate(object);
}

/* Freed while being written: the blocks go when the write ends. */
HT_TEST(freespace_during_write)
{
	struct vm_object *object;
	struct vm_page *ma[4];
	uint64_t used0;
	int i;

	setup();
	used0 = swap_pager_used();
	object = vm_object_allocate_anon(8);
	vm_object_lock(object);
	for (i = 0; i < 4; i++)
		ma[i] = make_page(object, i, i % 2 ? TWO : UNTAGGED, i);
	HT_ASSERT_EQ(swap_pager_putpages(object, ma, 4, done_cb), 0);
	swap_pager_freespace(object, 1, 3);
	vm_object_unlock(object);
	fake_disk_end(false);
	HT_ASSERT_EQ(done_calls, 4);
	HT_ASSERT_EQ(done_errors, 0);
	vm_object_lock(object);
	HT_ASSERT(swap_pager_haspage(object, 0, NULL, NULL));
	HT_ASSERT(!swap_pager_haspage(object, 1, NULL, NULL));
	HT_ASSERT(!swap_pager_haspage(object, 2, NULL, NULL));
	HT_ASSERT(swap_pager_haspage(object, 3, NULL, NULL));
	/* pages 0 and 3 hold the data block of 0, 3 and the tag block */
	HT_ASSERT_EQ(swap_pager_used(), used0 + 3 * PAGE_SIZE);
	for (i = 0; i < 4; i++)
		vm_page_free(ma[i]);
	swap_pager_freespace(object, 0, OBJ_MAX_PINDEX);
	vm_object_unlock(object);
	HT_ASSERT_EQ(swap_pager_used(), used0);
	vm_object_deallocate(object);
}

/*
 * A disk that ends requests inside disk_strategy (under the object lock
 * putpages holds) works too.
 */
HT_TEST(synchronous_disk)
{
	struct vm_object *object;
	struct vm_page *ma[2];

	setup();
	object = vm_object_allocate_anon(4);
	vm_object_lock(object);
	ma[0] = make_page(object, 0, DISTINCT, 3);
	ma[1] = make_page(object, 1, UNIFORM, 3);
	fake_disk_sync(true);
	HT_ASSERT_EQ(swap_pager_putpages(object, ma, 2, done_cb), 0);
	fake_disk_sync(false);
	HT_ASSERT_EQ(done_calls, 2);
	HT_ASSERT(swap_pager_haspage(object, 1, NULL, NULL));
	vm_page_free(ma[0]);
	vm_page_free(ma[1]);
	vm_object_unlock(object);
	fresh_pages(object, 0, 2, ma);
	HT_ASSERT_EQ(swap_pager_getpages(object, ma, 2), 0);
	HT_ASSERT(page_matches(ma[0], DISTINCT, 3));
	HT_ASSERT(page_matches(ma[1], UNIFORM, 3));
	free_pages(object, ma, 2);
	vm_object_deallocate(object);
}

/*
 * Read-around over two clusters written in the other order: two runs of
 * data blocks, each with its own tag block, in one getpages; and a
 * cluster whose pages are not at consecutive indexes.
 */
HT_TEST(read_around_two_clusters)
{
	struct vm_object *object;
	struct vm_page *ma[8], *mb[3];
	u_long reads0, runs0;
	int i, before, after;

	setup();
	object = vm_object_allocate_anon(16);
	vm_object_lock(object);
	for (i = 0; i < 8; i++)
		ma[i] = make_page(object, i, (i + 1) % NKINDS, 40 + i);
	HT_ASSERT_EQ(swap_pager_putpages(object, ma + 4, 4, done_cb), 0);
	HT_ASSERT_EQ(swap_pager_putpages(object, ma, 4, done_cb), 0);
	/* indexes 10, 14, 12: one cluster, scattered */
	mb[0] = make_page(object, 10, DISTINCT, 1);
	mb[1] = make_page(object, 14, UNTAGGED, 2);
	mb[2] = make_page(object, 12, RUNS, 3);
	HT_ASSERT_EQ(swap_pager_putpages(object, mb, 3, done_cb), 0);
	vm_object_unlock(object);
	fake_disk_end(true);
	HT_ASSERT_EQ(done_calls, 11);
	free_pages(object, ma, 8);
	free_pages(object, mb, 3);
	vm_object_lock(object);
	HT_ASSERT(swap_pager_haspage(object, 5, &before, &after));
	HT_ASSERT_EQ(before, 5);
	HT_ASSERT_EQ(after, 2);
	HT_ASSERT(swap_pager_haspage(object, 12, &before, &after));
	HT_ASSERT_EQ(before, 0);
	HT_ASSERT_EQ(after, 0);
	vm_object_unlock(object);
	reads0 = fake_disk_stats.reads;
	runs0 = fake_tags_stats.restore_runs;
	fresh_pages(object, 0, 8, ma);
	HT_ASSERT_EQ(swap_pager_getpages(object, ma, 8), 0);
	HT_ASSERT_EQ(fake_disk_stats.reads - reads0, 2);
	/* One restore run per tag block. */
	HT_ASSERT_EQ(fake_tags_stats.restore_runs - runs0, 2);
	for (i = 0; i < 8; i++)
		HT_ASSERT(page_matches(ma[i], (i + 1) % NKINDS, 40 + i));
	fresh_pages(object, 12, 1, mb);
	HT_ASSERT_EQ(swap_pager_getpages(object, mb, 1), 0);
	HT_ASSERT(page_matches(mb[0], RUNS, 3));
	fresh_pages(object, 14, 1, mb + 1);
	HT_ASSERT_EQ(swap_pager_getpages(object, mb + 1, 1), 0);
	HT_ASSERT(page_matches(mb[1], UNTAGGED, 2));
	fresh_pages(object, 10, 1, mb + 2);
	HT_ASSERT_EQ(swap_pager_getpages(object, mb + 2, 1), 0);
	HT_ASSERT(page_matches(mb[2], DISTINCT, 1));
	free_pages(object, ma, 8);
	free_pages(object, mb, 3);
	HT_ASSERT_EQ(object->swp_map.sm_count, 0);
	vm_object_deallocate(object);
}

/*
 * A whole cluster of tagged pages (uniform and raw records mixed, and
 * untagged pages between) comes back with its tags restored in one run:
 * one call of the primitive, the counters of saved and restored pages
 * grown by the tagged pages.  Part of a cluster (its tag block not after
 * the data read) and a page alone come back right too, in one run each.
 */
HT_TEST(page_in_restores_a_cluster_in_one_run)
{
	enum { N = SWAP_PAGER_MAXPAGES };
	struct vm_object *object;
	struct vm_page *ma[N];
	u_long runs0, saved0, restored0;
	int i, ntagged = 0;

	setup();
	object = vm_object_allocate_anon(N);
	vm_object_lock(object);
	for (i = 0; i < N; i++) {
		ma[i] = make_page(object, i, i % NKINDS, 60 + i);
		ntagged += i % NKINDS != UNTAGGED;
	}
	saved0 = vm_page_tag_counters.saved;
	HT_ASSERT_EQ(swap_pager_putpages(object, ma, N, done_cb), 0);
	HT_ASSERT_EQ(vm_page_tag_counters.saved - saved0, ntagged);
	vm_object_unlock(object);
	fake_disk_end(true);
	HT_ASSERT_EQ(done_errors, 0);
	free_pages(object, ma, N);

	runs0 = fake_tags_stats.restore_runs;
	restored0 = vm_page_tag_counters.restored;
	fresh_pages(object, 0, N - 8, ma);
	HT_ASSERT_EQ(swap_pager_getpages(object, ma, N - 8), 0);
	HT_ASSERT_EQ(fake_tags_stats.restore_runs - runs0, 1);
	fresh_pages(object, N - 8, 7, ma + N - 8);
	HT_ASSERT_EQ(swap_pager_getpages(object, ma + N - 8, 7), 0);
	HT_ASSERT_EQ(fake_tags_stats.restore_runs - runs0, 2);
	fresh_pages(object, N - 1, 1, ma + N - 1);
	HT_ASSERT_EQ(swap_pager_getpages(object, ma + N - 1, 1), 0);
	HT_ASSERT_EQ(fake_tags_stats.restore_runs - runs0,
	    (N - 1) % NKINDS != UNTAGGED ? 3 : 2);
	HT_ASSERT_EQ(vm_page_tag_counters.restored - restored0, ntagged);
	for (i = 0; i < N; i++)
		HT_ASSERT(page_matches(ma[i], i % NKINDS, 60 + i));
	free_pages(object, ma, N);
	HT_ASSERT_EQ(object->swp_map.sm_count, 0);
	vm_object_deallocate(object);
}

/*
 * Collapse: src's slots in dst's window move to dst, renumbered, unless
 * dst has the index resident or on swap; the rest are freed.
 */
HT_TEST(copy_for_collapse)
{
	struct vm_object *src, *dst;
	struct vm_page *ma[10], *own[2], *m;
	uint64_t used0;
	int i;

	setup();
	used0 = swap_pager_used();
	src = vm_object_allocate_anon(10);
	dst = vm_object_allocate_anon(5);
	vm_object_lock(src);
	for (i = 0; i < 10; i++)
		ma[i] = make_page(src, i, i % NKINDS, 60 + i);
	HT_ASSERT_EQ(swap_pager_putpages(src, ma, 10, done_cb), 0);
	vm_object_unlock(src);
	vm_object_lock(dst);
	own[0] = make_page(dst, 1, UNIFORM, 7);	/* resident at 1 */
	own[1] = make_page(dst, 2, UNIFORM, 8);	/* on swap at 2 */
	HT_ASSERT_EQ(swap_pager_putpages(dst, own + 1, 1, done_cb), 0);
	vm_object_unlock(dst);
	fake_disk_end(false);
	free_pages(src, ma, 10);
	free_pages(dst, own + 1, 1);

	vm_object_lock(dst);
	vm_object_lock(src);
	HT_ASSERT_EQ(swap_pager_copy(src, dst, 3), 0);
	HT_ASSERT_EQ(src->swp_map.sm_count, 0);
	vm_object_unlock(src);
	HT_ASSERT(swap_pager_haspage(dst, 0, NULL, NULL));
	HT_ASSERT(!swap_pager_haspage(dst, 1, NULL, NULL));
	HT_ASSERT(swap_pager_haspage(dst, 2, NULL, NULL));
	HT_ASSERT(swap_pager_haspage(dst, 3, NULL, NULL));
	HT_ASSERT(swap_pager_haspage(dst, 4, NULL, NULL));
	HT_ASSERT_EQ(dst->swp_map.sm_count, 4);
	vm_object_unlock(dst);
	/* dst 0, 3, 4 are src 3, 6, 7; dst 2 is its own */
	fresh_pages(dst, 3, 2, ma);
	HT_ASSERT_EQ(swap_pager_getpages(dst, ma, 2), 0);
	HT_ASSERT(page_matches(ma[0], 6 % NKINDS, 66));
	HT_ASSERT(page_matches(ma[1], 7 % NKINDS, 67));
	fresh_pages(dst, 0, 1, &m);
	HT_ASSERT_EQ(swap_pager_getpages(dst, &m, 1), 0);
	HT_ASSERT(page_matches(m, 3 % NKINDS, 63));
	free_pages(dst, &m, 1);
	fresh_pages(dst, 2, 1, &m);
	HT_ASSERT_EQ(swap_pager_getpages(dst, &m, 1), 0);
	HT_ASSERT(page_matches(m, UNIFORM, 8));
	free_pages(dst, &m, 1);
	free_pages(dst, ma, 2);
	free_pages(dst, own, 1);
	HT_ASSERT_EQ(swap_pager_used(), used0);
	vm_object_deallocate(src);
	vm_object_deallocate(dst);
}

/*
 * Random page-outs (clusters of resident pages, ended in random order),
 * page-ins of runs and frees, against a model of where each index is.
 */
HT_TEST(random_against_model)
{
	enum { NONE, RESIDENT, SWAPPED };
	enum { NIDX = 96 };
	struct vm_object *object;
	struct vm_page *page[NIDX], *ma[SWAP_PAGER_MAXPAGES];
	int state[NIDX];
	bool pending[NIDX];
	u_int seed[NIDX], step;
	struct swap_pager_counters c0 = swap_pager_counters;
	int k;
	uint64_t used0;
	int i, n, first, before, after;
	bool on;

	setup();
	srandom(11);
	used0 = swap_pager_used();
	object = vm_object_allocate_anon(NIDX);
	for (i = 0; i < NIDX; i++) {
		state[i] = NONE;
		pending[i] = false;
	}
	for (step = 0; step < 3000; step++) {
		first = random() % NIDX;
		n = 1 + random() % SWAP_PAGER_MAXPAGES;
		if (first + n > NIDX)
			n = NIDX - first;
		switch (random() % 4) {
		case 0:		/* make pages resident where there are none */
			vm_object_lock(object);
			for (i = first; i < first + n; i++) {
				if (state[i] != NONE)
					continue;
				seed[i] = random();
				page[i] = make_page(object, i, seed[i] % NKINDS,
				    seed[i]);
				state[i] = RESIDENT;
			}
			vm_object_unlock(object);
			break;
		case 1:		/* page out two clusters of resident pages */
			vm_object_lock(object);
			for (k = 0; k < 2; k++) {
				for (n = 0, i = first; i < NIDX &&
				    n < SWAP_PAGER_MAXPAGES; i++)
					if (state[i] == RESIDENT &&
					    !pending[i] && random() % 3 != 0)
						ma[n++] = page[i];
				if (n == 0 || swap_pager_putpages(object, ma,
				    n, done_cb) != 0)
					continue;
				while (--n >= 0)
					pending[ma[n]->pindex] = true;
			}
			vm_object_unlock(object);
			/* ended in any order; freed once ended */
			fake_disk_end(true);
			vm_object_lock(object);
			for (i = 0; i < NIDX; i++) {
				if (!pending[i])
					continue;
				pending[i] = false;
				vm_page_free(page[i]);
				state[i] = SWAPPED;
			}
			vm_object_unlock(object);
			break;
		case 2:		/* page in the run of swapped pages at first */
			fake_disk_end(true);
			for (n = 0; first + n < NIDX && n < SWAP_PAGER_MAXPAGES
			    && state[first + n] == SWAPPED; n++)
				;
			if (n == 0)
				break;
			fresh_pages(object, first, n, ma);
			HT_ASSERT_EQ(swap_pager_getpages(object, ma, n), 0);
			for (i = 0; i < n; i++) {
				HT_ASSERT(page_matches(ma[i],
				    seed[first + i] % NKINDS, seed[first + i]));
				page[first + i] = ma[i];
				state[first + i] = RESIDENT;
			}
			break;
		case 3:		/* free a range, resident or swapped */
			vm_object_lock(object);
			swap_pager_freespace(object, first, first + n);
			for (i = first; i < first + n; i++) {
				if (state[i] == RESIDENT)
					vm_page_free(page[i]);
				state[i] = NONE;
			}
			vm_object_unlock(object);
			break;
		}
		fake_disk_end(true);
		vm_object_lock(object);
		for (i = 0; i < NIDX; i++) {
			on = swap_pager_haspage(object, i, &before, &after);
			HT_ASSERT_EQ(on, state[i] == SWAPPED);
			if (on) {
				HT_ASSERT(before == 0 ||
				    state[i - before] == SWAPPED);
				HT_ASSERT(i - before == 0 || before == 31 ||
				    state[i - before - 1] != SWAPPED);
				HT_ASSERT(i + after == NIDX - 1 ||
				    after == 31 ||
				    state[i + after + 1] != SWAPPED);
			}
		}
		vm_object_unlock(object);
	}
	HT_ASSERT_EQ(done_errors, 0);
	/* the sequence did page out and in, plenty */
	HT_ASSERT(swap_pager_counters.pgsout - c0.pgsout > 1000);
	HT_ASSERT(swap_pager_counters.pgsin - c0.pgsin > 500);
	vm_object_lock(object);
	swap_pager_freespace(object, 0, OBJ_MAX_PINDEX);
	for (i = 0; i < NIDX; i++)
		if (state[i] == RESIDENT)
			vm_page_free(page[i]);
	vm_object_unlock(object);
	HT_ASSERT_EQ(swap_pager_used(), used0);
	vm_object_deallocate(object);
}

/*
 * The swap map alone against a model (one entry or none per index):
 * random inserts, removes, lookups, walks with swap_map_next, and chunks
 * prepared and given back unused; empty at the end, every chunk freed.
 */
HT_TEST(swap_map_against_model)
{
	enum { NIDX = 2000 };
	static swblk_t model[NIDX];
	struct swap_map map;
	struct swap_ent *se;
	vm_pindex_t p, q;
	u_int step, count = 0;
	int i;

	setup();
	memset(&map, 0, sizeof(map));
	for (i = 0; i < NIDX; i++)
		model[i] = SWAP_SLOT_NONE;
	srandom(12);
	for (step = 0; step < 200000; step++) {
		p = random() % NIDX;
		switch (random() % 5) {
		case 0:
		case 1:
			if (model[p] != SWAP_SLOT_NONE)
				break;
			se = swap_map_insert(&map, p);
			HT_ASSERT(se != NULL);
			se->se_blk = model[p] = step;
			count++;
			break;
		case 2:
			if (model[p] == SWAP_SLOT_NONE)
				break;
			swap_map_remove(&map, p);
			model[p] = SWAP_SLOT_NONE;
			count--;
			break;
		case 3:
			HT_ASSERT_EQ(swap_map_prepare(&map, p), 0);
			se = swap_map_lookup(&map, p);
			HT_ASSERT(se == NULL ? model[p] == SWAP_SLOT_NONE :
			    se->se_blk == model[p]);
			swap_map_unprepare(&map, p);
			break;
		case 4:
			q = p;
			if (swap_map_next(&map, &q, p + 100)) {
				HT_ASSERT(q >= p && q < p + 100 && q < NIDX);
				HT_ASSERT(model[q] != SWAP_SLOT_NONE);
			} else
				q = MIN(p + 100, NIDX);
			for (; p < q; p++)
				HT_ASSERT(model[p] == SWAP_SLOT_NONE);
			break;
		}
		HT_ASSERT_EQ(map.sm_count, count);
	}
	for (p = 0; p < NIDX; p++) {
		se = swap_map_lookup(&map, p);
		HT_ASSERT(se == NULL ? model[p] == SWAP_SLOT_NONE :
		    se->se_blk == model[p]);
		if (se != NULL)
			swap_map_remove(&map, p);
	}
	HT_ASSERT_EQ(map.sm_count, 0);
	HT_ASSERT(map.sm_chunks.root == NULL);
}
