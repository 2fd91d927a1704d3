/*
 * Console printf.  Output from several CPUs is serialised line by line
 * under one lock so concurrent messages do not interleave mid-line; panic
 * bypasses the lock (the holder may be the CPU that died).
 */
#include "sys/systm.h"
#include "sys/cons.h"
#include "sys/spinlock.h"

static struct spinlock cons_lock = SPINLOCK_INITIALIZER("cons");
bool cons_panicking;		/* set by panic(): print without the lock */

static void
cons_put(int c, void *arg)
{
	if (c == '\n')
		cons_putc('\r');
	cons_putc(c);
}

/*
 * Write len bytes to the console as one unit (user writes to the console
 * file), "\n" becoming "\r\n" as in printf.
 */
void
cons_write(const char *buf, size_t len)
{
	bool locked = !cons_panicking;
	size_t i;

	if (locked)
		spin_lock(&cons_lock);
	for (i = 0; i < len; i++)
		cons_put((u_char)buf[i], NULL);
	if (locked)
		spin_unlock(&cons_lock);
}

/* Format to the console; returns the number of characters printed. */
int
vprintf(const char *fmt, va_list ap)
{
	int n;

	if (cons_panicking)
		return (kvprintf(fmt, cons_put, NULL, ap));
	spin_lock(&cons_lock);
	n = kvprintf(fmt, cons_put, NULL, ap);
	spin_unlock(&cons_lock);
	return (n);
}

/* Format to the console; returns the number of characters printed. */
int
printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return (n);
}
