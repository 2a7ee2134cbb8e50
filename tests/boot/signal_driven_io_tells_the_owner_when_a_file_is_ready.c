/* tests/boot/signal_driven_io_tells_the_owner_when_a_file_is_ready.c -
 * fcntl's signal-driven I/O, as on Linux: with an owner (F_SETOWN) and
 * O_ASYNC, each write into a pipe sends SIGIO to the owner (si_code
 * SI_KERNEL), and nothing is sent before; with F_SETSIG a real-time
 * signal is queued per write instead, with si_code POLL_IN, si_fd the
 * descriptor O_ASYNC was set through and POLLIN in si_band; a full pipe's
 * writer hears POLL_OUT when a read makes room; a socket's reader hears
 * POLL_IN. A negative owner is a process group: each of its processes is
 * told. F_SETOWN_EX with F_OWNER_TID tells one thread alone. A signal is
 * sent with the rights of whoever set the owner: a user's setting does
 * not reach root's process. O_ASYNC off stops the signals; a regular
 * file keeps no O_ASYNC and sends nothing. F_GETOWN,
 * F_GETSIG, F_GETOWN_EX and F_GETFL report what was set; the errors are
 * Linux's. ioctl's FIOASYNC turns O_ASYNC on and off as F_SETFL does,
 * and is ENOTTY on a regular file (Linux: a file without fasync). Nothing
 * leaks. It passes on Linux too (tools/linux-check). */
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <time.h>

#include "boot_test.h"

/* The signal `signal` if one is pending for this thread or its process
 * (taken, its siginfo in *info), else 0 after `milliseconds`. */
static int take(int signal, siginfo_t *info, int milliseconds)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, signal);
    struct timespec timeout = { milliseconds / 1000, (long)(milliseconds % 1000) * 1000000L };
    int taken = sigtimedwait(&set, info, &timeout);
    return taken == signal ? signal : 0;
}

static void block(int signal)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, signal);
    sigprocmask(SIG_BLOCK, &set, NULL);
}

static void set_async(int fd)
{
    int flags = fcntl(fd, F_GETFL);
    CHECK_EQ(0, fcntl(fd, F_SETFL, flags | O_ASYNC), "F_SETFL O_ASYNC");
    CHECK(fcntl(fd, F_GETFL) & O_ASYNC, "F_GETFL shows O_ASYNC");
}

static void plain_sigio_for_each_write(void)
{
    int ends[2];
    CHECK_EQ(0, pipe(ends), "pipe");
    CHECK_EQ(0, fcntl(ends[0], F_GETOWN), "F_GETOWN of a new file: nobody");
    CHECK_EQ(0, fcntl(ends[0], F_SETOWN, getpid()), "F_SETOWN our pid");
    CHECK_EQ(getpid(), fcntl(ends[0], F_GETOWN), "F_GETOWN");
    set_async(ends[0]);
    siginfo_t info;
    CHECK_EQ(0, take(SIGIO, &info, 0), "no SIGIO before anything is written");
    CHECK_EQ(1, write(ends[1], "a", 1), "write");
    CHECK_EQ(SIGIO, take(SIGIO, &info, 1000), "SIGIO after a write");
    CHECK_EQ(SI_KERNEL, info.si_code, "si_code of a plain SIGIO");
    CHECK_EQ(0, take(SIGIO, &info, 0), "one SIGIO for one write");

    /* O_ASYNC off: no more */
    CHECK_EQ(0, fcntl(ends[0], F_SETFL, fcntl(ends[0], F_GETFL) & ~O_ASYNC), "F_SETFL without O_ASYNC");
    CHECK_EQ(1, write(ends[1], "b", 1), "write");
    CHECK_EQ(0, take(SIGIO, &info, 100), "no SIGIO once O_ASYNC is off");
    close(ends[0]);
    close(ends[1]);
}

