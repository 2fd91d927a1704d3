/*
 * The page daemon's queues of pages (vm_pagequeue.c; see vm_page.h for
 * the locking and vm_pageout.c for how the daemon moves pages along).
 */
#ifndef _VM_VM_PAGEQUEUE_H_
#define _VM_VM_PAGEQUEUE_H_

#include "sys/types.h"
#include "sys/queue.h"
#include "sys/spinlock.h"

struct vm_page;

struct vm_pagequeue {
	TAILQ_HEAD(, vm_page) pq_pl;	/* (Q) pages, oldest first */
	u_long		pq_cnt;		/* (Q) their number; read (A) */
};

extern struct spinlock vm_pagequeue_lock;
extern struct vm_pagequeue vm_pagequeues[];

u_long		vm_pagequeue_count(uint8_t queue);
struct vm_page	*vm_pagequeue_take(uint8_t queue, u_int *budget);

#endif /* !_VM_VM_PAGEQUEUE_H_ */
