/* user/tools/fuzz/calls_timers.c - generators for timers and clocks:
 * timer_create, timer_settime, timer_gettime, timer_getoverrun,
 * timer_delete, setitimer, getitimer, clock_getres, clock_nanosleep,
 * timerfd_create, timerfd_settime, timerfd_gettime (docs/timers.md).
 *
 * Timers are made with good and bad clocks and sigevents, armed with
 * good and bad times (a period of 1 ns fires every tick), and deleted
 * whenever: while they fire and their signals are pending. A worker keeps
 * itself fit to go on: its timers send only the signals it catches
 * (SIGALRM, SIGRTMIN, SIGRTMAX), never SIGVTALRM or SIGPROF, and its
 * ITIMER_REAL never repeats faster than every 100 ms. A risky child may
 * send itself anything. The ids made are remembered, to be used and
 * deleted again; exit deletes what is left. Timerfds are kept only when
 * made with TFD_NONBLOCK (a few, for the other calls; a read of one
 * never waits), the others closed at once; one is also made, armed to
 * fire every nanosecond, read and closed while it fires. */
#include <signal.h>
#include <stdint.h>
#include <uapi/mqueue.h>
#include <uapi/syscall.h>
#include <uapi/time.h>
#include <uapi/timerfd.h>

#include "fuzz.h"

#define SIGEV_THREAD_ID 4
#define TIMER_IDS 8
#define MS 1000000

static int timer_ids[TIMER_IDS];
static unsigned timer_ids_known;

static long timer_id_any(void)
{
    if (timer_ids_known && chance(80))
        return timer_ids[below(timer_ids_known < TIMER_IDS ? timer_ids_known : TIMER_IDS)];
    return (long)PICK(0, 1, 7, 63, 64, 1000, 0x7fffffff, (uint32_t)-1, rng());
}

static long clock_any(void)
{
    int self = (int)raw_syscall(SYS_getpid, 0, 0, 0, 0, 0, 0);
    return (long)PICK(CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID,
                      CLOCK_THREAD_CPUTIME_ID, (uint32_t)CPU_CLOCK_OF_PROCESS(0),
                      (uint32_t)CPU_CLOCK_OF_PROCESS(self), (uint32_t)CPU_CLOCK_OF_PROCESS(pid_any()),
                      (uint32_t)CPU_CLOCK_OF_THREAD(0), (uint32_t)CPU_CLOCK_OF_THREAD(thread_tid_any()),
                      (uint32_t)(CPU_CLOCK_OF_PROCESS(self) | 1), 4, 7, 12345, (uint32_t)-1, 0x80000000);
}

/* A signal the worker survives, or in a risky child any number. */
static int timer_signal(void)
{
    if (risky_mode && chance(50))
        return (int)PICK(0, 1, SIGUSR1, SIGTERM, SIGVTALRM, 64, 65, (uint32_t)-1);
    return (int)PICK(SIGALRM, SIGRTMIN, SIGRTMAX, SIGRTMIN);
}

static void after_timer_create(struct call *call, long result)
{
    if (result == 0 && in_scratch((uint32_t)call->aux, sizeof(int)))
        timer_ids[timer_ids_known++ % TIMER_IDS] = *(int *)call->aux;
}

static void make_timer_create(struct call *call)
{
    long event = 0;
    if (chance(85)) {
        struct kernel_sigevent *sigevent = (struct kernel_sigevent *)safe_buffer(sizeof *sigevent);
        sigevent->value.sival_int = (int)rng();
        sigevent->notify = (int)PICK(SIGEV_SIGNAL, SIGEV_SIGNAL, SIGEV_NONE, SIGEV_THREAD, SIGEV_THREAD_ID, 3, 77,
                                     (uint32_t)-1);
        sigevent->signo = timer_signal();
        if (sigevent->notify == SIGEV_THREAD)         /* the library's pipe, or not */
            sigevent->signo = chance(60) ? fd_of_kind(FD_PIPE_WRITE) : fd_any();
        sigevent->library[0] = chance(70) ? (int)raw_syscall(SYS_gettid, 0, 0, 0, 0, 0, 0) : (int)rng();
        event = (long)sigevent;
    } else if (chance(50)) {
        event = (long)bad_pointer();
    }
    uint32_t size = sizeof(int);
    long id = chance(90) ? (long)out_pointer(&size) : (long)bad_pointer();
    if (size < sizeof(int))
        id = (long)bad_pointer();
    set_call(call, SYS_timer_create, "timer_create", 3, clock_any(), event, id);
    call->aux = id;
    call->after = after_timer_create;
}

static struct itimerspec *some_setting(void)
{
    struct itimerspec *setting = (struct itimerspec *)safe_buffer(sizeof *setting);
    setting->it_value.tv_sec = (long)PICK(0, 0, 0, 1, 100, (uint32_t)-1, 0x7fffffff);
    setting->it_value.tv_nsec = (long)PICK(0, 1, 1000, MS, 20 * MS, 999999999, 1000000000, (uint32_t)-1);
    setting->it_interval.tv_sec = (long)PICK(0, 0, 0, 1, (uint32_t)-1);
    setting->it_interval.tv_nsec = (long)PICK(0, 0, 1, MS, 50 * MS, 1000000000, (uint32_t)-1);
    return setting;
}

