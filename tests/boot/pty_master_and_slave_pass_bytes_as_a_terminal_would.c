/* tests/boot/pty_master_and_slave_pass_bytes_as_a_terminal_would.c -
 * pseudoterminals, as on Linux. posix_openpt opens a master; its slave
 * /dev/pts/N (ptsname) opens only after unlockpt (EIO before), and is a
 * terminal (isatty, ttyname, st_rdev (136, N)); any user may open a
 * pair, whose slave is then theirs, mode 0620 (on Linux as its devpts
 * is mounted). What the master writes
 * is typed on the slave: edited into lines, echoed back to the master
 * ("hello\r\n" under ONLCR), Ctrl-C a SIGINT for the group of the
 * session leader that opened the slave; what the slave writes the master
 * reads. In raw mode every byte value passes, and 64 KiB each way arrive
 * exactly, in order (count and checksum), each writer waiting for the
 * reader (or a flush of the slave's input). The slave's close makes the master's read EIO and its poll
 * POLLHUP; the master's close makes the slave's read end of file and its
 * write EIO, its session leader gets SIGHUP, and /dev/pts/N is gone.
 * TIOCSWINSZ on the master is the slave's window. /dev/tty is the slave
 * for the session that took it, ENXIO for a session without a terminal.
 * Nothing leaks. It passes on Linux too (tools/linux-check).
 */
// needs: ptys
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <termios.h>

#include "boot_test.h"

#define BIG_TRANSFER (64 * 1024)

/* Reads exactly `size` bytes from `fd`, waiting at most `ms` for each
 * piece; returns how many came. */
static int read_within(int fd, char *buffer, int size, int ms)
{
    int total = 0;
    while (total < size) {
        struct pollfd entry = { fd, POLLIN, 0 };
        if (poll(&entry, 1, ms) != 1 || !(entry.revents & POLLIN))
            break;
        int count = read(fd, buffer + total, size - total);
        if (count <= 0)
            break;
        total += count;
    }
    return total;
}

static unsigned poll_events(int fd, int ms)
{
    struct pollfd entry = { fd, POLLIN | POLLOUT, 0 };
    return poll(&entry, 1, ms) == 1 ? (unsigned)entry.revents : 0;
}

/* A master, its slave's name in `name`, unlocked; -1 on failure. */
static int open_master(char *name, size_t size)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    CHECK(master >= 0, "posix_openpt: %s", strerror(errno));
    CHECK_EQ(0, grantpt(master), "grantpt");
    CHECK_EQ(0, unlockpt(master), "unlockpt");
    CHECK_EQ(0, ptsname_r(master, name, size), "ptsname_r");
    return master;
}

static void opens_and_names(void)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    CHECK(master >= 0, "posix_openpt: %s", strerror(errno));
    CHECK_EQ(0, grantpt(master), "grantpt");
    char *name = ptsname(master);
    CHECK(name && strncmp(name, "/dev/pts/", 9) == 0, "ptsname: %s", name ? name : "NULL");
    char path[64], tiny[4];
    strcpy(path, name ? name : "");
    CHECK_EQ(ERANGE, ptsname_r(master, tiny, sizeof tiny), "ptsname_r into 4 bytes");
    CHECK_ERROR(open(path, O_RDWR | O_NOCTTY), EIO);          /* locked until unlockpt */
    CHECK_EQ(0, unlockpt(master), "unlockpt");
    int slave = open(path, O_RDWR | O_NOCTTY);
    CHECK(slave >= 0, "open(%s) after unlockpt: %s", path, strerror(errno));
    CHECK_EQ(1, isatty(slave), "isatty(slave)");
    CHECK_EQ(1, isatty(master), "isatty(master)");
    char *slave_name = ttyname(slave);
    CHECK(slave_name && strcmp(slave_name, path) == 0, "ttyname(slave): %s, ptsname %s",
          slave_name ? slave_name : "NULL", path);
    struct stat st;
    CHECK_EQ(0, fstat(slave, &st), "fstat(slave)");
    CHECK(S_ISCHR(st.st_mode), "the slave is a character device (mode %o)", (unsigned)st.st_mode);
    CHECK_EQ(136, major(st.st_rdev), "the slave's major");
    CHECK_EQ(atoi(path + 9), minor(st.st_rdev), "the slave's minor is N");
    CHECK_EQ(0, stat("/dev/ptmx", &st), "stat /dev/ptmx");
    CHECK(S_ISCHR(st.st_mode) && major(st.st_rdev) == 5 && minor(st.st_rdev) == 2, "/dev/ptmx is (5, 2)");

    int pipe_ends[2];
    CHECK_EQ(0, pipe(pipe_ends), "pipe");
    CHECK_ERROR(grantpt(pipe_ends[0]), EINVAL);
    CHECK_ERROR(unlockpt(pipe_ends[0]), EINVAL);
    CHECK(ptsname(pipe_ends[0]) == NULL, "ptsname of a pipe");
    CHECK_ERROR(unlockpt(-1), EBADF);
    close(pipe_ends[0]);
    close(pipe_ends[1]);

    close(slave);
    close(master);
    CHECK_ERROR(stat(path, &st), ENOENT);                      /* both ends closed: gone */
}

