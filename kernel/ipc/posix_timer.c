/* kernel/ipc/posix_timer.c - POSIX per-process timers: timer_create,
 * timer_settime, timer_gettime, timer_getoverrun, timer_delete.
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
 *  - SIGEV_THREAD_ID (Linux): the same, to one thread of the process.
 *  - SIGEV_NONE: nothing; timer_gettime shows the time running.
 *  - SIGEV_THREAD: the C library's (libc/time/timer_thread.c), built as
 *    for mq_notify (posix_mq_notify.c): sigev_signo is the write end of a
 *    pipe; each expiry writes sigev_value into it, and a thread of the
 *    library reading the other end runs the function. Deleting the timer
 *    drops the write end: that thread reads end of file and exits.
 *
 * No signal reaches a freed timer: a pending signal names its timer by id
 * only, and ids are not reused until the process's counter wraps (2^31
 * timers later). Everything here runs with the kernel lock held (system
 * calls and the tick) and never sleeps. */
#include "posix_timer.h"

#include "signal_internal.h"

#include "fs/file.h"
#include "ipc/pipe.h"
#include "kernel/syscall.h"
#include "kernel/trace.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "sched/clock.h"
#include "sched/cpu_time.h"
#include "uapi/errno.h"
#include "uapi/mqueue.h"
#include "uapi/time.h"

#define NS_PER_SECOND 1000000000ull
#define SIGEV_THREAD_ID 4                 /* Linux's: sigev_signo to the thread in the sigevent */

/* On which clock a timer's expiry is counted. */
enum timer_base {
    ON_MONOTONIC,                         /* CLOCK_MONOTONIC, and relative CLOCK_REALTIME (as Linux) */
    ON_REALTIME,                          /* an absolute CLOCK_REALTIME time: follows clock_settime */
    ON_CPU_TIME,                          /* a CPU-time clock */
};

struct posix_timer {
    struct posix_timer *next_of_process;  /* owner->posix_timers */
    struct posix_timer *next_armed;       /* armed_timers, while armed */
    struct process *owner;
    int id;
    int clock;                            /* as timer_create was given it */
    struct cpu_clock cpu_clock;           /* a CPU-time clock: whose time */

    int notify;                           /* SIGEV_* */
    int signal;                           /* SIGEV_SIGNAL, SIGEV_THREAD_ID */
    int target_tid;                       /* SIGEV_THREAD_ID */
    union kernel_sigval value;
    struct file *pipe;                    /* SIGEV_THREAD: the write end (a reference) */

    int armed;
    enum timer_base base;
    uint64_t expiry_ns;                   /* on `base` */
    uint64_t interval_ns;                 /* 0: one-shot */

    int signal_queued;                    /* its signal was sent and not yet taken */
    uint32_t overruns;                    /* expiries while it was pending */
    uint32_t last_overruns;               /* of the signal taken last: timer_getoverrun */
};

static struct posix_timer *armed_timers;  /* through next_armed, unsorted */
static unsigned timers_in_kernel;

unsigned posix_timer_total(void)
{
    return timers_in_kernel;
}

static struct posix_timer *timer_of_process(const struct process *process, int id)
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

static void disarm(struct posix_timer *timer)
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

static void arm(struct posix_timer *timer, enum timer_base base, uint64_t expiry_ns, uint64_t interval_ns)
{
    if (!timer->armed) {
        timer->next_armed = armed_timers;
        armed_timers = timer;
        timer->armed = 1;
    }
    timer->base = base;
    timer->expiry_ns = expiry_ns;
    timer->interval_ns = interval_ns;
}

/* The time now on the timer's base; 0 when its CPU-time clock's process or
 * thread is gone (such a timer never expires again). */
static int time_on_base(const struct posix_timer *timer, uint64_t *now)
{
    if (timer->base == ON_MONOTONIC)
        *now = clock_now_ns();
    else if (timer->base == ON_REALTIME)
        *now = (uint64_t)clock_realtime_ns();
    else
        return cpu_clock_read(&timer->cpu_clock, now) == 0;
    return 1;
}

/* ---- expiring ---------------------------------------------------------- */

/* Is the signal the timer sent still waiting to be taken? The flag alone
 * could be stale: the signal may have been discarded (ignored, or merged
 * into another sender's standard signal and taken as that). */
static int signal_still_pending(const struct posix_timer *timer)
{
    if (!timer->signal_queued)
        return 0;
    signal_set bit = SIGNAL_BIT(timer->signal);
    if (timer->owner->signals_pending.set & bit)
        return 1;
    struct thread *thread = timer->notify == SIGEV_THREAD_ID ? thread_find(timer->target_tid) : 0;
    return thread && (thread->signals_pending.set & bit);
}

/* Sends the timer's signal, or counts an overrun if the last one is still
 * pending. `missed`: further expiries that passed unseen (whole periods
 * between two ticks) are overruns too. */
