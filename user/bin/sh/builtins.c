/* user/bin/sh/builtins.c - the commands the shell carries out itself.
 *
 * A builtin exists because a separate program could not do its work: `cd`
 * in a child would change the child's directory and vanish with it; `exit`
 * ends the shell; `jobs`, `fg`, `bg`, `wait` and `kill` read the shell's
 * job table (kill exists as /bin/kill too, which knows no jobs);
 * `export` and `unset` change the environment the shell hands to the
 * programs it starts. Each takes argc/argv like a main() and returns its
 * exit status. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../signal_argument.h"
#include "sh.h"

/* cd [DIR | -]: changes the shell's directory (no DIR: $HOME, or /). */
static int builtin_cd(int argc, char **argv)
{
    if (argc > 2) {
        fprintf(stderr, SHELL_NAME ": cd: too many arguments\n");
        return 1;
    }
    const char *target = argc == 2 ? argv[1] : getenv("HOME");
    if (!target || !*target)
        target = "/";
    bool back = strcmp(target, "-") == 0;
    if (back) {
        target = getenv("OLDPWD");
        if (!target) {
            fprintf(stderr, SHELL_NAME ": cd: OLDPWD not set\n");
            return 1;
        }
    }
    char previous[PATH_MAX];
    bool have_previous = getcwd(previous, sizeof previous) != NULL;
    if (chdir(target) < 0) {
        fprintf(stderr, SHELL_NAME ": cd: %s: %s\n", target, strerror(errno));
        return 1;
    }
    if (have_previous)
        setenv("OLDPWD", previous, 1);
    char now[PATH_MAX];
    if (getcwd(now, sizeof now)) {
        setenv("PWD", now, 1);
        if (back)
            printf("%s\n", now);
    }
    return 0;
}

/* pwd: prints the current directory. */
static int builtin_pwd(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    char now[PATH_MAX];
    if (!getcwd(now, sizeof now)) {
        fprintf(stderr, SHELL_NAME ": pwd: %s\n", strerror(errno));
        return 1;
    }
    printf("%s\n", now);
    return 0;
}

/* exit [N]: ends the shell with status N (default: $?). */
static int builtin_exit(int argc, char **argv)
{
    static bool warned_about_stopped_jobs;
    int status = shell.last_status;
    if (argc > 2) {
        fprintf(stderr, SHELL_NAME ": exit: too many arguments\n");
        return 1;
    }
    if (argc > 1) {
        char *end;
        long value = strtol(argv[1], &end, 10);
        if (*argv[1] == '\0' || *end != '\0') {
            fprintf(stderr, SHELL_NAME ": exit: %s: numeric argument required\n", argv[1]);
            status = STATUS_USAGE;
        } else {
            status = (int)(value & 0xff);
        }
    }
    if (shell.interactive && jobs_any_stopped() && !warned_about_stopped_jobs) {
        warned_about_stopped_jobs = true;   /* a second exit means it */
        fprintf(stderr, "There are stopped jobs.\n");
        return 1;
    }
    fflush(NULL);
    exit(status);
}

/* jobs: lists the background and stopped jobs. */
static int builtin_jobs(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    jobs_list();
    return 0;
}

/* Finds the job that fg or bg names (argv[1], or the most recent). */
static struct job *job_argument(int argc, char **argv)
{
    struct job *job = job_find(argc > 1 ? argv[1] : NULL);
    if (!job)
        fprintf(stderr, SHELL_NAME ": %s: %s: no such job\n", argv[0], argc > 1 ? argv[1] : "current");
    return job;
}

/* fg [%N]: brings a job to the foreground and waits for it. */
static int builtin_fg(int argc, char **argv)
{
    struct job *job = job_argument(argc, argv);
    return job ? job_continue_in_foreground(job) : 1;
}

/* bg [%N]: lets a stopped job go on in the background. */
static int builtin_bg(int argc, char **argv)
{
    struct job *job = job_argument(argc, argv);
    if (!job)
        return 1;
    job_continue_in_background(job);
    return 0;
}

/* kill [-SIGNAL] %N|PID...  or  kill -l: the options of /bin/kill
 * (user/bin/kill.c), and job specs as well, which only the shell knows: that
 * is why every shell with jobs has kill built in. A job gets the signal
 * in its process group. */
