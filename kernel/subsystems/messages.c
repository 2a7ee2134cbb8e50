/* kernel/subsystems/messages.c - message passing: ports with call, reply and receive, the fast
 * path, and mailboxes (docs/message-passing.md).
 *
 * In the profiles: ipc, full (Makefile, PROFILE).
 *
 * Its files (the Makefile reads this list; subsystem.h says what a
 * subsystem is):
 *   kernel/ipc/msg.c
 *   kernel/ipc/msg_call.c
 *   kernel/ipc/msg_copy.c
 *   kernel/ipc/msg_fastpath.c
 *   kernel/ipc/mbox.c
 *   kernel/mm/cross_copy.c
 */
#include "subsystem.h"

#include "ipc/msg.h"
#include "messages_calls.h"

static const struct syscall_row calls[] = {
    SYSCALL_ROW(msg_send),
    SYSCALL_ROW(msg_recv),
    SYSCALL_ROW(msg_call),
    SYSCALL_ROW(msg_reply),
    SYSCALL_ROW(msg_reply_recv),
    SYSCALL_ROW(mbox_open),
    SYSCALL_ROW(mbox_send),
    SYSCALL_ROW(mbox_recv),
    SYSCALL_ROW(mbox_unlink),
    SYSCALL_ROW(mbox_stat),
};

/* Puts the calls in the table, then starts what the subsystem needs.
 * Context: boot (kernel/main.c, through subsystems_start). */
void messages_start(void)
{
    syscall_install(calls, ROW_COUNT(calls));
    msg_fast_path_init();   /* after the rows: it may replace three (nofastpath) */
}
