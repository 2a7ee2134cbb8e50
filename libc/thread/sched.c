/* libc/thread/sched.c - the scheduling side of pthreads: a thread's class
 * and priority (the kernel's, per thread: kernel/sched/class_syscalls.c),
 * the attributes that set them at pthread_create, and the mutex
 * protocols.
 *
 * Errors follow glibc: the attribute setters check the value (EINVAL),
 * PTHREAD_SCOPE_PROCESS is ENOTSUP, a priority that does not fit the
 * attributes' policy is EINVAL, and pthread_create with
 * PTHREAD_EXPLICIT_SCHED fails with EPERM when the caller may not give
 * the thread that class.
 *
 * The mutex protocols: PTHREAD_PRIO_INHERIT and PTHREAD_PRIO_PROTECT are
 * accepted and kept with their ceiling, but locking changes no priority
 * (the mutexes wait on the kernel's futex, which knows no owner): a
 * low-priority holder is not boosted. pthread_mutexattr_setprotocol(3)
 * says so. */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include "sched_internal.h"
#include "thread_internal.h"

static int policy_is_known(int policy)
{
    return policy == SCHED_OTHER || policy == SCHED_FIFO || policy == SCHED_RR;
}

static int priority_fits(int policy, int priority)
{
    return priority >= sched_get_priority_min(policy) && priority <= sched_get_priority_max(policy);
}

void __thread_attr_sched_defaults(pthread_attr_t *attributes)
{
    attributes->inherit_sched = PTHREAD_INHERIT_SCHED;
    attributes->sched_policy = SCHED_OTHER;
    attributes->sched_param.sched_priority = 0;
}

int pthread_attr_setschedpolicy(pthread_attr_t *attributes, int policy)
{
    if (!policy_is_known(policy))
        return EINVAL;
    attributes->sched_policy = policy;
    return 0;
}

int pthread_attr_getschedpolicy(const pthread_attr_t *attributes, int *policy)
{
    *policy = attributes->sched_policy;
    return 0;
}

/* The priority must fit the attributes' policy as set now. */
int pthread_attr_setschedparam(pthread_attr_t *attributes, const struct sched_param *param)
{
    if (!priority_fits(attributes->sched_policy, param->sched_priority))
        return EINVAL;
    attributes->sched_param = *param;
    return 0;
}

int pthread_attr_getschedparam(const pthread_attr_t *attributes, struct sched_param *param)
{
    *param = attributes->sched_param;
    return 0;
}

int pthread_attr_setinheritsched(pthread_attr_t *attributes, int inherit)
{
    if (inherit != PTHREAD_INHERIT_SCHED && inherit != PTHREAD_EXPLICIT_SCHED)
        return EINVAL;
    attributes->inherit_sched = inherit;
    return 0;
}

int pthread_attr_getinheritsched(const pthread_attr_t *attributes, int *inherit)
{
    *inherit = attributes->inherit_sched;
    return 0;
}

/* Every thread is the kernel's and competes with all others. */
int pthread_attr_setscope(pthread_attr_t *attributes, int scope)
{
    (void)attributes;
    if (scope == PTHREAD_SCOPE_SYSTEM)
        return 0;
    return scope == PTHREAD_SCOPE_PROCESS ? ENOTSUP : EINVAL;
}

int pthread_attr_getscope(const pthread_attr_t *attributes, int *scope)
{
    (void)attributes;
    *scope = PTHREAD_SCOPE_SYSTEM;
    return 0;
}

/* The kernel's rule for a thread of the caller's own user (the new thread
 * starts with its creator's class): root may do anything; anyone else
 * enters a real-time class only with a nonzero RLIMIT_RTPRIO, and takes a
 * real-time priority above its creator's only up to that limit. */
int __thread_sched_may_create(const pthread_attr_t *attributes)
{
    int policy = attributes->sched_policy, priority = attributes->sched_param.sched_priority;
    if (attributes->inherit_sched != PTHREAD_EXPLICIT_SCHED || geteuid() == 0)
        return 0;
    if (policy != SCHED_FIFO && policy != SCHED_RR)
        return 0;
    struct rlimit limit;
    struct sched_param own;
    if (getrlimit(RLIMIT_RTPRIO, &limit) < 0 || sched_getparam(0, &own) < 0)
        return EPERM;
    if (policy != sched_getscheduler(0) && limit.rlim_cur == 0)
        return EPERM;
    if (priority > own.sched_priority && (rlim_t)priority > limit.rlim_cur)
        return EPERM;
    return 0;
}

