/* kernel/fs/file_without_big_lock.h - read(2) and write(2) that begin
 * without the big kernel lock, on several CPUs (file_without_big_lock.c). */
#ifndef KERNEL_FS_FILE_WITHOUT_BIG_LOCK_H
#define KERNEL_FS_FILE_WITHOUT_BIG_LOCK_H

#include <stdint.h>

#include "arch/x86/cpu.h"
#include "arch/x86/per_cpu.h"
#include "fs/file_hold.h"
#include "kernel/syscall.h"
#include "kernel/trace.h"
#include "proc/process.h"
#include "sched/task.h"

/* Per system call number: WITHOUT_BIG_LOCK if the call begins without
 * the big kernel lock, and also AS_CANCEL_POINT if it does so when a
 * thread makes it as a cancellation point (SYSCALL_CANCEL_POINT:
 * thread_cancel_point, which then runs without it too). Read by
 * arch/x86/trap_entry.asm's syscall_entry_locking. */
extern uint8_t syscall_without_big_lock[];
enum { WITHOUT_BIG_LOCK = 1, AS_CANCEL_POINT = 2 };

/* From now on call `number` begins without the big kernel lock, in `row`
 * (which takes the lock itself for what it leaves to the usual way).
 * Context: boot, as the other CPUs start running tasks
 * (smp_run_other_cpus). */
static inline void syscall_replace_without_big_lock(unsigned number, void *row)
{
    syscall_replace(number, row);
    syscall_without_big_lock[number] = WITHOUT_BIG_LOCK;
}

/* The same, and as a cancellation point too: `row` may then be called by
 * thread_cancel_point without the big lock. */
static inline void syscall_replace_without_big_lock_as_cancel_point(unsigned number, void *row)
{
    syscall_replace(number, row);
    syscall_without_big_lock[number] = WITHOUT_BIG_LOCK | AS_CANCEL_POINT;
}

/* Whether the running call, begun without the big lock, may go on
 * without it if it never waits (sigreturn, signal_without_big_lock.c): a
 * process of one thread (nobody else changes its descriptors, pages or
 * port meanwhile) and the trace off (its events are the big lock's). Work
 * pending does not matter to such a call: the way back to user mode
 * does it after the call. */
static inline int call_that_never_waits_may_go_without_big_lock(void)
{
    return running_without_big_lock() && current_task->process->thread_count == 1 && !trace_on;
}

/* Whether the running call, begun without the big lock, may go on
 * without it in a process of any number of threads: a call that reads of
 * its process only what the other threads cannot change under it but
 * whole (its ids), changes of its thread only what is the thread's own,
 * holds what it finds by a descriptor (descriptor_hold_without_big_lock,
 * below) or by an id in a lookup, and copies only to and from its own
 * process's memory, with interrupts off (a frame another thread's munmap
 * gives back is free only once this CPU has answered the TLB shootdown:
 * docs/smp.md): kill, sigqueue, sigwaitinfo and sigprocmask (ipc/
 * signal_without_big_lock.c), the mailboxes (ipc/mbox_without_big_
 * lock.c), the POSIX and System V queues and semaphores (ipc/posix_mq_,
 * sysv_msgq_ and sysv_sem_without_big_lock.c), send and recv of a local
 * socket (ipc/socket_without_big_lock.c), clock_gettime (sched/clock_
 * without_big_lock.c); and the message calls (ipc/msg_without_big_
 * lock.c), which also copy into another process's pages, found by a walk
 * of its page tables in a window where its shootdowns wait for this CPU
 * (smp_view_begin, arch/x86/smp_ipi.h). The trace off, and no
 * signal or other work pending (a wait would have to check it; the big
 * lock's way does, first). */
static inline int call_of_any_thread_may_go_without_big_lock(void)
{
    return running_without_big_lock() && !trace_on && !current_task->user_work_pending;
}

/* Whether the running IPC call, begun without the big lock, may try to go
 * on without it (sigsuspend and pause: ipc/signal_without_big_lock.c):
 * as a call of any thread, in a process of one thread, whose
 * signal actions nobody else changes: a handler's action could change
 * under its delivery. */
static inline int call_may_go_without_big_lock(void)
{
    return call_of_any_thread_may_go_without_big_lock() && current_task->process->thread_count == 1;
}

