/* kernel/fs/file_without_big_lock.h - read(2) and write(2) that begin
 * without the big kernel lock, on several CPUs (file_without_big_lock.c). */
#ifndef KERNEL_FS_FILE_WITHOUT_BIG_LOCK_H
#define KERNEL_FS_FILE_WITHOUT_BIG_LOCK_H

#include <stdint.h>

#include "arch/x86/cpu.h"
#include "arch/x86/per_cpu.h"
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
 * whole (its ids), and of its thread what is the thread's own (kill and
 * sigqueue, which send; sigwaitinfo, which waits: ipc/signal_without_
 * big_lock.c). The trace off, and no signal or other work pending (a
 * wait would have to check it; the big lock's way does, first). */
static inline int call_of_any_thread_may_go_without_big_lock(void)
{
    return running_without_big_lock() && !trace_on && !current_task->user_work_pending;
}

/* Whether the running IPC call, begun without the big lock, may try to go
 * on without it (ipc/msg_, mbox_ and posix_mq_without_big_lock.c): as a
 * call of any thread, in a process of one thread (its descriptors, pages
 * and port are then its own). */
static inline int call_may_go_without_big_lock(void)
{
    return call_of_any_thread_may_go_without_big_lock() && current_task->process->thread_count == 1;
}

/* The end of a row's try without the big lock (the rows of
 * fs/file_without_big_lock.c, ipc/msg_, mbox_ and posix_mq_without_big_
 * lock.c): counts the call for kinfo as done without it (`done`), or as
 * given to it, and then, if the call began without it, takes the big lock
 * for the general way. Returns `done`. Context: interrupts off, no
 * spinlock held. */
static inline int syscall_done_without_big_lock(int done)
{
    if (done) {
        this_cpu()->calls_without_big_lock++;
        return 1;
    }
    if (running_without_big_lock()) {
        this_cpu()->calls_given_to_big_lock++;
        big_kernel_lock_take_late();
    }
    return 0;
}

/* From now on read and write begin without it: their rows in the
 * system call table are this file's, which go the usual way (sys_read,
 * sys_write) once they have taken the lock. Context: boot, as the other
 * CPUs start running tasks (smp_run_other_cpus). */
void file_calls_without_big_lock_start(void);

#endif
