/* user/tools/fuzz/calls_ptys.c - generators for pseudoterminals
 * (kernel/drivers/pty.c and the slaves' side of kernel/drivers/tty.c; the
 * subsystem ptys): /dev/ptmx opened with any flags (a new pair each time,
 * until the 16 pairs run out: ENOSPC); /dev/pts/N opened for N of the
 * pairs that likely exist, of none, and names that are no number, with
 * and without O_NOCTTY, so that a child that leads a session takes the
 * slave (and the master's close hangs it up); ioctl on masters and slaves
 * with the pair's requests (TIOCGPTN, TIOCSPTLCK, TIOCGPTLCK), TIOCSCTTY,
 * the settings, the window and FIONREAD, into good and bad memory; reads
 * and writes on both ends, of text, control characters (Ctrl-C types a
 * signal for the slave's foreground group) and any bytes, enough to fill
 * the slave's queue and the master's ring of 4 KiB, where echoes are
 * dropped. Both kinds go into the pools, so that every other family reads,
 * writes, polls, dups and closes them. The ends are opened O_NONBLOCK
 * mostly, so that the fuzzer rarely waits; a wait on a blocking one is
 * ended by the alarm. A churn makes a whole pair, fills both ways and
 * closes the ends in either order, to walk a pair's life (the slave's
 * last close: EIO for the master; the master's close: hang-up) every
 * time. O_CREAT is never given: /dev/pts/N made as a file would keep that
 * N from every later pair. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <termios.h>
#include <uapi/syscall.h>

#include "fuzz.h"

#if defined(TIOCGPTN) && defined(TIOCSCTTY)

#define PAIRS_AT_MOST 16              /* kernel/drivers/ptys_for_core.h: PTY_COUNT */
#define RING_BYTES    4096            /* a master's ring of the slave's output (pty.c) */
#define QUEUE_BYTES   1024            /* a slave's input queue (line_discipline.h) */
#define SLAVE_MAJOR   136             /* /dev/pts/N is (136, N); /dev/ptmx (5, 2) */

static char slave_path[32];
static unsigned numbers_seen[8];      /* N of masters this process opened, for /dev/pts/N */
static unsigned numbers_count;

/* open(2)'s flags for an end: O_RDWR and O_NONBLOCK mostly, with the
 * other flags an end takes; now and then any bits (O_ASYNC among them:
 * EINVAL at open); never O_CREAT. */
static long end_flags(void)
{
    uint32_t flags;
    if (chance(80))
        flags = O_RDWR | (rng() & (O_NOCTTY | O_CLOEXEC | O_APPEND | O_EXCL));
    else
        flags = any_flags(O_ACCMODE | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | O_APPEND | O_ASYNC | O_EXCL);
    if (chance(90))
        flags |= O_NONBLOCK;
    return (long)(flags & ~(uint32_t)O_CREAT);
}

/* What an open opened, by its device number: a slave, a master (also
 * through "/dev/pts/../ptmx"), or what the file family would say (the
 * directory /dev/pts). */
static enum fd_kind end_kind(long fd, const char *path)
{
    struct stat st;
    if (raw_syscall(SYS_fstat, fd, (long)&st, 0, 0, 0, 0) == 0 && S_ISCHR(st.st_mode)) {
        if (major(st.st_rdev) == SLAVE_MAJOR)
            return FD_PTY_SLAVE;
        if (st.st_rdev == makedev(5, 2))
            return FD_PTY_MASTER;
    }
    return fd_kind_of(fd, path);
}

/* An end opened goes into the pools. A master's N is remembered (asked
 * of it here, not drawn), so that /dev/pts/N is often a slave of ours,
 * and most masters are unlocked at once, as posix_openpt's callers do:
 * masters seldom stay long in the pools, where every family closes what
 * it draws. `aux`: the path was slave_path. */
