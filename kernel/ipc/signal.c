/* kernel/ipc/signal.c - the life of a signal.
 *
 *   kill() / sigqueue() / a fault / Ctrl-C / a child's exit / alarm
 *        |  send: the signal and its origin (who, why, a value) become
 *        |  pending (signal_pending.c); if a thread may take it now, its
 *        |  wait is interrupted (the call returns -ERESTARTSYS or -EINTR)
 *        v
 *   on the way back to user mode (signal_deliver), lowest number first:
 *        ignored -> dropped;  default -> terminate, stop, continue or ignore;
 *        handler -> a frame on the user stack, or on the alternate stack
 *                   (arch/x86/signal_frame.c); the handler runs with the
 *                   signal masked and returns through sigreturn, which puts
 *                   everything back as it was.
 *   ... or a thread in sigwaitinfo takes it without a handler
 *       (signal_syscalls.c).
 *
 * Standard signals (1..31) do not queue: one pending bit each. Real-time
 * signals (32..64) queue, one entry per send. SIGKILL and SIGSTOP cannot
 * be caught, blocked or ignored. The system calls are in signal_syscalls.c,
 * alarm in signal_alarm.c. */
#include "signal.h"

#include "signal_internal.h"

#include "event_files_for_core.h"

#include "arch/x86/signal_frame.h"
#include "drivers/tty.h"
#include "kernel/trace.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "proc/process.h"
#include "proc/thread.h"
#include "sched/scheduler.h"
#include "arch/x86/smp_for_core.h"
#include "sched/task.h"
#include "sched/wait_queue.h"
#include "uapi/errno.h"
#include "uapi/wait.h"

/* signal_update_work on several CPUs (signal_internal.h says why each
 * step). Out of line: one CPU never comes. */
void signal_update_work_on_several_cpus(struct thread *thread)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);   /* the mask changed, now the pending sets */
    if (signal_has_work(thread)) {
        task_work_set(&thread->task, TASK_WORK_SIGNAL);
        return;
    }
    if (running_without_big_lock())
        return;                                /* only ever sets the bit */
    /* Nothing to take: clear the bit. A sender without the big lock
     * (signal_without_big_lock.c) may make a signal pending and set the
     * bit at any moment: it makes the signal pending, then sets the bit;
     * we cleared the bit, and look at the pending sets again behind a
     * full fence, so a signal that came meanwhile sets it back. */
    task_work_clear(&thread->task, TASK_WORK_SIGNAL);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (signal_has_work(thread))
        task_work_set(&thread->task, TASK_WORK_SIGNAL);
}

void signal_update_work_of_all(struct process *process)
{
    for (struct thread *thread = process->threads; thread; thread = thread->next_in_process)
        signal_update_work(thread);
}

signal_set signal_pending_for_process(struct process *process, signal_set signals)
{
    signals_lock(process);
    signal_set pending = process->signals_pending.set & signals;
    signals_unlock(process);
    return pending;
}

void signal_retarget_to_others(struct thread *thread, signal_set newly_blocked)
{
    struct process *process = thread->task.process;
    signal_set left = signal_pending_for_process(process, newly_blocked);
    for (struct thread *other = process->threads; other && left; other = other->next_in_process) {
        signal_set theirs = left & ~other->signals_blocked;
        if (other == thread || !theirs)
            continue;
        left &= ~theirs;
        task_work_set(&other->task, TASK_WORK_SIGNAL);
        wait_queue_interrupt(&other->task);   /* (on another CPU: interrupted there) */
    }
}

void signal_discard(struct process *process, signal_set signals)
{
    signals_lock(process);
    signal_pending_discard(&process->signals_pending, process, signals);
    for (struct thread *thread = process->threads; thread; thread = thread->next_in_process)
        signal_pending_discard(&thread->signals_pending, process, signals);
    signals_unlock(process);
}

/* What delivering `signal` under `action` does, in words (for the trace). */
static const char *action_name(const struct kernel_sigaction *action, int signal)
{
    static const char *const default_names[] = {
        [TERMINATE] = "terminate", [IGNORE] = "ignore", [STOP] = "stop", [CONTINUE] = "continue",
    };
    if (action->handler == SIG_IGN_VALUE)
        return "ignore";
    return action->handler == SIG_DFL_VALUE ? default_names[signal_default_action(signal)] : "handler";
}

