/* kernel/ipc/signal_internal.h - what signal.c, signal_syscalls.c and
 * signal_alarm.c share, and nobody else uses. */
#ifndef KERNEL_IPC_SIGNAL_INTERNAL_H
#define KERNEL_IPC_SIGNAL_INTERNAL_H

#include "signal_pending.h"

#include "proc/process.h"
#include "proc/thread.h"

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

/* Recomputes whether `thread` has work to do on its way back to user mode
 * (the other bits of user_work_pending are the scheduler's). */
void signal_update_work(struct thread *thread);
void signal_update_work_of_all(struct process *process);

/* Would `signal` be dropped by `process` now (SIG_IGN, or a default of
 * ignoring)? */
int signal_is_ignored(const struct process *process, int signal);

/* Drops the pending `signals` of the process and of each of its threads. */
void signal_discard(struct process *process, signal_set signals);

/* Sends `signal` from `origin` to a process / one thread. Returns 0, or
 * -EAGAIN when a real-time signal cannot be queued. */
int signal_send_origin(struct process *process, int signal, const struct signal_origin *origin);
int signal_send_thread_origin(struct thread *thread, int signal, const struct signal_origin *origin);

/* Takes the lowest pending signal of `signals` that `thread` may take (its
 * own before its process's) and gives its origin; 0 when none. */
int signal_take(struct thread *thread, signal_set signals, struct signal_origin *origin);

/* alarm (signal_alarm.c): starts the check at every tick. */
void signal_alarm_init(void);

#endif
