/*
 * Link check for lib/libc, not a runtime test: it includes every public
 * header and calls most of the library, so `make libc` proves the headers
 * compile under USER_CFLAGS and the program links with no undefined
 * symbol.  It is written as a plausible program (MTE mapping, a tag-fault
 * handler, threads, fork) so the calls are used the way tests will use
 * them.
 */
#include <sys/types.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/param.h>
#include <sys/procctl.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysctl.h>
#include <sys/thr.h>
#include <sys/time.h>
#include <sys/ucontext.h>
#include <sys/umtx.h>
#include <sys/wait.h>
#include <machine/elf.h>
#include <machine/sysarch.h>
#include <machine/ucontext.h>

#include <assert.h>
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <osreldate.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

_Static_assert(PROT_MTE == 0x20, "docs/abi.md section 3.1");
_Static_assert(_PROT_ALL == 0x27, "READ|WRITE|EXEC|MTE");
_Static_assert(PROT_MAX_EXTRACT(PROT_MAX(PROT_MTE)) == PROT_MTE,
    "PROT_MAX carries PROT_MTE");
_Static_assert(SEGV_MTEAERR == 8 && SEGV_MTESERR == 9, "docs/abi.md section 3.2");
_Static_assert(AT_HWCAP2 == 26 && HWCAP2_MTE == (1 << 18) &&
    HWCAP2_MTE3 == (1 << 22), "docs/abi.md section 3.7");
_Static_assert(ARM64_MTE_CTRL == 0x300 && ARM64_MTE_GETCTRL == 0x301,
    "docs/abi.md section 5");
_Static_assert(sizeof(struct arm64_mte_ctrl) == 16, "four u32");
_Static_assert(SYS_mmap == 477 && SYS_thr_new == 455 && SYS_shm_open2 == 571,
    "docs/abi.md section 4.1");
_Static_assert(sizeof(sigset_t) == 16 && sizeof(stack_t) == 24,
    "docs/abi.md section 3.2");
_Static_assert(__FreeBSD_version == 1500058, "osreldate");
_Static_assert(sizeof(struct rlimit) == 16 && RLIMIT_AS == 10 &&
    RLIM_NLIMITS == 16, "docs/abi.md section 3.8");
_Static_assert(sizeof(struct itimerval) == 32, "docs/abi.md section 3.6");
_Static_assert(sizeof(struct procctl_reaper_status) == 80 &&
    sizeof(struct procctl_reaper_kill) == 80 && P_ALL == 7,
    "docs/abi.md section 3.9");
_Static_assert(PAGE_SIZE == 4096 && MAP_RESERVED0080 == 0x80,
    "docs/abi.md section 3.1");

static sigjmp_buf fault_jmp;
static volatile sig_atomic_t fault_code;
static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static __thread int thread_local_value = 7;

/* A tag-check fault handler: skip a synchronous fault, then jump out. */
static void
on_segv(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	(void)sig;
	fault_code = si->si_code;
	if (si->si_code == SEGV_MTESERR)
		uc->uc_mcontext.mc_gpregs.gp_elr += 4;
	siglongjmp(fault_jmp, 1);
}

/* Thread body: bump the shared counter under the mutex. */
static void *
worker(void *arg)
{
	int i;

	for (i = 0; i < 1000; i++) {
		pthread_mutex_lock(&counter_lock);
		counter += (long)(intptr_t)arg + thread_local_value++;
		pthread_mutex_unlock(&counter_lock);
		if (i % 100 == 0)
			sched_yield();
	}
	return (arg);
}

/* qsort order for ints. */
static int
cmp_int(const void *a, const void *b)
{

	return (*(const int *)a - *(const int *)b);
}

/* printf through vsnprintf and fputs. */
static void
say(const char *fmt, ...)
{
	va_list ap;
	char buf[64];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fputs(buf, stdout);
}

/* atexit handler. */
static void
bye(void)
{

	puts("bye");
}