/* Any user opens a pair; the slave is the opener's, mode 0620 after
 * grantpt whatever the umask. Run in a child, which gives up root. */
static void any_user_opens_a_pair(void)
{
    CHECK_EQ(0, setgid(100), "setgid(100)");
    CHECK_EQ(0, setuid(1000), "setuid(1000)");
    umask(077);
    char path[64];
    int master = open_master(path, sizeof path);
    struct stat st;
    CHECK_EQ(0, stat(path, &st), "stat of the slave");
    CHECK_EQ(1000, st.st_uid, "the slave's owner");
    CHECK_EQ(0600, st.st_mode & 0707, "the slave's mode: the owner's to read and write, nobody else's");
#ifndef __GLIBC__
    CHECK_EQ(0620, st.st_mode & 07777, "the slave's mode (Linux's follows devpts' mount: 0600 by default)");
#endif
    int slave = open(path, O_RDWR | O_NOCTTY);
    CHECK(slave >= 0, "user 1000 opens its slave: %s", strerror(errno));
    close(slave);
    close(master);
}

static void lines_echo_and_output(void)
{
    char path[64], got[64];
    int master = open_master(path, sizeof path);
    int slave = open(path, O_RDWR | O_NOCTTY);
    CHECK(slave >= 0, "open slave: %s", strerror(errno));
    CHECK_EQ(0, poll_events(master, 0) & POLLIN, "a fresh master has nothing to read");
    CHECK_EQ(POLLOUT, poll_events(master, 0) & POLLOUT, "and may be written");
    CHECK_EQ(6, write(master, "hello\n", 6), "master writes a line");
    memset(got, 0, sizeof got);
    CHECK_EQ(6, read(slave, got, sizeof got), "the slave reads the line");
    CHECK(memcmp(got, "hello\n", 6) == 0, "the slave read \"%s\"", got);
    CHECK_EQ(4, write(slave, "out\n", 4), "the slave writes");
    memset(got, 0, sizeof got);
    CHECK_EQ(12, read_within(master, got, 12, 2000), "the master reads the echo, then the output");
    CHECK(memcmp(got, "hello\r\nout\r\n", 12) == 0, "the master read \"%s\"", got);

    /* editing: the erase character takes back a byte before the slave sees the line */
    CHECK_EQ(5, write(master, "abx\177\n", 5), "a line with an erase");
    memset(got, 0, sizeof got);
    CHECK_EQ(3, read(slave, got, sizeof got), "the edited line");
    CHECK(memcmp(got, "ab\n", 3) == 0, "the slave read \"%s\"", got);
    read_within(master, got, sizeof got, 200);                  /* the echo, with its erasing */

    /* raw: every byte as it comes, no echo, no output processing */
    struct termios settings;
    CHECK_EQ(0, tcgetattr(slave, &settings), "tcgetattr(slave)");
    cfmakeraw(&settings);
    CHECK_EQ(0, tcsetattr(slave, TCSANOW, &settings), "tcsetattr(slave, raw)");
    struct termios through_master;
    CHECK_EQ(0, tcgetattr(master, &through_master), "tcgetattr(master)");
    CHECK_EQ(0, through_master.c_lflag & (ICANON | ECHO), "the master's tcgetattr is the slave's");
    CHECK_EQ(4, write(master, "\003a\nb", 4), "master writes Ctrl-C and a newline, raw");
    memset(got, 0, sizeof got);
    CHECK_EQ(4, read_within(slave, got, 4, 2000), "the slave reads the 4 bytes");
    CHECK(memcmp(got, "\003a\nb", 4) == 0, "as they were written");
    CHECK_EQ(0, poll_events(master, 50) & POLLIN, "no echo in raw mode");
    CHECK_EQ(2, write(slave, "x\n", 2), "the slave writes without ONLCR");
    CHECK_EQ(2, read_within(master, got, 2, 2000), "the master reads 2 bytes");
    CHECK(memcmp(got, "x\n", 2) == 0, "no carriage return added");

    /* the window: set on the master, read on the slave */
    struct winsize window = { 33, 99, 0, 0 }, read_back;
    CHECK_EQ(0, ioctl(master, TIOCSWINSZ, &window), "TIOCSWINSZ on the master");
    CHECK_EQ(0, ioctl(slave, TIOCGWINSZ, &read_back), "TIOCGWINSZ on the slave");
    CHECK(read_back.ws_row == 33 && read_back.ws_col == 99, "the slave's window is %dx%d",
          read_back.ws_row, read_back.ws_col);

    /* the slave closes: the master reads EIO, polls POLLHUP */
    close(slave);
    CHECK(poll_events(master, 0) & POLLHUP, "POLLHUP on the master once the slave closed");
    CHECK_ERROR(read(master, got, sizeof got), EIO);
    slave = open(path, O_RDWR | O_NOCTTY);                     /* open again: no more hang-up */
    CHECK(slave >= 0, "open the slave again: %s", strerror(errno));
    fcntl(master, F_SETFL, O_NONBLOCK);
    CHECK_ERROR(read(master, got, sizeof got), EAGAIN);

    /* the master closes: the slave reads end of file, writes EIO */
    close(master);
    CHECK_EQ(0, read(slave, got, sizeof got), "the slave reads end of file once the master closed");
    CHECK_ERROR(write(slave, "x", 1), EIO);
    CHECK(poll_events(slave, 0) & POLLHUP, "POLLHUP on the slave");
    CHECK_ERROR(open(path, O_RDWR | O_NOCTTY), ENOENT);        /* /dev/pts/N went with the master */
    close(slave);
}

