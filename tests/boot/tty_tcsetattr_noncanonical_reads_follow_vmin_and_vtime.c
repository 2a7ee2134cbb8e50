/* tests/boot/tty_tcsetattr_noncanonical_reads_follow_vmin_and_vtime.c -
 * with ICANON off, read() returns as POSIX's VMIN/VTIME table says:
 *   VMIN 0, VTIME 0: at once, with what is queued (0 bytes if nothing);
 *   VMIN 0, VTIME t: the first byte, or 0 bytes after t tenths of a second;
 *   VMIN m, VTIME 0: once min(m, size) bytes are queued;
 *   VMIN m, VTIME t: m bytes, or fewer once t passes after the last byte.
 * Bytes are readable as typed, without Enter; FIONREAD counts them;
 * leaving canonical mode makes a half-typed line readable; with ISIG off
 * Ctrl-C is an ordinary byte and no signal; a signal ends a wait with
 * EINTR. Nothing leaks. */
#include <signal.h>
#include <sys/wait.h>

#include "boot_terminal.h"

static volatile sig_atomic_t interrupts;

static void count_interrupt(int signal)
{
    (void)signal;
    interrupts++;
}

static void ignore_alarm(int signal)
{
    (void)signal;
}

static void set_raw(int fd, const struct termios *base, int minimum, int tenths)
{
    struct termios t = *base;
    t.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG);
    t.c_cc[VMIN] = (cc_t)minimum;
    t.c_cc[VTIME] = (cc_t)tenths;
    CHECK_EQ(0, tcsetattr(fd, TCSANOW, &t), "tcsetattr");
}

static long long ms_since(long long start)
{
    return (monotonic_ns() - start) / 1000000;
}

/* The checks, run in a child so that the kernel's counters can be
 * compared around them. */
static void cases(void)
{
    int fd = open_test_terminal();
    struct termios base;
    CHECK_EQ(0, tcgetattr(fd, &base), "tcgetattr");
    signal(SIGINT, count_interrupt);
    char buffer[16];
    long long start;
    int count;

    /* VMIN 0, VTIME 0: a poll */
    set_raw(fd, &base, 0, 0);
    tcflush(fd, TCIFLUSH);
    start = monotonic_ns();
    CHECK_EQ(0, read(fd, buffer, sizeof buffer), "read with nothing typed, VMIN 0 VTIME 0");
    CHECK(ms_since(start) < 100, "VMIN 0 VTIME 0 waited %lld ms", ms_since(start));
    type_on_terminal(fd, "abc");
    CHECK_EQ(0, ioctl(fd, FIONREAD, &count), "FIONREAD");
    CHECK_EQ(3, count, "FIONREAD after typing abc");
    CHECK_EQ(3, read(fd, buffer, sizeof buffer), "read after typing abc, no Enter");
    CHECK(memcmp(buffer, "abc", 3) == 0, "bytes read: %.3s", buffer);

    /* VMIN 0, VTIME 3: a timeout of 0.3 s */
    set_raw(fd, &base, 0, 3);
    start = monotonic_ns();
    CHECK_EQ(0, read(fd, buffer, sizeof buffer), "read with nothing typed, VMIN 0 VTIME 3");
    CHECK(ms_since(start) >= 250 && ms_since(start) < 3000, "VTIME 3 waited %lld ms", ms_since(start));
    type_on_terminal(fd, "q");
    CHECK_EQ(1, read(fd, buffer, sizeof buffer), "VMIN 0 VTIME 3 with a byte typed");

    /* VMIN 2, VTIME 0: waits for two bytes, one typed later by a child */
    set_raw(fd, &base, 2, 0);
    type_on_terminal(fd, "x");
    pid_t child = fork();
    if (child == 0) {
        usleep(300 * 1000);
        type_on_terminal(fd, "y");
        _exit(0);
    }
    start = monotonic_ns();
    CHECK_EQ(2, read(fd, buffer, sizeof buffer), "VMIN 2: two bytes");
    CHECK(ms_since(start) >= 200, "VMIN 2 returned after %lld ms with one byte queued", ms_since(start));
    CHECK(memcmp(buffer, "xy", 2) == 0, "bytes read: %.2s", buffer);
    waitpid(child, 0, 0);

    /* VMIN 5 but a read of 2: returns once 2 are there */
    set_raw(fd, &base, 5, 0);
    type_on_terminal(fd, "123");
    CHECK_EQ(2, read(fd, buffer, 2), "VMIN 5, read of 2 bytes");
    CHECK_EQ(1, read(fd, buffer, 1), "the third byte");

    /* VMIN 4, VTIME 2: two bytes, then the inter-byte timer ends the read */
    set_raw(fd, &base, 4, 2);
    type_on_terminal(fd, "mn");
    start = monotonic_ns();
    CHECK_EQ(2, read(fd, buffer, sizeof buffer), "VMIN 4 VTIME 2 with two bytes typed");
    CHECK(ms_since(start) < 3000, "the inter-byte timer took %lld ms", ms_since(start));

    /* O_NONBLOCK with nothing queued and VMIN 1: EAGAIN */
    set_raw(fd, &base, 1, 0);
    int flags = fcntl(fd, F_GETFL);
    fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    CHECK_ERROR(read(fd, buffer, sizeof buffer), EAGAIN);
    fcntl(fd, F_SETFL, flags);

    /* a signal ends a raw wait with EINTR (no SA_RESTART) */
    set_raw(fd, &base, 1, 0);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = ignore_alarm;
    sigemptyset(&action.sa_mask);
    sigaction(SIGALRM, &action, 0);
    alarm(1);
    CHECK_ERROR(read(fd, buffer, sizeof buffer), EINTR);
    alarm(0);

    /* ISIG off: Ctrl-C is a byte */
    set_raw(fd, &base, 1, 0);
    type_on_terminal(fd, "\x03");
    CHECK_EQ(1, read(fd, buffer, sizeof buffer), "read of Ctrl-C with ISIG off");
    CHECK_EQ(0x03, buffer[0], "the byte read");
    CHECK_EQ(0, interrupts, "SIGINTs with ISIG off");

    /* a half-typed line becomes readable when canonical mode is left */
    CHECK_EQ(0, tcsetattr(fd, TCSAFLUSH, &base), "back to canonical mode");
    type_on_terminal(fd, "half");
    set_raw(fd, &base, 0, 0);
    CHECK_EQ(4, read(fd, buffer, sizeof buffer), "the half-typed line after leaving canonical mode");

    close_test_terminal(fd);
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("tty_tcsetattr_noncanonical_reads_follow_vmin_and_vtime");
}
