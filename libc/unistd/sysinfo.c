/* libc/unistd/sysinfo.c - sysinfo, get_nprocs, get_nprocs_conf. Linux's
 * sysinfo is a system call; here the figures come from the kernel's
 * counters (kinfo KINFO_COUNTERS) and CLOCK_MONOTONIC, which starts at
 * boot, so no new system call is needed. */
#include <errno.h>
#include <kernel.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <time.h>
#include <uapi/kinfo.h>
#include <uapi/limits.h>

int sysinfo(struct sysinfo *info)
{
    if (!info) {
        errno = EFAULT;
        return -1;
    }
    struct kinfo_counters counters;
    struct timespec now;
    if (kinfo(KINFO_COUNTERS, &counters, sizeof counters) < 0 || clock_gettime(CLOCK_MONOTONIC, &now) < 0)
        return -1;
    memset(info, 0, sizeof *info);
    info->uptime = now.tv_sec;
    info->totalram = (unsigned long)counters.total_frames * KERNEL_PAGE_SIZE;
    info->freeram = (unsigned long)counters.free_frames * KERNEL_PAGE_SIZE;
    info->procs = (unsigned short)counters.processes;
    info->mem_unit = 1;
    return 0;
}

/* The CPUs the kernel runs tasks on (its counters); all are online. */
int get_nprocs(void)
{
    struct kinfo_counters counters;
    if (kinfo(KINFO_COUNTERS, &counters, sizeof counters) < 0)
        return 1;
    return (int)counters.cpus;
}

int get_nprocs_conf(void)
{
    return get_nprocs();
}