/* SIGCONT or SIGKILL: a stopped process runs on, every thread of it. A
 * continue by SIGCONT is news for the parent, as a stop is (waitpid's
 * WCONTINUED, SIGCHLD). */
static void resume_if_stopped(struct process *process, int signal)
{
    if (!process->stopped)
        return;
    process->stopped = 0;
    if (signal == SIGCONT) {
        process->continued = 1;
        signal_child_changed(process, CLD_CONTINUED, SIGCONT);
    }
    /* the threads in wait_while_stopped, and no other: a thread asleep in
     * the kernel for a reason of its own goes on sleeping */
    wait_queue_wake_all(&process->stopped_threads);
    signal_update_work_of_all(process);
}

/* The thread that takes a signal sent to `process`: the running one if it
 * is of the process and does not block it, else the first that does not
 * block it (a thread in sigwaitinfo for it has unblocked it); NULL when all
 * block it (it stays pending for the first to unblock it). */
static inline __attribute__((always_inline)) struct thread *taker_of(struct process *process, int signal)
{
    if (current_task->process == process && !(current_thread()->signals_blocked & SIGNAL_BIT(signal)))
        return current_thread();
    for (struct thread *thread = process->threads; thread; thread = thread->next_in_process)
        if (!(thread->signals_blocked & SIGNAL_BIT(signal)))
            return thread;
    return 0;
}

/* Several CPUs: the taker of a signal just made pending, looked for
 * again. A thread that waits in sigwaitinfo without the big lock
 * (signal_without_big_lock.c) unblocks its set and then looks at the
 * pending sets; we made the signal pending and now look at the masks: a
 * full fence on each side, so that either it sees the signal or we see
 * its mask and interrupt its wait (a signal to one thread: the fence,
 * then signal_update_work). Out of line: one CPU never comes. */
static void __attribute__((noinline)) fence_before_the_masks(void)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static struct thread *__attribute__((noinline)) taker_again(struct process *process, int signal)
{
    fence_before_the_masks();
    return taker_of(process, signal);
}

/* SIGCONT and SIGKILL resume a stopped process and cancel pending stops;
 * a stop cancels a pending SIGCONT. (Apart, so that the common signal's
 * path stays short.) */
static void __attribute__((noinline)) stop_or_continue(struct process *process, int signal)
{
    if (SIGNAL_BIT(signal) & STOP_SIGNALS) {
        signal_discard(process, SIGNAL_BIT(SIGCONT));
        return;
    }
    signal_discard(process, STOP_SIGNALS);
    resume_if_stopped(process, signal);
}

/* What every signal does first, whoever it is sent to (stop_or_continue).
 * Returns whether the signal is still to be made pending: an ignored
 * signal (SIG_IGN, or SIG_DFL of SIGCHLD, SIGCONT, SIGURG, SIGWINCH) is
 * dropped now, unless blocked, as Linux's sig_ignored() rules: a blocked
 * one stays pending, sigpending shows it, sigwait may take it, and if it
 * is still ignored when unblocked, delivery drops it (the thread might
 * install a handler before it unblocks it). Blocked by a thread in
 * sigwait counts (thread.h, blocked_before_sigwait). */
static inline int prepare(struct process *process, int signal, int blocked)
{
    if (SIGNAL_BIT(signal) & (SIGNAL_BIT(SIGCONT) | SIGNAL_BIT(SIGKILL) | STOP_SIGNALS))
        stop_or_continue(process, signal);
    return blocked || !signal_is_ignored(process, signal);
}


/* `signal`, pending for `process`, is told to the threads that may take
 * it: every one looks on its way back to user mode, and the first there
 * takes it; `taker`'s wait, if it is in one, is interrupted. */
static inline __attribute__((always_inline)) void tell_takers(struct process *process, int signal,
                                                              struct thread *taker)
{
    for (struct thread *thread = process->threads; thread; thread = thread->next_in_process)
        if (!(thread->signals_blocked & SIGNAL_BIT(signal)))
            task_work_set(&thread->task, TASK_WORK_SIGNAL);
    wait_queue_interrupt(&taker->task);          /* (on another CPU: interrupted there) */
}

