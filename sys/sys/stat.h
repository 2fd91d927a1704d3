/*
 * struct stat as fstat(2) returns it: FreeBSD's (ino64) layout on arm64,
 * 224 bytes, the same as lib/libc/include/sys/stat.h (checked below).
 */
#ifndef _SYS_STAT_H_
#define _SYS_STAT_H_

#include "sys/types.h"

struct stat_timespec {
	int64_t		tv_sec;
	long		tv_nsec;
};

struct stat {
	uint64_t	st_dev;		/* 0 */
	uint64_t	st_ino;		/* 8 */
	uint64_t	st_nlink;	/* 16 */
	uint16_t	st_mode;	/* 24 */
	int16_t		st_bsdflags;	/* 26 */
	uint32_t	st_uid;		/* 28 */
	uint32_t	st_gid;		/* 32 */
	int32_t		st_padding1;	/* 36 */
	uint64_t	st_rdev;	/* 40 */
	struct stat_timespec st_atim;	/* 48 */
	struct stat_timespec st_mtim;	/* 64 */
	struct stat_timespec st_ctim;	/* 80 */
	struct stat_timespec st_birthtim; /* 96 */
	int64_t		st_size;	/* 112 */
	int64_t		st_blocks;	/* 120 */
	int32_t		st_blksize;	/* 128 */
	uint32_t	st_flags;	/* 132 */
	uint64_t	st_gen;		/* 136 */
	uint64_t	st_filerev;	/* 144 */
	uint64_t	st_spare[9];	/* 152 */
};

_Static_assert(sizeof(struct stat) == 224, "struct stat is 224 bytes");
_Static_assert(__builtin_offsetof(struct stat, st_mode) == 24, "st_mode");
_Static_assert(__builtin_offsetof(struct stat, st_rdev) == 40, "st_rdev");
_Static_assert(__builtin_offsetof(struct stat, st_size) == 112, "st_size");
_Static_assert(__builtin_offsetof(struct stat, st_blksize) == 128,
    "st_blksize");
_Static_assert(__builtin_offsetof(struct stat, st_spare) == 152, "st_spare");

#define S_IFMT		0170000
#define S_IFIFO		0010000
#define S_IFCHR		0020000
#define S_IFREG		0100000
#define ACCESSPERMS	0000777

#endif /* !_SYS_STAT_H_ */