static volatile sig_atomic_t hangups, interrupts;

static void count_signal(int signal)
{
    if (signal == SIGHUP)
        hangups++;
    else
        interrupts++;
}

/* A session leader on the slave: Ctrl-C typed on the master interrupts
 * it, the master's close hangs it up. */
static void signals_reach_the_session(void)
{
    char path[64];
    int master = open_master(path, sizeof path);
    int ready[2];
    CHECK_EQ(0, pipe(ready), "pipe");
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        close(master);
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = count_signal;
        sigaction(SIGINT, &action, 0);
        sigaction(SIGHUP, &action, 0);
        setsid();
        int slave = open(path, O_RDWR);                       /* the session leader's terminal */
        int failures = 0;
        if (slave < 0 || tcgetpgrp(slave) != getpid())
            failures |= 1;
        write(ready[1], "r", 1);
        for (int i = 0; i < 400 && interrupts == 0; i++)
            usleep(5000);
        if (interrupts != 1)
            failures |= 2;
        write(ready[1], "i", 1);
        for (int i = 0; i < 400 && hangups == 0; i++)
            usleep(5000);
        if (hangups != 1)
            failures |= 4;
        char c;
        if (read(slave, &c, 1) != 0)
            failures |= 8;
        _exit(failures);
    }
    close(ready[1]);
    char c = 0;
    CHECK_EQ(1, read(ready[0], &c, 1), "the child is on the slave");
    CHECK_EQ(1, write(master, "\003", 1), "Ctrl-C on the master");
    CHECK_EQ(1, read(ready[0], &c, 1), "the child saw its SIGINT");
    char echo[8];
    memset(echo, 0, sizeof echo);
    CHECK_EQ(2, read_within(master, echo, 2, 2000), "the echo of Ctrl-C");
    CHECK(memcmp(echo, "^C", 2) == 0, "echoed as \"%s\"", echo);
    close(master);
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status), "the child exited (status %#x)", status);
    int failures = WIFEXITED(status) ? WEXITSTATUS(status) : 0;
    CHECK_EQ(0, failures & 1, "the slave is the session leader's terminal, its group in front");
    CHECK_EQ(0, failures & 2, "one SIGINT for Ctrl-C");
    CHECK_EQ(0, failures & 4, "one SIGHUP when the master closed");
    CHECK_EQ(0, failures & 8, "then the slave reads end of file");
    close(ready[0]);
}

