/*
 * File status: FreeBSD's (ino64) struct stat on arm64, 224 bytes, and the
 * mode bits (docs/abi.md section 4.4).  One copy for the kernel (fstat,
 * fstatat) and for programs (lib/libc/include/sys/stat.h forwards here);
 * the field types are spelled with the fixed-width names both sides have,
 * the POSIX type each stands for in its comment.
 */
#ifndef _SYS_STAT_H_
#define	_SYS_STAT_H_

#include "sys/_types.h"
#include "sys/_timespec.h"

struct stat {
	__uint64_t	st_dev;		/* dev_t: the file system's device */
	__uint64_t	st_ino;		/* ino_t: the file's number */
	__uint64_t	st_nlink;	/* nlink_t: number of hard links */
	__uint16_t	st_mode;	/* mode_t: type and permissions */
	__int16_t	st_bsdflags;	/* misc system flags */
	__uint32_t	st_uid;		/* uid_t: owner */
	__uint32_t	st_gid;		/* gid_t: group */
	__int32_t	st_padding1;
	__uint64_t	st_rdev;	/* dev_t: device of a special file */
	struct timespec	st_atim;	/* last access */
	struct timespec	st_mtim;	/* last data modification */
	struct timespec	st_ctim;	/* last status change */
	struct timespec	st_birthtim;	/* creation */
	__int64_t	st_size;	/* off_t: size in bytes */
	__int64_t	st_blocks;	/* blkcnt_t: 512-byte blocks held */
	__int32_t	st_blksize;	/* blksize_t: best I/O size */
	__uint32_t	st_flags;	/* fflags_t: user-defined flags */
	__uint64_t	st_gen;		/* file generation number */
	__uint64_t	st_filerev;	/* file revision */
	__uint64_t	st_spare[9];
};

_Static_assert(sizeof(struct stat) == 224, "struct stat is 224 bytes");
_Static_assert(__builtin_offsetof(struct stat, st_mode) == 24, "st_mode");
_Static_assert(__builtin_offsetof(struct stat, st_rdev) == 40, "st_rdev");
_Static_assert(__builtin_offsetof(struct stat, st_size) == 112, "st_size");
_Static_assert(__builtin_offsetof(struct stat, st_blksize) == 128,
    "st_blksize");
_Static_assert(__builtin_offsetof(struct stat, st_spare) == 152, "st_spare");

#ifndef _KERNEL
#define	st_atime	st_atim.tv_sec
#define	st_mtime	st_mtim.tv_sec
#define	st_ctime	st_ctim.tv_sec
#define	st_birthtime	st_birthtim.tv_sec
#endif

#define	S_ISUID		0004000		/* set user id on execution */
#define	S_ISGID		0002000		/* set group id on execution */
#define	S_ISVTX		0001000		/* sticky bit */
#define	S_IRWXU		0000700		/* RWX mask for owner */
#define	S_IRUSR		0000400		/* R for owner */
#define	S_IWUSR		0000200		/* W for owner */
#define	S_IXUSR		0000100		/* X for owner */
#define	S_IRWXG		0000070		/* RWX mask for group */
#define	S_IRGRP		0000040		/* R for group */
#define	S_IWGRP		0000020		/* W for group */
#define	S_IXGRP		0000010		/* X for group */
#define	S_IRWXO		0000007		/* RWX mask for other */
#define	S_IROTH		0000004		/* R for other */
#define	S_IWOTH		0000002		/* W for other */
#define	S_IXOTH		0000001		/* X for other */
#define	ACCESSPERMS	(S_IRWXU | S_IRWXG | S_IRWXO)	/* 0777 */
#define	ALLPERMS	(S_ISUID | S_ISGID | S_ISVTX | ACCESSPERMS) /* 07777 */

#define	S_IFMT		0170000		/* type of file mask */
#define	S_IFIFO		0010000		/* named pipe (fifo) */
#define	S_IFCHR		0020000		/* character special */
#define	S_IFDIR		0040000		/* directory */
#define	S_IFBLK		0060000		/* block special */
#define	S_IFREG		0100000		/* regular */
#define	S_IFLNK		0120000		/* symbolic link */
#define	S_IFSOCK	0140000		/* socket */

#define	S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define	S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define	S_ISBLK(m)	(((m) & S_IFMT) == S_IFBLK)
#define	S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define	S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)
#define	S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define	S_ISSOCK(m)	(((m) & S_IFMT) == S_IFSOCK)

#ifndef _KERNEL
#include <sys/cdefs.h>
#include <sys/types.h>

__BEGIN_DECLS
int	fstat(int, struct stat *);
int	fstatat(int, const char *, struct stat *, int);
int	stat(const char * __restrict, struct stat * __restrict);
int	lstat(const char * __restrict, struct stat * __restrict);
int	mkdir(const char *, mode_t);
int	mkdirat(int, const char *, mode_t);
__END_DECLS
#endif /* !_KERNEL */

#endif /* !_SYS_STAT_H_ */
