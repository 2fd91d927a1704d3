/*
 * Interrupts: the GIC (v2 or v3, found in the device tree) behind one
 * small interface.  Interrupt numbers are GIC INTIDs: SGIs 0-15 (used as
 * IPIs), PPIs 16-31 (per CPU, like the timer), SPIs 32 and up.
 */
#ifndef _MACHINE_INTR_H_
#define _MACHINE_INTR_H_

#include "sys/types.h"

#define INTR_NIRQ	1020		/* INTIDs 1020-1023 are special */
#define INTR_SPURIOUS	1023

/* IPIs, as SGI numbers. */
#define IPI_STOP	0		/* halt: another CPU panicked */
#define IPI_CALL	1		/* run smp_call_others()'s function */
#define IPI_WAKE	2		/* leave WFI: a thread became runnable */

/* What a GIC driver provides to intr.c. */
struct gic_ops {
	const char	*name;
	void		(*init_cpu)(void);
	void		(*enable)(u_int irq);	/* SPI: route to CPU 0 */
	u_int		(*ack)(void);
	void		(*eoi)(u_int irq);
	void		(*send_sgi)(u_int cpu, u_int sgi);
};

typedef void intr_handler_t(void *arg);

int	gic_v2_probe(const void *dtb, const struct gic_ops **ops);
int	gic_v3_probe(const void *dtb, const struct gic_ops **ops);

void	intr_init(const void *dtb);
void	intr_init_cpu(void);
void	intr_establish(u_int irq, intr_handler_t *fn, void *arg);
void	intr_establish_ipi(u_int ipi, intr_handler_t *fn, void *arg);
void	intr_ipi_send(u_int cpu, u_int ipi);
void	intr_ipi_broadcast(u_int ipi);
u_int	intr_dt_irq(const void *dtb, int node, int index);

#endif /* !_MACHINE_INTR_H_ */
