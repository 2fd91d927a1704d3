/* The Arm generic timer: a periodic tick on every CPU. */
#ifndef _MACHINE_TIMER_H_
#define _MACHINE_TIMER_H_

#define HZ	100		/* ticks per second */

void	timer_init(const void *dtb);
void	timer_init_cpu(void);

#endif /* !_MACHINE_TIMER_H_ */
