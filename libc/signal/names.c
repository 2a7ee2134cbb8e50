/* libc/signal/names.c - signals in words: the short name (sig2str and
 * str2sig, "SEGV" <-> 11, as POSIX.1-2024 has them) and the description
 * (strsignal, "Segmentation fault", worded as Linux's C library words it).
 * kill, the shell's job reports and anything else that prints a signal
 * use these, so that every program names a signal the same way. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;                 /* without "SIG" */
    const char *description;
} signals[NSIG] = {
    [SIGHUP]    = { "HUP",    "Hangup" },
    [SIGINT]    = { "INT",    "Interrupt" },
    [SIGQUIT]   = { "QUIT",   "Quit" },
    [SIGILL]    = { "ILL",    "Illegal instruction" },
    [SIGTRAP]   = { "TRAP",   "Trace/breakpoint trap" },
    [SIGABRT]   = { "ABRT",   "Aborted" },
    [SIGBUS]    = { "BUS",    "Bus error" },
    [SIGFPE]    = { "FPE",    "Floating point exception" },
    [SIGKILL]   = { "KILL",   "Killed" },
    [SIGUSR1]   = { "USR1",   "User defined signal 1" },
    [SIGSEGV]   = { "SEGV",   "Segmentation fault" },
    [SIGUSR2]   = { "USR2",   "User defined signal 2" },
    [SIGPIPE]   = { "PIPE",   "Broken pipe" },
    [SIGALRM]   = { "ALRM",   "Alarm clock" },
    [SIGTERM]   = { "TERM",   "Terminated" },
    [SIGSTKFLT] = { "STKFLT", "Stack fault" },
    [SIGCHLD]   = { "CHLD",   "Child exited" },
    [SIGCONT]   = { "CONT",   "Continued" },
    [SIGSTOP]   = { "STOP",   "Stopped (signal)" },
    [SIGTSTP]   = { "TSTP",   "Stopped" },
    [SIGTTIN]   = { "TTIN",   "Stopped (tty input)" },
    [SIGTTOU]   = { "TTOU",   "Stopped (tty output)" },
    [SIGURG]    = { "URG",    "Urgent I/O condition" },
    [SIGXCPU]   = { "XCPU",   "CPU time limit exceeded" },
    [SIGXFSZ]   = { "XFSZ",   "File size limit exceeded" },
    [SIGVTALRM] = { "VTALRM", "Virtual timer expired" },
    [SIGPROF]   = { "PROF",   "Profiling timer expired" },
    [SIGWINCH]  = { "WINCH",  "Window changed" },
    [SIGIO]     = { "IO",     "I/O possible" },
    [SIGPWR]    = { "PWR",    "Power failure" },
    [SIGSYS]    = { "SYS",    "Bad system call" },
};

/* Older names of some of them, which str2sig takes too. */
static const struct {
    const char *name;
    int number;
} aliases[] = {
    { "IOT", SIGIOT }, { "CLD", SIGCHLD }, { "POLL", SIGIO },
};

/* Whether `number` is a signal with a name here: a standard one, or a
 * real-time one (SIGRTMIN .. SIGRTMAX). */
static int known(int number)
{
    return (number > 0 && number < NSIG && signals[number].name) || (number >= SIGRTMIN && number <= SIGRTMAX);
}

/* Writes the name of `number` without "SIG" ("SEGV") into `text`, which
 * has room for SIG2STR_MAX bytes. Real-time signals are "RTMIN",
 * "RTMIN+1" .. in the lower half, .. "RTMAX-1", "RTMAX" in the upper, as
 * POSIX names them. Returns 0, or -1 for no such signal. */
int sig2str(int number, char *text)
{
    if (!known(number))
        return -1;
    if (number < SIGRTMIN)
        strcpy(text, signals[number].name);
    else if (number == SIGRTMIN || number == SIGRTMAX)
        strcpy(text, number == SIGRTMIN ? "RTMIN" : "RTMAX");
    else if (number - SIGRTMIN <= (SIGRTMAX - SIGRTMIN) / 2)
        snprintf(text, SIG2STR_MAX, "RTMIN+%d", number - SIGRTMIN);
    else
        snprintf(text, SIG2STR_MAX, "RTMAX-%d", SIGRTMAX - number);
    return 0;
}

/* "RTMIN", "RTMIN+n", "RTMAX", "RTMAX-n": the real-time signal, or 0. */
static int real_time_signal(const char *text)
{
    int base, sign;
    if (strncmp(text, "RTMIN", 5) == 0)
        base = SIGRTMIN, sign = 1;
    else if (strncmp(text, "RTMAX", 5) == 0)
        base = SIGRTMAX, sign = -1;
    else
        return 0;
    if (text[5] == '\0')
        return base;
    if (text[5] != (sign > 0 ? '+' : '-') || text[6] < '0' || text[6] > '9')
        return 0;
    char *end;
    long offset = strtol(text + 6, &end, 10);
    int number = base + sign * (int)offset;
    return *end == '\0' && number >= SIGRTMIN && number <= SIGRTMAX ? number : 0;
}

/* The number of the signal `text` names: a name without "SIG" ("SEGV";
 * upper case, as POSIX spells them) or a decimal number ("11"). Returns 0
 * with *number set, or -1 for no such signal. */
int str2sig(const char *text, int *number)
{
    if (text[0] >= '0' && text[0] <= '9') {
        char *end;
        long value = strtol(text, &end, 10);
        if (*end != '\0' || !known((int)value))
            return -1;
        *number = (int)value;
        return 0;
    }
    int real_time = real_time_signal(text);
    if (real_time) {
        *number = real_time;
        return 0;
    }
    for (int i = 1; i < SIGRTMIN; i++) {
        if (known(i) && strcmp(text, signals[i].name) == 0) {
            *number = i;
            return 0;
        }
    }
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        if (strcmp(text, aliases[i].name) == 0) {
            *number = aliases[i].number;
            return 0;
        }
    }
    return -1;
}

/* The description of signal `number` ("Segmentation fault"), or
 * "Real-time signal N" (N counted from SIGRTMIN) or "Unknown signal N"
 * (in a buffer the next such call reuses). */
char *strsignal(int number)
{
    static char unknown[32];
    if (known(number) && number < SIGRTMIN)
        return (char *)signals[number].description;
    if (known(number))              /* worded as Linux's C library words it */
        snprintf(unknown, sizeof unknown, "Real-time signal %d", number - SIGRTMIN);
    else
        snprintf(unknown, sizeof unknown, "Unknown signal %d", number);
    return unknown;
}

/* Prints "message: description" (or just the description) on stderr. */
void psignal(int number, const char *message)
{
    if (message && *message)
        fprintf(stderr, "%s: %s\n", message, strsignal(number));
    else
        fprintf(stderr, "%s\n", strsignal(number));
}

/* psignal for the signal `info` describes. */
void psiginfo(const siginfo_t *info, const char *message)
{
    psignal(info->si_signo, message);
}
