/* kernel/subsystems/timers.c - POSIX timers and interval timers
 * (docs/timers.md).
 *
 * In the profiles: ipc, full (Makefile, PROFILE).
 *
 * Its files (the Makefile reads this list; subsystem.h says what a
 * subsystem is):
 *   kernel/ipc/posix_timer.c
 *   kernel/ipc/posix_timer_syscalls.c
 *   kernel/sched/itimer.c
 */
#include "subsystem.h"

#include "timers_calls.h"

static const struct syscall_row calls[] = {
    SYSCALL_ROW(timer_create),
    SYSCALL_ROW(timer_settime),
    SYSCALL_ROW(timer_gettime),
    SYSCALL_ROW(timer_getoverrun),
    SYSCALL_ROW(timer_delete),
    SYSCALL_ROW(setitimer),
    SYSCALL_ROW(getitimer),
};

/* Puts the calls in the table, then starts what the subsystem needs.
 * Context: boot (kernel/main.c, through subsystems_start). */
void timers_start(void)
{
    syscall_install(calls, ROW_COUNT(calls));
}
