/* tests/boot/tty_termios_settings_read_back_as_set.c - a fresh terminal
 * has Linux's settings (canonical, echo, signals; ^C ^\ DEL ^U ^D ^Z,
 * VMIN 1, VTIME 0), and whatever tcsetattr sets, flags this kernel acts on
 * or not, tcgetattr reads back unchanged; cfmakeraw and the speed
 * functions change only what they should; TCSETS* from a bad address is
 * EFAULT; the window size reads back too; ttyname names the terminal. */
#include <sys/stat.h>

#include "boot_terminal.h"

static void check_defaults(const struct termios *t)
{
    CHECK(t->c_lflag & ICANON, "ICANON off by default");
    CHECK(t->c_lflag & ECHO, "ECHO off by default");
    CHECK(t->c_lflag & ISIG, "ISIG off by default");
    CHECK(t->c_iflag & ICRNL, "ICRNL off by default");
    CHECK(t->c_oflag & OPOST, "OPOST off by default");
    CHECK_EQ(CS8, t->c_cflag & CSIZE, "character size");
    CHECK_EQ(0x03, t->c_cc[VINTR], "VINTR");
    CHECK_EQ(0x1c, t->c_cc[VQUIT], "VQUIT");
    CHECK_EQ(0x7f, t->c_cc[VERASE], "VERASE");
    CHECK_EQ(0x15, t->c_cc[VKILL], "VKILL");
    CHECK_EQ(0x04, t->c_cc[VEOF], "VEOF");
    CHECK_EQ(0x1a, t->c_cc[VSUSP], "VSUSP");
    CHECK_EQ(1, t->c_cc[VMIN], "VMIN");
    CHECK_EQ(0, t->c_cc[VTIME], "VTIME");
}

static void check_same(const struct termios *set, const struct termios *got)
{
    CHECK_EQ(set->c_iflag, got->c_iflag, "c_iflag read back");
    CHECK_EQ(set->c_oflag, got->c_oflag, "c_oflag read back");
    CHECK_EQ(set->c_cflag, got->c_cflag, "c_cflag read back");
    CHECK_EQ(set->c_lflag, got->c_lflag, "c_lflag read back");
    for (int i = 0; i < NCCS; i++)
        CHECK(set->c_cc[i] == got->c_cc[i], "c_cc[%d]: set %d, read %d", i, set->c_cc[i], got->c_cc[i]);
}