static void send_timer_signal(struct posix_timer *timer, uint64_t missed)
{
    if (signal_still_pending(timer)) {
        add_overruns(timer, 1 + missed);
        return;
    }
    timer->overruns = 0;
    add_overruns(timer, missed);
    struct signal_origin origin = { .code = SI_TIMER, .pid = timer->id, .value = timer->value.sival_ptr };
    struct thread *thread = timer->notify == SIGEV_THREAD_ID ? thread_find(timer->target_tid) : 0;
    int sent;
    if (thread && thread->task.process == timer->owner)
        sent = signal_send_thread_origin(thread, timer->signal, &origin);
    else
        sent = signal_send_origin(timer->owner, timer->signal, &origin);   /* the thread has gone: the process */
    timer->signal_queued = sent == 0;     /* -EAGAIN: its queue is full; this expiry is lost */
}

static void deliver(struct posix_timer *timer, uint64_t missed)
{
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
static void expire(struct posix_timer *timer, uint64_t now)
{
    uint64_t missed = 0;
    if (timer->interval_ns) {
        missed = (now - timer->expiry_ns) / timer->interval_ns;
        timer->expiry_ns += (missed + 1) * timer->interval_ns;
    } else {
        disarm(timer);
    }
    deliver(timer, missed);
}

void posix_timers_tick(void)
{
    if (!armed_timers)
        return;
    struct posix_timer *timer = armed_timers, *next;
    for (; timer; timer = next) {
        next = timer->next_armed;         /* expire may take it off the list */
        uint64_t now;
        if (time_on_base(timer, &now) && timer->expiry_ns <= now)
            expire(timer, now);
    }
}

void posix_timer_signal_taken(struct process *owner, struct signal_origin *origin)
{
    struct posix_timer *timer = timer_of_process(owner, origin->pid);
    if (!timer || !timer->signal_queued)
        return;                           /* deleted, or re-created under a reused id */
    timer->signal_queued = 0;
    timer->last_overruns = timer->overruns;
    timer->overruns = 0;
    origin->uid = timer->last_overruns;   /* si_overrun: Linux's layout puts it there */
}

/* ---- the system calls -------------------------------------------------- */

/* Reads and checks the sigevent (NULL: SIGALRM with the timer's id as
 * value, as POSIX says). 0, -EFAULT or -EINVAL. */
static int read_event(const struct kernel_sigevent *user_event, struct kernel_sigevent *event)
{
    if (!user_event) {
        memset(event, 0, sizeof *event);
        event->notify = SIGEV_SIGNAL;
        event->signo = SIGALRM;
        return 1;                         /* the value is the id, once known */
    }
    if (copy_from_user(event, user_event, sizeof *event) < 0)
        return -EFAULT;
    int notify = event->notify;
    if (notify != SIGEV_SIGNAL && notify != SIGEV_NONE && notify != SIGEV_THREAD && notify != SIGEV_THREAD_ID)
        return -EINVAL;
    if ((notify == SIGEV_SIGNAL || notify == SIGEV_THREAD_ID) && (event->signo <= 0 || event->signo >= NSIG))
        return -EINVAL;
    if (notify == SIGEV_THREAD_ID) {      /* sigev_notify_thread_id: a thread of the caller's */
        struct thread *thread = thread_find(event->library[0]);
        if (!thread || thread->task.process != current_task->process)
            return -EINVAL;
    }
    return 0;
}

/* Which clocks a timer may run on: 0 or -EINVAL. */
static int check_timer_clock(int clock, struct posix_timer *timer)
{
    if (clock == CLOCK_REALTIME || clock == CLOCK_MONOTONIC)
        return 0;
    return cpu_clock_decode(clock, &timer->cpu_clock);
}

static int allocate_id(struct process *process)
{
    for (;;) {
        int id = process->next_posix_timer_id;
        process->next_posix_timer_id = id == 0x7FFFFFFF ? 0 : id + 1;
        if (!timer_of_process(process, id))
            return id;                    /* at most POSIX_TIMERS_PER_PROCESS ids are taken */
    }
}

int sys_timer_create(int clock, const struct kernel_sigevent *user_event, int *user_id)
{
    struct process *process = current_task->process;
    struct posix_timer probe;
    memset(&probe, 0, sizeof probe);
    if (check_timer_clock(clock, &probe) < 0)
        return -EINVAL;
    struct kernel_sigevent event;
    int value_is_id = read_event(user_event, &event);
    if (value_is_id < 0)
        return value_is_id;
    if (process->posix_timer_count >= POSIX_TIMERS_PER_PROCESS || timers_in_kernel >= POSIX_TIMERS_MAX)
        return -EAGAIN;
    struct file *pipe = 0;
    if (event.notify == SIGEV_THREAD) {
        pipe = descriptor_lookup(event.signo);
        if (!pipe || !pipe_is_write_end(pipe))
            return -EINVAL;               /* not the library's pipe */
    }
    struct posix_timer *timer = kzalloc(sizeof *timer);
    if (!timer)
        return -EAGAIN;                   /* as POSIX: the system lacks the resources */
    *timer = probe;
    timer->owner = process;
    timer->id = allocate_id(process);
    timer->clock = clock;
    timer->notify = event.notify;
    timer->signal = event.signo;
    timer->target_tid = event.library[0];
    timer->value = event.value;
    if (value_is_id)
        timer->value.sival_int = timer->id;
    if (copy_to_user(user_id, &timer->id, sizeof timer->id) < 0) {
        kfree(timer);
        return -EFAULT;
    }
    if (pipe) {
        file_get(pipe);
        timer->pipe = pipe;
    }
    timer->next_of_process = process->posix_timers;
    process->posix_timers = timer;
    process->posix_timer_count++;
    timers_in_kernel++;
    return 0;
}

static int timespec_to_ns(const struct timespec *time, uint64_t *ns)
{
    if (time->tv_sec < 0 || time->tv_nsec < 0 || time->tv_nsec >= (long)NS_PER_SECOND)
        return -EINVAL;
    *ns = (uint64_t)time->tv_sec * NS_PER_SECOND + (uint64_t)time->tv_nsec;
    return 0;
}

static struct timespec timespec_of_ns(uint64_t ns)
{
    uint64_t seconds = ns / NS_PER_SECOND;
    if (seconds > 0x7FFFFFFF)
        return (struct timespec){ 0x7FFFFFFF, (long)NS_PER_SECOND - 1 };
    return (struct timespec){ (long)seconds, (long)(ns % NS_PER_SECOND) };
}

/* The timer's setting as timer_gettime shows it: the time left (an
 * armed timer whose expiry has just passed shows 1 ns: it is about to
 * fire, not disarmed) and the period. */
static struct itimerspec current_setting(const struct posix_timer *timer)
{
    struct itimerspec setting;
    memset(&setting, 0, sizeof setting);
    uint64_t now;
    if (timer->armed && time_on_base(timer, &now))
        setting.it_value = timespec_of_ns(timer->expiry_ns > now ? timer->expiry_ns - now : 1);
    setting.it_interval = timespec_of_ns(timer->interval_ns);
    return setting;
}

int sys_timer_settime(int id, int flags, const struct itimerspec *user_setting, struct itimerspec *user_old)
{
    struct posix_timer *timer = timer_of_process(current_task->process, id);
    if (!timer)
        return -EINVAL;
    struct itimerspec setting;
    if (copy_from_user(&setting, user_setting, sizeof setting) < 0)
        return -EFAULT;
    uint64_t value, interval;
    if (timespec_to_ns(&setting.it_value, &value) < 0 || timespec_to_ns(&setting.it_interval, &interval) < 0)
        return -EINVAL;
    struct itimerspec old = current_setting(timer);
    timer->overruns = 0;
    timer->last_overruns = 0;
    if (value == 0) {
        disarm(timer);
    } else {
        enum timer_base base = timer->clock == CLOCK_MONOTONIC ? ON_MONOTONIC
                             : timer->clock == CLOCK_REALTIME ? (flags & TIMER_ABSTIME ? ON_REALTIME : ON_MONOTONIC)
                             : ON_CPU_TIME;
        timer->base = base;
        uint64_t now = 0;
        time_on_base(timer, &now);
        uint64_t expiry = flags & TIMER_ABSTIME ? value : now + value;
        arm(timer, base, expiry, interval);
        if (expiry <= now)
            expire(timer, now);           /* a time already past: at once */
    }
    if (user_old && copy_to_user(user_old, &old, sizeof old) < 0)
        return -EFAULT;
    return 0;
}

int sys_timer_gettime(int id, struct itimerspec *user_setting)
{
    struct posix_timer *timer = timer_of_process(current_task->process, id);
    if (!timer)
        return -EINVAL;
    struct itimerspec setting = current_setting(timer);
    return copy_to_user(user_setting, &setting, sizeof setting);
}

int sys_timer_getoverrun(int id)
{
    struct posix_timer *timer = timer_of_process(current_task->process, id);
    if (!timer)
        return -EINVAL;
    return (int)timer->last_overruns;
}

static void delete_timer(struct process *process, struct posix_timer *timer)
{
    for (struct posix_timer **link = &process->posix_timers; *link; link = &(*link)->next_of_process) {
        if (*link == timer) {
            *link = timer->next_of_process;
            break;
        }
    }
    disarm(timer);
    if (timer->pipe)
        file_put(timer->pipe);            /* the library's thread reads end of file */
    process->posix_timer_count--;
    timers_in_kernel--;
    kfree(timer);
}

int sys_timer_delete(int id)
{
    struct process *process = current_task->process;
    struct posix_timer *timer = timer_of_process(process, id);
    if (!timer)
        return -EINVAL;
    delete_timer(process, timer);
    return 0;
}

void posix_timers_delete_all(struct process *process)
{
    while (process->posix_timers)
        delete_timer(process, process->posix_timers);
}
