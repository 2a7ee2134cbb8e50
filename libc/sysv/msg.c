/* libc/sysv/msg.c - System V message queues: one system call each. */
#include <sys/msg.h>

#include "../syscall.h"
#include "../thread/thread_internal.h"

/* The queue of `key`, created under IPC_CREAT. */
int msgget(key_t key, int flags)
{
    return syscall_result(syscall2(SYS_msgget, key, flags));
}

/* Appends one message (mtype, then `size` bytes of text). */
int msgsnd(int id, const void *message, size_t size, int flags)
{
    return syscall_result(cancel_point_result(syscall4(cancel_point_number(SYS_msgsnd),
                                                       id, (long)message, (long)size, flags)));
}

/* Takes one message chosen by `type`; returns the bytes of text. */
ssize_t msgrcv(int id, void *message, size_t size, long type, int flags)
{
    return syscall_result(cancel_point_result(syscall5(cancel_point_number(SYS_msgrcv),
                                                       id, (long)message, (long)size, type, flags)));
}

/* IPC_STAT, IPC_SET or IPC_RMID. */
int msgctl(int id, int command, struct msqid_ds *buffer)
{
    return syscall_result(syscall3(SYS_msgctl, id, command, (long)buffer));
}
