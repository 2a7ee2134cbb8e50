/* kernel/sched/class_syscalls.c - sched_setscheduler, sched_getscheduler,
 * sched_setparam, sched_getparam, sched_get_priority_max/min and
 * sched_rr_get_interval: the scheduling class of one thread (realtime.h).
 *
 * As on Linux, `pid` names a thread (its tid; a process's pid is its first
 * thread's), 0 the caller; a class is per thread, kept by exec and
 * inherited by fork and thread_create (rt_start_task).
 *
 * Privilege (sched_setscheduler(2), Linux's rules): root may do anything.
 * Anyone else may change only threads of its own user (euid = the
 * target's uid or euid, else EPERM); may enter a real-time class only if
 * its RLIMIT_RTPRIO is not 0, and raise a real-time priority only up to
 * that limit (the default limit, 0, allows none: EPERM); may leave
 * SCHED_IDLE only as far as RLIMIT_NICE allows its nice value; may not
 * clear SCHED_RESET_ON_FORK. */
#include "kernel/syscall.h"
#include "subsystems/sched_classes_calls.h"
#include "mm/uaccess.h"
#include "proc/users_for_core.h"
#include "proc/limits.h"
#include "proc/process.h"
#include "proc/thread.h"
#include "ready.h"
#include "run_queue_lock.h"
#include "realtime.h"
#include "scheduler.h"
#include "uapi/errno.h"
#include "uapi/resource.h"
#include "uapi/sched.h"
#include "uapi/time.h"

#define KEEP_POLICY (-1)          /* sched_setparam: the policy stays */

static int is_real_time(int policy)
{
    return policy == SCHED_FIFO || policy == SCHED_RR;
}

/* The thread `pid` names (0: the caller), or NULL. */
static struct task *target_of(int pid)
{
    if (pid == 0)
        return current_task;
    struct thread *thread = thread_find(pid);
    return thread ? &thread->task : 0;
}

/* Is `priority` valid for `policy` (1..99 real time, else 0)? */
static int priority_fits(int policy, int priority)
{
    if (is_real_time(policy))
        return priority >= SCHED_RT_PRIORITY_MIN && priority <= SCHED_RT_PRIORITY_MAX;
    return priority == 0;
}

/* May the caller give `target` `policy` at `priority` (reset: with
 * SCHED_RESET_ON_FORK)? 0 or -EPERM (the rules above). */
static int may_set_class(const struct task *target, int policy, int priority, int reset)
{
    const struct process *self = current_task->process;
    const struct process *owner = target->process;
    if (credentials_is_root(self))
        return 0;
    if (is_real_time(policy)) {
        uint32_t limit = limits_soft(owner, RLIMIT_RTPRIO);
        if (policy != target->policy && limit == 0)
            return -EPERM;
        if (priority > target->rt_priority && (uint32_t)priority > limit)
            return -EPERM;
    }
    if (target->policy == SCHED_IDLE && policy != SCHED_IDLE &&
        (uint32_t)(20 - target->nice) > limits_soft(owner, RLIMIT_NICE))
        return -EPERM;
    if (!credentials_may_renice(self, owner))
        return -EPERM;
    if (target->reset_on_fork && !reset)
        return -EPERM;
    return 0;
}

/* Gives `task` its new class. A ready task moves to its new place; the
 * running one gives up the CPU if a ready task now outranks it (a
 * lowered priority). A real-time task whose priority changes goes to the
 * back of its new priority, or to the front when it was lowered (Linux's
 * rule, sched(7)). Context: kernel lock held. */
static void change_class(struct task *task, int policy, int priority, int reset)
{
    int lowered = priority < task->rt_priority;
    int ready = task->state == TASK_READY && task != current_task;
    if (ready)
        ready_remove(task);
    rt_set_class(task, policy, priority);
    task->reset_on_fork = (uint8_t)reset;
    if (ready) {
        if (lowered)
            ready_push_front(task);
        else
            ready_append(task, READY_TURN);
        if (ready_outranks(task, current_task))
            task_work_set(current_task, TASK_WORK_RESCHEDULE);
    } else if (task == current_task) {
        struct task *next = ready_peek_first();
        if (next && ready_outranks(next, task))
            task_work_set(task, TASK_WORK_RESCHEDULE);
    }
}

