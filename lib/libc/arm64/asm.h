/* Function bracketing for libc's assembly sources. */
#ifndef _LIBC_ARM64_ASM_H_
#define	_LIBC_ARM64_ASM_H_

#define	ENTRY(name)				\
	.text;					\
	.p2align 2;				\
	.globl	name;				\
	.type	name, %function;		\
name:

#define	END(name)				\
	.size	name, . - name

#endif /* !_LIBC_ARM64_ASM_H_ */
