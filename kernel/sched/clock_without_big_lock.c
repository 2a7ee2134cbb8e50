/* kernel/sched/clock_without_big_lock.c - clock_gettime(2) on several
 * CPUs without the big kernel lock, for the two clocks the timer counts:
 * CLOCK_MONOTONIC and CLOCK_REALTIME, read under the clocks' sequence
 * count (clock_read_lock_free, clock.c). Programs read the time often (a
 * timing loop, a deadline), and under the big lock two CPUs that do took
 * turns at it (docs/smp.md, "The clock without the big lock").
 *
 *   usual here                           the big lock's way
 *   -----------------------------------  -----------------------------------
 *   CLOCK_MONOTONIC, CLOCK_REALTIME      a CPU-time clock, an unknown one
 *   the time copied out                  a fault in the copy (then copied
 *                                          again, with the fault handled)
 *   no work pending, the trace off (a process of any number of threads:
 *     the copy is to its own memory, call_of_any_thread_may_go_without_
 *     big_lock)
 *
 * The answer is the same either way: the time of the last tick and the
 * time-stamp counter's since (a reader that overlaps a tick reads again). */
#include "clock.h"

#include "fs/file_without_big_lock.h"
#include "kernel/syscall.h"
#include "uapi/errno.h"
#include "uapi/syscall.h"

/* clock_gettime's row. Context: the call began without the big lock,
 * interrupts off. */
static int clock_gettime_row(int clock, struct timespec *user_time)
{
    uint64_t now;
    if (call_of_any_thread_may_go_without_big_lock() && clock_read_lock_free(clock, &now)) {
        int status = clock_time_to_user(now, user_time);
        if (status != -EFAULT && syscall_done_without_big_lock(1))
            return status;
    }
    syscall_done_without_big_lock(0);
    return sys_clock_gettime(clock, user_time);
}

void clock_calls_without_big_lock_start(void)
{
    syscall_replace_without_big_lock(SYS_clock_gettime, clock_gettime_row);
}
