/* kernel/ipc/signal_internal.h - what signal.c, signal_syscalls.c and
 * signal_alarm.c share (and posix_timer.c, which sends with an origin,
 * and signalfd.c, which takes signals as sigwaitinfo does), and nobody
 * else uses. */
#ifndef KERNEL_IPC_SIGNAL_INTERNAL_H
#define KERNEL_IPC_SIGNAL_INTERNAL_H

#include "signal_pending.h"

#include "ipc/timers_for_core.h"       /* posix_timer_signal_taken */

#include "arch/x86/cpu.h"

#include "proc/process.h"
#include "proc/thread.h"
#include "arch/x86/trap_frame.h"
#include "sched/task.h"
#include "uapi/errno.h"


/* The process's signal lock (process.h, class "signals"), around every
 * change of its pending sets, its threads' and its queued count; on one
 * CPU not taken (spinlock.h). Context: interrupts off; never sleeps;
 * takes only the heap's lock inside (a real-time signal's queue entry). */
static inline void signals_lock(struct process *process)
{
    spinlock_take_on_several_cpus(&process->signals_lock);
}

static inline void signals_unlock(struct process *process)
{
    spinlock_give_on_several_cpus(&process->signals_lock);
}

/* Whether `thread` blocks `signal` for the ignore rule (prepare,
 * signal.c): in its mask, or in the mask it had before a sigwaitinfo
 * that unblocked it (thread.h, blocked_before_sigwait). A thread waiting
 * without the big lock changes the two as a sender with it reads them
 * (signal_without_big_lock.c, sigwait_masks_set): going in, it sets the
 * old mask aside and unblocks; coming out, it blocks again and clears the
 * old mask. Either pair, read whole, shows the bit of a signal it blocks
 * throughout; a pair half changed may not. So the two are read as a
 * sequence lock's: sigwait_mask_changes is odd while they change, and
 * the reads count only between two loads of the same even count. The
 * waiter changes them with interrupts off, so the wait for an even count
 * is a few instructions long. */
static inline int signal_blocked_for_ignoring(const struct thread *thread, int signal)
{
    if (__builtin_expect(big_kernel_lock_in_use == 0, 1))   /* one CPU: nothing changes meanwhile */
        return ((thread->signals_blocked | thread->blocked_before_sigwait) & SIGNAL_BIT(signal)) != 0;
    unsigned changes;
    int blocked;
    uint32_t turns = 0;
    do {
        while ((changes = __atomic_load_n(&thread->sigwait_mask_changes, __ATOMIC_ACQUIRE)) & 1)
            cpu_spin_turn(&turns);
        blocked = signal_set_has_now(&thread->signals_blocked, signal) |
                  signal_set_has_now(&thread->blocked_before_sigwait, signal);
        __atomic_thread_fence(__ATOMIC_ACQUIRE);             /* the two reads before the count's */
    } while (__atomic_load_n(&thread->sigwait_mask_changes, __ATOMIC_RELAXED) != changes);
    return blocked;
}

#define UNBLOCKABLE (SIGNAL_BIT(SIGKILL) | SIGNAL_BIT(SIGSTOP))
#define STOP_SIGNALS (SIGNAL_BIT(SIGSTOP) | SIGNAL_BIT(SIGTSTP) | SIGNAL_BIT(SIGTTIN) | SIGNAL_BIT(SIGTTOU))

/* The signals `thread` may take now: its own and its process's, less
 * those it blocks. */
static inline signal_set signal_deliverable_to(const struct thread *thread)
{
    return (thread->signals_pending.set | thread->task.process->signals_pending.set) & ~thread->signals_blocked;
}

/* Does `esp` lie on `thread`'s alternate signal stack? */
static inline int signal_on_alternate_stack(const struct thread *thread, unsigned long esp)
{
    const struct kernel_stack *stack = &thread->alternate_stack;
    return !(stack->flags & SS_DISABLE) && esp - stack->base <= stack->size && esp != stack->base;
}

/* Must `thread` stop on its way back to user mode? It has a signal to
 * take, or its process is stopped. (A process that is ending has given
 * each thread but exec's caller a SIGKILL of its own: a signal to take.) */
static inline int signal_has_work(const struct thread *thread)
{
    return signal_deliverable_to(thread) || thread->task.process->stopped;
}

