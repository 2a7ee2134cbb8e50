/* kernel/subsystems/users.c - users and permissions: the rules that
 * decide who may read, write, run, change or signal what, the calls that
 * change whom a process runs as, and a file's mode and owner
 * (docs/users.md). Without it every process is root
 * (kernel/proc/users_for_core.h).
 *
 * In the profiles: ipc, full (Makefile, PROFILE).
 *
 * Its files (the Makefile reads this list; subsystem.h says what a
 * subsystem is):
 *   kernel/proc/credentials.c
 *   kernel/proc/identity_syscalls.c
 *   kernel/fs/owner_syscalls.c
 */
#include "subsystem.h"

#include "users_calls.h"

static const struct syscall_row calls[] = {
    SYSCALL_ROW(setuid),
    SYSCALL_ROW(setgid),
    SYSCALL_ROW(setreuid),
    SYSCALL_ROW(setregid),
    SYSCALL_ROW(setresuid),
    SYSCALL_ROW(setresgid),
    SYSCALL_ROW(setgroups),
    SYSCALL_ROW(umask),
    SYSCALL_ROW(chmod),
    SYSCALL_ROW(fchmod),
    SYSCALL_ROW(chown),
    SYSCALL_ROW(fchown),
    SYSCALL_ROW(fchmodat),
    SYSCALL_ROW(fchownat),
};

/* Puts the calls in the table; the rules need nothing started.
 * Context: boot (kernel/main.c, through subsystems_start). */
void users_start(void)
{
    syscall_install(calls, ROW_COUNT(calls));
}
