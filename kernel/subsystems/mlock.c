/* kernel/subsystems/mlock.c - memory locking: mlock, munlock, mlockall and
 * munlockall, and what mmap and brk ask of them; and mincore, which pages
 * are in memory (docs/mmap.md).
 *
 * In the profiles: full (Makefile, PROFILE).
 *
 * Its files (the Makefile reads this list; subsystem.h says what a
 * subsystem is):
 *   kernel/mm/lock.c
 *   kernel/mm/mincore.c
 */
#include "subsystem.h"

#include "mlock_calls.h"

static const struct syscall_row calls[] = {
    SYSCALL_ROW(mlock),
    SYSCALL_ROW(munlock),
    SYSCALL_ROW(mlockall),
    SYSCALL_ROW(munlockall),
    SYSCALL_ROW(mincore),
};

/* Puts the calls in the table, then starts what the subsystem needs.
 * Context: boot (kernel/main.c, through subsystems_start). */
void mlock_start(void)
{
    syscall_install(calls, ROW_COUNT(calls));
}