/* Recomputes whether `thread` has work to do on its way back to user mode
 * (the other bits of user_work_pending are the scheduler's). On several
 * CPUs a sender may make a signal pending at any moment: with the big
 * lock when we run without it (the thread's own call,
 * signal_without_big_lock.c), and without it (a send to a process of one
 * thread) even while we hold it. The sender makes the signal pending,
 * then looks at the mask; we changed the mask, now look at the pending
 * sets: a full fence on each side, so one of us sees the other. Without
 * the big lock it only sets the bit, and with it a clear looks again
 * (signal_update_work_on_several_cpus, signal.c): a bit left set for
 * nothing costs one look with the big lock on the way out
 * (signal_deliver), which clears it. */
void signal_update_work_on_several_cpus(struct thread *thread);   /* signal.c */

static inline void signal_update_work(struct thread *thread)
{
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0)) {
        signal_update_work_on_several_cpus(thread);
        return;
    }
    /* one atomic operation on the word, never a read and a write: on
     * several CPUs another one's scheduler may set its own bit in it
     * meanwhile (TASK_WORK_RESCHEDULE, sched/smp_sched.c) */
    if (signal_has_work(thread))
        task_work_set(&thread->task, TASK_WORK_SIGNAL);
    else
        task_work_clear(&thread->task, TASK_WORK_SIGNAL);
}

void signal_update_work_of_all(struct process *process);

/* `thread` has just blocked `newly_blocked` (sigprocmask, sigreturn, a
 * handler's mask, the mask of sigsuspend, ppoll, pselect or epoll_pwait
 * or its end, the end of sigtimedwait): a signal of
 * them pending for its process, which a sender may have chosen it to
 * take, is now another thread's. Each other thread that does not block
 * one of those is told as a sender tells its taker (its work bit, its
 * wait interrupted, its CPU kicked: wait_queue_interrupt), until every
 * such signal has one, so that one of them takes it now and not when
 * something else wakes it (Linux's retarget_shared_pending). Context:
 * the big lock (one CPU: the kernel lock), or, in a process of one
 * thread, where it does nothing, any; does not sleep. */
void signal_retarget_to_others(struct thread *thread, signal_set newly_blocked);   /* signal.c */

static inline void signal_retarget(struct thread *thread, signal_set newly_blocked)
{
    if (__builtin_expect(thread->task.process->thread_count != 1, 0) && newly_blocked)
        signal_retarget_to_others(thread, newly_blocked);   /* out of line: one thread never comes */
}

/* Sets `thread`'s mask to `blocked`, less what cannot be blocked, as
 * Linux's set_current_blocked: its work bit follows the new mask
 * (signal_update_work), and what it now blocks is passed on
 * (signal_retarget). Every change of a mask that may block more goes
 * through here, but a handler's (signal.c's run_handler, which passes on
 * after its lab's part) and those without the big lock
 * (signal_without_big_lock.c). Context: as signal_retarget. */
static inline void signal_set_blocked(struct thread *thread, signal_set blocked)
{
    signal_set before = thread->signals_blocked;
    thread->signals_blocked = blocked & ~UNBLOCKABLE;
    signal_update_work(thread);
    signal_retarget(thread, thread->signals_blocked & ~before);
}

/* `signal` was made pending for `process` without the big lock, by a
 * sender that could not tell its taker (signal_without_big_lock.c's
 * make_pending): the taker a sender with the big lock chooses, if the
 * signal is still pending and a thread does not block it, is told as
 * that sender tells it. Context: the big lock; does not sleep. */
void signal_tell_taker(struct process *process, int signal);   /* signal.c */

/* Whether `process` holds pending one of `signals` now (read whole,
 * under its signal lock). Context: any; does not sleep. */
signal_set signal_pending_for_process(struct process *process, signal_set signals);

enum signal_default { TERMINATE, IGNORE, STOP, CONTINUE };

/* POSIX's default actions (core-dumping ones simply terminate here;
 * real-time signals terminate). */
static inline enum signal_default signal_default_action(int signal)
{
    switch (signal) {
    case SIGCHLD: case SIGURG: case SIGWINCH:
        return IGNORE;
    case SIGCONT:
        return CONTINUE;
    case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
        return STOP;
    default:
        return TERMINATE;
    }
}

/* Would `signal` be dropped by `process` now (SIG_IGN, or a default of
 * ignoring)? */
static inline int signal_is_ignored(const struct process *process, int signal)
{
    uint32_t handler = process->signal_actions[signal].handler;
    return handler == SIG_IGN_VALUE ||
           (handler == SIG_DFL_VALUE && (signal_default_action(signal) == IGNORE || signal_default_action(signal) == CONTINUE));
}


