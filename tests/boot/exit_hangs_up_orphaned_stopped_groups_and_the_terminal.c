/* tests/boot/exit_hangs_up_orphaned_stopped_groups_and_the_terminal.c -
 * POSIX's two hang-ups at _exit, as on Linux:
 *  - a process whose end leaves a process group orphaned (no member has
 *    a parent in another group of the session any more) sends that group
 *    SIGHUP, then SIGCONT, when a member is stopped: nobody could
 *    continue it otherwise. A group none of whose members is stopped
 *    gets nothing;
 *  - the end of a session leader that has a terminal (Linux's
 *    controlling process) sends the terminal's foreground group SIGHUP,
 *    and the terminal belongs to no session afterwards (tcgetsid: ENOTTY).
 * The children report through a pipe. It passes on Linux too
 * (tools/linux-check). */
// needs: ptys
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <termios.h>

#include "boot_test.h"

static int report_fd = -1;

static void say_hangup(int signal)
{
    (void)signal;
    write(report_fd, "H", 1);
}

/* A SIGHUP from now on writes "H" to `fd`; the caller leads a new process
 * group of its session. */
static void report_hangups_in_a_group_of_its_own(int fd)
{
    report_fd = fd;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = say_hangup;
    sigaction(SIGHUP, &action, 0);
    setpgid(0, 0);
}

/* The next byte on `fd` within `ms`, or 0. */
static char next_report(int fd, int ms)
{
    struct pollfd entry = { fd, POLLIN, 0 };
    char c = 0;
    if (poll(&entry, 1, ms) == 1 && read(fd, &c, 1) != 1)
        c = 0;
    return c;
}

/* A child in a group of its own, its parent the only link of that group
 * to the session; the parent ends while the child is stopped (or not). */
static void orphaned_group(int stop_it)
{
    int reports[2];
    CHECK_EQ(0, pipe(reports), "pipe");
    fflush(stdout);
    pid_t middle = fork();
    if (middle == 0) {
        pid_t child = fork();
        if (child == 0) {
            report_hangups_in_a_group_of_its_own(reports[1]);
            write(reports[1], "R", 1);
            if (stop_it)
                raise(SIGSTOP);
            else
                usleep(400 * 1000);             /* the parent ends meanwhile */
            write(reports[1], "E", 1);
            _exit(0);
        }
        char c;
        read(reports[0], &c, 1);                  /* in its own group now */
        if (stop_it) {
            int status;
            waitpid(child, &status, WUNTRACED);   /* stopped */
        }
        _exit(0);
    }
    close(reports[1]);
    int status;
    waitpid(middle, &status, 0);
    char got[3] = { next_report(reports[0], 3000), 0, 0 };
    got[1] = got[0] ? next_report(reports[0], 3000) : 0;
    if (stop_it)
        CHECK(got[0] == 'H' && got[1] == 'E', "the stopped orphan: SIGHUP, then continued (got \"%s\")", got);
    else
        CHECK(got[0] == 'E', "the running orphan: no SIGHUP, it ends on its own (got \"%s\")", got);
    close(reports[0]);
}

/* A session leader on a pseudoterminal's slave, a child of its session
 * in the foreground; the leader ends. */
static void controlling_process_ends(void)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    CHECK(master >= 0, "posix_openpt: %s", strerror(errno));
    grantpt(master);
    unlockpt(master);
    char path[64];
    strcpy(path, ptsname(master));
    int reports[2];
    CHECK_EQ(0, pipe(reports), "pipe");
    fflush(stdout);
    pid_t leader = fork();
    if (leader == 0) {
        close(master);
        setsid();
        int slave = open(path, O_RDWR);           /* the leader's terminal */
        int go[2];
        pipe(go);
        pid_t job = fork();
        if (job == 0) {
            report_hangups_in_a_group_of_its_own(reports[1]);
            char c;
            read(go[0], &c, 1);                   /* in the foreground now */
            write(reports[1], "R", 1);
            usleep(500 * 1000);                   /* the leader ends; SIGHUP comes */
            errno = 0;
            if (tcgetsid(slave) == -1 && errno == ENOTTY)
                write(reports[1], "N", 1);
            _exit(0);
        }
        setpgid(job, job);
        tcsetpgrp(slave, job);
        write(go[1], "g", 1);
        char c;
        read(reports[0], &c, 1);                  /* the job is ready */
        _exit(0);
    }
    close(reports[1]);
    int status;
    waitpid(leader, &status, 0);
    char got[3] = { next_report(reports[0], 3000), 0, 0 };
    got[1] = got[0] ? next_report(reports[0], 3000) : 0;
    CHECK(got[0] == 'H', "the foreground job got SIGHUP when the session leader ended (got \"%s\")", got);
    CHECK(got[1] == 'N', "the terminal belongs to no session afterwards: tcgetsid ENOTTY (got \"%s\")", got);
    close(reports[0]);
    close(master);
}

int main(void)
{
    orphaned_group(1);
    orphaned_group(0);
    controlling_process_ends();
    return test_finish("exit_hangs_up_orphaned_stopped_groups_and_the_terminal");
}
