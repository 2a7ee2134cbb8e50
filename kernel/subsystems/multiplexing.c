/* kernel/subsystems/multiplexing.c - waiting for many descriptors at once: poll, select and
 * epoll, and being told by a signal instead: signal-driven I/O (docs/multiplexing.md).
 *
 * In the profiles: ipc, full (Makefile, PROFILE).
 *
 * Its files (the Makefile reads this list; subsystem.h says what a
 * subsystem is):
 *   kernel/fs/poll.c
 *   kernel/fs/poll_table.c
 *   kernel/fs/select.c
 *   kernel/fs/epoll.c
 *   kernel/fs/epoll_syscalls.c
 *   kernel/fs/signal_driven_io.c
 */
#include "subsystem.h"

#include "multiplexing_calls.h"

static const struct syscall_row calls[] = {
    SYSCALL_ROW(poll),
    SYSCALL_ROW(select),
    SYSCALL_ROW(epoll_create),
    SYSCALL_ROW(epoll_create1),
    SYSCALL_ROW(epoll_ctl),
    SYSCALL_ROW(epoll_wait),
    SYSCALL_ROW(epoll_pwait),
};

/* Puts the calls in the table, then starts what the subsystem needs.
 * Context: boot (kernel/main.c, through subsystems_start). */
void multiplexing_start(void)
{
    syscall_install(calls, ROW_COUNT(calls));
}