/* /dev/tty: ENXIO for a process whose session has no terminal; once a
 * session leader took the slave, the slave itself. */
static void dev_tty_is_the_sessions_terminal(void)
{
    char path[64];
    int master = open_master(path, sizeof path);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        close(master);
        setsid();
        int failures = 0;
        errno = 0;
        if (open("/dev/tty", O_RDWR) != -1 || errno != ENXIO)
            failures |= 1;
        int slave = open(path, O_RDWR);
        int tty = open("/dev/tty", O_RDWR);
        if (slave < 0 || tty < 0)
            failures |= 2;
        else if (write(tty, "via tty\n", 8) != 8)
            failures |= 4;
        _exit(failures);
    }
    char got[16];
    memset(got, 0, sizeof got);
    CHECK_EQ(9, read_within(master, got, 9, 2000), "the master reads what went through /dev/tty");
    CHECK(memcmp(got, "via tty\r\n", 9) == 0, "the master read \"%s\"", got);
    int status = 0;
    waitpid(child, &status, 0);
    int failures = WIFEXITED(status) ? WEXITSTATUS(status) : 255;
    CHECK_EQ(0, failures & 1, "/dev/tty is ENXIO for a new session without a terminal");
    CHECK_EQ(0, failures & 2, "/dev/tty opens once the session leader took the slave");
    CHECK_EQ(0, failures & 4, "a write to /dev/tty");
    CHECK(WIFEXITED(status), "the child exited (status %#x)", status);
    close(master);
}

/* A master writer waiting for room in a full slave queue goes on when
 * the slave's input is flushed, not only when it is read. */
static void a_flush_lets_the_master_writer_go_on(void)
{
    char path[64];
    int master = open_master(path, sizeof path);
    int slave = open(path, O_RDWR | O_NOCTTY);
    struct termios settings;
    tcgetattr(slave, &settings);
    settings.c_lflag &= ~ECHO;
    tcsetattr(slave, TCSANOW, &settings);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        alarm(5);                                 /* never woken: killed by SIGALRM */
        static char lines[2000];
        for (unsigned i = 0; i < sizeof lines; i += 2)
            memcpy(lines + i, "a\n", 2);
        _exit(write(master, lines, sizeof lines) == (int)sizeof lines ? 0 : 1);
    }
    usleep(200 * 1000);                           /* the child fills the queue and waits */
    int queued = 0;
    ioctl(slave, FIONREAD, &queued);
    CHECK(queued > 900, "the queue is full before the flush (%d bytes)", queued);
    CHECK_EQ(0, tcflush(slave, TCIFLUSH), "tcflush");
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the master's writer finished after the flush: status %#x",
          status);
    close(slave);
    close(master);
}

#ifndef __GLIBC__
/* tty and stty (user/bin) on a slave that forkpty made, its window 24 x 80. */
static void tty_and_stty_see_the_slave(void)
{
    struct winsize window = { 24, 80, 0, 0 };
    char name[64];
    int master;
    fflush(stdout);
    pid_t child = forkpty(&master, name, NULL, &window);
    if (child == 0) {
        execl("/bin/sh", "sh", "-c", "tty; stty size; stty -echo; stty", (char *)0);
        _exit(127);
    }
    CHECK(child > 0, "forkpty: %s", strerror(errno));
    char got[256], expected[128];
    memset(got, 0, sizeof got);
    int count = read_within(master, got, sizeof got - 1, 2000);
    snprintf(expected, sizeof expected, "%s\r\n24 80\r\n", name);
    CHECK(count > 0 && strncmp(got, expected, strlen(expected)) == 0, "tty and stty size print \"%s\"", got);
    CHECK(!strstr(got, " echo ") && !strstr(got, "\necho ") && strstr(got, "icanon"), "stty after stty -echo: \"%s\"",
          got);
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the shell's status %#x", status);
    close(master);
}
#endif