/* signal_send_origin and signal_send_reserved: `reserved` a timer's
 * queue entry or NULL. */
static inline int send_to_process(struct process *process, int signal, const struct signal_origin *origin,
                                  struct queued_signal *reserved)
{
    if (process->state != PROCESS_ALIVE || !process->threads || signal_init_refuses(process, signal))
        return 0;
    trace_thread_event(trace_sender(), "signal", "to=%d sig=%d", process->pid, signal);
    struct thread *taker = taker_of(process, signal);
    if (!prepare(process, signal, taker == 0 || signal_blocked_for_ignoring(taker, signal)))
        return 0;
    signals_lock(process);
    int added = signal_pending_add(&process->signals_pending, process, signal, origin, reserved);
    signals_unlock(process);
    if (added == 0)
        signalfd_notify();                       /* a signalfd's reader may read it (ipc/signalfd.c) */
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0) && added == 0)
        taker = taker_again(process, signal);
    if (added < 0 || !taker)
        return added;                            /* pending until a thread unblocks it */
    tell_takers(process, signal, taker);
    return 0;
}

void signal_tell_taker(struct process *process, int signal)
{
    struct thread *taker = taker_of(process, signal);
    if (taker && signal_pending_for_process(process, SIGNAL_BIT(signal)))
        tell_takers(process, signal, taker);
}

int signal_send_origin(struct process *process, int signal, const struct signal_origin *origin)
{
    return send_to_process(process, signal, origin, 0);
}

static inline int send_to_thread(struct thread *thread, int signal, const struct signal_origin *origin,
                                 struct queued_signal *reserved)
{
    struct process *process = thread->task.process;
    if (!process || process->state != PROCESS_ALIVE)
        return 0;
    if (!process->exiting)                     /* the SIGKILLs that end an ending process's threads are no IPC */
        trace_thread_event(trace_sender(), "signal", "to=%d to_tid=%d sig=%d", process->pid, thread->tid,
                           signal);
    if (!prepare(process, signal, signal_blocked_for_ignoring(thread, signal)))
        return 0;
    signals_lock(process);
    int added = signal_pending_add(&thread->signals_pending, process, signal, origin, reserved);
    signals_unlock(process);
    if (added < 0)
        return added;
    signalfd_notify();
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0))
        fence_before_the_masks();
    signal_update_work(thread);
    if (SIGNAL_BIT(signal) & ~thread->signals_blocked)
        wait_queue_interrupt(&thread->task);
    return 0;
}

int signal_send_thread_origin(struct thread *thread, int signal, const struct signal_origin *origin)
{
    return send_to_thread(thread, signal, origin, 0);
}

void signal_send_reserved(struct process *process, struct thread *thread, int signal,
                          const struct signal_origin *origin, struct queued_signal *reserved)
{
    if (thread)
        send_to_thread(thread, signal, origin, reserved);
    else
        send_to_process(process, signal, origin, reserved);
}

static const struct signal_origin from_the_kernel = { .code = SI_KERNEL };

void signal_send(struct process *process, int signal)
{
    signal_send_origin(process, signal, &from_the_kernel);
}

int signal_send_info(struct process *process, const struct kernel_siginfo *info)
{
    struct signal_origin origin = {
        .code = info->code,
        .pid = info->fields.sender.pid,
        .uid = info->fields.sender.uid,
        .value = (unsigned long)info->fields.sender.value.sival_int,
    };
    return signal_send_origin(process, info->signo, &origin);
}

void signal_send_thread(struct thread *thread, int signal)
{
    if (!signal_init_refuses(thread->task.process, signal))
        signal_send_thread_origin(thread, signal, &from_the_kernel);
}

int signal_send_io(struct process *process, struct thread *thread, int signal, int code, long band, int fd)
{
    /* si_band and si_fd lie where si_pid and si_uid do (Linux's i386
     * siginfo), so the origin carries them there */
    struct signal_origin origin = { .code = code, .pid = (int)band, .uid = (unsigned)fd };
    if (signal_init_refuses(process, signal))
        return 0;
    return thread ? signal_send_thread_origin(thread, signal, &origin) : signal_send_origin(process, signal, &origin);
}