static void queued_signal_per_write(void)
{
    int ends[2];
    CHECK_EQ(0, pipe(ends), "pipe");
    CHECK_EQ(0, fcntl(ends[0], F_SETOWN, getpid()), "F_SETOWN");
    CHECK_EQ(0, fcntl(ends[0], F_GETSIG), "F_GETSIG of a new file: 0 (SIGIO)");
    CHECK_EQ(0, fcntl(ends[0], F_SETSIG, SIGRTMIN), "F_SETSIG SIGRTMIN");
    CHECK_EQ(SIGRTMIN, fcntl(ends[0], F_GETSIG), "F_GETSIG");
    int through = dup(ends[0]);                   /* si_fd is the descriptor O_ASYNC was set through */
    set_async(through);
    for (int i = 0; i < 3; i++)
        CHECK_EQ(1, write(ends[1], "x", 1), "write");
    for (int i = 0; i < 3; i++) {
        siginfo_t info;
        CHECK_EQ(SIGRTMIN, take(SIGRTMIN, &info, 1000), "one queued signal per write");
        CHECK_EQ(POLL_IN, info.si_code, "si_code");
        CHECK_EQ(through, info.si_fd, "si_fd");
        CHECK(info.si_band & POLLIN, "POLLIN in si_band 0x%lx", (unsigned long)info.si_band);
    }
    siginfo_t info;
    CHECK_EQ(0, take(SIGRTMIN, &info, 0), "no fourth");
    CHECK_EQ(0, take(SIGIO, &info, 0), "no SIGIO beside them");

    /* the writer of a full pipe hears POLL_OUT when a read makes room */
    CHECK_EQ(0, fcntl(ends[1], F_SETOWN, getpid()), "F_SETOWN of the write end");
    CHECK_EQ(0, fcntl(ends[1], F_SETSIG, SIGRTMIN + 1), "F_SETSIG SIGRTMIN+1");
    CHECK_EQ(0, fcntl(ends[1], F_SETFL, O_NONBLOCK | O_ASYNC), "F_SETFL O_NONBLOCK|O_ASYNC");
    char block_of[4096] = { 0 };
    int written = 0;
    while (written < 1 << 20 && write(ends[1], block_of, sizeof block_of) > 0)
        written++;
    CHECK_EQ(EAGAIN, errno, "the pipe is full");
    CHECK_EQ(0, take(SIGRTMIN + 1, &info, 0), "no POLL_OUT while it fills");
    while (take(SIGRTMIN, &info, 0))
        ;                                         /* the reader's signals of those writes */
    char sink[8192];
    CHECK_EQ((long)sizeof sink, read(ends[0], sink, sizeof sink), "read 8 KiB");
    CHECK_EQ(SIGRTMIN + 1, take(SIGRTMIN + 1, &info, 1000), "the writer is told");
    CHECK_EQ(POLL_OUT, info.si_code, "si_code");
    CHECK_EQ(ends[1], info.si_fd, "si_fd");
    CHECK(info.si_band & POLLOUT, "POLLOUT in si_band 0x%lx", (unsigned long)info.si_band);
    close(through);
    close(ends[0]);
    close(ends[1]);
    while (take(SIGRTMIN + 1, &info, 0) || take(SIGRTMIN, &info, 0))
        ;
}

static void socket_reader(void)
{
    int pair[2];
    CHECK_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, pair), "socketpair");
    CHECK_EQ(0, fcntl(pair[0], F_SETOWN, getpid()), "F_SETOWN");
    CHECK_EQ(0, fcntl(pair[0], F_SETSIG, SIGRTMIN + 2), "F_SETSIG");
    set_async(pair[0]);
    CHECK_EQ(5, write(pair[1], "hello", 5), "write to the peer");
    siginfo_t info;
    CHECK_EQ(SIGRTMIN + 2, take(SIGRTMIN + 2, &info, 1000), "the socket's reader is told");
    CHECK_EQ(POLL_IN, info.si_code, "si_code");
    CHECK_EQ(pair[0], info.si_fd, "si_fd");
    close(pair[0]);
    close(pair[1]);
    while (take(SIGRTMIN + 2, &info, 0))
        ;
}

/* Two children in a group of their own wait for SIGIO; the pipe's owner
 * is the group. */
