/*
 * malloc(3): size classes with free lists for small blocks, a private
 * mapping for each large one.
 *
 * Every block has a 16-byte header in front of it, so every pointer handed
 * out is 16-byte aligned (the MTE tag granule, and AAPCS64's strictest
 * alignment) and free() learns the block's size class from the header.
 * Small requests are rounded up to one of 40 classes: 16 to 128 bytes in
 * steps of 16, then four classes per power of two up to 32 KiB, so no
 * more than 25% is lost to rounding.  A class with an empty free list is
 * refilled by cutting the next block from a 1 MiB chunk of anonymous
 * memory.  Freed small blocks go back on their class's list and are never
 * returned to the kernel.  Requests above 32 KiB are mapped on their own
 * and unmapped by free().
 *
 * One lock (libc_lock.h) protects the free lists and the chunk; large
 * blocks need no lock.  fork() holds the lock across the fork so the
 * child never inherits it held.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libc_lock.h"

#define	ALIGN		16		/* of every block and header */
#define	NCLASSES	40
#define	SMALL_MAX	32768		/* the largest class */
#define	CHUNK_SIZE	(1024 * 1024)	/* small blocks are cut from these */

#define	CLASS_BIG	0xfffe		/* mh_class: a block mapped alone */
#define	CLASS_ALIGNED	0xffff		/* mh_class: points into another block */
#define	MAGIC_USED	0x6d616c6cU	/* mh_magic of an allocated block */
#define	MAGIC_FREE	0x66726565U	/* mh_magic of a free small block */

/*
 * The header before each block.  mh_size is the class size (small), the
 * mapping's length (CLASS_BIG), or the distance back to the block really
 * allocated (CLASS_ALIGNED, made by posix_memalign).
 */
struct mhdr {
	size_t		mh_size;
	uint32_t	mh_class;
	uint32_t	mh_magic;
};
_Static_assert(sizeof(struct mhdr) == ALIGN, "header keeps blocks aligned");

/* A free small block; the link lives where the user's data was. */
struct mfree {
	struct mfree	*mf_next;
};

static uint32_t	malloc_lock;
static struct mfree *free_lists[NCLASSES];	/* (malloc_lock) */
static char	*chunk_next;			/* (malloc_lock) */
static char	*chunk_end;			/* (malloc_lock) */

#define	HDR(p)		((struct mhdr *)(p) - 1)

/* The class index of a small request (size <= SMALL_MAX). */
static unsigned int
size_class(size_t size)
{
	unsigned int b;

	if (size <= 128)
		return (size == 0 ? 0 : (size - 1) / 16);
	/* size - 1 lies in [2^b, 2^(b+1)); four classes split that range. */
	b = 63 - __builtin_clzl(size - 1);
	return (8 + (b - 7) * 4 + ((size - 1 - ((size_t)1 << b)) >> (b - 2)));
}

/* The block size of class c. */
static size_t
class_size(unsigned int c)
{
	unsigned int b;

	if (c < 8)
		return ((c + 1) * 16);
	b = 7 + (c - 8) / 4;
	return (((size_t)1 << b) + ((c - 8) % 4 + 1) * ((size_t)1 << (b - 2)));
}

/* Report heap corruption or a bad free() and stop. */
static void __attribute__((__noreturn__))
malloc_abort(const char *what, const void *p)
{

	fprintf(stderr, "malloc: %s %p\n", what, p);
	abort();
}

/* An anonymous read/write mapping of len bytes, or NULL. */
static void *
map_anon(size_t len)
{
	void *p;

	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON,
	    -1, 0);
	return (p == MAP_FAILED ? NULL : p);
}

/* A block of class c.  Called with malloc_lock held; NULL if out of memory. */
static void *
small_alloc(unsigned int c)
{
	struct mfree *f;
	struct mhdr *h;
	size_t need;
	char *chunk;

	if ((f = free_lists[c]) != NULL) {
		free_lists[c] = f->mf_next;
		h = HDR(f);
		if (h->mh_magic != MAGIC_FREE || h->mh_class != c)
			malloc_abort("corrupted free block", f);
		h->mh_magic = MAGIC_USED;
		return (f);
	}
	need = sizeof(struct mhdr) + class_size(c);
	if ((size_t)(chunk_end - chunk_next) < need) {
		/* The rest of the old chunk (< 32 KiB) is abandoned. */
		if ((chunk = map_anon(CHUNK_SIZE)) == NULL)
			return (NULL);
		chunk_next = chunk;
		chunk_end = chunk + CHUNK_SIZE;
	}
	h = (struct mhdr *)chunk_next;
	chunk_next += need;
	h->mh_size = class_size(c);
	h->mh_class = c;
	h->mh_magic = MAGIC_USED;
	return (h + 1);
}

/* A block mapped on its own for size bytes; NULL if out of memory. */
static void *
big_alloc(size_t size)
{
	struct mhdr *h;
	size_t len, pagesz;

	pagesz = getpagesize();
	if (size > SIZE_MAX - sizeof(struct mhdr) - pagesz)
		return (NULL);
	len = (size + sizeof(struct mhdr) + pagesz - 1) & ~(pagesz - 1);
	if ((h = map_anon(len)) == NULL)
		return (NULL);
	h->mh_size = len;
	h->mh_class = CLASS_BIG;
	h->mh_magic = MAGIC_USED;
	return (h + 1);
}