/* init gets only the signals it has handlers for (as on Linux): it must
 * never stop or die of someone's kill, or nobody would reap orphans. */
static inline int signal_init_refuses(const struct process *process, int signal)
{
    return process->pid == 1 && process->signal_actions[signal].handler == SIG_DFL_VALUE;
}

/* What kill and sigqueue say about their sender (signal_syscalls.c, and
 * signal_without_big_lock.c's rows). */
static inline struct signal_origin origin_of_caller(int code, unsigned long value)
{
    struct process *self = current_task->process;
    return (struct signal_origin){ .code = code, .pid = self->pid, .uid = self->uid, .value = value };
}

/* sigqueue's fourth argument, the si_code the receiver sees: SI_QUEUE,
 * or SI_ASYNCIO, which the C library's asynchronous I/O gives the
 * signals it sends its own process on a completion (libc/aio). Linux
 * lets a process give any code to its own signals, and none below 0 but
 * SI_QUEUE's kind to another's; here only these two, SI_ASYNCIO to its
 * own process alone. 0 or -EINVAL / -EPERM. */
static inline int sigqueue_code_check(int pid, int code)
{
    if (code != SI_QUEUE && code != SI_ASYNCIO)
        return -EINVAL;
    return code == SI_ASYNCIO && pid != current_task->process->pid ? -EPERM : 0;
}

/* Drops the pending `signals` of the process and of each of its threads. */
void signal_discard(struct process *process, signal_set signals);

/* Sends `signal` from `origin` to a process / one thread. Returns 0, or
 * -EAGAIN when a real-time signal cannot be queued. */
int signal_send_origin(struct process *process, int signal, const struct signal_origin *origin);
int signal_send_thread_origin(struct thread *thread, int signal, const struct signal_origin *origin);

/* A POSIX timer's send: to `thread` if not NULL, else to `process`; a
 * real-time signal is queued with `reserved`, the timer's own entry (not
 * in a queue now), so it cannot fail (signal_pending.h). */
void signal_send_reserved(struct process *process, struct thread *thread, int signal,
                          const struct signal_origin *origin, struct queued_signal *reserved);

/* The frame the running system call entered with, at the top of its
 * kernel stack: where the call returns to user mode. */
static inline struct trap_frame *signal_call_frame(void)
{
    return task_user_frame(current_task);
}

/* Runs the handler of `signal`, handed to the calling thread by a sender
 * without the big lock (signal_without_big_lock.c), as signal_deliver
 * runs one that was pending: its frame on the user stack through `frame`,
 * the interrupted call's result made EINTR or restarted by its
 * SA_RESTART. The handler of `signal` is a function. Context: a system
 * call without the big lock, about to return; takes the big lock if the
 * frame's page must be faulted in. */
void signal_run_handed(struct trap_frame *frame, int signal, const struct signal_origin *origin);

/* pause's and sigsuspend's wait, once the mask is what it must be: until
 * a signal comes that the thread may take now; returns -ERESTARTNOHAND
 * (EINTR once a handler has run). Context: kernel lock held; sleeps. */
int signal_wait_for_signal(void);

/* sigreturn's work: puts back the state the handler's frame saved
 * (arch/x86/signal_frame.c) into `frame`, and the mask, and gives the
 * interrupted code's eax in *eax. Returns 0, or -EFAULT when the frame
 * cannot be read (without the big lock: a page not there yet): nothing is
 * changed then. Context: a system call. */
int signal_return_from_handler(struct trap_frame *frame, int *eax);

/* Takes the lowest pending signal of `signals` that `thread` may take (its
 * own before its process's) and gives its origin; 0 when none. */
static inline int signal_take(struct thread *thread, signal_set signals, struct signal_origin *origin)
{
    struct process *process = thread->task.process;
    signals_lock(process);
    signal_set from_thread = thread->signals_pending.set & signals;
    signal_set from_process = process->signals_pending.set & signals;
    int signal = 0;
    if (from_thread | from_process) {
        signal = signal_lowest(from_thread | from_process);   /* the lowest number first */
        signal_pending_take(from_thread & SIGNAL_BIT(signal) ? &thread->signals_pending : &process->signals_pending,
                            process, signal, origin);
    }
    signals_unlock(process);
    if (signal && origin->code == SI_TIMER)
        posix_timer_signal_taken(process, origin);
    return signal;
}

#endif
