/* tests/boot/boot_terminal.h - a terminal to test termios on, and a way
 * to type into it, here and on Linux (tools/linux-check).
 *
 * Here: the serial line, /dev/ttyS0, which a boot test also has as its
 * standard input; typing is TIOCSTI, which hands a byte to the terminal as
 * if it came down the line. On Linux (glibc): a pseudo-terminal, whose
 * slave is the terminal and whose master types (a write to it is input to
 * the slave, delivered a moment later, hence the pause). Either way the
 * settings are restored and input thrown away by close_test_terminal. */
#ifndef TESTS_BOOT_BOOT_TERMINAL_H
#define TESTS_BOOT_BOOT_TERMINAL_H

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "boot_test.h"

static int terminal_typist = -1;              /* Linux: the master side */
static struct termios terminal_settings_before;

/* Opens the terminal the test works on; exits the test if there is none. */
static inline int open_test_terminal(void)
{
    int fd;
#ifdef __GLIBC__
    terminal_typist = posix_openpt(O_RDWR | O_NOCTTY);
    if (terminal_typist < 0 || grantpt(terminal_typist) < 0 || unlockpt(terminal_typist) < 0) {
        printf("FAIL %s:%d: no pseudo-terminal\n", __FILE__, __LINE__);
        exit(1);
    }
    fd = open(ptsname(terminal_typist), O_RDWR | O_NOCTTY);
#else
    fd = open("/dev/ttyS0", O_RDWR);
#endif
    if (fd < 0 || tcgetattr(fd, &terminal_settings_before) < 0) {
        printf("FAIL %s:%d: no terminal to test on\n", __FILE__, __LINE__);
        exit(1);
    }
    return fd;
}

/* Types `length` bytes on terminal `fd`, as a person at it would. */
static inline void type_bytes(int fd, const char *text, size_t length)
{
#ifdef __GLIBC__
    (void)fd;
    if (write(terminal_typist, text, length) != (ssize_t)length)
        printf("FAIL %s:%d: typing on the pseudo-terminal\n", __FILE__, __LINE__);
    usleep(100 * 1000);                       /* the line discipline gets it from a work queue */
#else
    for (size_t i = 0; i < length; i++)
        if (ioctl(fd, TIOCSTI, &text[i]) < 0)
            printf("FAIL %s:%d: TIOCSTI\n", __FILE__, __LINE__);
#endif
}

static inline void type_on_terminal(int fd, const char *text)
{
    type_bytes(fd, text, strlen(text));
}

/* Runs `checks` on terminal `fd` in a child that leads a session of its
 * own with its group in the terminal's foreground (on Linux the
 * pseudo-terminal first becomes its controlling terminal, which
 * TIOCSPGRP needs there); the test fails if the child's checks do. */
static inline void run_in_a_session_of_the_terminal(int fd, void (*checks)(int fd))
{
    fflush(stdout);
    pid_t leader = fork();
    if (leader == 0) {
        pid_t session = setsid();
        CHECK(session == getpid(), "setsid gave %d: errno %d", (int)session, errno);
#ifdef __GLIBC__
        CHECK_EQ(0, ioctl(fd, TIOCSCTTY, 0), "TIOCSCTTY");
#endif
        CHECK_EQ(0, tcsetpgrp(fd, getpgrp()), "tcsetpgrp: the session leader's group in the foreground");
        checks(fd);
        fflush(stdout);
        _exit(check_failures ? 1 : 0);
    }
    int status = 0;
    CHECK_EQ(leader, waitpid(leader, &status, 0), "waitpid for the session leader");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the session's checks failed (status 0x%x)", status);
}

/* Puts the settings back, throws unread input away and closes. */
static inline void close_test_terminal(int fd)
{
    tcsetattr(fd, TCSAFLUSH, &terminal_settings_before);
    close(fd);
    if (terminal_typist >= 0)
        close(terminal_typist);
}

#endif
