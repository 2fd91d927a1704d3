/*
 * Open flags, FreeBSD's values.  TagOS has no open(2) yet; the flags are
 * for pipe2(2) and shm_open(2), which take O_CLOEXEC and friends.
 */
#ifndef _FCNTL_H_
#define	_FCNTL_H_

#include <sys/cdefs.h>
#include <sys/_types.h>

#define	O_RDONLY	0x0000		/* open for reading only */
#define	O_WRONLY	0x0001		/* open for writing only */
#define	O_RDWR		0x0002		/* open for reading and writing */
#define	O_ACCMODE	0x0003		/* mask for above modes */
#define	O_NONBLOCK	0x0004		/* no delay */
#define	O_APPEND	0x0008		/* set append mode */
#define	O_SHLOCK	0x0010		/* open with shared file lock */
#define	O_EXLOCK	0x0020		/* open with exclusive file lock */
#define	O_ASYNC		0x0040		/* signal pgrp when data ready */
#define	O_FSYNC		0x0080		/* synchronous writes */
#define	O_SYNC		0x0080		/* POSIX synonym for O_FSYNC */
#define	O_NOFOLLOW	0x0100		/* don't follow symlinks */
#define	O_CREAT		0x0200		/* create if nonexistent */
#define	O_TRUNC		0x0400		/* truncate to zero length */
#define	O_EXCL		0x0800		/* error if already exists */
#define	O_NOCTTY	0x8000		/* don't assign controlling terminal */
#define	O_DIRECT	0x00010000	/* attempt to bypass buffer cache */
#define	O_DIRECTORY	0x00020000	/* fail if not directory */
#define	O_EXEC		0x00040000	/* open for execute only */
#define	O_SEARCH	O_EXEC
#define	O_TTY_INIT	0x00080000	/* restore default termios attributes */
#define	O_CLOEXEC	0x00100000	/* close on exec */
#define	O_NDELAY	O_NONBLOCK

#define	FD_CLOEXEC	1		/* close-on-exec flag */

#endif /* !_FCNTL_H_ */