static void process_group(void)
{
    int ends[2], ready[2];
    CHECK_EQ(0, pipe(ends), "pipe");
    CHECK_EQ(0, pipe(ready), "pipe");
    pid_t children[2];
    for (int i = 0; i < 2; i++) {
        children[i] = fork();
        if (children[i] == 0) {
            setpgid(0, i == 0 ? 0 : children[0]);
            siginfo_t info;
            write(ready[1], "r", 1);
            _exit(take(SIGIO, &info, 5000) == SIGIO ? 0 : 1);
        }
        setpgid(children[i], children[0]);        /* both sides, as a shell does */
    }
    char byte;
    for (int i = 0; i < 2; i++)
        CHECK_EQ(1, read(ready[0], &byte, 1), "a child is ready");
    CHECK_EQ(0, fcntl(ends[0], F_SETOWN, -children[0]), "F_SETOWN -pgid");
    CHECK_EQ(-children[0], fcntl(ends[0], F_GETOWN), "F_GETOWN gives -pgid");
    struct f_owner_ex owner;
    CHECK_EQ(0, fcntl(ends[0], F_GETOWN_EX, &owner), "F_GETOWN_EX");
    CHECK_EQ(F_OWNER_PGRP, owner.type, "F_GETOWN_EX type");
    CHECK_EQ(children[0], owner.pid, "F_GETOWN_EX pid");
    set_async(ends[0]);
    CHECK_EQ(1, write(ends[1], "g", 1), "write");
    for (int i = 0; i < 2; i++) {
        int status;
        CHECK_EQ(children[i], waitpid(children[i], &status, 0), "waitpid");
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child %d of the group got SIGIO (status 0x%x)", i,
              status);
    }
    siginfo_t info;
    CHECK_EQ(0, take(SIGIO, &info, 0), "the parent, not in the group, got none");
    close(ends[0]);
    close(ends[1]);
    close(ready[0]);
    close(ready[1]);
}

static pid_t waiter_tid;
static volatile int waiter_got;
static int waiter_ready[2];

static void *waiter(void *unused)
{
    (void)unused;
    waiter_tid = gettid();
    write(waiter_ready[1], "t", 1);
    siginfo_t info;
    waiter_got = take(SIGIO, &info, 5000);
    return NULL;
}

static void one_thread(void)
{
    int ends[2];
    CHECK_EQ(0, pipe(ends), "pipe");
    CHECK_EQ(0, pipe(waiter_ready), "pipe");
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, NULL, waiter, NULL), "pthread_create");
    char byte;
    CHECK_EQ(1, read(waiter_ready[0], &byte, 1), "the thread is ready");
    struct f_owner_ex owner = { F_OWNER_TID, waiter_tid };
    CHECK_EQ(0, fcntl(ends[0], F_SETOWN_EX, &owner), "F_SETOWN_EX F_OWNER_TID");
    set_async(ends[0]);
    CHECK_EQ(1, write(ends[1], "t", 1), "write");
    pthread_join(thread, NULL);
    CHECK_EQ(SIGIO, waiter_got, "the owner thread took SIGIO");
    siginfo_t info;
    CHECK_EQ(0, take(SIGIO, &info, 0), "the main thread has none pending");
    close(ends[0]);
    close(ends[1]);
    close(waiter_ready[0]);
    close(waiter_ready[1]);
}

/* A user sets root's process as the owner: the signal is the user's,
 * which may not reach root, and is dropped. */
static void setter_rights(void)
{
    int ends[2], done[2];
    CHECK_EQ(0, pipe(ends), "pipe");
    CHECK_EQ(0, pipe(done), "pipe");
    pid_t parent = getpid();
    pid_t child = fork();
    if (child == 0) {
        if (setuid(1000) < 0)
            _exit(2);
        int ok = fcntl(ends[0], F_SETOWN, parent) == 0 && fcntl(ends[0], F_SETFL, O_ASYNC) == 0;
        write(done[1], "d", 1);
        _exit(ok ? 0 : 1);
    }
    char byte;
    CHECK_EQ(1, read(done[0], &byte, 1), "the child set the owner");
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the user's F_SETOWN and O_ASYNC: status 0x%x", status);
    CHECK_EQ(parent, fcntl(ends[0], F_GETOWN), "the owner is us");
    CHECK_EQ(1, write(ends[1], "u", 1), "write");
    siginfo_t info;
    CHECK_EQ(0, take(SIGIO, &info, 200), "no SIGIO: the user's signal may not reach root");
    CHECK_EQ(0, fcntl(ends[0], F_SETOWN, parent), "root sets the owner again");
    CHECK_EQ(1, write(ends[1], "r", 1), "write");
    CHECK_EQ(SIGIO, take(SIGIO, &info, 1000), "now SIGIO comes");
    close(ends[0]);
    close(ends[1]);
    close(done[0]);
    close(done[1]);
}

