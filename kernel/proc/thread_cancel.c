/* kernel/proc/thread_cancel.c - the kernel's half of pthread_cancel
 * (thread_cancel(2)): cancellation points, and asynchronous cancellation.
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
 * calls come here through syscall_outside_table (kernel/syscall.c).
 *
 * On several CPUs a call marked AS_CANCEL_POINT (sigtimedwait: kernel/
 * fs/file_without_big_lock.h) comes here without the big kernel lock,
 * while the request may come with it on another CPU: the thread says
 * that it is in a cancellation point and then looks for a request; the
 * request is made and then looks whether the thread is in one; a full
 * fence on each side, so one of them sees the other (the wait then ends
 * as for a signal, wherever it began).
 *
 * Asynchronous cancellation: a thread whose type is asynchronous and whose
 * cancellation is enabled says so with thread_cancel(0,
 * THREAD_CANCEL_ASYNCHRONOUS, entry), and goes back with
 * THREAD_CANCEL_DEFERRED (the library calls these only when the pair
 * changes). A request for such a thread sets TASK_WORK_CANCEL_NOW: the
 * wait it is in, if any, ends as for a signal, and on its next way back
 * to user mode - from that call, from the timer interrupt that preempted
 * its computing loop, from anything - thread_cancel_enter_library turns
 * its trap frame into a call of `entry` (the library's cancellation path:
 * cleanup handlers, key destructors, pthread_exit(PTHREAD_CANCELED)) on
 * its own stack, the interrupted address as the return address. The
 * type goes back to deferred as it does, so a second request cannot send
 * the thread there again while its handlers run. This is what glibc does
 * with a signal (SIGCANCEL) and a handler; here no signal number is taken
 * from the program. */
#include "thread.h"

#include "arch/x86/cpu.h"
#include "arch/x86/trap_frame.h"
#include "ipc/signal.h"
#include "sched/wait_queue.h"
#include "kernel/syscall.h"
#include "kernel/trace.h"
#include "mm/memory_layout.h"
#include "mm/uaccess.h"
#include "process.h"
#include "uapi/errno.h"
#include "uapi/signal.h"
#include "uapi/syscall.h"

/* Whether a call's result says that its wait was interrupted. */
static int was_interrupted(int result)
{
    return result == -EINTR || result == -ERESTARTSYS || result == -ERESTARTNOHAND;
}

/* Several CPUs: the fence between a store of one side and its load of
 * the other's (above). One CPU never needs it. */
static inline void fence_on_several_cpus(void)
{
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0))
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

int thread_cancel_point(unsigned number, struct trap_frame *frame)
{
    struct thread *thread = current_thread();
    __atomic_store_n(&thread->in_cancel_point, 1, __ATOMIC_RELAXED);
    fence_on_several_cpus();           /* in a cancellation point, then the request */
    if (__atomic_load_n(&thread->cancel_requested, __ATOMIC_RELAXED)) {
        thread->in_cancel_point = 0;
        return -ECANCELED;
    }
    int result = syscall_run(number, frame);
    thread->in_cancel_point = 0;
    task_work_clear(&thread->task, TASK_WORK_CANCEL);
    if (__atomic_load_n(&thread->cancel_requested, __ATOMIC_RELAXED) && was_interrupted(result)) {
        if (running_without_big_lock())
            big_kernel_lock_take_late();   /* (a row gives an interrupted wait to it anyway) */
        thread_abandon_interrupted_call(thread);   /* no restart will come */
        result = -ECANCELED;
    }
    return result;
}

/* THREAD_CANCEL_REQUEST: marks `target` cancelled; its waits in a
 * cancellation point end now, and all of them if it is asynchronous. */
static int request(int tid)
{
    struct thread *target = thread_find(tid);
    if (!target || target->task.process != current_task->process)
        return -ESRCH;
    trace_event("thread_cancel pid=%d tid=%d by=%d", current_task->process->pid, tid, current_thread()->tid);
    __atomic_store_n(&target->cancel_requested, 1, __ATOMIC_RELAXED);
    fence_on_several_cpus();           /* the request, then whether it is in a cancellation point */
    if (target->cancel_asynchronous) {
        /* it goes into its library's path on its way to user mode, from
         * whatever it is doing; a wait it is in ends as for a signal */
        task_work_set(&target->task, TASK_WORK_CANCEL_NOW);
        wait_queue_interrupt(&target->task);
    } else if (__atomic_load_n(&target->in_cancel_point, __ATOMIC_RELAXED)) {
        /* its waits end as for a signal: the bit makes the check before a
         * wait say so (signal.c's signal_has_deliverable), and a wait
         * already begun is ended now */
        task_work_set(&target->task, TASK_WORK_CANCEL);
        wait_queue_interrupt(&target->task);
    }
    return 0;
}

int sys_thread_cancel(int tid, unsigned how, uint32_t entry)
{
    struct thread *self = current_thread();
    if (how == THREAD_CANCEL_REQUEST)
        return request(tid);
    if (tid != 0)
        return -EINVAL;                          /* the type is set for the caller only */
    if (how == THREAD_CANCEL_ASYNCHRONOUS) {
        if (entry < USER_START || entry >= USER_END)
            return -EINVAL;
        self->cancel_asynchronous = 1;
        self->cancel_entry = entry;
        if (self->cancel_requested)              /* a request that waited: acted on now */
            task_work_set(&self->task, TASK_WORK_CANCEL_NOW);
        return 0;
    }
    if (how == THREAD_CANCEL_DEFERRED) {
        self->cancel_asynchronous = 0;
        task_work_clear(&self->task, TASK_WORK_CANCEL_NOW);
        return 0;
    }
    return -EINVAL;
}

#define EFLAGS_DIRECTION 0x400u

void thread_cancel_enter_library(struct trap_frame *frame)
{
    struct thread *thread = current_thread();
    task_work_clear(&thread->task, TASK_WORK_CANCEL_NOW);
    if (!thread->cancel_asynchronous)
        return;
    thread->cancel_asynchronous = 0;             /* once: its handlers run deferred */
    int interrupted_call = frame->eax == (uint32_t)-ERESTARTSYS || frame->eax == (uint32_t)-ERESTARTNOHAND;
    if (frame->trap_number == SYSCALL_VECTOR && interrupted_call) {
        thread_abandon_interrupted_call(thread); /* the call ends here, for good */
        frame->eax = (uint32_t)-EINTR;
    }
    /* entry's frame as a call would leave it: the return address at esp,
     * esp + 4 a multiple of 16 (the i386 ABI at a function's first
     * instruction), below everything the interrupted code had */
    uint32_t esp = (frame->user_esp & ~15u) - 4;
    uint32_t return_address = frame->eip;
    if (copy_to_user((void *)esp, &return_address, sizeof return_address) < 0) {
        signal_force(thread, SIGSEGV);           /* no stack to go on: as a signal frame */
        return;
    }
    trace_event("thread_cancel_now pid=%d tid=%d eip=0x%08x", thread->task.process->pid, thread->tid,
                frame->eip);
    frame->user_esp = esp;
    frame->eip = thread->cancel_entry;
    frame->eflags &= ~EFLAGS_DIRECTION;          /* clear, as the ABI wants at a call */
}

void thread_cancel_fork(struct thread *child, const struct thread *parent)
{
    child->cancel_asynchronous = parent->cancel_asynchronous;
    child->cancel_entry = parent->cancel_entry;
}
