/* kernel/ipc/posix_timer.c - POSIX per-process timers: their life, from
 * the system calls (posix_timer_syscalls.c) to the tick that expires them.
 *
 *   timer_create(clock, sigevent)  --> a struct posix_timer in the
 *        |                             process's list, with a new id
 *   timer_settime(value, interval) --> armed: on the kernel's list of
 *        |                             armed timers, with an expiry
 *   each tick: expiry reached? ---->  the event (below); a periodic timer
 *        |                             moves its expiry on by whole periods
 *        |                             (periods missed count as overruns),
 *        |                             a one-shot timer disarms
 *   timer_delete, exec, exit ------>  off both lists, freed
 *
 * The event, as struct sigevent asks (the rules of POSIX timer_create and
 * Linux where POSIX leaves room):
 *  - SIGEV_SIGNAL: sigev_signo to the process, si_code SI_TIMER, si_value
 *    sigev_value, si_timerid the timer's id. While that signal is still
 *    pending the timer sends no other: each expiry in between is an
 *    overrun, counted up to DELAYTIMER_MAX. When the signal is taken (a
 *    handler, sigwaitinfo), posix_timer_signal_taken hands the count to
 *    si_overrun and to timer_getoverrun, and the count starts again.
 *    The signal goes with the timer's own queue entry, reserved (counted
 *    against RLIMIT_SIGPENDING) by timer_create, which fails with EAGAIN
 *    if it cannot: a queue full of other signals cannot lose an expiry.
 *  - SIGEV_THREAD_ID (Linux): the same, to one thread of the process; once
 *    that thread has ended, the timer's signals are dropped (as Linux).
 *  - SIGEV_NONE: nothing; timer_gettime shows the time running.
 *  - NOTIFY_TIMERFD (no sigevent's): a timerfd's timer, which belongs to
 *    no process; each expiry adds to the count its read returns (timerfd.c).
 *  - SIGEV_THREAD: the C library's (libc/time/timer.c, libc/signal/sigev_thread.c), built as
 *    for mq_notify (posix_mq_notify.c): sigev_signo is the write end of a
 *    pipe; each expiry writes sigev_value into it, and a thread of the
 *    library reading the other end runs the function. Deleting the timer
 *    drops the write end: that thread reads end of file and exits.
 *
 * No signal reaches a freed timer: a pending signal names its timer by id
 * only, and ids are not reused until the process's counter wraps (2^31
 * timers later). Everything here runs with the kernel lock held (system
 * calls and the tick) and never sleeps. */
#include "posix_timer_internal.h"

#include "signal_internal.h"

#include "arch/x86/smp_for_core.h"
#include "fs/file.h"
#include "ipc/pipe.h"
#include "kernel/trace.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "sched/clock.h"
#include "uapi/errno.h"

#define NS_PER_SECOND 1000000000ull

static struct posix_timer *armed_timers;  /* through next_armed, unsorted */
static unsigned timers_in_kernel;

unsigned posix_timer_total(void)
{
    return timers_in_kernel;
}

struct posix_timer *posix_timer_of(const struct process *process, int id)
{
    for (struct posix_timer *timer = process->posix_timers; timer; timer = timer->next_of_process)
        if (timer->id == id)
            return timer;
    return 0;
}

static void add_overruns(struct posix_timer *timer, uint64_t count)
{
    uint64_t total = timer->overruns + count;
    timer->overruns = total > DELAYTIMER_MAX_VALUE ? DELAYTIMER_MAX_VALUE : (uint32_t)total;
}

/* ---- arming ------------------------------------------------------------ */

void posix_timer_disarm(struct posix_timer *timer)
{
    if (!timer->armed)
        return;
    for (struct posix_timer **link = &armed_timers; *link; link = &(*link)->next_armed) {
        if (*link == timer) {
            *link = timer->next_armed;
            break;
        }
    }
    timer->armed = 0;
}

/* When `timer`, armed on CLOCK_MONOTONIC or CLOCK_REALTIME, falls due on
 * CLOCK_MONOTONIC, `now` being the time on its own clock. */
static uint64_t due_on_monotonic(const struct posix_timer *timer, uint64_t now)
{
    if (timer->base == ON_MONOTONIC)
        return timer->expiry_ns;
    uint64_t monotonic = clock_now_ns();
    return timer->expiry_ns > now ? monotonic + (timer->expiry_ns - now) : monotonic;
}

/* Arms the timer's deadline: this CPU's timer interrupts at it if it
 * comes before the next tick. The CPU-time clocks move at ticks anyway. */
static void ask_for_deadline(const struct posix_timer *timer)
{
    uint64_t now;
    if ((timer->base == ON_MONOTONIC || timer->base == ON_REALTIME) && posix_timer_now(timer, &now))
        local_apic_timer_deadline(due_on_monotonic(timer, now));
}

