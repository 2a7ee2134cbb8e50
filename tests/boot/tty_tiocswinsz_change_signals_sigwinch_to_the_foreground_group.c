/* tests/boot/tty_tiocswinsz_change_signals_sigwinch_to_the_foreground_group.c
 * - TIOCSWINSZ with a size that differs from the terminal's sends SIGWINCH
 * to its foreground process group, once; the same size again sends
 * nothing. A child in a session of its own makes itself the foreground
 * group (on Linux it first takes the pseudo-terminal as its controlling
 * terminal, which TIOCSPGRP requires there). */
#include <signal.h>
#include <sys/wait.h>

#include "boot_terminal.h"

static volatile sig_atomic_t window_changes;

static void count_window_change(int signal)
{
    (void)signal;
    window_changes++;
}

static void checks(int fd)
{
    CHECK_EQ(getpgrp(), tcgetpgrp(fd), "tcgetpgrp");
    CHECK_EQ(getpid(), tcgetsid(fd), "tcgetsid: the session of the foreground group, ours");
    signal(SIGWINCH, count_window_change);
    struct winsize before, window;
    CHECK_EQ(0, ioctl(fd, TIOCGWINSZ, &before), "TIOCGWINSZ");
    window = before;
    window.ws_row = (unsigned short)(before.ws_row + 7);
    window.ws_col = (unsigned short)(before.ws_col + 3);
    CHECK_EQ(0, ioctl(fd, TIOCSWINSZ, &window), "TIOCSWINSZ with a new size");
    CHECK_EQ(1, window_changes, "SIGWINCH after a new size");
    CHECK_EQ(0, ioctl(fd, TIOCSWINSZ, &window), "TIOCSWINSZ with the same size");
    CHECK_EQ(1, window_changes, "SIGWINCH after the same size again");
    CHECK_EQ(0, ioctl(fd, TIOCSWINSZ, &before), "TIOCSWINSZ back");
    CHECK_EQ(2, window_changes, "SIGWINCH after the size went back");
}

int main(void)
{
    int fd = open_test_terminal();
    run_in_a_session_of_the_terminal(fd, checks);
    close_test_terminal(fd);
    return test_finish("tty_tiocswinsz_change_signals_sigwinch_to_the_foreground_group");
}
