/* kernel/fs/file_hold.h - the file behind a descriptor, held across a
 * call that may sleep.
 *
 * Another thread of the process may close the descriptor while a call on
 * it sleeps, and the file, with the pipe, mailbox, queue or socket behind
 * it, must outlive the wait: the call holds a reference meanwhile (Linux's
 * fget and fput). A process of one thread cannot close anything while its
 * only thread is blocked, so it takes none, as Linux's fdget takes none
 * when the descriptor table is not shared: the common case pays a test.
 * The waiting call goes on as if nothing happened; the object hears
 * `release` when the call lets go.
 *
 * Every system call that takes a descriptor and may sleep goes this way:
 *
 *     struct held_file held;
 *     int status = descriptor_hold(fd, &held);          EBADF: nothing held
 *     if (status < 0)
 *         return status;
 *     if (held.file is not the kind the call works on)
 *         return descriptor_unhold(&held, -EINVAL);     or ENOTSOCK, ...
 *     return descriptor_unhold(&held, the_call(held.file, ...));
 *
 * or, where the call itself checks the kind, in one line:
 *
 *     return status < 0 ? status : descriptor_unhold(&held, the_call(held.file, ...));
 *
 * descriptor_unhold lets go and hands back its second argument: the
 * call's result (the call runs first, as any argument does) or an error.
 *
 * Each kind of call checks the kind of file where the call lives, next
 * to its errors. The hot paths look up, check, then hold (file_hold),
 * so that a failed check has nothing to give back: socket_hold
 * (ipc/socket_syscalls.c) for the socket calls, transfer_hold (file.c)
 * for read, write, pread and pwrite, vector_hold (vector_io.c) for readv
 * and writev. The mailbox, queue and epoll calls hold, then look at the
 * file's operations table. (No one function here checks every kind:
 * tools/man_errors.py, which follows no condition, would then give every
 * call the errors of every kind.)
 *
 * A call that does not sleep needs none of this: no other thread runs in
 * the kernel until it returns (descriptor_lookup, file.h).
 *
 * Context: a system call of the running thread. */
#ifndef KERNEL_FS_FILE_HOLD_H
#define KERNEL_FS_FILE_HOLD_H

#include "file.h"
#include "proc/process.h"
#include "sched/task.h"
#include "uapi/errno.h"

/* A file held for one call: descriptor_hold (or file_hold) fills it in,
 * descriptor_unhold ends it. */
struct held_file {
    struct file *file;
    int referenced;             /* whether the hold took a reference */
    void *socket_in_use;        /* socket_hold's: the local socket the call counts itself a
                                 * user of on several CPUs (ipc/socket_syscalls.c), or NULL */
    int fd;                     /* descriptor_hold_without_big_lock's: where the file was found */
};

/* A held_file that holds nothing yet: what a call that may hold one
 * starts from, so that it lets go the same way whether it held or not. */
#define HELD_NOTHING { 0, 0, 0, 0 }

/* Holds `file`, which a descriptor of the running process refers to, in
 * *held: a reference is taken if another thread could close the
 * descriptor. For a call that looks its descriptor up and checks the
 * file before it holds it (the hot paths: read, write, the socket
 * calls). Context: a system call; does not sleep. */
static inline void file_hold(struct held_file *held, struct file *file)
{
    held->file = file;
    held->referenced = current_task->process->thread_count != 1;
    if (held->referenced)
        file_get(file);
}

/* Looks descriptor `fd` of the running process up and holds its file in
 * *held (file_hold). 0, or -EBADF (no such descriptor) with nothing
 * held. Context: a system call; does not sleep. */
static inline int descriptor_hold(int fd, struct held_file *held)
{
    struct file *file = descriptor_lookup(fd);
    if (!file)
        return -EBADF;
    file_hold(held, file);
    return 0;
}

/* Lets go of what descriptor_hold or file_hold held and returns
 * `result`, so that a call ends `return descriptor_unhold(&held, status);`.
 *
 * The reference dropped may have been the last one not held by a message
 * in flight (the descriptor was closed while the call slept): the file
 * hears `closed` then, as after a close, so that local sockets look for
 * what nobody can receive any more. Context: a system call; does not
 * sleep. */
static inline int descriptor_unhold(struct held_file *held, int result)
{
    if (held->referenced) {
        const struct file_operations *operations = held->file->operations;
        file_put(held->file);
        if (operations->closed)
            operations->closed();
    }
    return result;
}

#endif
