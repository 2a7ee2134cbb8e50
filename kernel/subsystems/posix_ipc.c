/* kernel/subsystems/posix_ipc.c - POSIX message queues, named by paths (docs/posix-ipc.md).
 *
 * In the profiles: ipc, full (Makefile, PROFILE).
 *
 * Its files (the Makefile reads this list; subsystem.h says what a
 * subsystem is):
 *   kernel/ipc/posix_mq.c
 *   kernel/ipc/posix_mq_notify.c
 *   kernel/ipc/posix_mq_poll.c
 *   kernel/ipc/posix_mq_transfer.c
 *   kernel/ipc/ipc_names.c
 */
#include "subsystem.h"

#include "posix_ipc_calls.h"

static const struct syscall_row calls[] = {
    SYSCALL_ROW(mq_open),
    SYSCALL_ROW(mq_unlink),
    SYSCALL_ROW(mq_timedsend),
    SYSCALL_ROW(mq_timedreceive),
    SYSCALL_ROW(mq_getsetattr),
    SYSCALL_ROW(mq_notify),
};

/* Puts the calls in the table, then starts what the subsystem needs.
 * Context: boot (kernel/main.c, through subsystems_start). */
void posix_ipc_start(void)
{
    syscall_install(calls, ROW_COUNT(calls));
}