static void after_open_end(struct call *call, long result)
{
    if (result < 0)
        return;
    enum fd_kind kind = end_kind(result, call->aux ? slave_path : "/dev/ptmx");
    fd_opened(result, kind);
    unsigned number;
    int unlock = 0;
    if (kind == FD_PTY_MASTER && raw_syscall(SYS_ioctl, result, TIOCGPTN, (long)&number, 0, 0, 0) == 0) {
        numbers_seen[numbers_count++ % (sizeof numbers_seen / sizeof numbers_seen[0])] = number;
        if (chance(60))
            raw_syscall(SYS_ioctl, result, TIOCSPTLCK, (long)&unlock, 0, 0, 0);
    }
}

static void make_open_ptmx(struct call *call)
{
    set_call(call, SYS_open, "open", 3, (long)(chance(95) ? (uint32_t)"/dev/ptmx" : bad_pointer()), end_flags(),
             (long)PICK(0, 0600, 07777));
    call->may_block = 1;                    /* may wait for the file-system lock */
    call->after = after_open_end;
}

/* /dev/pts/N: the slaves of masters we opened; the low numbers, which
 * the lowest-free rule gives first; any of the 16; past them; and names
 * that are no slave's. */
static void make_open_pts(struct call *call)
{
    unsigned roll = below(100);
    if (roll < 45 && numbers_count)
        snprintf(slave_path, sizeof slave_path, "/dev/pts/%u",
                 numbers_seen[below(numbers_count < 8 ? numbers_count : 8)]);
    else if (roll < 60)
        snprintf(slave_path, sizeof slave_path, "/dev/pts/%u", below(4));
    else if (roll < 85)
        snprintf(slave_path, sizeof slave_path, "/dev/pts/%u", below(PAIRS_AT_MOST));
    else if (roll < 92)
        snprintf(slave_path, sizeof slave_path, "/dev/pts/%d",
                 (int)PICK(PAIRS_AT_MOST, 17, 99, 255, 256, (uint32_t)-1, 0x7fffffff));
    else
        snprintf(slave_path, sizeof slave_path, "%s",
                 (const char *)PICK((uint32_t)"/dev/pts", (uint32_t)"/dev/pts/", (uint32_t)"/dev/pts/00",
                                    (uint32_t)"/dev/pts/0/", (uint32_t)"/dev/pts/../ptmx",
                                    (uint32_t)"/dev/pts/x"));
    set_call(call, SYS_open, "open", 3, (long)slave_path, end_flags(), 0L);
    call->may_block = 1;
    call->aux = 1;
    call->after = after_open_end;
}

/* A master or a slave of ours mostly (a master for the pair's own
 * requests), else anything. */
static int pty_fd(int master_first)
{
    int fd = fd_of_kind(chance(master_first ? 75 : 45) ? FD_PTY_MASTER : FD_PTY_SLAVE);
    if (fd < 0)
        fd = fd_of_kind(FD_PTY_MASTER);
    return fd >= 0 && chance(90) ? fd : fd_any();
}

/* For TIOCSCTTY: only our pseudoterminals, or descriptors that are not
 * open. A VGA console taken by a child's session would be harmless, but
 * root may take a terminal from another session with 1. */
static int pty_fd_only(void)
{
    int fd = fd_of_kind(chance(70) ? FD_PTY_SLAVE : FD_PTY_MASTER);
    return fd >= 0 ? fd : (int)PICK((uint32_t)-1, 30, 1000);
}

/* Settings a program would set (Linux's defaults, raw, no echo, odd
 * control characters), or any bits. */
