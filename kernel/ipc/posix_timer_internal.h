/* kernel/ipc/posix_timer_internal.h - what posix_timer.c (the timers'
 * life: arming, expiring, the signal's overruns, deleting) and
 * posix_timer_syscalls.c (the five system calls) share, and nobody else
 * uses. */
#ifndef KERNEL_IPC_POSIX_TIMER_INTERNAL_H
#define KERNEL_IPC_POSIX_TIMER_INTERNAL_H

#include <stdint.h>

#include "timers_for_core.h"

#include "sched/cpu_time.h"
#include "uapi/mqueue.h"
#include "uapi/signal.h"
#include "uapi/time.h"

#define SIGEV_THREAD_ID 4                 /* Linux's: sigev_signo to the thread in the sigevent */
#define NOTIFY_TIMERFD  (-1)              /* no sigevent's: a timerfd's timer, its expiries counted (timerfd.c) */

struct file;
struct queued_signal;
struct thread;

/* On which clock a timer's expiry is counted. */
enum timer_base {
    ON_MONOTONIC,                         /* CLOCK_MONOTONIC, and relative CLOCK_REALTIME (as Linux) */
    ON_REALTIME,                          /* an absolute CLOCK_REALTIME time: follows clock_settime */
    ON_CPU_TIME,                          /* a CPU-time clock */
};

struct posix_timer {
    struct posix_timer *next_of_process;  /* owner->posix_timers */
    struct posix_timer *next_armed;       /* armed_timers, while armed */
    struct process *owner;                /* NULL: a timerfd's (on no process's list) */
    int id;
    int clock;                            /* as timer_create was given it */
    struct cpu_clock cpu_clock;           /* a CPU-time clock: whose time */

    int notify;                           /* SIGEV_* */
    int signal;                           /* SIGEV_SIGNAL, SIGEV_THREAD_ID */
    struct thread *target_thread;         /* SIGEV_THREAD_ID; NULL once it has ended */
    union kernel_sigval value;
    struct file *pipe;                    /* SIGEV_THREAD: the write end (a reference) */

    int armed;
    enum timer_base base;
    uint64_t expiry_ns;                   /* on `base` */
    uint64_t interval_ns;                 /* 0: one-shot */

    struct queued_signal *entry;          /* its own, reserved at creation (signal_pending.h) */
    int signal_queued;                    /* its signal was sent and not yet taken */
    uint32_t overruns;                    /* expiries while it was pending */
    uint32_t last_overruns;               /* of the signal taken last: timer_getoverrun */
};

/* The timer `id` of `process`, or NULL. */
struct posix_timer *posix_timer_of(const struct process *process, int id);

/* Puts a new timer on its process's list and counts it / takes it off
 * every list, lets go of its pipe and frees it. */
void posix_timer_link(struct process *process, struct posix_timer *timer);
void posix_timer_delete(struct process *process, struct posix_timer *timer);

/* Arms the timer to expire at `expiry_ns` on `base`, then every
 * `interval_ns` (0: once) / disarms it. */
void posix_timer_arm(struct posix_timer *timer, enum timer_base base, uint64_t expiry_ns, uint64_t interval_ns);
void posix_timer_disarm(struct posix_timer *timer);

/* Arms the timer on its clock (timer->clock) for `value` ns from now,
 * or, when `absolute`, at `value` on that clock (CLOCK_REALTIME's then
 * follows clock_settime), then every `interval` ns (0: once); a `value`
 * of 0 disarms it. A time already past expires at once. */
void posix_timer_set(struct posix_timer *timer, int absolute, uint64_t value, uint64_t interval);

/* The setting of the calls, in nanoseconds: 0, or -EINVAL for a negative
 * time or nanoseconds outside 0..999,999,999. */
int posix_timer_setting_to_ns(const struct itimerspec *setting, uint64_t *value, uint64_t *interval);

/* The timer's setting as timer_gettime shows it: the time left until
 * its next expiry (0: disarmed) and the period. */
struct itimerspec posix_timer_setting(const struct posix_timer *timer);

/* The time now on the timer's base: 1, or 0 when its CPU-time clock's
 * process or thread is gone (such a timer never expires again). */
int posix_timer_now(const struct posix_timer *timer, uint64_t *now);

/* The timer's expiry has come (`now` on its base): delivers its event,
 * then moves a periodic timer on by whole periods (the missed ones are
 * overruns) or disarms a one-shot one. */
void posix_timer_expire(struct posix_timer *timer, uint64_t now);

/* A timerfd's timer expired `count` times (1 + the periods missed):
 * its count grows and its readers wake (timerfd.c). Context: kernel lock
 * held; never sleeps. */
void timerfd_expired(struct posix_timer *timer, uint64_t count);

#endif