void __thread_sched_apply(int tid, const pthread_attr_t *attributes)
{
    if (attributes->inherit_sched == PTHREAD_EXPLICIT_SCHED)
        sched_setscheduler(tid, attributes->sched_policy, &attributes->sched_param);
}

/* pthread_* return the error instead of setting errno. */
static int error_of(int result)
{
    return result < 0 ? errno : 0;
}

int pthread_setschedparam(pthread_t thread, int policy, const struct sched_param *param)
{
    int saved = errno;
    int error = error_of(sched_setscheduler(thread_tid(thread), policy, param));
    errno = saved;
    return error;
}

int pthread_getschedparam(pthread_t thread, int *policy, struct sched_param *param)
{
    int saved = errno, tid = thread_tid(thread);
    int class = sched_getscheduler(tid);
    int error = class < 0 ? errno : error_of(sched_getparam(tid, param));
    errno = saved;
    if (!error)
        *policy = class & ~SCHED_RESET_ON_FORK;
    return error;
}

int pthread_setschedprio(pthread_t thread, int priority)
{
    int saved = errno;
    struct sched_param param = { .sched_priority = priority };
    int error = error_of(sched_setparam(thread_tid(thread), &param));
    errno = saved;
    return error;
}

void __thread_mutexattr_sched_defaults(pthread_mutexattr_t *attributes)
{
    attributes->protocol = PTHREAD_PRIO_NONE;
    attributes->prioceiling = SCHED_RT_PRIORITY_MIN;   /* glibc's default ceiling */
}

void __thread_mutex_sched_init(pthread_mutex_t *mutex, const pthread_mutexattr_t *attributes)
{
    mutex->protocol = attributes ? attributes->protocol : PTHREAD_PRIO_NONE;
    mutex->prioceiling = attributes ? attributes->prioceiling : SCHED_RT_PRIORITY_MIN;
}

int pthread_mutexattr_setprotocol(pthread_mutexattr_t *attributes, int protocol)
{
    if (protocol != PTHREAD_PRIO_NONE && protocol != PTHREAD_PRIO_INHERIT && protocol != PTHREAD_PRIO_PROTECT)
        return EINVAL;
    attributes->protocol = protocol;
    return 0;
}

int pthread_mutexattr_getprotocol(const pthread_mutexattr_t *attributes, int *protocol)
{
    *protocol = attributes->protocol;
    return 0;
}

static int ceiling_fits(int ceiling)
{
    return ceiling >= SCHED_RT_PRIORITY_MIN && ceiling <= SCHED_RT_PRIORITY_MAX;
}

int pthread_mutexattr_setprioceiling(pthread_mutexattr_t *attributes, int ceiling)
{
    if (!ceiling_fits(ceiling))
        return EINVAL;
    attributes->prioceiling = ceiling;
    return 0;
}

int pthread_mutexattr_getprioceiling(const pthread_mutexattr_t *attributes, int *ceiling)
{
    *ceiling = attributes->prioceiling;
    return 0;
}

/* Only a PTHREAD_PRIO_PROTECT mutex has a ceiling (EINVAL otherwise, as
 * glibc). Setting it locks the mutex, as POSIX says, and gives the old. */
int pthread_mutex_setprioceiling(pthread_mutex_t *mutex, int ceiling, int *old_ceiling)
{
    if (mutex->protocol != PTHREAD_PRIO_PROTECT || !ceiling_fits(ceiling))
        return EINVAL;
    int error = pthread_mutex_lock(mutex);
    if (error)
        return error;
    if (old_ceiling)
        *old_ceiling = mutex->prioceiling;
    mutex->prioceiling = ceiling;
    return pthread_mutex_unlock(mutex);
}

int pthread_mutex_getprioceiling(const pthread_mutex_t *mutex, int *ceiling)
{
    if (mutex->protocol != PTHREAD_PRIO_PROTECT)
        return EINVAL;
    *ceiling = mutex->prioceiling;
    return 0;
}
