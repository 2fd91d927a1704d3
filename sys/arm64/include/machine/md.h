/*
 * Machine-dependent services the machine-independent kernel calls:
 * power, other CPUs, diagnostics.
 */
#ifndef _MACHINE_MD_H_
#define _MACHINE_MD_H_

#include "sys/types.h"

struct trapframe;

/* Stop QEMU; status 0 means success (seen by the test harness). */
void	cpu_poweroff(int status) __attribute__((__noreturn__));
/* Ask every other CPU to stop where it is (panic). */
void	cpu_stop_others(void);
/* Print the frame-pointer chain starting at fp, symbolized. */
void	db_print_backtrace(uint64_t fp);
void	print_trapframe(const struct trapframe *tf);
void	print_esr(uint64_t esr, uint64_t far);
/* The counter that counts instructions under -icount (CNTVCT_EL0). */
uint64_t cpu_counter(void);
uint64_t cpu_counter_freq(void);

#endif /* !_MACHINE_MD_H_ */