void signal_kill_thread(struct thread *thread)
{
    signal_send_thread_origin(thread, SIGKILL, &from_the_kernel);
}

int signal_send_to_group(int group, int signal)
{
    int count = 0;
    for (int slot = 0; slot < MAX_PROCESSES; slot++) {
        struct process *process = process_slot(slot);
        if (process->state == PROCESS_ALIVE && process->process_group == group) {
            signal_send(process, signal);
            count++;
        }
    }
    return count;
}

void signal_force_fault(struct thread *thread, int signal, int code, unsigned long address)
{
    struct process *process = thread->task.process;
    struct kernel_sigaction *action = &process->signal_actions[signal];
    if ((thread->signals_blocked & SIGNAL_BIT(signal)) || action->handler == SIG_IGN_VALUE) {
        action->handler = SIG_DFL_VALUE;
        thread->signals_blocked &= ~SIGNAL_BIT(signal);
    }
    struct signal_origin origin = { .code = code, .value = address };
    /* even init: a fault of its own is a kernel-worthy bug */
    signal_send_thread_origin(thread, signal, &origin);
}

void signal_force(struct thread *thread, int signal)
{
    signal_force_fault(thread, signal, SI_KERNEL, 0);
}

/* Does `parent` leave its children no zombies (SIGCHLD ignored, or
 * SA_NOCLDWAIT)? */
static int reaps_nothing(const struct process *parent)
{
    const struct kernel_sigaction *action = &parent->signal_actions[SIGCHLD];
    return parent->pid != 1 && (action->handler == SIG_IGN_VALUE || (action->flags & SA_NOCLDWAIT));
}

int signal_child_changed(struct process *child, int code, int status)
{
    struct process *parent = child->parent;
    if (!parent)
        return 0;
    wait_queue_wake_all(&parent->child_changed);
    int stop_or_continue = code == CLD_STOPPED || code == CLD_CONTINUED;
    if (!(stop_or_continue && (parent->signal_actions[SIGCHLD].flags & SA_NOCLDSTOP))) {
        struct signal_origin origin = { .code = code, .pid = child->pid, .uid = child->uid, .value = status };
        signal_send_origin(parent, SIGCHLD, &origin);
    }
    return !stop_or_continue && reaps_nothing(parent);
}

/* Does a thread of `process` other than the caller run on a CPU (another
 * one: the caller holds the kernel lock), maybe in user mode? A stop is
 * complete, and told to the parent, only once none does, as on Linux: a
 * ready thread stops before it runs a user instruction (signal_deliver). */
static int other_threads_running(struct process *process)
{
    for (struct thread *thread = process->threads; thread; thread = thread->next_in_process)
        if (&thread->task != current_task && thread->task.state == TASK_RUNNING)
            return 1;
    return 0;
}

/* What a stopped thread waits for, for ps and the trace: the signal that
 * stopped its process ("signal 19"). */
static void stop_describe(const void *object, char *buffer, unsigned size)
{
    ksnprintf(buffer, size, "signal %d", ((const struct process *)object)->stop_signal);
}

/* While the process is stopped, its threads wait here, each on its way
 * back to user mode, on the process's queue `stopped_threads`, until
 * SIGCONT or SIGKILL wakes them all (resume_if_stopped). No signal ends
 * the wait (uninterruptible): a stopped process runs no handler. Context:
 * a system call (kernel lock held); sleeps. */
static void wait_while_stopped(struct process *process)
{
    if (!process->stop_announced && !other_threads_running(process)) {
        process->stop_announced = 1;             /* the last thread off its CPU tells */
        signal_child_changed(process, CLD_STOPPED, process->stop_signal);
    }
    while (process->stopped) {
        wait_queue_say_object(process, stop_describe);
        wait_queue_sleep(&process->stopped_threads, "stopped", 0, WAIT_UNINTERRUPTIBLE);
    }
}

/* A stop signal's default action: the whole process stops, the taker at
 * once, the other threads on their way back to user mode; the parent
 * hears of it once none runs (wait_while_stopped). */
