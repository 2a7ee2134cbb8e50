/* user/bin/init.c - the first process (pid 1).
 *
 *   init                  the normal boot: runs /bin/sh on every terminal
 *                         (serial, tty1-tty4) and starts each again when it exits
 *   init --run PROG ARGS  runs PROG as its only child (tools/run-prog and the
 *                         boot tests), then powers the machine off with the
 *                         program's status: its exit code, or 128+N if
 *                         signal N killed it
 *
 * Either way init also reaps orphans: every process whose parent exited
 * becomes init's child, and its zombie is collected here.
 *
 * In the normal boot, SIGPWR (sent by poweroff(1), root only) turns the
 * machine off: the kernel writes every disk's changes and marks the disks
 * clean first (docs/disk.md), so /home needs no e2fsck at the next boot. */
#include <errno.h>
#include <fcntl.h>
#include <kernel.h>
#include <signal.h>
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

static const char *const TERMINALS[] = { "/dev/ttyS0", "/dev/tty1", "/dev/tty2", "/dev/tty3", "/dev/tty4" };
#define TERMINAL_COUNT (sizeof TERMINALS / sizeof TERMINALS[0])

/* Starts /bin/sh in a session of its own with `terminal` on fds 0-2. */
static pid_t start_shell_on(const char *terminal)
{
    pid_t pid = fork();
    if (pid == 0) {
        setsid();
        int fd = open(terminal, O_RDWR);
        if (fd < 0)
            _exit(127);
        dup2(fd, 0);
        dup2(fd, 1);
        dup2(fd, 2);
        if (fd > 2)
            close(fd);
        char *shell_argv[] = { (char *)SHELL, NULL };
        execv(SHELL, shell_argv);
        fprintf(stderr, "init: cannot run %s: %s\n", SHELL, strerror(errno));
        _exit(127);
    }
    if (pid < 0)
        fprintf(stderr, "init: fork: %s\n", strerror(errno));
    return pid;
}

static volatile sig_atomic_t power_off_asked;

static void ask_power_off(int signal_number)
{
    (void)signal_number;
    power_off_asked = 1;
}

/* One shell per terminal (the serial line and the four VGA consoles),
 * started again whenever it exits; orphans are reaped meanwhile, until
 * SIGPWR asks for the power to go. */
static void run_shells_forever(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = ask_power_off;    /* no SA_RESTART: the wait ends with EINTR */
    sigaction(SIGPWR, &action, NULL);
    pid_t shells[TERMINAL_COUNT];
    for (unsigned i = 0; i < TERMINAL_COUNT; i++)
        shells[i] = start_shell_on(TERMINALS[i]);
    for (;;) {
        int status = 0;
        pid_t pid = waitpid(-1, &status, 0);
        if (power_off_asked) {
            printf("init: powering off\n");
            fflush(stdout);
            poweroff(0);
        }
        if (pid < 0) {
            sleep(1);
            continue;
        }
        for (unsigned i = 0; i < TERMINAL_COUNT; i++) {
            if (shells[i] != pid)
                continue;
            if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
                sleep(5);                    /* it could not start: don't spin */
            shells[i] = start_shell_on(TERMINALS[i]);
        }
    }
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "--run") == 0)
        run_one_program(&argv[2]);
    run_shells_forever();
    return 0;
}
