/* kernel/ipc/posix_timer_syscalls.c - the system calls of POSIX timers:
 * timer_create, timer_settime, timer_gettime, timer_getoverrun,
 * timer_delete (their rules: the man pages in docs/man/man2; the timers'
 * life: posix_timer.c). Each looks the timer up by id in the calling
 * process's list: an id of no timer of its own is EINVAL. */
#include "posix_timer_internal.h"

#include "signal_pending.h"

#include "fs/file.h"
#include "ipc/pipe.h"
#include "kernel/syscall.h"
#include "subsystems/timers_calls.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "proc/process.h"
#include "proc/thread.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/mqueue.h"
#include "uapi/time.h"

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

/* Which clocks a timer may run on: 0 or -EINVAL. A CPU-time clock is
 * bound to the process or thread that has it now: after that one ends,
 * the timer never fires, whoever gets its pid or tid (as Linux). */
static int check_timer_clock(int clock, struct posix_timer *timer)
{
    if (clock == CLOCK_REALTIME || clock == CLOCK_MONOTONIC)
        return 0;
    int decoded = cpu_clock_decode(clock, &timer->cpu_clock);
    if (decoded == 0)
        cpu_clock_bind(&timer->cpu_clock);
    return decoded;
}

static int allocate_id(struct process *process)
{
    for (;;) {
        int id = process->next_posix_timer_id;
        process->next_posix_timer_id = id == 0x7FFFFFFF ? 0 : id + 1;
        if (!posix_timer_of(process, id))
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
    if (process->posix_timer_count >= POSIX_TIMERS_PER_PROCESS || posix_timer_total() >= POSIX_TIMERS_MAX)
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
    timer->entry = signal_queue_reserve(process);
    if (!timer->entry) {                  /* RLIMIT_SIGPENDING reached (Linux) */
        kfree(timer);
        return -EAGAIN;
    }
    timer->owner = process;
    timer->id = allocate_id(process);
    timer->clock = clock;
    timer->notify = event.notify;
    timer->signal = event.signo;
    timer->target_thread = event.notify == SIGEV_THREAD_ID ? thread_find(event.library[0]) : 0;
    timer->value = event.value;
    if (value_is_id)
        timer->value.sival_int = timer->id;
    if (copy_to_user(user_id, &timer->id, sizeof timer->id) < 0) {
        signal_queue_unreserve(process, timer->entry);
        kfree(timer);
        return -EFAULT;
    }
    if (pipe) {
        file_get(pipe);
        timer->pipe = pipe;
    }
    posix_timer_link(process, timer);
    return 0;
}

int sys_timer_settime(int id, int flags, const struct itimerspec *user_setting, struct itimerspec *user_old)
{
    struct posix_timer *timer = posix_timer_of(current_task->process, id);
    if (!timer)
        return -EINVAL;
    struct itimerspec setting;
    if (!user_setting)
        return -EINVAL;                   /* Linux: no new setting is EINVAL, not EFAULT */
    if (copy_from_user(&setting, user_setting, sizeof setting) < 0)
        return -EFAULT;
    uint64_t value, interval;
    if (posix_timer_setting_to_ns(&setting, &value, &interval) < 0)
        return -EINVAL;
    uint64_t unused;
    if (timer->clock != CLOCK_REALTIME && timer->clock != CLOCK_MONOTONIC && cpu_clock_read(&timer->cpu_clock, &unused) < 0)
        return -ESRCH;                    /* its process or thread has ended (Linux) */
    struct itimerspec old = posix_timer_setting(timer);
    timer->overruns = 0;
    timer->last_overruns = 0;
    posix_timer_set(timer, flags & TIMER_ABSTIME, value, interval);
    if (user_old && copy_to_user(user_old, &old, sizeof old) < 0)
        return -EFAULT;
    return 0;
}

int sys_timer_gettime(int id, struct itimerspec *user_setting)
{
    struct posix_timer *timer = posix_timer_of(current_task->process, id);
    if (!timer)
        return -EINVAL;
    struct itimerspec setting = posix_timer_setting(timer);
    return copy_to_user(user_setting, &setting, sizeof setting);
}

int sys_timer_getoverrun(int id)
{
    struct posix_timer *timer = posix_timer_of(current_task->process, id);
    if (!timer)
        return -EINVAL;
    return (int)timer->last_overruns;
}

int sys_timer_delete(int id)
{
    struct process *process = current_task->process;
    struct posix_timer *timer = posix_timer_of(process, id);
    if (!timer)
        return -EINVAL;
    posix_timer_delete(process, timer);
    return 0;
}