static void fill_settings(struct termios *settings)
{
    static const tcflag_t sane_iflag = ICRNL | IXON, sane_oflag = OPOST | ONLCR,
                          sane_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | IEXTEN;
    uint32_t *words = (uint32_t *)settings;
    for (unsigned i = 0; i < sizeof *settings / 4; i++)
        words[i] = rng();
    if (chance(20))
        return;                             /* any bits */
    settings->c_iflag = sane_iflag;
    settings->c_oflag = sane_oflag;
    settings->c_cflag = CS8 | CREAD | B38400;
    settings->c_lflag = sane_lflag;
    for (unsigned i = 0; i < NCCS; i++)
        settings->c_cc[i] = 0;
    settings->c_cc[VINTR] = 3;
    settings->c_cc[VQUIT] = 034;
    settings->c_cc[VERASE] = 0177;
    settings->c_cc[VKILL] = 025;
    settings->c_cc[VEOF] = 4;
    settings->c_cc[VMIN] = 1;
    settings->c_cc[VSTART] = 021;
    settings->c_cc[VSTOP] = 023;
    settings->c_cc[VSUSP] = 032;
    switch (below(5)) {
    case 0:
        cfmakeraw(settings);
        settings->c_cc[VMIN] = (cc_t)PICK(0, 1, 2, 255);
        settings->c_cc[VTIME] = (cc_t)PICK(0, 0, 1, 10);
        break;
    case 1:
        settings->c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK);
        break;
    case 2:
        settings->c_cc[below(NCCS)] = (cc_t)rng();   /* 'a' may be VINTR now */
        break;
    case 3:
        settings->c_lflag |= TOSTOP | ECHOCTL | ECHOKE;
        break;
    default:
        break;
    }
}

/* Where a getter writes `size` bytes: ours, or a bad pointer. */
static long out_argument(uint32_t size)
{
    if (chance(15))
        return (long)bad_pointer();
    uint32_t room = size;
    uint32_t pointer = out_pointer(&room);
    return room < size || protected_write_target(pointer, size) ? (long)bad_pointer() : (long)pointer;
}

/* ioctl(2) with the requests of a pair and of its slave, each with the
 * argument it takes, good or bad. */
static void make_pty_ioctl(struct call *call)
{
    uint32_t request = PICK(TIOCGPTN, TIOCGPTN, TIOCSPTLCK, TIOCSPTLCK, TIOCSPTLCK, TIOCGPTLCK, TIOCSCTTY, TCGETS,
                            TCSETS, TCSETSW, TCSETSF, TIOCSWINSZ, TIOCGWINSZ, FIONREAD, TIOCGPGRP, TIOCGSID);
    long fd = request == TIOCSCTTY ? pty_fd_only() : pty_fd(request == TIOCGPTN || request == TIOCSPTLCK ||
                                                             request == TIOCGPTLCK);
    long argument;
    switch (request) {
    case TIOCSPTLCK:
        if (chance(85)) {
            int *lock = (int *)safe_buffer(sizeof *lock);
            *lock = chance(80) ? 0 : (int)PICK(1, (uint32_t)-1, 0x80000000, rng());
            argument = (long)lock;
        } else {
            argument = (long)bad_pointer();
        }
        break;
    case TIOCSCTTY:
        argument = (long)PICK(0, 0, 1, 2, rng());
        break;
    case TCSETS: case TCSETSW: case TCSETSF:
        if (chance(88)) {
            struct termios *settings = (struct termios *)safe_buffer(sizeof *settings);
            fill_settings(settings);
            argument = (long)settings;
        } else {
            argument = (long)(chance(50) ? bad_pointer() : in_pointer(sizeof(struct termios)));
        }
        break;
    case TIOCSWINSZ:
        if (chance(88)) {
            struct winsize *window = (struct winsize *)safe_buffer(sizeof *window);
            window->ws_row = (unsigned short)PICK(0, 24, 25, 50, 0xffff, rng());
            window->ws_col = (unsigned short)PICK(0, 80, 132, 0xffff, rng());
            window->ws_xpixel = (unsigned short)rng();
            window->ws_ypixel = (unsigned short)rng();
            argument = (long)window;
        } else {
            argument = (long)bad_pointer();
        }
        break;
    case TCGETS:
        argument = out_argument(sizeof(struct termios));
        break;
    case TIOCGWINSZ:
        argument = out_argument(sizeof(struct winsize));
        break;
    default:                                /* an int or a pid_t */
        argument = out_argument(sizeof(int));
        break;
    }
    set_call(call, SYS_ioctl, "ioctl", 3, fd, (long)request, argument);
    call->may_block = 1;                    /* a background job's TCSETS* on a slave: SIGTTOU */
}