static int builtin_kill(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "-l") == 0) {
        list_signals();
        return 0;
    }
    int signal = SIGTERM;
    int i = 1;
    /* -NAME, or -N followed by an operand (a lone -N is a process group) */
    if (i < argc && argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--") != 0 &&
        (!isdigit((unsigned char)argv[i][1]) || i + 1 < argc)) {
        signal = signal_argument(argv[i] + 1);
        if (signal < 0) {
            fprintf(stderr, SHELL_NAME ": kill: %s: unknown signal\n", argv[i] + 1);
            return STATUS_USAGE;
        }
        i++;
    }
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (i == argc) {
        fprintf(stderr, SHELL_NAME ": kill: usage: kill [-SIGNAL] %%N|PID...   or   kill -l\n");
        return STATUS_USAGE;
    }
    int status = 0;
    for (; i < argc; i++) {
        if (argv[i][0] == '%') {
            struct job *job = job_find(argv[i]);
            if (!job) {
                fprintf(stderr, SHELL_NAME ": kill: %s: no such job\n", argv[i]);
                status = 1;
            } else if (job_kill(job, signal) < 0) {
                fprintf(stderr, SHELL_NAME ": kill: %s: %s\n", argv[i], strerror(errno));
                status = 1;
            }
            continue;
        }
        char *end;
        long pid = strtol(argv[i], &end, 10);
        if (argv[i][0] == '\0' || *end != '\0') {
            fprintf(stderr, SHELL_NAME ": kill: %s: arguments must be process or job IDs\n", argv[i]);
            status = 1;
        } else if (kill((pid_t)pid, signal) < 0) {
            fprintf(stderr, SHELL_NAME ": kill: %s: %s\n", argv[i], strerror(errno));
            status = 1;
        }
    }
    return status;
}

/* wait [%N | PID]...: waits until those jobs or processes have ended (or
 * stopped) and returns the last one's status, 127 for one the shell does
 * not know; with no argument, waits for every background job, status 0. */
static int builtin_wait(int argc, char **argv)
{
    if (argc == 1) {
        jobs_wait_all();
        return 0;
    }
    int status = 0;
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '%') {
            struct job *job = job_find(argv[i]);
            status = job ? job_wait(job) : STATUS_NOT_FOUND;
            if (!job)
                fprintf(stderr, SHELL_NAME ": wait: %s: no such job\n", argv[i]);
            continue;
        }
        char *end;
        long pid = strtol(argv[i], &end, 10);
        if (argv[i][0] == '\0' || *end != '\0') {
            fprintf(stderr, SHELL_NAME ": wait: %s: not a pid or valid job spec\n", argv[i]);
            status = STATUS_USAGE;
            continue;
        }
        status = job_wait_for_process((pid_t)pid);
        if (status < 0) {
            fprintf(stderr, SHELL_NAME ": wait: pid %ld is not a child of this shell\n", pid);
            status = STATUS_NOT_FOUND;
        }
    }
    return status;
}

/* export [NAME=VALUE | NAME]...: sets environment variables (no argument: lists them). */
static int builtin_export(int argc, char **argv)
{
    if (argc == 1) {
        for (int i = 0; environ && environ[i]; i++)
            printf("%s\n", environ[i]);
        return 0;
    }
    int status = 0;
    for (int i = 1; i < argc; i++) {
        char *equals = strchr(argv[i], '=');
        if (!equals)
            continue;                      /* every variable is exported already */
        *equals = '\0';
        if (setenv(argv[i], equals + 1, 1) < 0) {
            fprintf(stderr, SHELL_NAME ": export: %s: not a valid name\n", argv[i]);
            status = 1;
        }
        *equals = '=';
    }
    return status;
}

/* unset NAME...: removes environment variables. */
static int builtin_unset(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        unsetenv(argv[i]);
    return 0;
}

static const struct builtin {
    const char *name;
    builtin_function function;
    const char *usage;
} builtins[] = {
    { "cd",     builtin_cd,     "cd [DIR | -]        change directory (default $HOME or /)" },
    { "pwd",    builtin_pwd,    "pwd                 print the current directory" },
    { "exit",   builtin_exit,   "exit [N]            leave the shell with status N" },
    { "help",   builtin_help,   "help [TOPIC]        this list; TOPIC: builtins utilities demos tools" },
    { "jobs",   builtin_jobs,   "jobs                list background and stopped jobs" },
    { "fg",     builtin_fg,     "fg [%N]             continue a job in the foreground" },
    { "bg",     builtin_bg,     "bg [%N]             continue a stopped job in the background" },
    { "kill",   builtin_kill,   "kill [-SIG] %N|PID  send a signal (TERM) to a job or process" },
    { "wait",   builtin_wait,   "wait [%N|PID]       wait for a job or process (none: every job)" },
    { "export", builtin_export, "export NAME=VALUE   set an environment variable" },
    { "unset",  builtin_unset,  "unset NAME          remove an environment variable" },
};

#define BUILTIN_COUNT ((int)(sizeof builtins / sizeof builtins[0]))

/* Prints one line per builtin: how to call it and what it does. */
void builtins_print_usage(void)
{
    for (int i = 0; i < BUILTIN_COUNT; i++)
        printf("  %s\n", builtins[i].usage);
}

/* The builtin called `name`, or NULL. */
builtin_function builtin_find(const char *name)
{
    for (int i = 0; i < BUILTIN_COUNT; i++)
        if (strcmp(builtins[i].name, name) == 0)
            return builtins[i].function;
    return NULL;
}