void posix_timer_arm(struct posix_timer *timer, enum timer_base base, uint64_t expiry_ns, uint64_t interval_ns)
{
    if (!timer->armed) {
        timer->next_armed = armed_timers;
        armed_timers = timer;
        timer->armed = 1;
    }
    timer->base = base;
    timer->expiry_ns = expiry_ns;
    timer->interval_ns = interval_ns;
    ask_for_deadline(timer);
}

/* The time now on the timer's base; 0 when its CPU-time clock's process or
 * thread is gone (such a timer never expires again). */
int posix_timer_now(const struct posix_timer *timer, uint64_t *now)
{
    if (timer->base == ON_MONOTONIC)
        *now = clock_now_ns();
    else if (timer->base == ON_REALTIME)
        *now = (uint64_t)clock_realtime_ns();
    else
        return cpu_clock_read(&timer->cpu_clock, now) == 0;
    return 1;
}

void posix_timer_set(struct posix_timer *timer, int absolute, uint64_t value, uint64_t interval)
{
    if (value == 0) {
        posix_timer_disarm(timer);
        timer->interval_ns = 0;           /* gettime shows 0, 0 (Linux) */
        return;
    }
    enum timer_base base = timer->clock == CLOCK_MONOTONIC ? ON_MONOTONIC
                         : timer->clock == CLOCK_REALTIME ? (absolute ? ON_REALTIME : ON_MONOTONIC)
                         : ON_CPU_TIME;
    timer->base = base;
    uint64_t now = 0;
    posix_timer_now(timer, &now);
    uint64_t expiry = absolute ? value : now + value;
    posix_timer_arm(timer, base, expiry, interval);
    if (expiry <= now)
        posix_timer_expire(timer, now);   /* a time already past: at once */
}

/* ---- the setting as the calls see it ----------------------------------- */

static int timespec_to_ns(const struct timespec *time, uint64_t *ns)
{
    if (time->tv_sec < 0 || time->tv_nsec < 0 || time->tv_nsec >= (long)NS_PER_SECOND)
        return -EINVAL;
    *ns = (uint64_t)time->tv_sec * NS_PER_SECOND + (uint64_t)time->tv_nsec;
    return 0;
}

int posix_timer_setting_to_ns(const struct itimerspec *setting, uint64_t *value, uint64_t *interval)
{
    if (timespec_to_ns(&setting->it_value, value) < 0 || timespec_to_ns(&setting->it_interval, interval) < 0)
        return -EINVAL;
    return 0;
}

static struct timespec timespec_of_ns(uint64_t ns)
{
    uint64_t seconds = ns / NS_PER_SECOND;
    if (seconds > 0x7FFFFFFF)
        return (struct timespec){ 0x7FFFFFFF, (long)NS_PER_SECOND - 1 };
    return (struct timespec){ (long)seconds, (long)(ns % NS_PER_SECOND) };
}

/* An armed timer whose expiry has just passed shows 1 ns: it is about to
 * fire, not disarmed. */
struct itimerspec posix_timer_setting(const struct posix_timer *timer)
{
    struct itimerspec setting;
    memset(&setting, 0, sizeof setting);
    uint64_t now;
    if (timer->armed && posix_timer_now(timer, &now))
        setting.it_value = timespec_of_ns(timer->expiry_ns > now ? timer->expiry_ns - now : 1);
    setting.it_interval = timespec_of_ns(timer->interval_ns);
    return setting;
}

/* ---- expiring ---------------------------------------------------------- */

/* Is the signal the timer sent still waiting to be taken? A real-time
 * one is its own queue entry, which knows (and which must never be
 * queued twice, whatever the flag says). For a standard one the flag
 * alone could be stale: the signal may have been discarded (ignored, or
 * merged into another sender's and taken as that). */
static int signal_still_pending(const struct posix_timer *timer)
{
    if (timer->signal >= SIGNAL_FIRST_QUEUED)
        return timer->entry->queued;
    if (!timer->signal_queued)
        return 0;
    signal_set bit = SIGNAL_BIT(timer->signal);
    if (timer->owner->signals_pending.set & bit)
        return 1;
    struct thread *thread = timer->notify == SIGEV_THREAD_ID ? timer->target_thread : 0;
    return thread && (thread->signals_pending.set & bit);
}

/* Sends the timer's signal, or counts an overrun if the last one is still
 * pending. `missed`: further expiries that passed unseen (whole periods
 * between two ticks) are overruns too. The signal is sent with the
 * timer's own queue entry, so a full queue cannot lose it. A
 * SIGEV_THREAD_ID timer whose thread has ended sends nothing (Linux). */
static void send_timer_signal(struct posix_timer *timer, uint64_t missed)
{
    if (signal_still_pending(timer)) {
        add_overruns(timer, 1 + missed);
        return;
    }
    timer->overruns = 0;
    add_overruns(timer, missed);
    struct thread *thread = 0;
    if (timer->notify == SIGEV_THREAD_ID && !(thread = timer->target_thread)) {
        timer->signal_queued = 0;
        return;
    }
    struct signal_origin origin = { .code = SI_TIMER, .pid = timer->id, .value = timer->value.sival_ptr };
    signal_send_reserved(timer->owner, thread, timer->signal, &origin, timer->entry);
    timer->signal_queued = 1;
}

