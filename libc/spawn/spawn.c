/* libc/spawn/spawn.c - posix_spawn and posix_spawnp: fork, then in the
 * child the attributes, the file actions and execve, with the child's
 * failure carried back to the parent through a pipe (posix_spawn(3)):
 *
 *   parent                                  child
 *   pipe2(report, O_CLOEXEC)
 *   fork ---------------------------------> attributes, file actions, execve
 *   read(report[0]) ... waits                  ok: execve closes report[1] (close-on-exec)
 *     end of file: the program runs            failed: write(report[1], errno); _exit(127)
 *     an errno: waitpid the child, return it
 *
 * So posix_spawn returns 0 only once the new program has started, and an
 * error number for any step that failed, as glibc's does; a failed child
 * is reaped, and leaves nothing to wait for. Every signal is blocked
 * across the fork, so that none of the caller's handlers runs in the
 * child: the child sets every caught signal back to SIG_DFL (exec would
 * anyway) before it lets signals in again, just before its execve. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../unistd/exec_internal.h"
#include "spawn_internal.h"

/* Moves the report pipe's descriptor out of the way when a file action
 * is about to use its number `fd`. 0, or an errno. */
static int keep_report_clear(int *report, int fd)
{
    if (*report != fd)
        return 0;
    int moved = fcntl(*report, F_DUPFD_CLOEXEC, 0);
    if (moved < 0)
        return errno;
    close(*report);
    *report = moved;
    return 0;
}

/* One file action, in the child. 0, or an errno. */
static int take_action(const struct __spawn_action *action, int *report)
{
    int error = keep_report_clear(report, action->kind == SPAWN_ACTION_DUP2 ? action->new_fd : action->fd);
    if (error)
        return error;
    switch (action->kind) {
    case SPAWN_ACTION_OPEN: {
        int fd = open(action->path, action->flags, action->mode);
        if (fd < 0)
            return errno;
        if (fd != action->fd) {
            int copied = dup2(fd, action->fd);
            close(fd);
            if (copied < 0)
                return errno;
        }
        return 0;
    }
    case SPAWN_ACTION_CLOSE:
        close(action->fd);            /* one not open is no error (glibc) */
        return 0;
    case SPAWN_ACTION_DUP2:
        if (action->fd == action->new_fd) {   /* POSIX: the copy loses close-on-exec */
            int flags = fcntl(action->fd, F_GETFD);
            return flags < 0 || fcntl(action->fd, F_SETFD, flags & ~FD_CLOEXEC) < 0 ? errno : 0;
        }
        return dup2(action->fd, action->new_fd) < 0 ? errno : 0;
    }
    return EINVAL;
}

/* The attributes, in POSIX's order. 0, or an errno. */
static int apply_attributes(const posix_spawnattr_t *attributes)
{
    short flags = attributes->flags;
    if ((flags & POSIX_SPAWN_SETPGROUP) && setpgid(0, attributes->pgroup) < 0)
        return errno;
    if ((flags & POSIX_SPAWN_SETSID) && setsid() < 0)
        return errno;
    if (flags & POSIX_SPAWN_SETSCHEDULER) {
        if (sched_setscheduler(0, attributes->schedpolicy, &attributes->schedparam) < 0)
            return errno;
    } else if ((flags & POSIX_SPAWN_SETSCHEDPARAM) && sched_setparam(0, &attributes->schedparam) < 0) {
        return errno;
    }
    if ((flags & POSIX_SPAWN_RESETIDS) && (setegid(getgid()) < 0 || seteuid(getuid()) < 0))
        return errno;
    if (flags & POSIX_SPAWN_SETSIGDEF) {
        struct sigaction default_action = { .sa_handler = SIG_DFL };
        for (int signal = 1; signal < NSIG; signal++)
            if (sigismember(&attributes->sigdefault, signal) == 1 && signal != SIGKILL && signal != SIGSTOP)
                sigaction(signal, &default_action, 0);
    }
    return 0;
}

/* The child, signals blocked: its signals, attributes, file actions, then
 * the program. Returns only on failure, with the errno. */
static int become_the_program(const char *file, int search, const posix_spawn_file_actions_t *file_actions,
                              const posix_spawnattr_t *attributes, char *const argv[], char *const envp[],
                              const sigset_t *caller_mask, int *report)
{
    struct sigaction action, default_action = { .sa_handler = SIG_DFL };
    for (int signal = 1; signal < NSIG; signal++)       /* none of the caller's handlers may run here */
        if (sigaction(signal, 0, &action) == 0 && action.sa_handler != SIG_DFL && action.sa_handler != SIG_IGN)
            sigaction(signal, &default_action, 0);
    int error = attributes ? apply_attributes(attributes) : 0;
    for (int i = 0; !error && file_actions && i < file_actions->count; i++)
        error = take_action(&file_actions->actions[i], report);
    if (error)
        return error;
    const sigset_t *mask = attributes && (attributes->flags & POSIX_SPAWN_SETSIGMASK) ? &attributes->sigmask
                                                                                    : caller_mask;
    sigprocmask(SIG_SETMASK, mask, 0);
    if (!envp)
        envp = environ;
    if (search)
        __exec_search(file, argv, envp);
    else
        execve(file, argv, envp);
    return errno;
}

static int spawn(pid_t *pid, const char *file, int search, const posix_spawn_file_actions_t *file_actions,
                 const posix_spawnattr_t *attributes, char *const argv[], char *const envp[])
{
    int report[2];
    if (pipe2(report, O_CLOEXEC) < 0)
        return errno;
    sigset_t every_signal, caller_mask;
    sigfillset(&every_signal);
    pthread_sigmask(SIG_SETMASK, &every_signal, &caller_mask);
    pid_t child = fork();
    if (child == 0) {
        close(report[0]);
        int error = become_the_program(file, search, file_actions, attributes, argv, envp, &caller_mask, &report[1]);
        while (write(report[1], &error, sizeof error) < 0 && errno == EINTR)
            ;
        _exit(127);
    }
    int error = child < 0 ? errno : 0;
    pthread_sigmask(SIG_SETMASK, &caller_mask, 0);
    close(report[1]);
    if (child > 0) {
        int reported = 0;
        ssize_t got;
        do
            got = read(report[0], &reported, sizeof reported);
        while (got < 0 && errno == EINTR);
        if (got == (ssize_t)sizeof reported) {           /* it never became the program */
            error = reported;
            while (waitpid(child, 0, 0) < 0 && errno == EINTR)
                ;
        } else if (pid) {
            *pid = child;
        }
    }
    close(report[0]);
    return error;
}

int posix_spawn(pid_t *pid, const char *path, const posix_spawn_file_actions_t *file_actions,
                const posix_spawnattr_t *attributes, char *const argv[], char *const envp[])
{
    return spawn(pid, path, 0, file_actions, attributes, argv, envp);
}

int posix_spawnp(pid_t *pid, const char *file, const posix_spawn_file_actions_t *file_actions,
                 const posix_spawnattr_t *attributes, char *const argv[], char *const envp[])
{
    return spawn(pid, file, 1, file_actions, attributes, argv, envp);
}