/* Bytes to type or to show: text with newlines, a line longer than the
 * slave's queue, control characters (Ctrl-C, Ctrl-Z, Ctrl-\, Ctrl-D,
 * erase, kill, Ctrl-S and Ctrl-Q), or any bytes. */
static void fill_bytes(uint8_t *bytes, uint32_t size)
{
    static const uint8_t controls[] = { 3, 032, 034, 4, 0177, 025, 027, 023, 021, '\n', '\r', 0 };
    unsigned style = below(4);
    for (uint32_t i = 0; i < size; i++) {
        switch (style) {
        case 0:
            bytes[i] = 'a' + (uint8_t)(i % 26);
            break;
        case 1:
            bytes[i] = (i % 40 == 39) ? '\n' : (uint8_t)('A' + below(26));
            break;
        case 2:
            bytes[i] = chance(20) ? controls[below(sizeof controls)] : (uint8_t)('0' + below(10));
            break;
        default:
            bytes[i] = (uint8_t)rng();
        }
    }
}

static uint32_t transfer_size(void)
{
    return PICK(0, 1, 2, 7, 40, 255, 256, 257, 511, 512, QUEUE_BYTES - 1, QUEUE_BYTES, QUEUE_BYTES + 1,
                RING_BYTES / 2, RING_BYTES, RING_BYTES + 1, 3 * RING_BYTES);
}

static void make_pty_read(struct call *call)
{
    uint32_t size = transfer_size();
    uint32_t buffer = chance(85) ? out_pointer(&size) : bad_pointer();
    set_call(call, SYS_read, "read", 3, (long)pty_fd(chance(55)), (long)buffer, (long)size);
    call->may_block = 1;                    /* an end opened without O_NONBLOCK */
}

static void make_pty_write(struct call *call)
{
    uint32_t size = transfer_size();
    uint32_t buffer;
    if (chance(88)) {
        size = size < scratch_size() ? size : scratch_size();
        buffer = safe_buffer(size);
        fill_bytes((uint8_t *)buffer, size);
    } else {
        buffer = chance(50) ? bad_pointer() : in_pointer(size);
    }
    set_call(call, SYS_write, "write", 3, (long)pty_fd(chance(55)), (long)buffer, (long)size);
    call->may_block = 1;
}

static void after_close(struct call *call, long result)
{
    if (result == 0)
        fd_closed(call->args[0]);
}

/* close(2) of an end of ours: the pairs are few, and closes free them. */
static void make_pty_close(struct call *call)
{
    int fd = fd_of_kind(chance(50) ? FD_PTY_MASTER : FD_PTY_SLAVE);
    if (fd < 0)
        fd = fd_of_kind(FD_PTY_MASTER);
    if (fd < 0)
        return;                             /* declined: no end of ours */
    set_call(call, SYS_close, "close", 1, (long)fd);
    call->after = after_close;
}

static long raw_fill(long fd, uint8_t *bytes, uint32_t size, unsigned rounds)
{
    long total = 0;
    fill_bytes(bytes, size);
    for (unsigned i = 0; i < rounds; i++) {
        long count = raw_syscall(SYS_write, fd, (long)bytes, (long)size, 0, 0, 0);
        if (count <= 0)
            break;
        total += count;
    }
    return total;
}

/* A pair's whole life, every end O_NONBLOCK: made, unlocked, the slave
 * opened (a session leader's open takes it, half the time; a child
 * becomes one now and then, and TIOCSCTTY takes it too), the slave's
 * output filling the master's ring and the master's typing filling the
 * slave's queue (their echoes dropped once the ring is full), both
 * drained a little, then the ends closed in either order, each end read
 * and written after the other's close (EIO, end of file, POLLHUP's
 * paths). Every end opened is closed again. */
