/* libc/unistd/sched_class.c - the scheduling classes: thin wrappers of
 * the kernel's calls (kernel/sched/class_syscalls.c), which take a thread
 * id, 0 for the caller. */
#include <sched.h>

#include "../syscall.h"

int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param)
{
    return syscall_result(syscall3(SYS_sched_setscheduler, pid, policy, (long)param));
}

int sched_getscheduler(pid_t pid)
{
    return syscall_result(syscall1(SYS_sched_getscheduler, pid));
}

int sched_setparam(pid_t pid, const struct sched_param *param)
{
    return syscall_result(syscall2(SYS_sched_setparam, pid, (long)param));
}

int sched_getparam(pid_t pid, struct sched_param *param)
{
    return syscall_result(syscall2(SYS_sched_getparam, pid, (long)param));
}

int sched_get_priority_max(int policy)
{
    return syscall_result(syscall1(SYS_sched_get_priority_max, policy));
}

int sched_get_priority_min(int policy)
{
    return syscall_result(syscall1(SYS_sched_get_priority_min, policy));
}

int sched_rr_get_interval(pid_t pid, struct timespec *interval)
{
    return syscall_result(syscall2(SYS_sched_rr_get_interval, pid, (long)interval));
}