static void make_timer_settime(struct call *call)
{
    uint32_t size = sizeof(struct itimerspec);
    long old = chance(50) ? 0 : (long)out_pointer(&size);
    if (size < sizeof(struct itimerspec))
        old = (long)bad_pointer();
    long setting = chance(90) ? (long)some_setting() : (long)bad_pointer();
    set_call(call, SYS_timer_settime, "timer_settime", 4, timer_id_any(),
             (long)PICK(0, 0, TIMER_ABSTIME, 2, (uint32_t)-1), setting, old);
}

static void make_timer_gettime(struct call *call)
{
    uint32_t size = sizeof(struct itimerspec);
    long setting = (long)out_pointer(&size);
    if (size < sizeof(struct itimerspec))
        setting = (long)bad_pointer();
    set_call(call, SYS_timer_gettime, "timer_gettime", 2, timer_id_any(), setting);
}

static void make_timer_getoverrun(struct call *call)
{
    set_call(call, SYS_timer_getoverrun, "timer_getoverrun", 1, timer_id_any());
}

static void make_timer_delete(struct call *call)
{
    set_call(call, SYS_timer_delete, "timer_delete", 1, timer_id_any());
}

/* A timer made, armed to fire every tick with SIGRTMIN, given a moment to
 * fire (its signal may be pending, or being delivered) and deleted. */
static long churn_a_firing_timer(struct call *call)
{
    (void)call;
    struct kernel_sigevent sigevent = { .value.sival_int = 1, .signo = SIGRTMIN, .notify = SIGEV_SIGNAL };
    int id;
    long made = raw_syscall(SYS_timer_create, CLOCK_MONOTONIC, (long)&sigevent, (long)&id, 0, 0, 0);
    if (made < 0)
        return made;
    struct itimerspec every_nanosecond = { { 0, 1 }, { 0, 1 } };
    raw_syscall(SYS_timer_settime, id, 0, (long)&every_nanosecond, 0, 0, 0);
    for (volatile unsigned spin = below(200000); spin > 0; spin--)
        ;
    return raw_syscall(SYS_timer_delete, id, 0, 0, 0, 0, 0);
}

static void make_timer_churn(struct call *call)
{
    set_call(call, SYS_timer_create, "timer_churn", 0);
    call->function = churn_a_firing_timer;
}

static struct kernel_itimerval *some_itimerval(int which)
{
    struct kernel_itimerval *value = (struct kernel_itimerval *)safe_buffer(sizeof *value);
    value->it_value.tv_sec = (long)PICK(0, 0, 0, 1, 5, (uint32_t)-1);
    value->it_value.tv_usec = (long)PICK(0, 1, 1000, 999999, 1000000, (uint32_t)-1);
    value->it_interval.tv_sec = (long)PICK(0, 0, 1, (uint32_t)-1);
    value->it_interval.tv_usec = (long)PICK(0, 1, 1000, 1000000);
    if (!risky_mode && which != ITIMER_REAL) {
        value->it_value.tv_sec = chance(50) ? -1 : 0;   /* refused, or disarmed: no SIGVTALRM/SIGPROF */
        value->it_value.tv_usec = 0;
    }
    if (!risky_mode && which == ITIMER_REAL && value->it_interval.tv_sec == 0)
        value->it_interval.tv_usec = 0;   /* no storm of SIGALRM */
    return value;
}

static void make_setitimer(struct call *call)
{
    int which = (int)PICK(ITIMER_REAL, ITIMER_REAL, ITIMER_VIRTUAL, ITIMER_PROF, 3, (uint32_t)-1);
    uint32_t size = sizeof(struct kernel_itimerval);
    long old = chance(50) ? 0 : (long)out_pointer(&size);
    if (size < sizeof(struct kernel_itimerval))
        old = (long)bad_pointer();
    long value = chance(85) ? (long)some_itimerval(which) : (long)bad_pointer();
    if (!risky_mode && (which == ITIMER_VIRTUAL || which == ITIMER_PROF) && value < 4096)
        value = (long)some_itimerval(which);          /* NULL would disarm: fine, but keep it simple */
    set_call(call, SYS_setitimer, "setitimer", 3, (long)which, value, old);
}

static void make_getitimer(struct call *call)
{
    uint32_t size = sizeof(struct kernel_itimerval);
    long value = (long)out_pointer(&size);
    if (size < sizeof(struct kernel_itimerval))
        value = (long)bad_pointer();
    set_call(call, SYS_getitimer, "getitimer", 2, (long)PICK(0, 1, 2, 3, (uint32_t)-1), value);
}

