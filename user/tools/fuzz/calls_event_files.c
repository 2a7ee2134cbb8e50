/* user/tools/fuzz/calls_event_files.c - generators for the descriptors
 * that are events (kernel/ipc/eventfd.c, kernel/ipc/signalfd.c; the
 * subsystem event_files): eventfds made with any initial count and good
 * and bad flags; signalfds made (fd -1) or given a new mask (the fd of a
 * signalfd), and asked of an eventfd and of every other kind of
 * descriptor the pools hold, closed and absurd ones; masks that are ours
 * (every signal, SIGKILL and SIGSTOP among them, or any bits), NULL or
 * bad pointers, with the size 8 or a wrong one. Both kinds go into the
 * pools, so that the file family reads, writes, dups and closes them, and
 * poll, select and epoll watch them; here they are also read with the
 * sizes around their rules (8 bytes, 128 bytes) into good and bad
 * buffers, and an eventfd written with the values around its limit
 * (0xfffffffffffffffe, ~0). A read or write that waits (a count of 0, a
 * full count, no signal pending) is ended by the alarm, or sooner by the
 * ticker. A churn blocks SIGRTMAX (which every worker catches) for a
 * moment, queues it to itself, and reads it through a signalfd. */
#include <signal.h>
#include <stdint.h>
#include <uapi/syscall.h>

#include "fuzz.h"

#if defined(SYS_eventfd2) && __has_include(<uapi/event_files.h>)
#include <uapi/event_files.h>

#define SIGNALFD_INFO_SIZE 128        /* struct signalfd_siginfo */

static void after_eventfd2(struct call *call, long result)
{
    (void)call;
    if (result >= 0)
        fd_opened(result, FD_EVENTFD);
}

static void make_eventfd2(struct call *call)
{
    long initial = (long)PICK(0, 0, 1, 2, 5, 0x7fffffff, 0x80000000, 0xffffffff, rng());
    set_call(call, SYS_eventfd2, "eventfd2", 2, initial,
             (long)any_flags(EFD_SEMAPHORE | EFD_CLOEXEC | EFD_NONBLOCK));
    call->after = after_eventfd2;
}

/* signalfd4's fd: -1 for a new one most often, else a signalfd of ours
 * (its mask replaced), an eventfd (EINVAL), or any other, closed or
 * nonsense descriptor. */
static long signalfd_target(void)
{
    unsigned roll = below(100);
    int fd;
    if (roll < 55)
        return -1;
    if (roll < 80 && (fd = fd_of_kind(FD_SIGNALFD)) >= 0)
        return fd;
    if (roll < 88 && (fd = fd_of_kind(FD_EVENTFD)) >= 0)
        return fd;
    return fd_any();
}

/* A mask of 8 bytes: every signal (SIGKILL and SIGSTOP are dropped from
 * it), the signals workers catch or send, or any bits; or NULL or a bad
 * pointer (EFAULT). A signalfd's mask blocks nothing: SIGALRM in it does
 * not keep the alarm from ending a wait. */
static long signal_mask(void)
{
    if (chance(8))
        return 0;
    if (chance(10))
        return (long)bad_pointer();
    uint64_t *mask = (uint64_t *)safe_buffer(sizeof *mask);
    switch (below(4)) {
    case 0:
        *mask = ~0ull;
        break;
    case 1:
        *mask = 1ull << (SIGUSR1 - 1) | 1ull << (SIGUSR2 - 1) | 1ull << (SIGCHLD - 1) | 1ull << (SIGRTMIN - 1) |
                1ull << (SIGRTMAX - 1);
        break;
    case 2:
        *mask = 1ull << (SIGKILL - 1) | 1ull << (SIGSTOP - 1);
        break;
    default:
        *mask = (uint64_t)rng() << 32 | rng();
    }
    return (long)mask;
}

static void after_signalfd4(struct call *call, long result)
{
    if (result >= 0 && (int)call->args[0] == -1)
        fd_opened(result, FD_SIGNALFD);
}

static void make_signalfd4(struct call *call)
{
    set_call(call, SYS_signalfd4, "signalfd4", 4, signalfd_target(), signal_mask(),
             chance(80) ? 8 : (long)PICK(0, 4, 7, 16, 128, (uint32_t)-1),
             (long)any_flags(SFD_CLOEXEC | SFD_NONBLOCK));
    call->after = after_signalfd4;
}

/* An eventfd or a signalfd of ours mostly, else anything. */
static int event_fd(void)
{
    int fd = fd_of_kind(chance(55) ? FD_EVENTFD : FD_SIGNALFD);
    return fd >= 0 && chance(85) ? fd : fd_any();
}