/* sched_setscheduler (policy given) and sched_setparam (KEEP_POLICY). */
static int set_class(int pid, int policy, const struct sched_param *user_param)
{
    if (!user_param || pid < 0)
        return -EINVAL;
    struct sched_param param;
    if (copy_from_user(&param, user_param, sizeof param) < 0)
        return -EFAULT;
    struct task *task = target_of(pid);
    if (!task)
        return -ESRCH;
    int reset = task->reset_on_fork;
    if (policy == KEEP_POLICY) {
        policy = task->policy;
    } else {
        reset = (policy & SCHED_RESET_ON_FORK) != 0;
        policy &= ~SCHED_RESET_ON_FORK;
        if (policy != SCHED_OTHER && policy != SCHED_BATCH && policy != SCHED_IDLE && !is_real_time(policy))
            return -EINVAL;
    }
    if (!priority_fits(policy, param.sched_priority))
        return -EINVAL;
    int refused = may_set_class(task, policy, param.sched_priority, reset);
    if (refused < 0)
        return refused;
    run_queue_lock_all();                /* several CPUs: every queue and the real-time list still */
    change_class(task, policy, param.sched_priority, reset);
    run_queue_unlock_all();
    return 0;
}

int sys_sched_setscheduler(int pid, int policy, const struct sched_param *param)
{
    if (policy < 0)
        return -EINVAL;
    return set_class(pid, policy, param);
}

int sys_sched_setparam(int pid, const struct sched_param *param)
{
    return set_class(pid, KEEP_POLICY, param);
}

int sys_sched_getscheduler(int pid)
{
    if (pid < 0)
        return -EINVAL;
    struct task *task = target_of(pid);
    if (!task)
        return -ESRCH;
    return task->policy | (task->reset_on_fork ? SCHED_RESET_ON_FORK : 0);
}

int sys_sched_getparam(int pid, struct sched_param *user_param)
{
    if (!user_param || pid < 0)
        return -EINVAL;
    struct task *task = target_of(pid);
    if (!task)
        return -ESRCH;
    struct sched_param param = { .sched_priority = task->rt_priority };
    if (copy_to_user(user_param, &param, sizeof param) < 0)
        return -EFAULT;
    return 0;
}

int sys_sched_get_priority_max(int policy)
{
    if (is_real_time(policy))
        return SCHED_RT_PRIORITY_MAX;
    if (policy == SCHED_OTHER || policy == SCHED_BATCH || policy == SCHED_IDLE)
        return 0;
    return -EINVAL;
}

int sys_sched_get_priority_min(int policy)
{
    if (is_real_time(policy))
        return SCHED_RT_PRIORITY_MIN;
    if (policy == SCHED_OTHER || policy == SCHED_BATCH || policy == SCHED_IDLE)
        return 0;
    return -EINVAL;
}

/* The thread's round-robin interval: SCHED_RR's slice, 0 for SCHED_FIFO
 * (no slice), a SCHED_OTHER task's slice at its nice value (mlfq.h). */
int sys_sched_rr_get_interval(int pid, struct timespec *user_interval)
{
    if (pid < 0)
        return -EINVAL;
    struct task *task = target_of(pid);
    if (!task)
        return -ESRCH;
    uint64_t ns = task->policy == SCHED_FIFO ? 0 :
                  task->policy == SCHED_RR ? RT_RR_SLICE_NS : (uint64_t)mlfq_slice_ns(task->nice);
    struct timespec interval = { .tv_sec = (long)(ns / 1000000000u), .tv_nsec = (long)(ns % 1000000000u) };
    if (copy_to_user(user_interval, &interval, sizeof interval) < 0)
        return -EFAULT;
    return 0;
}
