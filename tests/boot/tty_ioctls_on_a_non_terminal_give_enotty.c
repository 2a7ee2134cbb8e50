/* tests/boot/tty_ioctls_on_a_non_terminal_give_enotty.c - the termios
 * functions and the terminal ioctls on a pipe, a regular file and
 * /dev/null fail with ENOTTY, as on Linux; on a closed descriptor with
 * EBADF; isatty says 0 and ttyname NULL with the same errno; tcsetattr
 * with an unknown action is EINVAL. Nothing leaks. */
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>

#include "boot_test.h"

#define CLOSED_FD 77   /* a descriptor the test never opens */

/* Every terminal call on `fd`, which is open but no terminal. */
static void check_not_a_terminal(int fd, const char *what)
{
    struct termios settings;
    memset(&settings, 0, sizeof settings);
    struct winsize window;
    pid_t group;
    char name[64];
    printf("on %s\n", what);
    CHECK_ERROR(tcgetattr(fd, &settings), ENOTTY);
    CHECK_ERROR(tcsetattr(fd, TCSANOW, &settings), ENOTTY);
    CHECK_ERROR(tcsetattr(fd, TCSADRAIN, &settings), ENOTTY);
    CHECK_ERROR(tcsetattr(fd, TCSAFLUSH, &settings), ENOTTY);
    CHECK_ERROR(ioctl(fd, TIOCGWINSZ, &window), ENOTTY);
    CHECK_ERROR(ioctl(fd, TIOCSWINSZ, &window), ENOTTY);
    CHECK_ERROR(ioctl(fd, TIOCGPGRP, &group), ENOTTY);
    CHECK_ERROR(tcflush(fd, TCIFLUSH), ENOTTY);
    CHECK_ERROR(tcdrain(fd), ENOTTY);
    CHECK_ERROR(tcflow(fd, TCOON), ENOTTY);
    CHECK_ERROR(tcgetsid(fd), ENOTTY);
    CHECK_ERROR(tcgetpgrp(fd), ENOTTY);
    errno = 0;
    CHECK_EQ(0, isatty(fd), "isatty");
    CHECK_EQ(ENOTTY, errno, "errno after isatty");
    errno = 0;
    CHECK(ttyname(fd) == NULL, "ttyname gave a name");
    CHECK_EQ(ENOTTY, errno, "errno after ttyname");
    CHECK_EQ(ENOTTY, ttyname_r(fd, name, sizeof name), "ttyname_r");
}

/* The checks, run in a child so that the kernel's counters can be
 * compared around them. */
static void cases(void)
{
    int pipe_ends[2];
    CHECK_EQ(0, pipe(pipe_ends), "pipe");
    check_not_a_terminal(pipe_ends[0], "a pipe");
    check_not_a_terminal(pipe_ends[1], "a pipe");
    close(pipe_ends[0]);
    close(pipe_ends[1]);

    int file = open("/tmp/tty_enotty_file", O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(file >= 0, "open a regular file: errno %d", errno);
    check_not_a_terminal(file, "a regular file");
    close(file);
    unlink("/tmp/tty_enotty_file");

    int null = open("/dev/null", O_RDWR);
    CHECK(null >= 0, "open /dev/null: errno %d", errno);
    check_not_a_terminal(null, "/dev/null");
    close(null);

    struct termios settings;
    memset(&settings, 0, sizeof settings);
    char name[64];
    CHECK_ERROR(tcgetattr(CLOSED_FD, &settings), EBADF);
    CHECK_ERROR(tcsetattr(CLOSED_FD, TCSANOW, &settings), EBADF);
    CHECK_ERROR(tcflush(CLOSED_FD, TCIOFLUSH), EBADF);
    CHECK_EQ(EBADF, ttyname_r(CLOSED_FD, name, sizeof name), "ttyname_r on a closed descriptor");
    errno = 0;
    CHECK_EQ(0, isatty(CLOSED_FD), "isatty on a closed descriptor");
    CHECK_EQ(EBADF, errno, "errno after isatty on a closed descriptor");

    int other_pipe[2];
    CHECK_EQ(0, pipe(other_pipe), "pipe");
    CHECK_ERROR(tcsetattr(other_pipe[0], 12345, &settings), EINVAL);
    close(other_pipe[0]);
    close(other_pipe[1]);
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("tty_ioctls_on_a_non_terminal_give_enotty");
}
