/*
 * Structure offsets that assembly needs, asserted against the C
 * definitions in vm_machdep.c.
 */
#ifndef _MACHINE_ASMDEFS_H_
#define _MACHINE_ASMDEFS_H_

#define PC_CURTHREAD	64	/* offsetof(struct pcpu, pc_curthread) */
#define TD_PCB		96	/* offsetof(struct thread, td_pcb) */
#define TD_AST		752	/* offsetof(struct thread, td_ast) */
#define PC_OVERFLOW_STACK 96	/* offsetof(struct pcpu, pc_overflow_stack) */

#endif /* !_MACHINE_ASMDEFS_H_ */
