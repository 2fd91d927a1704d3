/*
 * thr_new(2) with tagged pointers (docs/abi.md section 2.4): the top byte
 * of a user pointer is ignored, so a thread whose start function, stack,
 * TLS pointer and id slots all carry a tag starts normally.  It runs with
 * the stack and TLS pointers it was given, tags included, and at the entry
 * point untagged.  A TLS pointer outside user space is still refused, with
 * or without a tag.
 *
 * Regression test: thr_new used to range-check tls_base and start_func
 * with their tags still on and refused every tagged pointer with EINVAL.
 */
#include <sys/types.h>
#include <sys/thr.h>
#include <sys/umtx.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "check.h"

#define	TAG_ENTRY	0x3
#define	TAG_STACK	0x5
#define	TAG_TLS		0x7
#define	TAG_TID		0x9
#define	TAG_TOP(p)	((uintptr_t)(p) >> 56)

static char thread_stack[16384] __aligned(16);

/* What the new thread saw, for the main thread to check. */
static volatile uint64_t seen_tls;
static volatile uint64_t seen_sp;
static volatile uint64_t seen_pc;
static volatile uint64_t seen_arg;
static long thread_state;	/* thr_exit() stores 1 and wakes us */

/*
 * The new thread: record TPIDR_EL0, sp and where it runs, then exit.  It
 * calls nothing that uses TLS, since its TLS pointer is the main
 * thread's.
 */
static void
tagged_thread(void *arg)
{
	uint64_t v;

	__asm __volatile("mrs %0, tpidr_el0" : "=r" (v));
	seen_tls = v;
	__asm __volatile("mov %0, sp" : "=r" (v));
	seen_sp = v;
	__asm __volatile("adr %0, ." : "=r" (v));
	seen_pc = v;
	seen_arg = (uint64_t)arg;
	thr_exit(&thread_state);
}

int
main(void)
{
	struct thr_param param;
	uint64_t tls;
	long child_tid = 0, parent_tid = 0;
	char *stack_top;

	__asm __volatile("mrs %0, tpidr_el0" : "=r" (tls));

	memset(&param, 0, sizeof(param));
	param.start_func = TAGGED(tagged_thread, TAG_ENTRY);
	param.arg = (void *)0x1234;
	param.stack_base = TAGGED(thread_stack, TAG_STACK);
	param.stack_size = sizeof(thread_stack);
	param.tls_base = TAGGED(tls, TAG_TLS);
	param.child_tid = TAGGED(&child_tid, TAG_TID);
	param.parent_tid = TAGGED(&parent_tid, TAG_TID);
	CHECK_OK(thr_new(&param, sizeof(param)));
	if (check_failures != 0)
		return (check_done());	/* no thread to wait for */
	while (__atomic_load_n(&thread_state, __ATOMIC_ACQUIRE) == 0)
		_umtx_op(&thread_state, UMTX_OP_WAIT, 0, NULL, NULL);

	CHECK(child_tid != 0);
	CHECK_EQ(parent_tid, child_tid);
	CHECK_EQ(seen_arg, 0x1234);
	/* TLS and stack keep their tags: they may point into tagged memory. */
	CHECK_EQ(seen_tls, (uint64_t)TAGGED(tls, TAG_TLS));
	CHECK_EQ(TAG_TOP(seen_sp), TAG_STACK);
	stack_top = thread_stack + sizeof(thread_stack);
	CHECK(seen_sp <= (uint64_t)TAGGED(stack_top, TAG_STACK));
	CHECK(seen_sp > (uint64_t)TAGGED(thread_stack, TAG_STACK));
	/* The entry point's tag is dropped: the thread runs untagged code. */
	CHECK_EQ(TAG_TOP(seen_pc), 0);
	CHECK(seen_pc >= (uint64_t)(uintptr_t)tagged_thread);

	/* A tag does not make a kernel or out-of-range TLS pointer valid. */
	param.child_tid = NULL;
	param.parent_tid = NULL;
	param.tls_base = TAGGED(0x0001000000000000UL, TAG_TLS);
	CHECK_ERRNO(thr_new(&param, sizeof(param)), EINVAL);
	param.tls_base = (void *)0xffff000000000000UL;
	CHECK_ERRNO(thr_new(&param, sizeof(param)), EINVAL);
	param.tls_base = TAGGED(tls, TAG_TLS);
	param.start_func = TAGGED(0x0001000000000000UL, TAG_ENTRY);
	CHECK_ERRNO(thr_new(&param, sizeof(param)), EINVAL);

	return (check_done());
}