static void errors(void)
{
    int ends[2];
    CHECK_EQ(0, pipe(ends), "pipe");
    CHECK_ERROR(fcntl(ends[0], F_SETOWN, 30000), ESRCH);
    CHECK_ERROR(fcntl(ends[0], F_SETOWN, -30000), ESRCH);
    CHECK_ERROR(fcntl(ends[0], F_SETSIG, 65), EINVAL);
    CHECK_ERROR(fcntl(ends[0], F_SETSIG, -1), EINVAL);
    struct f_owner_ex owner = { 7, getpid() };
    CHECK_ERROR(fcntl(ends[0], F_SETOWN_EX, &owner), EINVAL);
    owner.type = F_OWNER_TID;
    owner.pid = 30000;
    CHECK_ERROR(fcntl(ends[0], F_SETOWN_EX, &owner), ESRCH);
    CHECK_ERROR(fcntl(ends[0], F_SETOWN_EX, (void *)16), EFAULT);
    CHECK_ERROR(fcntl(ends[0], F_GETOWN_EX, (void *)16), EFAULT);
    CHECK_ERROR(fcntl(99, F_SETOWN, getpid()), EBADF);
    CHECK_EQ(0, fcntl(ends[0], F_SETOWN, 0), "F_SETOWN 0: nobody");
    CHECK_EQ(0, fcntl(ends[0], F_GETOWN), "F_GETOWN");
    set_async(ends[0]);
    CHECK_EQ(1, write(ends[1], "n", 1), "write");
    siginfo_t info;
    CHECK_EQ(0, take(SIGIO, &info, 100), "no owner: no signal");
    close(ends[0]);
    close(ends[1]);
}

/* A regular file has no readiness to tell: O_ASYNC is not kept (F_GETFL
 * does not show it) and nothing is sent, as Linux's files without
 * fasync. */
static void a_regular_file_keeps_no_o_async(void)
{
    int fd = open("/tmp/signal_driven_io_regular", O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0, "open a regular file");
    CHECK_EQ(0, fcntl(fd, F_SETOWN, getpid()), "F_SETOWN");
    CHECK_EQ(0, fcntl(fd, F_SETFL, O_ASYNC | O_APPEND), "F_SETFL O_ASYNC | O_APPEND");
    int flags = fcntl(fd, F_GETFL);
    CHECK(!(flags & O_ASYNC), "F_GETFL does not show O_ASYNC");
    CHECK(flags & O_APPEND, "F_GETFL shows O_APPEND");
    CHECK_EQ(1, write(fd, "r", 1), "write");
    siginfo_t info;
    CHECK_EQ(0, take(SIGIO, &info, 100), "no SIGIO");
    close(fd);
    unlink("/tmp/signal_driven_io_regular");
}

/* ioctl(FIOASYNC) is F_SETFL's O_ASYNC, from the int it points to. */
static void fioasync_is_o_async(void)
{
    int ends[2];
    CHECK_EQ(0, pipe(ends), "pipe");
    CHECK_EQ(0, fcntl(ends[0], F_SETOWN, getpid()), "F_SETOWN our pid");
    int on = 1, off = 0;
    CHECK_EQ(0, ioctl(ends[0], FIOASYNC, &on), "FIOASYNC 1");
    CHECK(fcntl(ends[0], F_GETFL) & O_ASYNC, "F_GETFL shows O_ASYNC");
    siginfo_t info;
    CHECK_EQ(1, write(ends[1], "a", 1), "write");
    CHECK_EQ(SIGIO, take(SIGIO, &info, 1000), "SIGIO after a write");
    CHECK_EQ(0, ioctl(ends[0], FIOASYNC, &off), "FIOASYNC 0");
    CHECK(!(fcntl(ends[0], F_GETFL) & O_ASYNC), "O_ASYNC cleared");
    CHECK_EQ(1, write(ends[1], "b", 1), "write");
    CHECK_EQ(0, take(SIGIO, &info, 100), "no SIGIO once FIOASYNC is 0");
    CHECK_ERROR(ioctl(ends[0], FIOASYNC, (int *)16), EFAULT);
    close(ends[0]);
    close(ends[1]);

    int fd = open("/tmp/signal_driven_io_fioasync", O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK_ERROR(ioctl(fd, FIOASYNC, &on), ENOTTY);
    CHECK(!(fcntl(fd, F_GETFL) & O_ASYNC), "a regular file keeps no O_ASYNC");
    close(fd);
    unlink("/tmp/signal_driven_io_fioasync");
}

static void cases(void)
{
    block(SIGIO);
    for (int i = 0; i < 3; i++)
        block(SIGRTMIN + i);
    plain_sigio_for_each_write();
    queued_signal_per_write();
    socket_reader();
    process_group();
    one_thread();
    setter_rights();
    errors();
    a_regular_file_keeps_no_o_async();
    fioasync_is_o_async();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("signal_driven_io_tells_the_owner_when_a_file_is_ready");
}