int main(void)
{
    int fd = open_test_terminal();
    struct termios t, got;
    CHECK_EQ(0, tcgetattr(fd, &t), "tcgetattr");
    check_defaults(&t);
    CHECK_EQ(1, isatty(fd), "isatty");

    /* flags this kernel does not act on are kept all the same */
    struct termios set = t;
    set.c_iflag |= IXANY | IMAXBEL | IGNPAR;
    set.c_oflag |= ONOCR;
    set.c_lflag |= TOSTOP | ECHOPRT;
    set.c_lflag &= ~(tcflag_t)(ECHO | ICANON);
    set.c_cc[VWERASE] = 0x01;
    set.c_cc[VMIN] = 3;
    set.c_cc[VTIME] = 7;
    set.c_cc[VEOL] = '%';
    CHECK_EQ(0, tcsetattr(fd, TCSANOW, &set), "tcsetattr TCSANOW");
    CHECK_EQ(0, tcgetattr(fd, &got), "tcgetattr");
    check_same(&set, &got);

    set.c_lflag |= ECHO | ICANON;
    CHECK_EQ(0, tcsetattr(fd, TCSADRAIN, &set), "tcsetattr TCSADRAIN");
    CHECK_EQ(0, tcgetattr(fd, &got), "tcgetattr");
    check_same(&set, &got);
    CHECK_EQ(0, tcsetattr(fd, TCSAFLUSH, &t), "tcsetattr TCSAFLUSH");
    CHECK_EQ(0, tcgetattr(fd, &got), "tcgetattr");
    check_same(&t, &got);

    /* cfmakeraw: no ICANON, ECHO, ISIG, OPOST, ICRNL; CS8; VMIN 1 VTIME 0 */
    struct termios raw = t;
    cfmakeraw(&raw);
    CHECK_EQ(0, tcsetattr(fd, TCSANOW, &raw), "tcsetattr raw");
    CHECK_EQ(0, tcgetattr(fd, &got), "tcgetattr raw");
    CHECK_EQ(0, got.c_lflag & (ICANON | ECHO | ISIG | IEXTEN), "raw c_lflag");
    CHECK_EQ(0, got.c_oflag & OPOST, "raw OPOST");
    CHECK_EQ(0, got.c_iflag & (ICRNL | IXON | ISTRIP), "raw c_iflag");
    CHECK_EQ(CS8, got.c_cflag & CSIZE, "raw CSIZE");
    CHECK_EQ(1, got.c_cc[VMIN], "raw VMIN");
    CHECK_EQ(0, got.c_cc[VTIME], "raw VTIME");

    /* speeds: kept in c_cflag, read back by both getters */
    struct termios speed = t;
    CHECK_EQ(0, cfsetospeed(&speed, B9600), "cfsetospeed B9600");
    CHECK_EQ(B9600, cfgetospeed(&speed), "cfgetospeed before tcsetattr");
    CHECK_EQ(0, cfsetspeed(&speed, B19200), "cfsetspeed B19200");
    CHECK_EQ(B19200, cfgetispeed(&speed), "cfgetispeed before tcsetattr");
    CHECK_EQ(0, tcsetattr(fd, TCSANOW, &speed), "tcsetattr with B19200");
    CHECK_EQ(0, tcgetattr(fd, &got), "tcgetattr");
    CHECK_EQ(B19200, cfgetospeed(&got), "output speed read back");
    CHECK_EQ(B19200, cfgetispeed(&got), "input speed read back");
    CHECK_EQ(0, tcsetattr(fd, TCSANOW, &t), "tcsetattr back");

    /* bad addresses (ioctl itself); unknown actions */
    CHECK_ERROR(ioctl(fd, TCGETS, (void *)8), EFAULT);    /* glibc's tcgetattr copies in user space */
    CHECK_ERROR(ioctl(fd, TCSETS, (void *)8), EFAULT);
    CHECK_ERROR(ioctl(fd, TCSETSF, (void *)8), EFAULT);
    CHECK_ERROR(ioctl(fd, TIOCGWINSZ, (void *)8), EFAULT);
    CHECK_ERROR(tcsetattr(fd, 99, &t), EINVAL);
    CHECK_ERROR(tcflush(fd, 99), EINVAL);
    CHECK_ERROR(tcflow(fd, 99), EINVAL);
    CHECK_EQ(0, tcgetattr(fd, &got), "tcgetattr after the failures");
    check_same(&t, &got);

    /* the window size reads back */
    struct winsize before, window = { .ws_row = 33, .ws_col = 101 }, read_window;
    CHECK_EQ(0, ioctl(fd, TIOCGWINSZ, &before), "TIOCGWINSZ");
    CHECK_EQ(0, ioctl(fd, TIOCSWINSZ, &window), "TIOCSWINSZ");
    CHECK_EQ(0, ioctl(fd, TIOCGWINSZ, &read_window), "TIOCGWINSZ after TIOCSWINSZ");
    CHECK_EQ(33, read_window.ws_row, "rows read back");
    CHECK_EQ(101, read_window.ws_col, "columns read back");
    CHECK_EQ(0, ioctl(fd, TIOCSWINSZ, &before), "TIOCSWINSZ back");

    /* draining and flushing succeed on a terminal */
    CHECK_EQ(0, tcdrain(fd), "tcdrain");
    CHECK_EQ(0, tcflush(fd, TCIOFLUSH), "tcflush");
    CHECK_EQ(0, tcflow(fd, TCOOFF), "tcflow TCOOFF");
    CHECK_EQ(0, tcflow(fd, TCOON), "tcflow TCOON");

    /* ttyname: a /dev name that opens the same terminal */
    char name[64];
    CHECK_EQ(0, ttyname_r(fd, name, sizeof name), "ttyname_r");
    CHECK(strncmp(name, "/dev/", 5) == 0, "ttyname_r gave \"%s\"", name);
    CHECK_EQ(ERANGE, ttyname_r(fd, name, 4), "ttyname_r into 4 bytes");
    char *static_name = ttyname(fd);
    CHECK(static_name != NULL && strncmp(static_name, "/dev/", 5) == 0, "ttyname");
    struct stat by_name, by_fd;
    CHECK(static_name && stat(static_name, &by_name) == 0 && S_ISCHR(by_name.st_mode),
          "stat of the name: errno %d", errno);
    CHECK_EQ(0, fstat(fd, &by_fd), "fstat");

    close_test_terminal(fd);
    return test_finish("tty_termios_settings_read_back_as_set");
}