static void stop_process(struct process *process, int signal)
{
    process->stopped = 1;
    process->stop_signal = signal;
    process->stop_reported = 0;
    process->stop_announced = 0;
    signal_update_work_of_all(process);
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0))
        for (struct thread *thread = process->threads; thread; thread = thread->next_in_process)
            smp_kick_running(&thread->task);     /* on another CPU: it stops now */
    wait_while_stopped(process);                 /* and tells the parent once all have */
}

/* The system call that `frame` returns from was interrupted: restart it
 * (its number is kept in error_code by the entry code) or make it EINTR.
 * `handler_runs`: a handler is about to run; `sa_restart`: its SA_RESTART. */
static void finish_interrupted_call(struct trap_frame *frame, int handler_runs, int sa_restart)
{
    if (frame->trap_number != 0x80)
        return;
    int restart;
    if (frame->eax == (uint32_t)-ERESTARTSYS)
        restart = !handler_runs || sa_restart;
    else if (frame->eax == (uint32_t)-ERESTARTNOHAND)
        restart = !handler_runs;
    else
        return;
    struct thread *thread = current_thread();
    if (restart) {
        thread->abandon_interrupted_call = 0;    /* the restarted call names it again */
        frame->eax = frame->error_code;
        frame->eip -= 2;                         /* back onto the `int 0x80` (after a sysenter
                                                  * too: the libc's stub has one, libc/syscall.h) */
    } else {
        thread_abandon_interrupted_call(thread);
        frame->eax = (uint32_t)-EINTR;
    }
}

/* The default action of `signal` (signal_default_action): returns after
 * ignore, continue or stop (once continued); terminate does not return. */
static void take_default_action(struct process *process, int signal)
{
    switch (signal_default_action(signal)) {
    case IGNORE:
    case CONTINUE:
        return;
    case STOP:
        stop_process(process, signal);
        return;
    case TERMINATE:
        process_exit(W_EXITCODE(0, signal));
    }
}

/* Runs the handler of `action` for `signal`: builds its frame, on the
 * alternate stack if it asks for it and there is one, and masks what it
 * must not be interrupted by. Returns 0; or, without the big lock
 * (signal_without_big_lock.c), -EFAULT when the frame's memory is not
 * there yet: nothing has changed then but the interrupted call's result,
 * and the caller takes the big lock and calls again, which faults the
 * page in. */
static inline __attribute__((always_inline)) int
run_handler(struct trap_frame *frame, struct thread *thread, int signal,
            struct kernel_sigaction *action, const struct signal_origin *origin)
{
    finish_interrupted_call(frame, 1, (action->flags & SA_RESTART) != 0);
    signal_set blocked_to_restore = thread->restore_blocked_after_signal ?
                                    thread->blocked_before_suspend : thread->signals_blocked;

    struct signal_frame_request request = {
        .signal = signal, .handler = action->handler, .blocked_to_restore = blocked_to_restore,
        .with_info = (action->flags & SA_SIGINFO) != 0, .origin = origin,
        .alternate_stack = thread->alternate_stack,
        /* cr2: where a page fault touched, as on Linux */
        .fault_address = (signal == SIGSEGV || signal == SIGBUS) && signal_raised_by_fault(signal, origin) ?
                         origin->value : 0,
        .restorer = (action->flags & SA_RESTORER) ? action->restorer : 0,
    };
    request.alternate_stack.flags = signal_on_alternate_stack(thread, frame->user_esp) ? SS_ONSTACK :
                                    thread->alternate_stack.flags;
    request.use_alternate_stack = (action->flags & SA_ONSTACK) && request.alternate_stack.flags == 0;
    signal_set blocked_before = thread->signals_blocked;   /* sigsuspend's: its temporary mask */
    // LAB(signals) BEGIN: push the handler's frame; block its signal and sa_mask; SA_NODEFER, SA_RESETHAND
    if (signal_frame_push(frame, &request) < 0) {
        if (running_without_big_lock())
            return -EFAULT;                      /* a page to fault in, with the big lock */
        process_exit(W_EXITCODE(0, SIGSEGV));    /* no room on its stack for the frame */
    }
    thread->signals_blocked |= action->mask | ((action->flags & SA_NODEFER) ? 0 : SIGNAL_BIT(signal));
    thread->signals_blocked &= ~UNBLOCKABLE;
    if (action->flags & SA_RESETHAND) {
        action->handler = SIG_DFL_VALUE;
        action->flags &= ~SA_SIGINFO;
    }
    // LAB(signals) STUB
    // /* Until this is written, a caught signal takes its default action,
    //  * as if its handler were SIG_DFL (init, which must not die, ignores
    //  * it); the mask goes back to what it was, as sigreturn would. */
    // (void)request;
    // thread->signals_blocked = blocked_to_restore;
    // big_kernel_lock_take_late();             /* (several CPUs: a default action needs it) */
    // if (thread->task.process->pid != 1)
    //     take_default_action(thread->task.process, signal);
    // LAB(signals) END
    thread->restore_blocked_after_signal = 0;
    signal_update_work(thread);
    /* the handler's mask: what it blocks that the mask before it did not
     * (after sigsuspend its temporary mask, which may have let in a
     * signal that both the handler's mask and the mask it returns to
     * block) */
    signal_retarget(thread, thread->signals_blocked & ~blocked_before);
    return 0;
}

