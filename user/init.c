/* user/init.c - the first process (pid 1).
 *
 *   init                  the normal boot: runs /bin/sh on the console and
 *                         starts it again whenever it exits
 *   init --run PROG ARGS  runs PROG as its only child (tools/run-prog and the
 *                         boot tests), then powers the machine off with the
 *                         program's status: its exit code, or 128+N if
 *                         signal N killed it
 *
 * Either way init also reaps orphans: every process whose parent exited
 * becomes init's child, and its zombie is collected here. */
#include <errno.h>
#include <kernel.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const SHELL = "/bin/sh";

static pid_t start(char *const argv[])
{
    pid_t pid = fork();
    if (pid == 0) {
        execv(argv[0], argv);
        fprintf(stderr, "init: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    if (pid < 0)
        fprintf(stderr, "init: fork: %s\n", strerror(errno));
    return pid;
}

/* The exit status a shell would report for `status`. */
static int shell_status(int status)
{
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

static void run_one_program(char *const argv[]) __attribute__((noreturn));
static void run_one_program(char *const argv[])
{
    pid_t program = start(argv);
    if (program < 0)
        poweroff(127);
    for (;;) {
        int status;
        pid_t pid = waitpid(-1, &status, 0);
        if (pid == program) {
            fflush(stdout);
            poweroff(shell_status(status));
        }
        if (pid < 0 && errno == ECHILD)
            poweroff(127);
    }
}

static void run_shell_forever(void)
{
    char *shell_argv[] = { (char *)SHELL, NULL };
    for (;;) {
        pid_t shell = start(shell_argv);
        if (shell < 0) {
            sleep(1);
            continue;
        }
        int status = 0;
        for (;;) {
            pid_t pid = waitpid(-1, &status, 0);
            if (pid == shell || (pid < 0 && errno == ECHILD))
                break;                       /* start a new shell */
        }
        if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
            sleep(5);                        /* it could not start: don't spin */
    }
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "--run") == 0)
        run_one_program(&argv[2]);
    run_shell_forever();
    return 0;
}
