/* tests/boot/tty_background_job_read_stops_it_with_sigttin.c - job control
 * on a terminal (kernel/drivers/tty_job_control.c), as a shell meets it.
 * A child leads a session of its own and puts its group in the terminal's
 * foreground (on Linux it first takes the pseudo-terminal as its
 * controlling terminal), then runs jobs in groups of their own:
 *
 *  - a background job that reads is stopped by SIGTTIN; made the
 *    foreground group and continued, its read starts again and gets the
 *    line typed, once;
 *  - one that ignores SIGTTIN, or blocks it, gets EIO instead;
 *  - a write from the background goes through, but with TOSTOP set the
 *    writer is stopped by SIGTTOU; a change of the settings from the
 *    background is stopped by SIGTTOU whatever TOSTOP says;
 *  - a background job whose group is orphaned (its parent gone, nobody
 *    left to continue it) gets EIO for its read instead of a stop.
 *
 * The session leader ignores SIGTTOU, as a shell does, to take the
 * terminal back from a job. */
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>

#include "boot_terminal.h"

#define ORPHAN_ANSWER_MS 10000

static int terminal;

/* Starts a job: a child in a group of its own (the background), with
 * SIGTTOU at its default as a shell leaves it, that runs `job` and exits
 * with its result. */
static pid_t start_job(int (*job)(void))
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        signal(SIGTTOU, SIG_DFL);          /* the shell's ignore is not the job's */
        _exit(job());
    }
    setpgid(pid, pid);                     /* the same call as the child's: whoever is first */
    return pid;
}

/* The status of `job` once it stops or ends. */
static int job_status(pid_t job)
{
    int status = -1;
    CHECK_EQ(job, waitpid(job, &status, WUNTRACED), "waitpid for the job");
    return status;
}

/* Ends a job that stopped. */
static void end_job(pid_t job)
{
    kill(-job, SIGKILL);
    waitpid(job, NULL, 0);
}

static int reads_a_line(void)
{
    char line[16] = { 0 };
    ssize_t n = read(terminal, line, sizeof line - 1);
    return n == 6 && !strcmp(line, "hello\n") ? 0 : 1;
}

static int read_gives_eio(void)
{
    char byte;
    errno = 0;
    return read(terminal, &byte, 1) < 0 && errno == EIO ? 0 : 1;
}

static int ignores_sigttin_and_reads(void)
{
    signal(SIGTTIN, SIG_IGN);
    return read_gives_eio();
}

static int blocks_sigttin_and_reads(void)
{
    sigset_t blocked;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGTTIN);
    sigprocmask(SIG_BLOCK, &blocked, NULL);
    return read_gives_eio();
}

static int writes_a_newline(void)
{
    return write(terminal, "\n", 1) == 1 ? 0 : 1;
}

static int sets_the_settings(void)
{
    struct termios settings;
    if (tcgetattr(terminal, &settings) < 0)
        return 1;
    return tcsetattr(terminal, TCSANOW, &settings) == 0 ? 0 : 1;
}

static void background_read_stops_then_reads_in_the_foreground(void)
{
    pid_t job = start_job(reads_a_line);
    int status = job_status(job);
    CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGTTIN,
          "a background read: status 0x%x (expected stopped by SIGTTIN)", status);
    CHECK_EQ(0, tcsetpgrp(terminal, job), "fg: the job's group in the foreground");
    type_on_terminal(terminal, "hello\n");
    kill(-job, SIGCONT);
    status = job_status(job);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "continued in the foreground, its read got the line: status 0x%x", status);
    CHECK_EQ(0, tcsetpgrp(terminal, getpgrp()), "the terminal back (SIGTTOU ignored)");
}

static void ignored_or_blocked_sigttin_makes_the_read_eio(void)
{
    int status = job_status(start_job(ignores_sigttin_and_reads));
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "SIGTTIN ignored: EIO (status 0x%x)", status);
    status = job_status(start_job(blocks_sigttin_and_reads));
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "SIGTTIN blocked: EIO (status 0x%x)", status);
}

static void background_writes_and_settings(void)
{
    int status = job_status(start_job(writes_a_newline));
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a background write without TOSTOP: status 0x%x", status);

    pid_t job = start_job(sets_the_settings);
    status = job_status(job);
    CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGTTOU,
          "tcsetattr from the background: status 0x%x (expected stopped by SIGTTOU)", status);
    if (WIFSTOPPED(status))
        end_job(job);

    struct termios settings, with_tostop;
    CHECK_EQ(0, tcgetattr(terminal, &settings), "tcgetattr");
    with_tostop = settings;
    with_tostop.c_lflag |= TOSTOP;
    CHECK_EQ(0, tcsetattr(terminal, TCSANOW, &with_tostop), "TOSTOP on");
    job = start_job(writes_a_newline);
    status = job_status(job);
    CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGTTOU,
          "a background write with TOSTOP: status 0x%x (expected stopped by SIGTTOU)", status);
    if (WIFSTOPPED(status))
        end_job(job);
    CHECK_EQ(0, tcsetattr(terminal, TCSANOW, &settings), "TOSTOP off");
}

/* A grandchild in a group of its own whose parent exits: init takes it
 * in, and its group is orphaned. It tells what its read gave through a
 * pipe: its pid, then 0 (EIO) or 1 (anything else). */
static void orphaned_group_read_is_eio(void)
{
    int answer[2];
    CHECK_EQ(0, pipe(answer), "pipe");
    fflush(stdout);
    pid_t parent = fork();
    if (parent == 0) {
        pid_t orphan = fork();
        if (orphan == 0) {
            setpgid(0, 0);
            pid_t self = getpid();
            write(answer[1], &self, sizeof self);
            for (int i = 0; i < 1000 && getppid() != 1; i++)
                usleep(5 * 1000);              /* until our parent is gone */
            char result = (char)read_gives_eio();
            write(answer[1], &result, 1);
            _exit(0);
        }
        _exit(0);
    }
    waitpid(parent, NULL, 0);
    close(answer[1]);
    pid_t orphan = -1;
    char result = 2;
    struct pollfd ready = { answer[0], POLLIN, 0 };
    if (poll(&ready, 1, ORPHAN_ANSWER_MS) == 1)
        read(answer[0], &orphan, sizeof orphan);
    if (poll(&ready, 1, ORPHAN_ANSWER_MS) == 1)
        read(answer[0], &result, 1);
    CHECK_EQ(0, result, "an orphaned group's background read: 0 is EIO, 1 another answer, 2 none (a stop)");
    if (result == 2 && orphan > 0)
        kill(orphan, SIGKILL);                 /* stopped for ever */
    close(answer[0]);
}

static void session_checks(int fd)
{
    (void)fd;                                  /* (the same as `terminal`) */
    signal(SIGTTOU, SIG_IGN);
    background_read_stops_then_reads_in_the_foreground();
    ignored_or_blocked_sigttin_makes_the_read_eio();
    background_writes_and_settings();
    orphaned_group_read_is_eio();
}

int main(void)
{
    terminal = open_test_terminal();
    run_in_a_session_of_the_terminal(terminal, session_checks);
    close_test_terminal(terminal);
    return test_finish("tty_background_job_read_stops_it_with_sigttin");
}
