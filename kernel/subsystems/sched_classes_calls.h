/* kernel/subsystems/sched_classes_calls.h - the system-call handlers of the scheduling classes
 * (kernel/subsystems/sched_classes.c puts them in the table), with their real types.
 * Context: as every handler's (kernel/syscall.h). */
#ifndef KERNEL_SUBSYSTEMS_SCHED_CLASSES_CALLS_H
#define KERNEL_SUBSYSTEMS_SCHED_CLASSES_CALLS_H

struct sched_param;
struct timespec;

int sys_sched_setscheduler(int tid, int policy, const struct sched_param *param);
int sys_sched_getscheduler(int tid);
int sys_sched_setparam(int tid, const struct sched_param *param);
int sys_sched_getparam(int tid, struct sched_param *param);
int sys_sched_get_priority_max(int policy);
int sys_sched_get_priority_min(int policy);
int sys_sched_rr_get_interval(int tid, struct timespec *interval);

#endif