/* Touch the library; see the top of the file. */
int
main(int argc, char **argv)
{
	struct arm64_mte_ctrl ctl = { MTE_MODE_SYNC, 0xfffe, 0, 0 };
	struct sigaction sa;
	struct timespec ts;
	struct stat st;
	pthread_t th[2];
	pthread_attr_t attr;
	u_long hwcap2;
	jmp_buf jb;
	sigset_t set;
	void *ret, *al;
	char buf[128], *copy, *p, *tok, *save;
	int fds[2], status, pagesz, v[5] = { 5, 3, 4, 1, 2 };
	unsigned char *mem;
	pid_t pid;
	long tid;

	atexit(bye);
	printf("%s: %d args, progname %s, HOME=%s\n", argv[0], argc,
	    getprogname(), getenv("HOME") != NULL ? getenv("HOME") : "-");
	if (elf_aux_info(AT_HWCAP2, &hwcap2, sizeof(hwcap2)) != 0 ||
	    (hwcap2 & HWCAP2_MTE) == 0)
		errx(1, "no MTE");
	if (sysarch(ARM64_MTE_CTRL, &ctl) != 0)
		err(1, "sysarch");
	memset(&ctl, 0, sizeof(ctl));
	if (sysarch(ARM64_MTE_GETCTRL, &ctl) != 0)
		warn("sysarch get");

	pagesz = getpagesize();
	assert(pagesz == sysconf(_SC_PAGESIZE));
	mem = mmap(NULL, pagesz, PROT_READ | PROT_WRITE | PROT_MTE |
	    PROT_MAX(_PROT_ALL), MAP_PRIVATE | MAP_ANON, -1, 0);
	if (mem == MAP_FAILED)
		err(1, "mmap");
	mprotect(mem, pagesz, PROT_READ | PROT_WRITE);
	madvise(mem, pagesz, MADV_FREE);
	minherit(mem, pagesz, INHERIT_ZERO);
	mincore(mem, pagesz, (char *)buf);

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR1);
	sigdelset(&sa.sa_mask, SIGUSR1);
	if (sigaction(SIGSEGV, &sa, NULL) != 0)
		perror("sigaction");
	if (sigsetjmp(fault_jmp, 1) == 0)
		mem[pagesz] = 1;
	printf("fault code %d\n", (int)fault_code);
	if (setjmp(jb) == 0)
		longjmp(jb, 0);
	if (_setjmp(jb) == 0)
		_longjmp(jb, 2);
	munmap(mem, pagesz);

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	pthread_create(&th[0], &attr, worker, (void *)1);
	pthread_create(&th[1], NULL, worker, (void *)2);
	pthread_join(th[0], &ret);
	pthread_join(th[1], NULL);
	pthread_attr_destroy(&attr);
	printf("counter %ld, equal %d, trylock %d\n", counter,
	    pthread_equal(pthread_self(), pthread_self()),
	    pthread_mutex_trylock(&counter_lock));
	pthread_mutex_unlock(&counter_lock);
	thr_self(&tid);
	sigfillset(&set);
	sigprocmask(SIG_SETMASK, NULL, &set);
	pthread_sigmask(SIG_BLOCK, NULL, &set);
	if (sigismember(&set, SIGINT) == 1)
		pthread_kill(pthread_self(), SIGINT);

	if (pipe(fds) != 0 || pipe2(fds, O_CLOEXEC) != 0)
		err(1, "pipe");
	if ((pid = fork()) == 0) {
		close(fds[0]);
		dprintf(fds[1], "child %d of %d\n", getpid(), getppid());
		write(fds[1], "x", 1);
		_exit(3);
	}
	close(fds[1]);
	memset(buf, 0, sizeof(buf));
	read(fds[0], buf, sizeof(buf) - 1);
	fputs(buf, stderr);
	if (waitpid(pid, &status, 0) == pid && WIFEXITED(status))
		printf("exit %d\n", WEXITSTATUS(status));
	wait(NULL);
	wait4(-1, &status, WNOHANG, NULL);
	if (WIFSIGNALED(status))
		printf("signal %d%s\n", WTERMSIG(status),
		    WCOREDUMP(status) ? " (core)" : "");
	dup2(fds[0], 5);
	fstat(5, &st);
	ftruncate(shm_open(SHM_ANON, O_RDWR, 0600), pagesz);
	shm_open2(SHM_ANON, O_RDWR, 0, 0, NULL);

	clock_gettime(CLOCK_MONOTONIC, &ts);
	ts.tv_sec = 0;
	ts.tv_nsec = 1000;
	nanosleep(&ts, NULL);
	usleep(10);
	sleep(0);
	printf("time %lld, %.3f %e %g %5.1f%%\n", (long long)time(NULL),
	    ts.tv_nsec / 1e3, 1e-7, 0.5, 99.44);

	copy = strdup("a,b,,c");
	for (p = copy; (tok = strsep(&p, ",")) != NULL; )
		say("[%s]", tok);
	free(copy);
	copy = strndup("x y  z", 6);
	for (tok = strtok_r(copy, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save))
		say("<%s>", tok);
	strtok(copy, " ");
	free(copy);
	snprintf(buf, sizeof(buf), "%-8s|%08.3f|%#x|%p|%zu|%jd", "ab", 3.14159,
	    255, (void *)buf, sizeof(buf), (intmax_t)-1);
	sprintf(buf + 64, "%c", 'q');
	strlcpy(buf, "hello", sizeof(buf));
	strlcat(buf, " world", sizeof(buf));
	strncat(buf, "!!", 1);
	strcat(buf, "?");
	strncpy(buf + 100, "abc", 4);
	strcpy(buf + 110, "de");
	printf("%s %zu %zu %d %d %d %s %s %s %zu %zu %s %d\n", buf,
	    strlen(buf), strnlen(buf, 3), strcmp(buf, "hello"),
	    strncmp(buf, "help", 3), strcasecmp("A", "a"),
	    strchr(buf, 'w'), strrchr(buf, 'o'), strstr(buf, "wor"),
	    strspn(buf, "hel"), strcspn(buf, " "), strpbrk(buf, "ow"),
	    strncasecmp("AB", "ac", 1));
	memmove(buf + 1, buf, 10);
	memcpy(buf, "xyz", 3);
	bcopy(buf, buf + 20, 4);
	bzero(buf + 30, 4);
	printf("%d %d %p %d %s\n", memcmp(buf, "xyz", 3), bcmp(buf, buf, 2),
	    memchr(buf, 'z', 10), ffs(8), strerror(ENOMEM));
	strerror_r(EINTEGRITY, buf, sizeof(buf));

	qsort(v, nitems(v), sizeof(v[0]), cmp_int);
	printf("%d %ld %lld %lu %llu %d %ld %lld %d %ld %lld\n", atoi("42"),
	    strtol("-0x1f", NULL, 0), strtoll("077", NULL, 8),
	    strtoul("ff", NULL, 16), strtoull("1", &p, 10), abs(-3),
	    labs(-4L), llabs(-5LL), v[0], atol("7"), atoll("8"));
	printf("%d %d %d %d %d %d %d %d %d %d %d %d %c %c\n", isalnum('a'),
	    isalpha('1'), isblank(' '), iscntrl(0), isdigit('7'), isgraph('!'),
	    islower('q'), isprint(' '), ispunct('.'), isspace('\n'),
	    isupper('Q'), isxdigit('f'), tolower('Q'), toupper('q'));
	srand(1);
	printf("%d %d\n", rand(), rand_r((unsigned int *)&status));

	mem = calloc(4, 100);
	mem = realloc(mem, 100000);
	if (posix_memalign(&al, 64, 100) == 0)
		free(al);
	free(aligned_alloc(4096, 8192));
	free(malloc(10));
	free(mem);

	putchar('o');
	putc('k', stdout);
	fputc('\n', stdout);
	fprintf(stderr, "%s\n", fgets(buf, sizeof(buf), stdin) != NULL ?
	    buf : "eof");
	printf("%d %d %d %d\n", getchar(), getc(stdin), fgetc(stdin),
	    fileno(stdin));
	if (feof(stdin) || ferror(stdout))
		clearerr(stdin);
	fflush(stdout);

	if (argc > 4) {
		struct procctl_reaper_status rs;
		struct itimerval itv = { { 0, 0 }, { 1, 0 } };
		struct rlimit rl;
		struct tm tm;
		siginfo_t si;
		stack_t ss = { NULL, 0, SS_DISABLE };
		size_t sizes[MAXPAGESIZES], len = sizeof(int);
		time_t now = time(NULL);
		int sig, ch, zero = 0;

		while ((ch = getopt(argc, argv, "ab:")) != -1)
			printf("%c %s %d %d\n", ch, optarg, optind, optopt);
		strftime(buf, sizeof(buf), "%F %T %Z", gmtime_r(&now, &tm));
		printf("%s %s %s %s %ld\n", buf, ctime(&now),
		    asctime(localtime(&now)), strsignal(SIGSEGV),
		    (long)mktime(&tm) + (long)timegm(&tm) +
		    (long)difftime(now, now));
		qsort(argv, argc, sizeof(argv[0]), cmp_int);
		bsearch(argv[0], argv, argc, sizeof(argv[0]), cmp_int);
		setitimer(ITIMER_REAL, &itv, NULL);
		getitimer(ITIMER_REAL, &itv);
		alarm(alarm(0));
		pause();
		sigpending(&set);
		sigwait(&set, &sig);
		sigwaitinfo(&set, &si);
		sigtimedwait(&set, &si, NULL);
		sigaltstack(&ss, NULL);
		setpgid(0, getpgid(0));
		printf("%d %d\n", getpgrp(), getsid(0));
		setsid();
		killpg(getpgrp(), 0);
		waitid(P_ALL, 0, &si, WEXITED | WNOHANG);
		wait6(P_PID, 1, &sig, WEXITED, NULL, &si);
		getrlimit(RLIMIT_NOFILE, &rl);
		setrlimit(RLIMIT_NOFILE, &rl);
		mlock(buf, sizeof(buf));
		munlock(buf, sizeof(buf));
		mlockall(MCL_CURRENT | MCL_FUTURE);
		munlockall();
		getpagesizes(sizes, MAXPAGESIZES);
		sysctlbyname("security.bsd.map_at_zero", NULL, NULL, &zero,
		    len);
		procctl(P_PID, 0, PROC_REAP_ACQUIRE, NULL);
		procctl(P_PID, 0, PROC_REAP_STATUS, &rs);
	}
	if (argc > 5) {
		warnx("%s", "unlikely");
		raise(SIGUSR2);
		kill(getpid(), SIGTERM);
		sigsuspend(&set);
		signal(SIGINT, SIG_IGN);
		execv("/bin/sh", argv);
		execve("/bin/sh", argv, environ);
		reboot(RB_POWEROFF);
		sigreturn(NULL);
		thr_kill(tid, SIGUSR1);
		_umtx_op(&counter, UMTX_OP_WAKE, 1, NULL, NULL);
		thr_new(NULL, 0);
		thr_exit(NULL);
		abort();
	}
	if (argc > 6)
		pthread_exit(NULL);
	if (argc > 7)
		_Exit(2);
	exit(0);
}
