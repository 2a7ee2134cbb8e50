/* kernel/subsystems/lock_check.c - the lock checker: every spinlock take
 * and give, and every task switch, watched for the mistakes that deadlock
 * a kernel on several CPUs (kernel/sched/lock_check.h, docs/locks.md).
 * Without it spinlock.c, switch.h and the run-queue locks call nothing:
 * a core reader meets the spinlock alone.
 *
 * In the profiles: full (Makefile, PROFILE), beside smp, whose locks it
 * is there for. Built in only where the kernel is compiled with
 * LOCK_CHECK: build/kernel-tests.elf always, build/kernel.elf with
 * `make LOCK_CHECK=1`.
 *
 * Its files (the Makefile reads this list; subsystem.h says what a
 * subsystem is):
 *   kernel/sched/lock_check.c
 *   kernel/ktest/lock_tests.c
 */
#include "subsystem.h"

/* No system calls, and nothing to start: the checker's state starts
 * empty, and spinlock_take is its first caller. Context: boot. */
void lock_check_start(void)
{
}