/* The end of a row's try without the big lock (the rows of
 * fs/file_without_big_lock.c, ipc/msg_, mbox_ and posix_mq_without_big_
 * lock.c): counts the call for kinfo as done without it (`done`, the
 * lock still not taken), as done after taking it on the way (`done`, the
 * lock taken: a page to fault in, a wait a signal ended; a try begins
 * only without it), or as given to it (not done, begun without it), and
 * then takes the big lock for the general way if the call has not yet.
 * Returns `done`. Context: interrupts off, no spinlock held. */
static inline int syscall_done_without_big_lock(int done)
{
    if (done) {
        struct cpu *cpu = this_cpu();       /* (a try begins only without the lock: held now, taken late) */
        if (__builtin_expect(big_kernel_lock_owner != (int)cpu->index, 1))
            cpu->calls_without_big_lock++;
        else
            cpu->calls_done_after_taking_big_lock++;
        return 1;
    }
    if (running_without_big_lock()) {
        this_cpu()->calls_given_to_big_lock++;
        big_kernel_lock_take();
    }
    return 0;
}

/* Looks descriptor `fd` of the running process up for a call begun
 * without the big lock, and holds its file in *held (HELD_NOTHING before)
 * until descriptor_try_done_without_big_lock lets it go (or, the try not
 * done, the usual way's descriptor_unhold): in a process of several
 * threads by a reference, taken under the process's descriptors lock
 * (every change of the table takes it: descriptor_set, fs/file.c), so
 * that another thread's close cannot free it meanwhile; in a process of
 * one thread by the descriptor alone, which nobody else can close. NULL,
 * with *held left holding nothing, if no file is open at `fd`. Context:
 * a system call without the big lock, interrupts off; does not sleep. */
static inline struct file *descriptor_hold_without_big_lock(int fd, struct held_file *held)
{
    struct process *process = current_task->process;
    int threads = process->thread_count != 1;
    if (threads)
        spinlock_take(&process->descriptors_lock);
    struct file *file = descriptor_lookup(fd);
    if (file)
        file_hold(held, file);               /* referenced if threads, as the slot still holds it */
    if (threads) {
        held->fd = fd;                       /* (for the end of the try: referenced only then) */
        spinlock_give(&process->descriptors_lock);
    }
    return file;
}

/* Ends the try of a call that began without the big lock, whatever
 * descriptor_hold_without_big_lock held (nothing, if it found nothing),
 * as syscall_done_without_big_lock(done) does: returns `done`.
 *
 * Done: lets the file go. If another thread closed the descriptor
 * meanwhile, the big lock is taken, and the call counts as given to it,
 * for what descriptor_unhold does then: the file's release, if the
 * reference dropped was its last; else the file hears `closed` again, as
 * the close's own came while this call still held it (a local socket
 * that only its own message holds now is garbage: ipc/socket_gc.c).
 *
 * Not done: the big lock is taken, and the file stays held for the
 * call's usual way, which goes on with descriptor_file_for_big_lock and
 * lets go with descriptor_unhold. So a call whose wait without the big
 * lock a signal ended works on the file it began with, as Linux's does,
 * even if another thread closed its descriptor meanwhile (EINTR, not
 * EBADF) or opened another file at the same number (whose bytes are not
 * this call's). Context: as the hold's, no spinlock held. */
static inline int descriptor_try_done_without_big_lock(struct held_file *held, int done)
{
    if (done && held->referenced) {
        struct file *file = held->file;
        void (*closed)(void) = file->operations->closed;
        int last = !file_put_unless_last(file);
        /* (A close clears the slot before it drops its reference, and the
         * drop above is a locked instruction: either the load sees the
         * slot cleared, or that close's `closed` comes after the drop.) */
        if (last || (closed && __atomic_load_n(&current_task->process->files[held->fd], __ATOMIC_RELAXED) != file)) {
            syscall_done_without_big_lock(0);    /* counted as given to it, and taken */
            if (last)
                descriptor_unhold(held, 0);      /* the last reference: file_put releases it */
            else
                closed();
            return done;
        }
    }
    return syscall_done_without_big_lock(done);
}

/* The file a call's usual way works on after its try without the big
 * lock (descriptor_try_done_without_big_lock, not done): the one the try
 * holds, else (it held none: the trace on, a case it did not try) the
 * one behind `fd` now, or NULL. Context: the big lock held. */
static inline struct file *descriptor_file_for_big_lock(const struct held_file *held, int fd)
{
    return held->file ? held->file : descriptor_lookup(fd);
}

/* From now on read and write begin without it: their rows in the
 * system call table are this file's, which go the usual way (file_read,
 * file_write) once they have taken the lock. Context: boot, as the other
 * CPUs start running tasks (smp_run_other_cpus). */
void file_calls_without_big_lock_start(void);

#endif
