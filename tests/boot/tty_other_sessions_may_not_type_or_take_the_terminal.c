/* tests/boot/tty_other_sessions_may_not_type_or_take_the_terminal.c -
 * typing into a terminal (TIOCSTI) and choosing its foreground group
 * (TIOCSPGRP) are for the terminal's session (kernel/drivers/
 * tty_job_control.c), Linux's rules for a controlling terminal. Without
 * them any user could type a command into root's shell, or send Ctrl-C's
 * SIGINT to any group by making it the foreground and typing ^C.
 *
 * A child leads a session and holds the terminal's foreground. Then:
 *  - a process of another user in another session: TIOCSTI is EPERM,
 *    TIOCSPGRP ENOTTY, and the foreground group stays; asking it
 *    (tcgetpgrp, tcgetsid) is ENOTTY too: not its terminal;
 *  - the leader: TIOCSPGRP of a group that does not exist is ESRCH, of a
 *    group of another session EPERM;
 *  - a process of another user in the leader's session may type: the
 *    leader reads the byte. */
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>

#include "boot_terminal.h"

#define OTHER_USER   1000
#define NO_SUCH_GROUP 29999

static int terminal;

/* Runs `checks` in a child that is user OTHER_USER, in a session of its
 * own if `new_session`: its exit status (0: its checks passed). */
static int as_other_user(int new_session, int (*checks)(void))
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        if (new_session && setsid() < 0)
            _exit(10);
        if (setgid(OTHER_USER) < 0 || setuid(OTHER_USER) < 0)
            _exit(11);
        _exit(checks());
    }
    int status = -1;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + status;
}

static int stranger_may_neither_type_nor_take(void)
{
    char byte = 'x';
    errno = 0;
    if (ioctl(terminal, TIOCSTI, &byte) != -1 || errno != EPERM)
        return 1;
    errno = 0;
    if (tcsetpgrp(terminal, getpgrp()) != -1 || errno != ENOTTY)
        return 2;
    errno = 0;
    if (tcgetpgrp(terminal) != -1 || errno != ENOTTY)
        return 3;                              /* not its terminal: Linux's ENOTTY */
    errno = 0;
    if (tcgetsid(terminal) != -1 || errno != ENOTTY)
        return 4;
    return 0;
}

static int session_member_types(void)
{
    char byte = 'z';
    return ioctl(terminal, TIOCSTI, &byte) == 0 ? 0 : 1;
}

static void session_checks(int fd)
{
    (void)fd;                                  /* (the same as `terminal`) */
    struct termios settings;
    CHECK_EQ(0, tcgetattr(terminal, &settings), "tcgetattr");
    settings.c_lflag &= ~(tcflag_t)(ICANON | ECHO);   /* one byte at a time, not shown */
    settings.c_cc[VMIN] = 1;
    settings.c_cc[VTIME] = 0;
    CHECK_EQ(0, tcsetattr(terminal, TCSANOW, &settings), "non-canonical input");

    CHECK_EQ(0, as_other_user(1, stranger_may_neither_type_nor_take),
             "another user's session: TIOCSTI EPERM (1), TIOCSPGRP ENOTTY (2), TIOCGPGRP (3) and TIOCGSID (4)"
             " ENOTTY; 10, 11: setup");
    CHECK_EQ(getpgrp(), tcgetpgrp(terminal), "the foreground group stays the leader's");
    struct pollfd typed = { terminal, POLLIN, 0 };
    CHECK_EQ(0, poll(&typed, 1, 200), "nothing was typed");

    errno = 0;
    CHECK(tcsetpgrp(terminal, NO_SUCH_GROUP) == -1 && errno == ESRCH, "TIOCSPGRP of no group: errno %d", errno);
    int led[2];
    CHECK_EQ(0, pipe(led), "pipe");
    fflush(stdout);
    pid_t elsewhere = fork();
    if (elsewhere == 0) {
        char done = (char)(setsid() == getpid());
        write(led[1], &done, 1);
        pause();
        _exit(0);
    }
    char done = 0;
    CHECK(read(led[0], &done, 1) == 1 && done, "the other process leads a session of its own");
    close(led[0]);
    close(led[1]);
    errno = 0;
    CHECK(tcsetpgrp(terminal, elsewhere) == -1 && errno == EPERM,
          "TIOCSPGRP of a group of another session: errno %d", errno);
    kill(elsewhere, SIGKILL);
    waitpid(elsewhere, NULL, 0);

    CHECK_EQ(0, as_other_user(0, session_member_types), "another user in the terminal's session types");
    char byte = 0;
    CHECK(poll(&typed, 1, 1000) == 1 && read(terminal, &byte, 1) == 1 && byte == 'z',
          "the leader reads the byte typed: '%c'", byte);
}

int main(void)
{
    terminal = open_test_terminal();
    run_in_a_session_of_the_terminal(terminal, session_checks);
    close_test_terminal(terminal);
    return test_finish("tty_other_sessions_may_not_type_or_take_the_terminal");
}
