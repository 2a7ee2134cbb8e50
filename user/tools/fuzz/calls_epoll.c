/* user/tools/fuzz/calls_epoll.c - generators for epoll (kernel/fs/epoll.c,
 * kernel/fs/epoll_syscalls.c): instances made with good and bad sizes and
 * flags; epoll_ctl with every operation and nonsense ones, on every kind
 * of descriptor the pools hold (instances too, so that instances watch
 * instances and cycles are tried), closed and absurd ones, events of any
 * bits, and bad pointers; waits with timeouts of 0, a few ms or for ever
 * (the alarm ends it), maxevents around its limits, event buffers that
 * are ours, short or bad, and epoll_pwait's masks and set sizes. The
 * descriptors watched are closed by the file family's close and dup2,
 * which is how entries leave their sets. */
#include <stdint.h>
#include <uapi/syscall.h>

#include "fuzz.h"

#if defined(SYS_epoll_create) && __has_include(<uapi/epoll.h>)
#include <uapi/epoll.h>

#define EVENTS_MAX 16
#define EVENT_SIZE 12                 /* struct epoll_event, packed */

static int epoll_fd(void)
{
    int fd = fd_of_kind(FD_EPOLL);
    return fd >= 0 && chance(85) ? fd : fd_any();
}

static void after_create(struct call *call, long result)
{
    (void)call;
    if (result >= 0)
        fd_opened(result, FD_EPOLL);
}

static void make_epoll_create(struct call *call)
{
    set_call(call, SYS_epoll_create, "epoll_create", 1, (long)PICK(1, 1, 100, 0, (uint32_t)-1, 0x80000000));
    call->after = after_create;
}

static void make_epoll_create1(struct call *call)
{
    set_call(call, SYS_epoll_create1, "epoll_create1", 1, (long)any_flags(EPOLL_CLOEXEC));
    call->after = after_create;
}

static uint32_t any_events(void)
{
    uint32_t usual = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLPRI | EPOLLERR | EPOLLHUP | EPOLLET | EPOLLONESHOT |
                     EPOLLEXCLUSIVE | EPOLLWAKEUP;
    return chance(85) ? any_flags(usual) : rng();
}

static void make_epoll_ctl(struct call *call)
{
    long event;
    if (chance(85)) {
        struct epoll_event *buffer = (struct epoll_event *)safe_buffer(sizeof *buffer);
        buffer->events = any_events();
        buffer->data.u64 = ((uint64_t)rng() << 32) | rng();
        event = (long)buffer;
    } else {
        event = chance(50) ? (long)bad_pointer() : (long)in_pointer(EVENT_SIZE);
    }
    long op = (long)PICK(EPOLL_CTL_ADD, EPOLL_CTL_ADD, EPOLL_CTL_ADD, EPOLL_CTL_MOD, EPOLL_CTL_DEL, 0, 4,
                         (uint32_t)-1);
    set_call(call, SYS_epoll_ctl, "epoll_ctl", 4, (long)epoll_fd(), op, (long)fd_any(), event);
}

/* The events buffer and maxevents: ours, short, bad, or nonsense counts. */
static void events_and_count(long *events, long *count)
{
    if (chance(80)) {
        uint32_t size = EVENTS_MAX * EVENT_SIZE;
        *events = (long)out_pointer(&size);   /* the kernel writes events into it */
        *count = (long)(size / EVENT_SIZE);
        if (*count == 0 || chance(10))
            *count = (long)PICK(0, (uint32_t)-1, 0x7fffffff, 178956970, 178956971);
        if (*count > EVENTS_MAX && *count < 178956971)
            *events = (long)bad_pointer();   /* more than we own: only a bad buffer may be that long */
    } else {
        *events = (long)bad_pointer();
        *count = (long)PICK(1, 4, 0, (uint32_t)-1);
    }
}

/* A timeout in ms; sets *forever when the call may wait for ever. */
static long timeout_ms(int *forever)
{
    long timeout = (long)PICK(0, 0, 0, 1, 10, (uint32_t)-1, 0x80000000, 100000);
    *forever = timeout < 0 || timeout > 10;
    return timeout;
}

static void make_epoll_wait(struct call *call)
{
    long events, count;
    events_and_count(&events, &count);
    int forever;
    long timeout = timeout_ms(&forever);
    set_call(call, SYS_epoll_wait, "epoll_wait", 4, (long)epoll_fd(), events, count, timeout);
    call->may_block = forever;
}

/* epoll_pwait's mask: NULL, empty, or a bad pointer (never one that
 * blocks the alarm). */
static long wait_mask(void)
{
    if (chance(50))
        return 0;
    if (chance(30))
        return (long)bad_pointer();
    uint32_t *mask = (uint32_t *)safe_buffer(2 * sizeof *mask);
    mask[0] = mask[1] = 0;
    return (long)mask;
}

static void make_epoll_pwait(struct call *call)
{
    long events, count;
    events_and_count(&events, &count);
    int forever;
    long timeout = timeout_ms(&forever);
    set_call(call, SYS_epoll_pwait, "epoll_pwait", 6, (long)epoll_fd(), events, count, timeout, wait_mask(),
             (long)PICK(8, 8, 8, 0, 4, 16, (uint32_t)-1));
    call->may_block = forever;
}
#else
static void make_epoll_create(struct call *call) { (void)call; }
static void make_epoll_create1(struct call *call) { (void)call; }
static void make_epoll_ctl(struct call *call) { (void)call; }
static void make_epoll_wait(struct call *call) { (void)call; }
static void make_epoll_pwait(struct call *call) { (void)call; }
#endif

const struct generator epoll_generators[] = {
    { make_epoll_create, 1 }, { make_epoll_create1, 2 }, { make_epoll_ctl, 6 },
    { make_epoll_wait, 3 }, { make_epoll_pwait, 1 },
};
const unsigned epoll_generator_count = sizeof epoll_generators / sizeof epoll_generators[0];
