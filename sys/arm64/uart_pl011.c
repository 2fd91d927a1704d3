/*
 * PL011 UART console (Arm PrimeCell UART TRM, DDI 0183).  Polled output
 * only: the kernel console writes a byte when the transmit FIFO has room.
 * Input is polled too, for the shell's console reads.
 */
#include "sys/systm.h"
#include "sys/cons.h"

#define UART_DR		0x00		/* data register */
#define UART_FR		0x18		/* flag register */
#define UART_FR_RXFE	(1u << 4)	/* receive FIFO empty */
#define UART_FR_TXFF	(1u << 5)	/* transmit FIFO full */

static volatile uint32_t *uart_base;

static inline uint32_t
uart_read(u_int off)
{
	return (uart_base[off / 4]);
}

static inline void
uart_write(u_int off, uint32_t v)
{
	uart_base[off / 4] = v;
}

/* Use the PL011 whose registers are mapped at va as the console. */
void
uart_pl011_attach(vm_offset_t va)
{
	uart_base = (volatile uint32_t *)va;
}

/* Write one byte, waiting for FIFO space; a no-op before attach. */
void
cons_putc(int c)
{
	if (uart_base == NULL)
		return;
	while (uart_read(UART_FR) & UART_FR_TXFF)
		;
	uart_write(UART_DR, (uint32_t)c & 0xff);
}

/* Read one byte if one is waiting; returns -1 if none. */
int
cons_getc(void)
{
	if (uart_base == NULL || (uart_read(UART_FR) & UART_FR_RXFE))
		return (-1);
	return (uart_read(UART_DR) & 0xff);
}
