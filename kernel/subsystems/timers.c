/* kernel/subsystems/timers.c - POSIX timers, timerfds, interval timers,
 * clock_nanosleep and clock_getres, and the clock page that programs read
 * the clocks from without a system call (docs/timers.md). Without it a
 * program sleeps with nanosleep, the core's (kernel/sched/time_syscalls.c),
 * and reads the clocks with the system call clock_gettime.
 *
 * In the profiles: ipc, full (Makefile, PROFILE).
 *
 * Its files (the Makefile reads this list; subsystem.h says what a
 * subsystem is):
 *   kernel/ipc/posix_timer.c
 *   kernel/ipc/posix_timer_syscalls.c
 *   kernel/ipc/timerfd.c
 *   kernel/sched/itimer.c
 *   kernel/sched/clock_nanosleep.c
 *   kernel/sched/clock_page.c
 */
#include "subsystem.h"

#include "timers_calls.h"

static const struct syscall_row calls[] = {
    SYSCALL_ROW(timer_create),
    SYSCALL_ROW(timer_settime),
    SYSCALL_ROW(timer_gettime),
    SYSCALL_ROW(timer_getoverrun),
    SYSCALL_ROW(timer_delete),
    SYSCALL_ROW(timerfd_create),
    SYSCALL_ROW(timerfd_settime),
    SYSCALL_ROW(timerfd_gettime),
    SYSCALL_ROW(setitimer),
    SYSCALL_ROW(getitimer),
    SYSCALL_ROW(clock_getres),
    SYSCALL_ROW(clock_nanosleep),
};

/* Puts the calls in the table, then starts what the subsystem needs.
 * Context: boot (kernel/main.c, through subsystems_start). */
void timers_start(void)
{
    syscall_install(calls, ROW_COUNT(calls));
    clock_page_start();
}
