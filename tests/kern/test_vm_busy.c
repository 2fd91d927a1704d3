/*
 * In-kernel tests of busy pages (vm_page.h) and paging in progress
 * (vm_object.h): a thread that finds a busy page sleeps until it is
 * unbusied, and an object whose last reference goes during I/O lives on
 * until the I/O ends, its busy page then freed.
 */
#include "sys/systm.h"
#include "sys/kern_test.h"
#include "sys/param.h"
#include "sys/proc.h"
#include "vm/vm.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"
#include "machine/md.h"

static struct vm_object *busy_object;
static volatile int busy_waiter_state;	/* 0 start, 1 about to sleep, 2 done */
static volatile bool busy_waiter_slept, busy_waiter_saw_unbusied;

/* Look page 0 up; while it is busy, sleep on it; then report. */
static void
busy_waiter(void *arg __unused)
{
	struct vm_page *m;

	for (;;) {
		vm_object_lock(busy_object);
		m = vm_page_lookup(busy_object, 0);
		if (m == NULL || !vm_page_busied(m))
			break;
		__atomic_store_n(&busy_waiter_state, 1, __ATOMIC_RELEASE);
		busy_waiter_slept = true;
		vm_page_busy_sleep(m);		/* drops the object's lock */
	}
	busy_waiter_saw_unbusied = m != NULL;
	vm_object_unlock(busy_object);
	__atomic_store_n(&busy_waiter_state, 2, __ATOMIC_RELEASE);
	thread_exit();
}

/* A thread waiting for a busy page wakes when it is unbusied. */
KERN_TEST(vm_page_busy_sleep_wakes)
{
	struct thread *td;
	struct vm_page *m;
	int chan;

	busy_object = vm_object_allocate_anon(4);
	KT_ASSERT(busy_object != NULL);
	vm_object_lock(busy_object);
	m = vm_page_alloc(busy_object, 0, VM_ALLOC_ZERO);
	KT_ASSERT(m != NULL);
	vm_page_xbusy(m);
	vm_object_unlock(busy_object);
	busy_waiter_state = 0;
	busy_waiter_slept = busy_waiter_saw_unbusied = false;
	td = thread_alloc(NULL);
	KT_ASSERT(td != NULL);
	cpu_thread_start(td, busy_waiter, NULL);
	sched_add(td);
	while (__atomic_load_n(&busy_waiter_state, __ATOMIC_ACQUIRE) == 0)
		sleep_on(&chan, NULL, false, 1);
	/* Give it time to be on the sleep queue; either way it must wake. */
	sleep_on(&chan, NULL, false, 2);
	vm_object_lock(busy_object);
	vm_page_xunbusy(m);
	vm_object_unlock(busy_object);
	while (__atomic_load_n(&busy_waiter_state, __ATOMIC_ACQUIRE) != 2)
		sleep_on(&chan, NULL, false, 1);
	KT_ASSERT(busy_waiter_slept);
	KT_ASSERT(busy_waiter_saw_unbusied);
	vm_object_deallocate(busy_object);
}

/*
 * The last reference to an object with I/O in progress: the object dies
 * (its idle pages freed) but stays until the I/O ends; the busy page,
 * dropped meanwhile, is freed by the I/O's owner, and the last
 * vm_object_pip_done destroys the object.
 */
KERN_TEST(vm_object_dies_after_its_io)
{
	struct vm_object *object;
	struct vm_page *m, *idle;
	u_long objects;

	objects = vm_object_count();
	object = vm_object_allocate_anon(4);
	KT_ASSERT(object != NULL);
	vm_object_lock(object);
	m = vm_page_alloc(object, 0, VM_ALLOC_ZERO);
	idle = vm_page_alloc(object, 1, VM_ALLOC_ZERO);
	KT_ASSERT(m != NULL && idle != NULL);
	vm_page_xbusy(m);
	vm_object_pip_add(object, 1);
	vm_object_unlock(object);

	vm_object_deallocate(object);
	KT_ASSERT_EQ(vm_object_count(), objects + 1);
	vm_object_lock(object);
	KT_ASSERT((object->flags & OBJ_DEAD) != 0);
	KT_ASSERT_EQ(object->resident_page_count, 1);	/* idle went */
	KT_ASSERT((vm_page_flags(m) & PG_DROP) != 0);
	/* The I/O ends: its owner frees the dropped page, then is done. */
	vm_page_xunbusy(m);
	vm_page_free(m);
	KT_ASSERT(vm_object_pip_done(object));		/* destroyed */
	KT_ASSERT_EQ(vm_object_count(), objects);
}
