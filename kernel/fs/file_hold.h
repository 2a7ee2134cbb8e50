/* kernel/fs/file_hold.h - holding a file across a call that may sleep.
 *
 * Another thread of the process may close the descriptor while a call on
 * it sleeps, and the file, with the pipe, mailbox, queue or socket behind
 * it, must outlive the wait: the call holds a reference meanwhile (Linux's
 * fget and fput). A process of one thread cannot close anything while its
 * only thread is blocked, so it takes none, as Linux's fdget takes none
 * when the descriptor table is not shared: the common case pays a test.
 *
 *     int held = file_hold(file);
 *     ... the call, which may sleep ...
 *     file_unhold(file, held);
 *
 * Context: a system call of the running thread. */
#ifndef KERNEL_FS_FILE_HOLD_H
#define KERNEL_FS_FILE_HOLD_H

#include "file.h"
#include "proc/process.h"
#include "sched/task.h"

/* Takes a reference to `file` if another thread could close it; returns
 * whether it did, for file_unhold. */
static inline int file_hold(struct file *file)
{
    if (current_task->process->thread_count == 1)
        return 0;
    file_get(file);
    return 1;
}

/* Gives back what file_hold took. The reference dropped may have been
 * the last one not held by a message in flight (the descriptors closed
 * while the call slept): the file hears `closed` then, as after a close,
 * so that local sockets look for what nobody can receive any more. */
static inline void file_unhold(struct file *file, int held)
{
    if (!held)
        return;
    const struct file_operations *operations = file->operations;
    file_put(file);
    if (operations->closed)
        operations->closed();
}

#endif
