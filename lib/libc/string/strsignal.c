/* strsignal(3): FreeBSD's descriptions of the signals (sys_siglist). */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char *const signal_names[] = {
	[SIGHUP] = "Hangup",
	[SIGINT] = "Interrupt",
	[SIGQUIT] = "Quit",
	[SIGILL] = "Illegal instruction",
	[SIGTRAP] = "Trace/BPT trap",
	[SIGABRT] = "Abort trap",
	[SIGEMT] = "EMT trap",
	[SIGFPE] = "Floating point exception",
	[SIGKILL] = "Killed",
	[SIGBUS] = "Bus error",
	[SIGSEGV] = "Segmentation fault",
	[SIGSYS] = "Bad system call",
	[SIGPIPE] = "Broken pipe",
	[SIGALRM] = "Alarm clock",
	[SIGTERM] = "Terminated",
	[SIGURG] = "Urgent I/O condition",
	[SIGSTOP] = "Suspended (signal)",
	[SIGTSTP] = "Suspended",
	[SIGCONT] = "Continued",
	[SIGCHLD] = "Child exited",
	[SIGTTIN] = "Stopped (tty input)",
	[SIGTTOU] = "Stopped (tty output)",
	[SIGIO] = "I/O possible",
	[SIGXCPU] = "Cputime limit exceeded",
	[SIGXFSZ] = "Filesize limit exceeded",
	[SIGVTALRM] = "Virtual timer expired",
	[SIGPROF] = "Profiling timer expired",
	[SIGWINCH] = "Window size changes",
	[SIGINFO] = "Information request",
	[SIGUSR1] = "User defined signal 1",
	[SIGUSR2] = "User defined signal 2",
};

/*
 * The description of sig, or "Unknown signal: N" (in a static buffer
 * that the next such call overwrites), as FreeBSD's.
 */
char *
strsignal(int sig)
{
	static char unknown[32];

	if (sig > 0 && (size_t)sig < sizeof(signal_names) /
	    sizeof(signal_names[0]) && signal_names[sig] != NULL)
		return ((char *)(uintptr_t)signal_names[sig]);
	snprintf(unknown, sizeof(unknown), "Unknown signal: %d", sig);
	return (unknown);
}
