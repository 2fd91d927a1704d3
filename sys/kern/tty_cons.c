/*
 * The console as a file: descriptors 0, 1 and 2 of init and, through fork,
 * of everything else.
 *
 * Output goes to the console as printf's does ("\n" sent as "\r\n"),
 * each write(2) chunk under the console lock so it does not tear a kernel
 * message.
 *
 * Input is line by line, like a terminal in canonical mode, so programs
 * need no editing of their own: the kernel echoes what is typed, handles
 * backspace (BS or DEL erases the last character), and a read returns
 * only once a line is finished by Return (stored as "\n") or ^D (the line
 * without a newline; ^D on an empty line makes that read return 0, end of
 * file).  A read takes at most one line; what it leaves stays for the
 * next.  A line holds CONS_LINE_MAX - 1 characters; more are dropped.
 * There is no receive interrupt: a reader polls the UART every tick.
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/param.h"
#include "sys/proc.h"
#include "sys/cons.h"
#include "sys/spinlock.h"
#include "sys/file.h"
#include "sys/stat.h"
#include "sys/poll.h"

#define CONS_LINE_MAX	256
#define CONS_CHUNK	256		/* write(2) bytes per console lock hold */

#define CTRL(c)		((c) & 0x1f)
#define CHAR_BS		0x08
#define CHAR_DEL	0x7f

/* Lock keys: (l) ct_lock. */
static struct cons_tty {
	struct spinlock	ct_lock;
	char		ct_line[CONS_LINE_MAX];	/* (l) */
	size_t		ct_len;		/* (l) bytes in ct_line */
	size_t		ct_off;		/* (l) bytes of a finished line read */
	bool		ct_finished;	/* (l) the line is ready to read */
	bool		ct_eof;		/* (l) ^D on an empty line */
	bool		ct_busy;	/* (l) a reader owns the line */
} cons_tty = {
	.ct_lock = SPINLOCK_INITIALIZER("cons_tty"),
};

static int	cons_file_read(struct file *fp, void *ubuf, size_t len,
		    size_t *done, struct thread *td);
static int	cons_file_write(struct file *fp, const void *ubuf, size_t len,
		    size_t *done, struct thread *td);
static int	cons_file_stat(struct file *fp, struct stat *sb,
		    struct thread *td);
static int	cons_file_poll(struct file *fp, int events,
		    struct thread *td);

static const struct fileops cons_ops = {
	.fo_read = cons_file_read,
	.fo_write = cons_file_write,
	.fo_stat = cons_file_stat,
	.fo_poll = cons_file_poll,
};

/* A new console file open for reading and writing; NULL if no memory. */
struct file *
cons_file_alloc(void)
{
	return (file_alloc(DTYPE_CONSOLE, &cons_ops, &cons_tty,
	    FREAD | FWRITE));
}

/* Edit the line being typed with input byte c, echoing (ct_lock held). */
static void
cons_tty_input(struct cons_tty *ct, char c)
{
	if (c == '\r' || c == '\n') {
		ct->ct_line[ct->ct_len++] = '\n';
		ct->ct_finished = true;
		cons_write("\n", 1);
	} else if (c == CHAR_BS || c == CHAR_DEL) {
		if (ct->ct_len > 0) {
			ct->ct_len--;
			cons_write("\b \b", 3);
		}
	} else if (c == CTRL('D')) {
		if (ct->ct_len == 0)
			ct->ct_eof = true;
		else
			ct->ct_finished = true;
	} else if (ct->ct_len < CONS_LINE_MAX - 1) {
		/* One byte stays free for the newline. */
		ct->ct_line[ct->ct_len++] = c;
		if ((u_char)c >= ' ' || c == '\t')
			cons_write(&c, 1);
	}
}

/*
 * Read from the current line, waiting (interruptibly) until it is
 * finished; see the top of the file.
 */
static int
cons_file_read(struct file *fp, void *ubuf, size_t len, size_t *done,
    struct thread *td)
{
	struct cons_tty *ct = fp->f_data;
	char buf[CONS_LINE_MAX];
	size_t n;
	int c, error = 0;

	*done = 0;
	if (len == 0)
		return (0);
	spin_lock(&ct->ct_lock);
	while (ct->ct_busy) {
		error = sleep_on(&ct->ct_busy, &ct->ct_lock, true, 0);
		if (error != 0)
			goto out;
	}
	ct->ct_busy = true;
	while (!ct->ct_finished && !ct->ct_eof) {
		if ((c = cons_getc()) >= 0) {
			cons_tty_input(ct, (char)c);
			continue;
		}
		if (fp->f_flag & FNONBLOCK) {
			error = EAGAIN;
			goto unbusy;
		}
		error = sleep_on(ct, &ct->ct_lock, true, 1);
		if (error == EAGAIN)		/* the tick passed: poll */
			error = 0;
		if (error != 0)
			goto unbusy;
	}
	if (ct->ct_eof) {
		ct->ct_eof = false;
		goto unbusy;
	}
	n = MIN(len, ct->ct_len - ct->ct_off);
	memcpy(buf, ct->ct_line + ct->ct_off, n);
	spin_unlock(&ct->ct_lock);
	error = copyout_partial(buf, ubuf, n, done);
	spin_lock(&ct->ct_lock);
	ct->ct_off += *done;
	if (ct->ct_off == ct->ct_len) {
		ct->ct_off = ct->ct_len = 0;
		ct->ct_finished = false;
	}
unbusy:
	ct->ct_busy = false;
	wakeup(&ct->ct_busy);
out:
	spin_unlock(&ct->ct_lock);
	return (error);
}

/*
 * Readable once a line is finished (or ^D typed), taking the bytes the
 * UART holds into the line first; always writable.  The UART raises no
 * interrupt, so poll and select look again every tick (sys_generic.c).
 */
static int
cons_file_poll(struct file *fp, int events, struct thread *td)
{
	struct cons_tty *ct = fp->f_data;
	int c, revents;

	revents = events & (POLLOUT | POLLWRNORM);
	spin_lock(&ct->ct_lock);
	while (!ct->ct_busy && !ct->ct_finished && !ct->ct_eof &&
	    (c = cons_getc()) >= 0)
		cons_tty_input(ct, (char)c);
	if (ct->ct_finished || ct->ct_eof)
		revents |= events & (POLLIN | POLLRDNORM);
	spin_unlock(&ct->ct_lock);
	return (revents);
}

/* Write len bytes to the console. */
static int
cons_file_write(struct file *fp, const void *ubuf, size_t len, size_t *done,
    struct thread *td)
{
	char buf[CONS_CHUNK];
	size_t n;
	int error = 0;

	*done = 0;
	while (*done < len && error == 0) {
		error = copyin_partial((const char *)ubuf + *done, buf,
		    MIN(len - *done, sizeof(buf)), &n);
		cons_write(buf, n);
		*done += n;
	}
	return (error);
}

/* A character device, like FreeBSD's ttys. */
static int
cons_file_stat(struct file *fp, struct stat *sb, struct thread *td)
{
	sb->st_mode = S_IFCHR | 0620;
	sb->st_nlink = 1;
	sb->st_blksize = PAGE_SIZE;
	return (0);
}