static long churn_a_pair(struct call *call)
{
    (void)call;
    static uint8_t bytes[RING_BYTES];
    long master = raw_syscall(SYS_open, (long)"/dev/ptmx", O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC, 0, 0, 0, 0);
    if (master < 0)
        return master;
    unsigned number = 0;
    int unlock = 0;
    long status = raw_syscall(SYS_ioctl, master, TIOCGPTN, (long)&number, 0, 0, 0);
    if (status == 0 && chance(90))
        status = raw_syscall(SYS_ioctl, master, TIOCSPTLCK, (long)&unlock, 0, 0, 0);
    char path[32];
    snprintf(path, sizeof path, "/dev/pts/%u", number);
    if (child_mode && chance(25))
        raw_syscall(SYS_setsid, 0, 0, 0, 0, 0, 0);   /* the master's close then hangs it up: SIGHUP */
    long slave = status < 0 ? status : raw_syscall(SYS_open, (long)path,
                                                   O_RDWR | O_NONBLOCK | O_CLOEXEC | (chance(50) ? O_NOCTTY : 0),
                                                   0, 0, 0, 0);
    if (slave >= 0) {
        if (chance(30))
            raw_syscall(SYS_ioctl, slave, TIOCSCTTY, chance(80) ? 0 : 1, 0, 0, 0);
        if (chance(40)) {
            struct termios settings;
            if (raw_syscall(SYS_ioctl, slave, TCGETS, (long)&settings, 0, 0, 0) == 0) {
                if (chance(50))
                    cfmakeraw(&settings);
                else
                    settings.c_lflag &= ~(tcflag_t)ISIG;   /* typed bytes are no signals */
                raw_syscall(SYS_ioctl, master, TCSETS, (long)&settings, 0, 0, 0);
            }
        }
        raw_fill(slave, bytes, 1 + below(sizeof bytes), 1 + below(4));
        raw_fill(master, bytes, 1 + below(QUEUE_BYTES + 64), 1 + below(3));
        raw_syscall(SYS_read, master, (long)bytes, (long)below(sizeof bytes), 0, 0, 0);
        raw_syscall(SYS_read, slave, (long)bytes, (long)below(sizeof bytes), 0, 0, 0);
        long first = chance(50) ? master : slave, second = first == master ? slave : master;
        raw_syscall(SYS_close, first, 0, 0, 0, 0, 0);
        raw_syscall(SYS_read, second, (long)bytes, (long)sizeof bytes, 0, 0, 0);
        status = raw_syscall(SYS_write, second, (long)bytes, 1, 0, 0, 0);
        raw_syscall(SYS_close, second, 0, 0, 0, 0, 0);
    } else {
        status = slave;
        raw_syscall(SYS_close, master, 0, 0, 0, 0, 0);
    }
    return status;
}

static void make_pty_churn(struct call *call)
{
    set_call(call, SYS_open, "pty_churn", 0);
    call->function = churn_a_pair;
}
#else
static void make_open_ptmx(struct call *call) { (void)call; }
static void make_open_pts(struct call *call) { (void)call; }
static void make_pty_ioctl(struct call *call) { (void)call; }
static void make_pty_read(struct call *call) { (void)call; }
static void make_pty_write(struct call *call) { (void)call; }
static void make_pty_close(struct call *call) { (void)call; }
static void make_pty_churn(struct call *call) { (void)call; }
#endif

const struct generator pty_generators[] = {
    { make_open_ptmx, 4 }, { make_open_pts, 4 }, { make_pty_ioctl, 6 }, { make_pty_read, 3 },
    { make_pty_write, 3 }, { make_pty_close, 2 }, { make_pty_churn, 1 },
};
const unsigned pty_generator_count = sizeof pty_generators / sizeof pty_generators[0];