/* read(2) of an event descriptor with the sizes its rules turn on: under
 * 8 bytes (EINVAL), 8, under 128 (EINVAL for a signalfd), room for one
 * struct signalfd_siginfo or several, into buffers of ours or bad ones
 * (EFAULT, nothing taken). */
static void make_event_file_read(struct call *call)
{
    uint32_t size = PICK(8, 8, 8, 0, 7, 9, 16, 127, SIGNALFD_INFO_SIZE, SIGNALFD_INFO_SIZE,
                         SIGNALFD_INFO_SIZE + 1, 2 * SIGNALFD_INFO_SIZE, 3 * SIGNALFD_INFO_SIZE, 4096);
    uint32_t buffer = chance(85) ? out_pointer(&size) : bad_pointer();
    set_call(call, SYS_read, "read", 3, (long)event_fd(), (long)buffer, (long)size);
    call->may_block = 1;                    /* a count of 0, no signal pending */
}

/* write(2) of 8 bytes, mostly: values that fit, the largest count, the
 * value refused (~0) and ones that would pass the limit and wait; other
 * sizes (EINVAL), bad buffers (EFAULT). A signalfd refuses every write. */
static void make_event_file_write(struct call *call)
{
    uint32_t size = PICK(8, 8, 8, 8, 8, 0, 1, 7, 9, 16);
    uint32_t buffer;
    if (chance(85)) {
        uint64_t *value = (uint64_t *)safe_buffer(16);
        switch (below(6)) {
        case 0:
            value[0] = 0;
            break;
        case 1:
            value[0] = EVENTFD_MAX;
            break;
        case 2:
            value[0] = ~0ull;
            break;
        case 3:
            value[0] = (uint64_t)rng() << 32 | rng();
            break;
        default:
            value[0] = 1 + below(4);
        }
        value[1] = (uint64_t)rng() << 32 | rng();
        buffer = (uint32_t)value;
    } else {
        buffer = chance(50) ? bad_pointer() : in_pointer(size);
    }
    set_call(call, SYS_write, "write", 3, (long)event_fd(), (long)buffer, (long)size);
    call->may_block = 1;                    /* a count that would pass the limit */
}

/* SIGRTMAX blocked for a moment, queued to ourselves 0 to 3 times and
 * read through a new signalfd into room for 1 to 3; the mask given back
 * then delivers what the read left to the worker's handler
 * (restore_invariants). */
static long churn_a_signalfd(struct call *call)
{
    (void)call;
    uint64_t signal = 1ull << (SIGRTMAX - 1), old = 0;
    long status = raw_syscall(SYS_sigprocmask, SIG_BLOCK, (long)&signal, (long)&old, 0, 0, 0);
    if (status < 0)
        return status;
    long fd = raw_syscall(SYS_signalfd4, -1, (long)&signal, 8, SFD_NONBLOCK | SFD_CLOEXEC, 0, 0);
    if (fd >= 0) {
        long pid = raw_syscall(SYS_getpid, 0, 0, 0, 0, 0, 0);
        for (unsigned sends = below(4); sends > 0; sends--)
            raw_syscall(SYS_sigqueue, pid, SIGRTMAX, (long)rng(), SI_QUEUE, 0, 0);
        struct signalfd_siginfo taken[3];
        status = raw_syscall(SYS_read, fd, (long)taken, (long)((1 + below(3)) * sizeof taken[0]), 0, 0, 0);
        raw_syscall(SYS_close, fd, 0, 0, 0, 0, 0);
    } else {
        status = fd;
    }
    raw_syscall(SYS_sigprocmask, SIG_SETMASK, (long)&old, 0, 0, 0, 0);
    return status;
}

static void make_signalfd_churn(struct call *call)
{
    set_call(call, SYS_signalfd4, "signalfd_churn", 0);
    call->function = churn_a_signalfd;
}
#else
static void make_eventfd2(struct call *call) { (void)call; }
static void make_signalfd4(struct call *call) { (void)call; }
static void make_event_file_read(struct call *call) { (void)call; }
static void make_event_file_write(struct call *call) { (void)call; }
static void make_signalfd_churn(struct call *call) { (void)call; }
#endif

const struct generator event_file_generators[] = {
    { make_eventfd2, 3 }, { make_signalfd4, 4 }, { make_event_file_read, 3 }, { make_event_file_write, 3 },
    { make_signalfd_churn, 1 },
};
const unsigned event_file_generator_count = sizeof event_file_generators / sizeof event_file_generators[0];