static uint32_t checksum_step(uint32_t sum, unsigned char byte)
{
    return (sum << 5) + sum + byte;
}

static unsigned char pattern(int i)
{
    return (unsigned char)(i * 7 + i / 251);
}

/* 64 KiB from the slave to the master, then from the master to the
 * slave, in raw mode: every byte arrives once, in order. */
static void nothing_is_lost_either_way(void)
{
    char path[64];
    int master = open_master(path, sizeof path);
    int slave = open(path, O_RDWR | O_NOCTTY);
    struct termios settings;
    tcgetattr(slave, &settings);
    cfmakeraw(&settings);
    tcsetattr(slave, TCSANOW, &settings);
    uint32_t expected = 0;
    for (int i = 0; i < BIG_TRANSFER; i++)
        expected = checksum_step(expected, pattern(i));
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {                             /* writes to the slave, then reads from it */
        close(master);
        static unsigned char block[BIG_TRANSFER];
        for (int i = 0; i < BIG_TRANSFER; i++)
            block[i] = pattern(i);
        int written = 0;
        while (written < BIG_TRANSFER) {
            int count = write(slave, block + written, BIG_TRANSFER - written > 3000 ? 3000 : BIG_TRANSFER - written);
            if (count <= 0)
                _exit(1);
            written += count;
        }
        uint32_t sum = 0;
        int got = 0;
        while (got < BIG_TRANSFER) {
            int count = read(slave, block, sizeof block);
            if (count <= 0)
                _exit(2);
            for (int i = 0; i < count; i++)
                sum = checksum_step(sum, block[i]);
            got += count;
        }
        _exit(sum == expected && got == BIG_TRANSFER ? 0 : 3);
    }
    close(slave);
    static unsigned char buffer[BIG_TRANSFER];
    int got = read_within(master, (char *)buffer, BIG_TRANSFER, 5000);
    uint32_t sum = 0;
    for (int i = 0; i < got; i++)
        sum = checksum_step(sum, buffer[i]);
    CHECK_EQ(BIG_TRANSFER, got, "bytes the master read");
    CHECK(sum == expected, "their checksum %#x, written %#x", sum, expected);
    for (int i = 0; i < BIG_TRANSFER; i++)
        buffer[i] = pattern(i);
    int written = 0;
    while (written < BIG_TRANSFER) {
        int count = write(master, buffer + written, BIG_TRANSFER - written);
        if (count <= 0)
            break;
        written += count;
    }
    CHECK_EQ(BIG_TRANSFER, written, "bytes the master wrote");
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the slave's side: status %#x (1: its write failed, 2: its read, 3: count or checksum)", status);
    close(master);
}

#ifndef __GLIBC__
/* PTY_COUNT pairs at most here (Linux's limit is in the thousands). */
static void the_pairs_run_out_with_enospc(void)
{
    int masters[16];
    int opened = 0;
    for (; opened < 16; opened++) {
        masters[opened] = posix_openpt(O_RDWR | O_NOCTTY);
        if (masters[opened] < 0)
            break;
    }
    CHECK_EQ(16, opened, "pairs opened");
    CHECK_ERROR(posix_openpt(O_RDWR | O_NOCTTY), ENOSPC);
    for (int i = 0; i < opened; i++)
        close(masters[i]);
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    CHECK(master >= 0, "a pair again after the others closed: %s", strerror(errno));
    close(master);
}
#endif

static void cases(void)
{
    opens_and_names();
    run_checks_in_child(any_user_opens_a_pair);
    lines_echo_and_output();
    signals_reach_the_session();
    dev_tty_is_the_sessions_terminal();
    a_flush_lets_the_master_writer_go_on();
    nothing_is_lost_either_way();
#ifndef __GLIBC__
    the_pairs_run_out_with_enospc();
    tty_and_stty_see_the_slave();
#endif
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("pty_master_and_slave_pass_bytes_as_a_terminal_would");
}