void signal_deliver(struct trap_frame *frame)
{
    struct thread *thread = current_thread();
    struct process *process = thread->task.process;
    for (;;) {
        if (__builtin_expect(process->exiting || process->stopped, 0)) {
            if (process->exiting && process->survivor != thread)
                thread_exit_current();           /* exit, a fatal signal or exec elsewhere */
            if (process->stopped) {
                wait_while_stopped(process);
                continue;
            }
        }
        struct signal_origin origin;
        int signal = signal_take(thread, ~thread->signals_blocked, &origin);
        if (!signal)
            break;
        struct kernel_sigaction *action = &process->signal_actions[signal];
        trace_thread_event(thread, "deliver", "sig=%d action=%s", signal, action_name(action, signal));

        if (action->handler == SIG_IGN_VALUE)
            continue;
        if (action->handler == SIG_DFL_VALUE) {
            take_default_action(process, signal);
            continue;
        }
        run_handler(frame, thread, signal, action, &origin);   /* (with the big lock: never fails) */
        return;                                  /* one handler per trip to user mode */
    }
    finish_interrupted_call(frame, 0, 0);        /* no handler ran: the call goes on */
    if (thread->restore_blocked_after_signal) {
        thread->restore_blocked_after_signal = 0;
        signal_set_blocked(thread, thread->blocked_before_suspend);   /* sigsuspend's mask back */
    } else {
        signal_update_work(thread);
    }
}

/* run_handler for the rarer way in, a signal handed to its waiter: one
 * copy, called twice, where signal_deliver has its own inline. */
static __attribute__((noinline)) int run_handed_handler(struct trap_frame *frame, struct thread *thread, int signal,
                                                        struct kernel_sigaction *action,
                                                        const struct signal_origin *origin)
{
    return run_handler(frame, thread, signal, action, origin);
}

void signal_run_handed(struct trap_frame *frame, int signal, const struct signal_origin *origin)
{
    struct thread *thread = current_thread();
    struct kernel_sigaction *action = &thread->task.process->signal_actions[signal];
    if (run_handed_handler(frame, thread, signal, action, origin) < 0) {
        big_kernel_lock_take_late();             /* the frame's page: faulted in with it */
        run_handed_handler(frame, thread, signal, action, origin);
    }
}

void signal_fork(struct process *child, const struct process *parent)
{
    /* nothing pending, nothing queued: process_allocate zeroed the rest */
    memcpy(child->signal_actions, parent->signal_actions, sizeof child->signal_actions);
}

void signal_thread_start(struct thread *thread, const struct thread *creator)
{
    thread->signals_blocked = creator->signals_blocked;   /* POSIX: the creator's mask */
    thread->alternate_stack = (struct kernel_stack){ .flags = SS_DISABLE };
    /* a process stopped while its creator was on its way into the call
     * (another CPU): the new thread stops before its first instruction.
     * (Nothing else to look at: it blocks what its creator blocks, and
     * the big lock keeps `stopped` still.) */
    if (__builtin_expect(thread->task.process->stopped, 0))
        task_work_set(&thread->task, TASK_WORK_SIGNAL);
}

