/*
 * Open flags, fcntl(2) commands and the *at(2) constants: FreeBSD's values
 * (docs/abi.md section 4.4).  One copy for the kernel and for programs
 * (lib/libc/include/fcntl.h forwards here); the kernel sees only the
 * constants.
 */
#ifndef _SYS_FCNTL_H_
#define	_SYS_FCNTL_H_

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

/* fcntl(2) commands. */
#define	F_DUPFD		0		/* duplicate to the lowest free >= arg */
#define	F_GETFD		1		/* get descriptor flags */
#define	F_SETFD		2		/* set descriptor flags */
#define	F_GETFL		3		/* get file status flags */
#define	F_SETFL		4		/* set file status flags */
#define	F_DUP2FD	10		/* dup2 */
#define	F_DUPFD_CLOEXEC	17		/* F_DUPFD, close-on-exec */
#define	F_DUP2FD_CLOEXEC 18		/* dup2, close-on-exec */

#define	FD_CLOEXEC	1		/* descriptor flag: close on exec */

/* The *at(2) calls. */
#define	AT_FDCWD		-100	/* relative to the current directory */
#define	AT_EACCESS		0x0100	/* faccessat: effective ids */
#define	AT_SYMLINK_NOFOLLOW	0x0200	/* do not follow a last symlink */
#define	AT_REMOVEDIR		0x0800	/* unlinkat: remove a directory */

#ifndef _KERNEL
#include <sys/cdefs.h>
#include <sys/types.h>

__BEGIN_DECLS
int	open(const char *, int, ...);
int	openat(int, const char *, int, ...);
int	creat(const char *, mode_t);
int	fcntl(int, int, ...);
__END_DECLS
#endif /* !_KERNEL */

#endif /* !_SYS_FCNTL_H_ */