/* size bytes, 16-byte aligned, or NULL with errno ENOMEM. */
void *
malloc(size_t size)
{
	void *p;

	if (size <= SMALL_MAX) {
		__libc_lock_acquire(&malloc_lock);
		p = small_alloc(size_class(size));
		__libc_lock_release(&malloc_lock);
	} else
		p = big_alloc(size);
	if (p == NULL)
		errno = ENOMEM;
	return (p);
}

/*
 * The header of the block really allocated for p, checked: a pointer
 * malloc did not hand out, or one already freed, stops the program.
 */
static struct mhdr *
block_header(void *p)
{
	struct mhdr *h;

	h = HDR(p);
	if (h->mh_magic != MAGIC_USED)
		malloc_abort(h->mh_magic == MAGIC_FREE ? "double free of" :
		    "free of unallocated", p);
	if (h->mh_class == CLASS_ALIGNED) {
		h = HDR((char *)p - h->mh_size);
		if (h->mh_magic != MAGIC_USED)
			malloc_abort("corrupted aligned block", p);
	}
	return (h);
}

/* Release p (NULL is allowed). */
void
free(void *p)
{
	struct mhdr *h;
	struct mfree *f;

	if (p == NULL)
		return;
	h = block_header(p);
	if (h->mh_class == CLASS_BIG) {
		h->mh_magic = 0;
		munmap(h, h->mh_size);
		return;
	}
	if (h->mh_class >= NCLASSES)
		malloc_abort("corrupted block", p);
	f = (struct mfree *)(h + 1);
	__libc_lock_acquire(&malloc_lock);
	h->mh_magic = MAGIC_FREE;
	f->mf_next = free_lists[h->mh_class];
	free_lists[h->mh_class] = f;
	__libc_lock_release(&malloc_lock);
}

/* n * size zeroed bytes, or NULL with errno ENOMEM (also on overflow). */
void *
calloc(size_t n, size_t size)
{
	size_t total;
	void *p;

	if (__builtin_mul_overflow(n, size, &total)) {
		errno = ENOMEM;
		return (NULL);
	}
	if ((p = malloc(total)) == NULL)
		return (NULL);
	/* A fresh mapping is already zero; a recycled small block is not. */
	if (total <= SMALL_MAX)
		memset(p, 0, total);
	return (p);
}

/* The bytes usable at p, which malloc or posix_memalign returned. */
static size_t
usable_size(void *p)
{
	struct mhdr *h;

	h = block_header(p);
	if (h->mh_class == CLASS_BIG)
		return (h->mh_size - sizeof(struct mhdr) -
		    ((char *)p - (char *)(h + 1)));
	return (h->mh_size - ((char *)p - (char *)(h + 1)));
}

/*
 * Resize p to size bytes, keeping the contents up to the smaller size;
 * NULL p is malloc(size).  The block stays put if it already fits and
 * would not waste more than half.  Returns the block, or NULL with errno
 * ENOMEM and p untouched.
 */
void *
realloc(void *p, size_t size)
{
	size_t have;
	void *n;

	if (p == NULL)
		return (malloc(size));
	have = usable_size(p);
	if (size <= have && size >= have / 2)
		return (p);
	if ((n = malloc(size)) == NULL)
		return (NULL);
	memcpy(n, p, size < have ? size : have);
	free(p);
	return (n);
}

/*
 * size bytes aligned to align, a power of two and a multiple of
 * sizeof(void *), in *pp.  Returns 0, EINVAL or ENOMEM (errno unchanged).
 * Beyond 16-byte alignment an oversized block is allocated and an extra
 * CLASS_ALIGNED header in front of the aligned pointer leads free() back
 * to it.
 */
int
posix_memalign(void **pp, size_t align, size_t size)
{
	struct mhdr *h;
	size_t total;
	char *p, *a;
	int saved;

	if (align < sizeof(void *) || (align & (align - 1)) != 0)
		return (EINVAL);
	saved = errno;
	if (align <= ALIGN) {
		p = malloc(size);
	} else {
		if (__builtin_add_overflow(size, align, &total))
			p = NULL;
		else
			p = malloc(total);
		if (p != NULL) {
			/* a - p >= 16: room for the extra header. */
			a = (char *)(((uintptr_t)p + align) &
			    ~(uintptr_t)(align - 1));
			h = HDR(a);
			h->mh_size = a - p;
			h->mh_class = CLASS_ALIGNED;
			h->mh_magic = MAGIC_USED;
			p = a;
		}
	}
	errno = saved;
	if (p == NULL)
		return (ENOMEM);
	*pp = p;
	return (0);
}

/*
 * C11 aligned_alloc: size bytes aligned to align, a power of two, or NULL
 * with errno (EINVAL or ENOMEM).
 */
void *
aligned_alloc(size_t align, size_t size)
{
	void *p;
	int error;

	if (align < sizeof(void *) && align != 0 && (align & (align - 1)) == 0)
		align = sizeof(void *);
	if ((error = posix_memalign(&p, align, size)) != 0) {
		errno = error;
		return (NULL);
	}
	return (p);
}

/* Take malloc's lock before fork(2), so no other thread holds it. */
void
__malloc_prefork(void)
{

	__libc_lock_acquire(&malloc_lock);
}

/* Release it after fork(2), in the parent and in the child. */
void
__malloc_postfork(void)
{

	__libc_lock_release(&malloc_lock);
}
