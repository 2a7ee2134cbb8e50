/* libc/ipc/message.c - wrappers for direct messages and mailboxes. */
#include <ipc.h>

#include "../syscall.h"
#include "../thread/thread_internal.h"

int msg_send(pid_t to, const struct message *m, int flags)
{
    return syscall_result(syscall3(SYS_msg_send, to, (long)m, flags));
}

int msg_recv(pid_t from, struct message *m, int flags)
{
    return syscall_result(cancel_point_result(syscall3(cancel_point_number(SYS_msg_recv),
                                                       from, (long)m, flags)));
}

int msg_call(pid_t to, struct message *m)
{
    return syscall_result(cancel_point_result(syscall2(cancel_point_number(SYS_msg_call),
                                                       to, (long)m)));
}

int msg_reply(pid_t to, const struct message *m)
{
    return syscall_result(syscall2(SYS_msg_reply, to, (long)m));
}

int msg_reply_recv(pid_t to, struct message *m, pid_t from, int flags)
{
    return syscall_result(syscall4(SYS_msg_reply_recv, to, (long)m, from, flags));
}

int mbox_open(const char *name, int flags, unsigned capacity)
{
    return syscall_result(syscall3(SYS_mbox_open, (long)name, flags, (long)capacity));
}

int mbox_send(int fd, const struct message *m, int flags)
{
    return syscall_result(cancel_point_result(syscall3(cancel_point_number(SYS_mbox_send),
                                                       fd, (long)m, flags)));
}

int mbox_recv(int fd, struct message *m, int flags)
{
    return syscall_result(cancel_point_result(syscall3(cancel_point_number(SYS_mbox_recv),
                                                       fd, (long)m, flags)));
}

int mbox_unlink(const char *name)
{
    return syscall_result(syscall1(SYS_mbox_unlink, (long)name));
}

int mbox_stat(int fd, struct mbox_stat *st)
{
    return syscall_result(syscall2(SYS_mbox_stat, fd, (long)st));
}