static void deliver(struct posix_timer *timer, uint64_t missed)
{
    if (timer->notify == NOTIFY_TIMERFD) {
        timerfd_expired(timer, 1 + missed);   /* no owner, no signal: the count a read returns */
        return;
    }
    trace_thread_event(0, "timer", "to=%d timer=%d sig=%d", timer->owner->pid, timer->id,
                       timer->notify == SIGEV_SIGNAL || timer->notify == SIGEV_THREAD_ID ? timer->signal : 0);
    if (timer->notify == SIGEV_SIGNAL || timer->notify == SIGEV_THREAD_ID)
        send_timer_signal(timer, missed);
    else if (timer->notify == SIGEV_THREAD)   /* the pipe full: the thread is behind, an overrun */
        if (pipe_write_from_kernel(timer->pipe, &timer->value, sizeof timer->value) < 0)
            add_overruns(timer, 1 + missed);
}

/* The timer's expiry has come (`now` on its base): deliver, then move a
 * periodic timer on by whole periods, or disarm a one-shot one. */
void posix_timer_expire(struct posix_timer *timer, uint64_t now)
{
    uint64_t missed = 0;
    if (timer->interval_ns) {
        missed = (now - timer->expiry_ns) / timer->interval_ns;
        timer->expiry_ns += (missed + 1) * timer->interval_ns;
    } else {
        posix_timer_disarm(timer);
    }
    deliver(timer, missed);
}

/* Is the timer's next expiry worth an interrupt between ticks? A
 * signal's only once the last one was taken (Linux sets its timer again
 * only then too): until the process takes it, an expiry only counts an
 * overrun, which the tick counts as well, and a timer of 1 ns cannot keep
 * its CPU in interrupts while its process never runs. Of a timer with
 * no signal (SIGEV_NONE, SIGEV_THREAD, a timerfd's), a one-shot expiry or
 * periods of a tick or more. */
static int wants_interrupt(const struct posix_timer *timer)
{
    if (timer->base != ON_MONOTONIC && timer->base != ON_REALTIME)
        return 0;                         /* CPU time moves at ticks */
    if (timer->notify == SIGEV_SIGNAL || timer->notify == SIGEV_THREAD_ID)
        return !timer->signal_queued;
    return !timer->interval_ns || timer->interval_ns >= NS_PER_CLOCK_TICK;
}

uint64_t posix_timers_expire(void)
{
    uint64_t earliest = CLOCK_NO_DEADLINE;
    struct posix_timer *timer = armed_timers, *next;
    for (; timer; timer = next) {
        next = timer->next_armed;         /* expire may take it off the list */
        uint64_t now;
        if (!posix_timer_now(timer, &now))
            continue;
        if (timer->expiry_ns <= now)
            posix_timer_expire(timer, now);
        if (timer->armed && wants_interrupt(timer)) {
            uint64_t due = due_on_monotonic(timer, now);
            if (due < earliest)
                earliest = due;
        }
    }
    return earliest;
}

void posix_timer_signal_taken(struct process *owner, struct signal_origin *origin)
{
    struct posix_timer *timer = posix_timer_of(owner, origin->pid);
    if (!timer || !timer->signal_queued)
        return;                           /* deleted, or re-created under a reused id */
    timer->signal_queued = 0;
    timer->last_overruns = timer->overruns;
    timer->overruns = 0;
    origin->uid = timer->last_overruns;   /* si_overrun: Linux's layout puts it there */
}

void posix_timer_link(struct process *process, struct posix_timer *timer)
{
    timer->next_of_process = process->posix_timers;
    process->posix_timers = timer;
    process->posix_timer_count++;
    timers_in_kernel++;
}

void posix_timer_delete(struct process *process, struct posix_timer *timer)
{
    for (struct posix_timer **link = &process->posix_timers; *link; link = &(*link)->next_of_process) {
        if (*link == timer) {
            *link = timer->next_of_process;
            break;
        }
    }
    posix_timer_disarm(timer);
    if (timer->pipe)
        file_put(timer->pipe);            /* the library's thread reads end of file */
    signal_queue_unreserve(process, timer->entry);   /* a pending signal of it stays */
    process->posix_timer_count--;
    timers_in_kernel--;
    kfree(timer);
}

void posix_timers_thread_ended(struct thread *thread)
{
    for (struct posix_timer *timer = thread->task.process->posix_timers; timer; timer = timer->next_of_process)
        if (timer->target_thread == thread)
            timer->target_thread = 0;
}

void posix_timers_delete_all(struct process *process)
{
    while (process->posix_timers)
        posix_timer_delete(process, process->posix_timers);
}
