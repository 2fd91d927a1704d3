/*
 * Force-included (-include) into every file of a libc host test, before
 * the host's own headers: renames the lib/libc functions under test to
 * tagos_*, so they link beside the host C library (and its sanitizer
 * interceptors) instead of replacing them.  Each test picks its set with
 * -DLIBC_RENAME_<SET>; the rest of the program keeps the host's libc.
 */
#ifndef _LIBC_RENAME_H_
#define	_LIBC_RENAME_H_

#ifdef LIBC_RENAME_FORMAT
#define	snprintf	tagos_snprintf
#define	vsnprintf	tagos_vsnprintf
#define	sprintf		tagos_sprintf
#define	vsprintf	tagos_vsprintf
#endif

#ifdef LIBC_RENAME_STRING
#define	memcpy		tagos_memcpy
#define	memmove		tagos_memmove
#define	memset		tagos_memset
#define	memcmp		tagos_memcmp
#define	memchr		tagos_memchr
#define	strlen		tagos_strlen
#define	strnlen		tagos_strnlen
#define	strcmp		tagos_strcmp
#define	strncmp		tagos_strncmp
#define	strcasecmp	tagos_strcasecmp
#define	strncasecmp	tagos_strncasecmp
#define	strcpy		tagos_strcpy
#define	strncpy		tagos_strncpy
#define	strcat		tagos_strcat
#define	strncat		tagos_strncat
#define	strlcpy		tagos_strlcpy
#define	strlcat		tagos_strlcat
#define	strchr		tagos_strchr
#define	strrchr		tagos_strrchr
#define	strstr		tagos_strstr
#define	strspn		tagos_strspn
#define	strcspn		tagos_strcspn
#define	strpbrk		tagos_strpbrk
#define	strsep		tagos_strsep
#define	strtok		tagos_strtok
#define	strtok_r	tagos_strtok_r
#define	strdup		tagos_strdup
#define	strndup		tagos_strndup
#define	bcopy		tagos_bcopy
#define	bzero		tagos_bzero
#define	bcmp		tagos_bcmp
#define	ffs		tagos_ffs
#endif

#ifdef LIBC_RENAME_STDLIB
#define	strtol		tagos_strtol
#define	strtoll		tagos_strtoll
#define	strtoul		tagos_strtoul
#define	strtoull	tagos_strtoull
#define	atoi		tagos_atoi
#define	atol		tagos_atol
#define	atoll		tagos_atoll
#define	qsort		tagos_qsort
#define	bsearch		tagos_bsearch
#define	getopt		tagos_getopt
#define	optarg		tagos_optarg
#define	optind		tagos_optind
#define	opterr		tagos_opterr
#define	optopt		tagos_optopt
#define	optreset	tagos_optreset
#endif

#ifdef LIBC_RENAME_TIME
#define	gmtime		tagos_gmtime
#define	gmtime_r	tagos_gmtime_r
#define	localtime	tagos_localtime
#define	localtime_r	tagos_localtime_r
#define	timegm		tagos_timegm
#define	mktime		tagos_mktime
#define	difftime	tagos_difftime
#define	asctime		tagos_asctime
#define	asctime_r	tagos_asctime_r
#define	ctime		tagos_ctime
#define	ctime_r		tagos_ctime_r
#define	tzset		tagos_tzset
#define	strftime	tagos_strftime
#endif

#ifdef LIBC_RENAME_MALLOC
#define	malloc		tagos_malloc
#define	free		tagos_free
#define	calloc		tagos_calloc
#define	realloc		tagos_realloc
#define	posix_memalign	tagos_posix_memalign
#define	aligned_alloc	tagos_aligned_alloc
#endif

#endif /* !_LIBC_RENAME_H_ */