static void make_clock_getres(struct call *call)
{
    uint32_t size = sizeof(struct timespec);
    long resolution = chance(20) ? 0 : (long)out_pointer(&size);
    if (size < sizeof(struct timespec))
        resolution = (long)bad_pointer();
    set_call(call, SYS_clock_getres, "clock_getres", 2, clock_any(), resolution);
}

static void make_clock_nanosleep(struct call *call)
{
    extern struct timespec *some_timespec(void);
    uint32_t size = sizeof(struct timespec);
    long request = chance(85) ? (long)some_timespec() : (long)bad_pointer();
    long remaining = chance(30) ? 0 : (long)out_pointer(&size);
    if (size < sizeof(struct timespec))
        remaining = (long)bad_pointer();
    set_call(call, SYS_clock_nanosleep, "clock_nanosleep", 4, clock_any(),
             (long)PICK(0, 0, TIMER_ABSTIME, 2, (uint32_t)-1), request, remaining);
    call->may_block = 1;
}

#define TIMERFDS 4

static int timerfds[TIMERFDS];
static unsigned timerfds_known;

static long timerfd_any(void)
{
    if (timerfds_known && chance(80))
        return timerfds[below(timerfds_known < TIMERFDS ? timerfds_known : TIMERFDS)];
    return fd_any();
}

static void after_timerfd_create(struct call *call, long result)
{
    if (result < 0)
        return;
    if (!(call->args[1] & TFD_NONBLOCK) || timerfds_known >= TIMERFDS) {
        raw_syscall(SYS_close, result, 0, 0, 0, 0, 0);   /* a blocking one: no read may wait on it */
        return;
    }
    timerfds[timerfds_known++] = (int)result;
}

static void make_timerfd_create(struct call *call)
{
    long clock = chance(70) ? (long)PICK(CLOCK_REALTIME, CLOCK_MONOTONIC) : clock_any();
    long flags = (long)PICK(TFD_NONBLOCK, TFD_NONBLOCK | TFD_CLOEXEC, 0, TFD_CLOEXEC, 1, (uint32_t)-1, rng());
    set_call(call, SYS_timerfd_create, "timerfd_create", 2, clock, flags);
    call->after = after_timerfd_create;
}

static void make_timerfd_settime(struct call *call)
{
    uint32_t size = sizeof(struct itimerspec);
    long old = chance(50) ? 0 : (long)out_pointer(&size);
    if (size < sizeof(struct itimerspec))
        old = (long)bad_pointer();
    long setting = chance(90) ? (long)some_setting() : (long)bad_pointer();
    set_call(call, SYS_timerfd_settime, "timerfd_settime", 4, timerfd_any(),
             (long)PICK(0, 0, TFD_TIMER_ABSTIME, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, TFD_TIMER_CANCEL_ON_SET, 4,
                        (uint32_t)-1),
             setting, old);
}

static void make_timerfd_gettime(struct call *call)
{
    uint32_t size = sizeof(struct itimerspec);
    long setting = (long)out_pointer(&size);
    if (size < sizeof(struct itimerspec))
        setting = (long)bad_pointer();
    set_call(call, SYS_timerfd_gettime, "timerfd_gettime", 2, timerfd_any(), setting);
}

/* A timerfd made, armed to fire every nanosecond, read while it fires
 * (its count growing at each tick) and closed while still armed. */
static long churn_a_firing_timerfd(struct call *call)
{
    (void)call;
    long fd = raw_syscall(SYS_timerfd_create, CLOCK_MONOTONIC, TFD_NONBLOCK, 0, 0, 0, 0);
    if (fd < 0)
        return fd;
    struct itimerspec every_nanosecond = { { 0, 1 }, { 0, 1 } };
    raw_syscall(SYS_timerfd_settime, fd, 0, (long)&every_nanosecond, 0, 0, 0);
    for (volatile unsigned spin = below(200000); spin > 0; spin--)
        ;
    uint64_t count;
    raw_syscall(SYS_read, fd, (long)&count, sizeof count, 0, 0, 0);
    return raw_syscall(SYS_close, fd, 0, 0, 0, 0, 0);
}

static void make_timerfd_churn(struct call *call)
{
    set_call(call, SYS_timerfd_create, "timerfd_churn", 0);
    call->function = churn_a_firing_timerfd;
}

const struct generator timer_generators[] = {
    { make_timer_create, 5 }, { make_timer_settime, 5 }, { make_timer_gettime, 2 },
    { make_timer_getoverrun, 1 }, { make_timer_delete, 3 }, { make_timer_churn, 2 },
    { make_setitimer, 2 }, { make_getitimer, 1 }, { make_clock_getres, 1 }, { make_clock_nanosleep, 2 },
    { make_timerfd_create, 2 }, { make_timerfd_settime, 3 }, { make_timerfd_gettime, 1 }, { make_timerfd_churn, 1 },
};
const unsigned timer_generator_count = sizeof timer_generators / sizeof timer_generators[0];
