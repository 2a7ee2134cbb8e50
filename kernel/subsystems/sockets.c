/* kernel/subsystems/sockets.c - sockets: the calls of every family, AF_UNIX's
 * streams, datagrams and sequenced packets, descriptor passing
 * (docs/sockets.md). AF_INET comes with the net subsystem.
 *
 * In the profiles: ipc, full (Makefile, PROFILE).
 *
 * Its files (the Makefile reads this list; subsystem.h says what a
 * subsystem is):
 *   kernel/ipc/socket.c
 *   kernel/ipc/socket_ancillary.c
 *   kernel/ipc/socket_datagram.c
 *   kernel/ipc/socket_gc.c
 *   kernel/ipc/socket_message.c
 *   kernel/ipc/socket_naming.c
 *   kernel/ipc/socket_options.c
 *   kernel/ipc/socket_poll.c
 *   kernel/ipc/socket_seqpacket.c
 *   kernel/ipc/socket_stream.c
 *   kernel/ipc/socket_stream_transfer.c
 *   kernel/ipc/socket_syscalls.c
 */
#include "subsystem.h"

#include "sockets_calls.h"

static const struct syscall_row calls[] = {
    SYSCALL_ROW(socket),
    SYSCALL_ROW(socketpair),
    SYSCALL_ROW(bind),
    SYSCALL_ROW(listen),
    SYSCALL_ROW(accept),
    SYSCALL_ROW(connect),
    SYSCALL_ROW(getsockname),
    SYSCALL_ROW(getpeername),
    SYSCALL_ROW(sendto),
    SYSCALL_ROW(recvfrom),
    SYSCALL_ROW(shutdown),
    SYSCALL_ROW(setsockopt),
    SYSCALL_ROW(getsockopt),
    SYSCALL_ROW(sendmsg),
    SYSCALL_ROW(recvmsg),
};

/* Puts the calls in the table, then starts what the subsystem needs.
 * Context: boot (kernel/main.c, through subsystems_start). */
void sockets_start(void)
{
    syscall_install(calls, ROW_COUNT(calls));
}
