/* kernel/sched/affinity.c - sched_setaffinity and sched_getaffinity: the
 * CPUs a thread may run on (sched_setaffinity(2)).
 *
 * A mask is KERNEL_CPU_MASK_BYTES bytes, bit n for CPU n, room for 32
 * CPUs; this kernel has one, CPU 0, so the only mask that takes effect is
 * {0}, but what a thread was given is kept (intersected with the CPUs
 * there are, as Linux's) and reported back, and fork and thread_create
 * pass it on (thread.c). As on Linux, `pid` names a thread (its tid), 0
 * the caller; changing another user's thread takes root (EPERM). */
#include "kernel/syscall.h"
#include "mm/uaccess.h"
#include "proc/credentials.h"
#include "proc/process.h"
#include "proc/thread.h"
#include "task.h"
#include "uapi/errno.h"
#include "uapi/sched.h"

/* The thread `pid` names (0: the caller), or NULL. */
static struct task *target_of(int pid)
{
    if (pid == 0)
        return current_task;
    struct thread *thread = pid > 0 ? thread_find(pid) : 0;
    return thread ? &thread->task : 0;
}

/* As Linux: a shorter mask is taken as if its missing bytes were 0, a
 * longer one is cut to the kernel's size. EFAULT (the mask), ESRCH (no
 * such thread), EPERM (another user's thread, not root), EINVAL (no CPU
 * there is in the mask). */
int sys_sched_setaffinity(int pid, uint32_t size, const void *user_mask)
{
    uint32_t mask = 0;
    if (size > KERNEL_CPU_MASK_BYTES)
        size = KERNEL_CPU_MASK_BYTES;
    if (copy_from_user(&mask, user_mask, size) < 0)
        return -EFAULT;
    struct task *target = target_of(pid);
    if (!target)
        return -ESRCH;
    if (!credentials_may_renice(current_task->process, target->process))
        return -EPERM;
    if (!(mask & KERNEL_CPUS_ONLINE))
        return -EINVAL;
    target->cpu_affinity = mask & KERNEL_CPUS_ONLINE;
    return 0;
}

/* Writes the mask and returns its size in bytes (the libc clears the rest
 * of the caller's set). EINVAL for a size smaller than the kernel's mask
 * or not a whole number of longs (Linux's rules, with 32 CPUs), ESRCH,
 * EFAULT. Anyone may ask about any thread. */
int sys_sched_getaffinity(int pid, uint32_t size, void *user_mask)
{
    if (size < KERNEL_CPU_MASK_BYTES || (size & (sizeof(long) - 1)))
        return -EINVAL;
    struct task *target = target_of(pid);
    if (!target)
        return -ESRCH;
    uint32_t mask = target->cpu_affinity;
    if (copy_to_user(user_mask, &mask, KERNEL_CPU_MASK_BYTES) < 0)
        return -EFAULT;
    return KERNEL_CPU_MASK_BYTES;
}
