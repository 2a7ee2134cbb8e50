/* kernel/sched/affinity.c - sched_setaffinity and sched_getaffinity: the
 * CPUs a thread may run on (sched_setaffinity(2)); getcpu, the one it
 * runs on.
 *
 * A mask is KERNEL_CPU_MASK_BYTES bytes, bit n for CPU n, room for 32
 * CPUs; the kernel runs tasks on cpu_count of them (per_cpu.h, at most
 * 8). What a thread is given is intersected with the CPUs there are (as
 * Linux does), and fork and thread_create pass it on (thread.c). The
 * scheduler runs the thread only where its mask lets it (smp_sched.c):
 * one that waits on another CPU's queue moves at once, one that runs
 * on another CPU leaves it at its way out of the kernel. As on Linux,
 * `pid` names a thread (its tid), 0 the caller; changing another user's
 * thread takes root (EPERM). */
#include "kernel/syscall.h"
#include "mm/uaccess.h"
#include "proc/users_for_core.h"
#include "proc/process.h"
#include "proc/thread.h"
#include "scheduler.h"
#include "arch/x86/smp_for_core.h"
#include "task.h"
#include "uapi/errno.h"
#include "uapi/sched.h"

/* The CPUs that run tasks, bit n for CPU n. */
static uint32_t cpus_online(void)
{
    return (1u << cpu_count) - 1;
}

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
    uint32_t online = cpus_online();
    if (!(mask & online))
        return -EINVAL;
    target->cpu_affinity = mask & online;
    if (target == current_task && !task_may_run_here(target))
        yield();                         /* off this CPU now, as Linux moves it at once */
    else if (big_kernel_lock_in_use)
        smp_affinity_changed(target);    /* off a queue or CPU it may no longer use */
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
    uint32_t mask = target->cpu_affinity & cpus_online();
    if (copy_to_user(user_mask, &mask, KERNEL_CPU_MASK_BYTES) < 0)
        return -EFAULT;
    return KERNEL_CPU_MASK_BYTES;
}

/* getcpu(2): the CPU the caller runs on (it may run on another by the
 * time it looks), and its NUMA node, always 0 here; either pointer may be
 * NULL. EFAULT. */
int sys_getcpu(uint32_t *user_cpu, uint32_t *user_node, void *unused)
{
    (void)unused;
    uint32_t cpu = this_cpu()->index, node = 0;
    if (user_cpu && copy_to_user(user_cpu, &cpu, sizeof cpu) < 0)
        return -EFAULT;
    if (user_node && copy_to_user(user_node, &node, sizeof node) < 0)
        return -EFAULT;
    return 0;
}