void signal_fork_thread(struct thread *child, const struct thread *parent)
{
    child->signals_blocked = parent->signals_blocked;
    child->alternate_stack = parent->alternate_stack;    /* the same memory, in the copy */
}

void signal_thread_exit(struct thread *thread)
{
    struct process *process = thread->task.process;
    signals_lock(process);
    signal_pending_discard(&thread->signals_pending, process, ~0ull);
    signals_unlock(process);
}

void signal_thread_ended(struct thread *thread)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);    /* the table changed, then the pending set read */
    if (*(volatile signal_set *)&thread->task.process->signals_pending.set)
        signal_retarget_to_others(thread, ~(signal_set)0);   /* (read whole again, under the lock) */
}

void signal_process_exit(struct process *process)
{
    signals_lock(process);
    process->signals_closed = 1;         /* a sender without the big lock adds nothing from now on */
    signal_pending_discard(&process->signals_pending, process, ~0ull);
    signal_queue_release_spares(process);
    signals_unlock(process);
    signal_forget_alarm(process);
}

static const struct lock_class signals_lock_class = { "signals", 0 };

void signal_process_start(struct process *process)
{
    spinlock_init(&process->signals_lock, "signals", &signals_lock_class);
    wait_queue_init(&process->stopped_threads);
}

void signal_exec(struct process *process)
{
    for (int signal = 1; signal < NSIG; signal++) {
        struct kernel_sigaction *action = &process->signal_actions[signal];
        if (action->handler != SIG_IGN_VALUE)
            action->handler = SIG_DFL_VALUE;
        action->flags = 0;
        action->mask = 0;
        action->restorer = 0;        /* the old program's code is gone */
    }
    /* the calling thread's sigaltstack: none when the boot task starts
     * pid 1 (process_start_init), which is no thread of `process` */
    if (current_task->process == process)
        current_thread()->alternate_stack = (struct kernel_stack){ .flags = SS_DISABLE };
}

/* The terminals' hook: Ctrl-C, Ctrl-\ or Ctrl-Z typed on a terminal sends
 * `signal` to its foreground group. Runs in the interrupt handler. */
static void signal_from_terminal(int process_group, int signal)
{
    signal_send_to_group(process_group, signal);
}

int signal_has_deliverable(struct task *task)
{
    if (!task->process)
        return 0;
    if (task->user_work_pending & (TASK_WORK_CANCEL | TASK_WORK_CANCEL_NOW))
        return 1;                                /* a cancelled cancellation point, or a thread
                                                  * cancelled asynchronously (thread_cancel.c) */
    struct thread *thread = thread_of(task);
    if (!signal_has_work(thread))
        return 0;
    task_work_set(task, TASK_WORK_SIGNAL);
    return 1;
}

/* Whether a signal `thread` takes now ends its process: SIGKILL, or one
 * it does not block whose action is the default, and the default
 * terminates. (Linux makes such a signal a SIGKILL of every thread when
 * it is sent, complete_signal, so that killable sleeps end for it too.) */
static int signal_kills_when_taken(const struct thread *thread)
{
    const struct process *process = thread->task.process;
    signal_set pending = thread->signals_pending.set | process->signals_pending.set;
    if (pending & SIGNAL_BIT(SIGKILL))
        return 1;
    /* each signal pending and not blocked, lowest first, and no other */
    for (signal_set left = pending & ~thread->signals_blocked; left; left &= left - 1) {
        int signal = __builtin_ctzll(left) + 1;
        if (signal_default_action(signal) == TERMINATE && process->signal_actions[signal].handler == SIG_DFL_VALUE &&
            !signal_init_refuses(process, signal))
            return 1;
    }
    return 0;
}

int signal_kill_pending(struct task *task)
{
    if (!task->process || !signal_kills_when_taken(thread_of(task)))
        return 0;
    task_work_set(task, TASK_WORK_SIGNAL);
    return 1;
}

void signal_init(void)
{
    tty_set_signal_hook(signal_from_terminal);
}
