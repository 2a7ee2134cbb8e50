/* kernel/proc/thread_cancel.c - cancellation points (thread_cancel(2)),
 * the kernel's half of pthread_cancel.
 *
 * A thread asks another of its process to end with thread_cancel(tid):
 * the target's cancel_requested is set, for good. The C library makes its
 * blocking calls cancellation points by or-ing SYSCALL_CANCEL_POINT into
 * the call's number (when the thread has cancellation enabled); such a
 * call of a cancelled thread
 *
 *   - does not start, if the request came first: -ECANCELED;
 *   - is woken from its wait as a signal would wake it, if the request
 *     comes while it waits, and ends with -ECANCELED instead of EINTR or a
 *     restart;
 *   - completes as usual if it did not wait (the request stays, for the
 *     next cancellation point).
 *
 * The library then runs the thread's cleanup handlers and ends it. A
 * number with the bit set lies beyond the system call table, so the
 * common path (arch/x86/trap_entry.asm) pays nothing for this: marked
 * calls come here through syscall_outside_table (kernel/syscall.c). */
#include "thread.h"

#include "arch/x86/trap_frame.h"
#include "ipc/signal.h"
#include "sched/wait_queue.h"
#include "kernel/syscall.h"
#include "kernel/trace.h"
#include "process.h"
#include "uapi/errno.h"

/* Whether a call's result says that its wait was interrupted. */
static int was_interrupted(int result)
{
    return result == -EINTR || result == -ERESTARTSYS || result == -ERESTARTNOHAND;
}

int thread_cancel_point(unsigned number, struct trap_frame *frame)
{
    struct thread *thread = current_thread();
    if (thread->cancel_requested)
        return -ECANCELED;
    thread->in_cancel_point = 1;
    int result = syscall_run(number, frame);
    thread->in_cancel_point = 0;
    thread->task.user_work_pending &= ~TASK_WORK_CANCEL;
    if (thread->cancel_requested && was_interrupted(result)) {
        thread_abandon_interrupted_call(thread);   /* no restart will come */
        result = -ECANCELED;
    }
    return result;
}

int sys_thread_cancel(int tid)
{
    struct thread *target = thread_find(tid);
    if (!target || target->task.process != current_task->process)
        return -ESRCH;
    trace_event("thread_cancel pid=%d tid=%d by=%d", current_task->process->pid, tid, current_thread()->tid);
    target->cancel_requested = 1;
    if (target->in_cancel_point) {
        /* its waits end as for a signal: the bit makes the check before a
         * wait say so (signal.c's has_deliverable_signal), and a wait
         * already begun is ended now */
        target->task.user_work_pending |= TASK_WORK_CANCEL;
        wait_queue_interrupt(&target->task);
    }
    return 0;
}
