/* kernel/sched/time_syscalls.c - nanosleep, clock_gettime, clock_settime,
 * sched_yield. */
#include "clock.h"
#include "cpu_time.h"
#include "ipc/signal.h"
#include "ipc/timers_for_core.h"
#include "proc/users_for_core.h"
#include "proc/process.h"
#include "proc/thread.h"
#include "task.h"
#include "mm/uaccess.h"
#include "scheduler.h"
#include "sleep.h"
#include "uapi/errno.h"
#include "uapi/time.h"
#include "wait_queue.h"

#define NS_PER_SECOND 1000000000ll

/* A system call holds the kernel lock from its entry (kernel_lock.h), so
 * it calls schedule() itself: yield() is for kernel tasks, which run with
 * interrupts on and must take the lock first. */
int sys_sched_yield(void)
{
    schedule();                        /* rule 2: to the back of its level */
    return 0;
}

/* `ns` as a struct timespec; -EOVERFLOW past 2038-01-19 03:14:07 UTC,
 * where a 32-bit tv_sec ends. */
static int timespec_of_ns(uint64_t ns, struct timespec *time)
{
    uint64_t seconds = ns / NS_PER_SECOND;
    if (seconds > 0x7FFFFFFF)
        return -EOVERFLOW;
    time->tv_sec = (long)seconds;
    time->tv_nsec = (long)(ns - seconds * NS_PER_SECOND);
    return 0;
}

int clock_time_to_user(uint64_t ns, struct timespec *user_time)
{
    struct timespec time;
    int status = timespec_of_ns(ns, &time);
    if (status < 0)
        return status;
    return copy_to_user(user_time, &time, sizeof time);
}

/* Every clock of clock_read_ns (cpu_time.h): CLOCK_REALTIME,
 * CLOCK_MONOTONIC and the CPU-time clocks. (On several CPUs the first two
 * are read without the big kernel lock: clock_without_big_lock.c.) */
int sys_clock_gettime(int clock, struct timespec *user_time)
{
    uint64_t now;
    int read = clock_read_ns(clock, &now);
    if (read < 0)
        return read;
    return clock_time_to_user(now, user_time);
}

/* Only CLOCK_REALTIME can be set, and only by root (EPERM, as Linux
 * without CAP_SYS_TIME). CLOCK_MONOTONIC is EINVAL, as POSIX and Linux
 * have it. */
int sys_clock_settime(int clock, const struct timespec *user_time)
{
    if (clock != CLOCK_REALTIME)
        return -EINVAL;
    struct timespec time;
    if (copy_from_user(&time, user_time, sizeof time) < 0)
        return -EFAULT;
    if (time.tv_sec < 0 || time.tv_nsec < 0 || time.tv_nsec >= NS_PER_SECOND)
        return -EINVAL;               /* before the Epoch, or not a nanosecond count */
    if (!credentials_is_root(current_task->process))
        return -EPERM;
    clock_set_realtime_ns((int64_t)time.tv_sec * NS_PER_SECOND + time.tv_nsec);
    clock_nanosleep_clock_was_set();   /* absolute sleeps on CLOCK_REALTIME look again */
    timerfd_clock_was_set();           /* TFD_TIMER_CANCEL_ON_SET: their reads say ECANCELED */
    return 0;
}

/* A handler ended an interrupted nanosleep: a new sleep starts afresh. */
static void forget_sleep_deadline(struct thread *thread)
{
    thread->sleep_resume_deadline_ns = 0;
}

int sleep_relative_ns(uint64_t request, struct timespec *user_remaining, const char *reason)
{
    static struct wait_queue sleepers = WAIT_QUEUE_INITIALIZER;   /* nobody wakes these */
    struct thread *thread = current_thread();
    uint64_t deadline = thread->sleep_resume_deadline_ns;
    if (!deadline)
        deadline = clock_now_ns() + request;
    thread->sleep_resume_deadline_ns = 0;
    if (deadline <= clock_now_ns())
        return 0;
    int result = wait_queue_sleep(&sleepers, reason, deadline, WAIT_INTERRUPTIBLE);
    if (result != WAKE_INTERRUPTED)
        return 0;
    if (user_remaining) {
        uint64_t now = clock_now_ns();
        uint64_t left = deadline > now ? deadline - now : 0;
        struct timespec remaining = { (long)(left / NS_PER_SECOND), (long)(left % NS_PER_SECOND) };
        if (copy_to_user(user_remaining, &remaining, sizeof remaining) < 0)
            return -EFAULT;
    }
    thread->sleep_resume_deadline_ns = deadline;
    thread->abandon_interrupted_call = forget_sleep_deadline;
    return -ERESTARTNOHAND;
}

int sys_nanosleep(const struct timespec *user_request, struct timespec *user_remaining)
{
    struct timespec request;
    if (copy_from_user(&request, user_request, sizeof request) < 0)
        return -EFAULT;
    if (request.tv_sec < 0 || request.tv_nsec < 0 || request.tv_nsec >= NS_PER_SECOND)
        return -EINVAL;
    return sleep_relative_ns((uint64_t)request.tv_sec * NS_PER_SECOND + (uint64_t)request.tv_nsec,
                             user_remaining, "nanosleep");
}
