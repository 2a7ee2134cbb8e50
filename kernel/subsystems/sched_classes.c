/* kernel/subsystems/sched_classes.c - the scheduling classes: SCHED_FIFO
 * and SCHED_RR, real time above the feedback queue, and the calls that
 * give a thread its class, SCHED_BATCH and SCHED_IDLE included
 * (kernel/sched/realtime.h, docs/scheduler.md). Without it every task is
 * SCHED_OTHER and the feedback queue alone decides
 * (kernel/sched/realtime_for_core.h).
 *
 * In the profiles: full (Makefile, PROFILE).
 *
 * Its files (the Makefile reads this list; subsystem.h says what a
 * subsystem is):
 *   kernel/sched/realtime.c
 *   kernel/sched/class_syscalls.c
 */
#include "subsystem.h"

#include "sched_classes_calls.h"

static const struct syscall_row calls[] = {
    SYSCALL_ROW(sched_setscheduler),
    SYSCALL_ROW(sched_getscheduler),
    SYSCALL_ROW(sched_setparam),
    SYSCALL_ROW(sched_getparam),
    SYSCALL_ROW(sched_get_priority_max),
    SYSCALL_ROW(sched_get_priority_min),
    SYSCALL_ROW(sched_rr_get_interval),
};

/* Puts the calls in the table; the classes' list starts empty.
 * Context: boot (kernel/main.c, through subsystems_start). */
void sched_classes_start(void)
{
    syscall_install(calls, ROW_COUNT(calls));
}
