/* kernel/ipc/signal.c - the life of a signal.
 *
 *   kill() / a fault / Ctrl-C / a child's exit / alarm
 *        |  signal_send: set the pending bit; if the process may take it
 *        |  now, interrupt its wait (the call returns -ERESTARTSYS or -EINTR)
 *        v
 *   on the way back to user mode (signal_deliver), lowest number first:
 *        ignored -> dropped;  default -> terminate, stop, continue or ignore;
 *        handler -> a frame on the user stack (arch/x86/signal_frame.c), the
 *                   handler runs with the signal masked, and returns through
 *                   sigreturn, which puts everything back as it was.
 *
 * Standard signals do not queue: one pending bit each. SIGKILL and SIGSTOP
 * cannot be caught, blocked or ignored. */
#include "signal.h"

#include "msg.h"

#include "arch/x86/signal_frame.h"
#include "drivers/tty.h"
#include "kernel/panic.h"
#include "kernel/trace.h"
#include "lib/string.h"
#include "mm/uaccess.h"
#include "proc/process.h"
#include "proc/thread.h"
#include "sched/clock.h"
#include "sched/scheduler.h"
#include "sched/task.h"
#include "sched/wait_queue.h"
#include "uapi/errno.h"
#include "uapi/signal.h"
#include "uapi/wait.h"

#define UNBLOCKABLE (SIGNAL_BIT(SIGKILL) | SIGNAL_BIT(SIGSTOP))
#define STOP_SIGNALS (SIGNAL_BIT(SIGSTOP) | SIGNAL_BIT(SIGTSTP) | SIGNAL_BIT(SIGTTIN) | SIGNAL_BIT(SIGTTOU))
#define ALL_SIGNALS 0xFFFFFFFFu

enum default_action { TERMINATE, IGNORE, STOP, CONTINUE };

/* POSIX's default actions (core-dumping ones simply terminate here). */
static enum default_action default_action(int signal)
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

/* The signals `thread` may take now: its own and its process's, less
 * those it blocks. */
static uint32_t deliverable_to(const struct thread *thread)
{
    return (thread->signals_pending | thread->task.process->signals_pending) & ~thread->signals_blocked;
}

/* Must `thread` stop on its way back to user mode? It has a signal to
 * take, or its process is stopped. (A process that is ending has given
 * each thread but exec's caller a SIGKILL of its own: a signal to take.) */
static int has_work(const struct thread *thread)
{
    return deliverable_to(thread) || thread->task.process->stopped;
}

/* Recomputes whether `thread` has work to do on its way back to user mode
 * (the other bits of user_work_pending are the scheduler's). */
static void update_work(struct thread *thread)
{
    uint32_t work = thread->task.user_work_pending & ~TASK_WORK_SIGNAL;
    if (has_work(thread))
        work |= TASK_WORK_SIGNAL;
    thread->task.user_work_pending = work;
}

static void update_work_of_all(struct process *process)
{
    for (struct thread *thread = process->threads; thread; thread = thread->next_in_process)
        update_work(thread);
}

static int is_ignored(const struct process *process, int signal)
{
    uint32_t handler = process->signal_actions[signal].handler;
    return handler == SIG_IGN_VALUE ||
           (handler == SIG_DFL_VALUE && (default_action(signal) == IGNORE || default_action(signal) == CONTINUE));
}

/* What delivering `signal` under `action` does, in words (for the trace). */
static const char *action_name(const struct kernel_sigaction *action, int signal)
{
    static const char *const default_names[] = {
        [TERMINATE] = "terminate", [IGNORE] = "ignore", [STOP] = "stop", [CONTINUE] = "continue",
    };
    if (action->handler == SIG_IGN_VALUE)
        return "ignore";
    return action->handler == SIG_DFL_VALUE ? default_names[default_action(signal)] : "handler";
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
        signal_child_changed(process->parent, 1);
    }
    for (struct thread *thread = process->threads; thread; thread = thread->next_in_process) {
        struct task *task = &thread->task;
        if (task->state == TASK_BLOCKED && !task->waiting_on) {
            trace_wake(task, "continued");
            unblock_task(task);                  /* it waits in wait_while_stopped below */
        }
    }
    update_work_of_all(process);
}

/* The thread that takes a signal sent to `process`: the running one if it
 * is of the process and does not block it, else the first that does not
 * block it; NULL when all block it (it stays pending for the first to
 * unblock it). */
static struct thread *taker_of(struct process *process, int signal)
{
    if (current_task->process == process && !(current_thread()->signals_blocked & SIGNAL_BIT(signal)))
        return current_thread();
    for (struct thread *thread = process->threads; thread; thread = thread->next_in_process)
        if (!(thread->signals_blocked & SIGNAL_BIT(signal)))
            return thread;
    return 0;
}

/* SIGCONT and SIGKILL resume a stopped process and cancel pending stops;
 * a stop cancels a pending SIGCONT. (Apart, so that the common signal's
 * path stays short.) */
static void __attribute__((noinline)) stop_or_continue(struct process *process, int signal)
{
    if (SIGNAL_BIT(signal) & STOP_SIGNALS) {
        process->signals_pending &= ~SIGNAL_BIT(SIGCONT);
        return;
    }
    process->signals_pending &= ~STOP_SIGNALS;
    for (struct thread *thread = process->threads; thread; thread = thread->next_in_process)
        thread->signals_pending &= ~STOP_SIGNALS;
    resume_if_stopped(process, signal);
}

/* What every signal does first, whoever it is sent to (stop_or_continue).
 * Returns whether the signal is still to be made pending: an ignored
 * signal is dropped now, unless blocked (the thread might install a
 * handler before it unblocks it). */
static inline int prepare(struct process *process, int signal, int blocked)
{
    if (SIGNAL_BIT(signal) & (SIGNAL_BIT(SIGCONT) | SIGNAL_BIT(SIGKILL) | STOP_SIGNALS))
        stop_or_continue(process, signal);
    return blocked || !is_ignored(process, signal);
}

/* Makes `signal` pending for the process, with no questions about who
 * sends it, and readies the thread that will take it. */
static void send_now(struct process *process, int signal)
{
    if (process->state != PROCESS_ALIVE || !process->threads)
        return;
    trace_thread_event(trace_sender(), "signal", "to=%d sig=%d", process->pid, signal);
    struct thread *taker = taker_of(process, signal);
    if (!prepare(process, signal, taker == 0))
        return;
    process->signals_pending |= SIGNAL_BIT(signal);
    if (!taker)
        return;                                /* pending until a thread unblocks it */
    /* every thread that may take it looks on its way back to user mode;
     * the first one there takes it */
    for (struct thread *thread = process->threads; thread; thread = thread->next_in_process)
        if (!(thread->signals_blocked & SIGNAL_BIT(signal)))
            thread->task.user_work_pending |= TASK_WORK_SIGNAL;
    wait_queue_interrupt(&taker->task);
}

/* Makes `signal` pending for `thread` alone (pthread_kill, a fault,
 * SIGPIPE) and wakes it if it may take it now. */
static void send_to_thread(struct thread *thread, int signal)
{
    struct process *process = thread->task.process;
    if (!process || process->state != PROCESS_ALIVE)
        return;
    if (!process->exiting)                     /* the SIGKILLs that end an ending process's threads are no IPC */
        trace_thread_event(trace_sender(), "signal", "to=%d to_tid=%d sig=%d", process->pid, thread->tid,
                           signal);
    if (!prepare(process, signal, (thread->signals_blocked & SIGNAL_BIT(signal)) != 0))
        return;
    thread->signals_pending |= SIGNAL_BIT(signal);
    update_work(thread);
    if (SIGNAL_BIT(signal) & ~thread->signals_blocked)
        wait_queue_interrupt(&thread->task);
}

void signal_send(struct process *process, int signal)
{
    /* init gets only the signals it has handlers for (as on Linux): it must
     * never stop or die of someone's kill, or nobody would reap orphans */
    if (process->pid == 1 && process->signal_actions[signal].handler == SIG_DFL_VALUE)
        return;
    send_now(process, signal);
}

int signal_send_info(struct process *process, const struct kernel_siginfo *info)
{
    signal_send(process, info->signo);
    return 0;
}

void signal_send_thread(struct thread *thread, int signal)
{
    struct process *process = thread->task.process;
    if (process->pid == 1 && process->signal_actions[signal].handler == SIG_DFL_VALUE)
        return;
    send_to_thread(thread, signal);
}

void signal_kill_thread(struct thread *thread)
{
    send_to_thread(thread, SIGKILL);
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

void signal_force(struct thread *thread, int signal)
{
    struct process *process = thread->task.process;
    struct kernel_sigaction *action = &process->signal_actions[signal];
    if ((thread->signals_blocked & SIGNAL_BIT(signal)) || action->handler == SIG_IGN_VALUE) {
        action->handler = SIG_DFL_VALUE;
        thread->signals_blocked &= ~SIGNAL_BIT(signal);
    }
    send_to_thread(thread, signal);  /* even init: a fault of its own is a kernel-worthy bug */
}

void signal_child_changed(struct process *parent, int stopped)
{
    if (!parent)
        return;
    wait_queue_wake_all(&parent->child_changed);
    if (!(stopped && (parent->signal_actions[SIGCHLD].flags & SA_NOCLDSTOP)))
        signal_send(parent, SIGCHLD);
}

/* While the process is stopped, its threads wait here, each on its way
 * back to user mode, until SIGCONT or SIGKILL. Context: a system call
 * (kernel lock held); sleeps. */
static void wait_while_stopped(struct process *process)
{
    while (process->stopped) {
        trace_current_event("block", "task=%u reason=\"stopped\" on=\"signal %d\"", current_task->id,
                            process->stop_signal);
        block_task("stopped");
    }
}

/* A stop signal's default action: the whole process stops, the taker at
 * once, the other threads on their way back to user mode. */
static void stop_process(struct process *process, int signal)
{
    process->stopped = 1;
    process->stop_signal = signal;
    process->stop_reported = 0;
    update_work_of_all(process);
    signal_child_changed(process->parent, 1);
    wait_while_stopped(process);
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
        frame->eip -= 2;                         /* back onto the `int 0x80` */
    } else {
        thread_abandon_interrupted_call(thread);
        frame->eax = (uint32_t)-EINTR;
    }
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
        uint32_t deliverable = deliverable_to(thread);
        if (!deliverable)
            break;
        int signal = __builtin_ctz(deliverable) + 1;   /* the lowest number first */
        if (thread->signals_pending & SIGNAL_BIT(signal))
            thread->signals_pending &= ~SIGNAL_BIT(signal);
        else
            process->signals_pending &= ~SIGNAL_BIT(signal);
        struct kernel_sigaction *action = &process->signal_actions[signal];
        trace_thread_event(thread, "deliver", "sig=%d action=%s", signal, action_name(action, signal));

        if (action->handler == SIG_IGN_VALUE)
            continue;
        if (action->handler == SIG_DFL_VALUE) {
            switch (default_action(signal)) {
            case IGNORE:
            case CONTINUE:
                continue;
            case STOP:
                stop_process(process, signal);
                continue;
            case TERMINATE:
                process_exit(W_EXITCODE(0, signal));
            }
        }

        /* a handler: it runs first, then sigreturn resumes the program */
        finish_interrupted_call(frame, 1, (action->flags & SA_RESTART) != 0);
        uint32_t blocked_to_restore = thread->restore_blocked_after_signal ?
                                      thread->blocked_before_suspend : thread->signals_blocked;
        thread->restore_blocked_after_signal = 0;
        if (signal_frame_push(frame, signal, action->handler, blocked_to_restore) < 0)
            process_exit(W_EXITCODE(0, SIGSEGV));   /* no room on its stack for the frame */
        thread->signals_blocked |= action->mask | ((action->flags & SA_NODEFER) ? 0 : SIGNAL_BIT(signal));
        thread->signals_blocked &= ~UNBLOCKABLE;
        if (action->flags & SA_RESETHAND)
            action->handler = SIG_DFL_VALUE;
        update_work(thread);
        return;                                  /* one handler per trip to user mode */
    }
    finish_interrupted_call(frame, 0, 0);        /* no handler ran: the call goes on */
    if (thread->restore_blocked_after_signal) {
        thread->signals_blocked = thread->blocked_before_suspend;
        thread->restore_blocked_after_signal = 0;
    }
    update_work(thread);
}

void signal_fork(struct process *child, const struct process *parent)
{
    memcpy(child->signal_actions, parent->signal_actions, sizeof child->signal_actions);
    child->signals_pending = 0;
}

void signal_exec(struct process *process)
{
    for (int signal = 1; signal < NSIG; signal++) {
        struct kernel_sigaction *action = &process->signal_actions[signal];
        if (action->handler != SIG_IGN_VALUE)
            action->handler = SIG_DFL_VALUE;
        action->flags = 0;
        action->mask = 0;
    }
}

/* ---- the system calls ---------------------------------------------------- */

static int valid_signal(int signal)
{
    return signal > 0 && signal < NSIG;
}

int sys_kill(int pid, int signal)
{
    if (signal < 0 || signal >= NSIG)
        return -EINVAL;
    struct process *self = current_task->process;
    if (pid > 0) {
        struct process *target = process_find(pid);
        if (!target)
            return -ESRCH;
        if (signal)
            signal_send(target, signal);     /* a zombie exists but ignores it */
        return 0;
    }
    int group = pid == 0 ? self->process_group : -pid;
    int count = 0;
    for (int slot = 0; slot < MAX_PROCESSES; slot++) {
        struct process *target = process_slot(slot);
        if (target->state == PROCESS_FREE)
            continue;
        if (pid == -1 ? (target->pid == 1 || target == self) : target->process_group != group)
            continue;                            /* kill(-1): everyone but init and me */
        if (signal)
            signal_send(target, signal);
        count++;
    }
    return count ? 0 : -ESRCH;
}

int sys_tkill(int tid, int signal)
{
    if (signal < 0 || signal >= NSIG)
        return -EINVAL;
    struct thread *thread = thread_find(tid);
    if (!thread)
        return -ESRCH;
    if (signal)
        signal_send_thread(thread, signal);
    return 0;
}

int sys_sigaction(int signal, const struct kernel_sigaction *user_action, struct kernel_sigaction *user_old)
{
    if (!valid_signal(signal))
        return -EINVAL;
    struct process *process = current_task->process;
    struct kernel_sigaction action, old = process->signal_actions[signal];
    if (user_action) {
        if (copy_from_user(&action, user_action, sizeof action) < 0)
            return -EFAULT;
        if (signal == SIGKILL || signal == SIGSTOP)
            return -EINVAL;
    }
    if (user_old && copy_to_user(user_old, &old, sizeof old) < 0)
        return -EFAULT;
    if (user_action) {
        action.mask &= ~UNBLOCKABLE;
        process->signal_actions[signal] = action;
        if (is_ignored(process, signal)) {                      /* ignoring drops a pending one */
            process->signals_pending &= ~SIGNAL_BIT(signal);
            for (struct thread *thread = process->threads; thread; thread = thread->next_in_process)
                thread->signals_pending &= ~SIGNAL_BIT(signal);
        }
        update_work_of_all(process);
    }
    return 0;
}

int sys_sigprocmask(int how, const uint32_t *user_set, uint32_t *user_old)
{
    struct thread *thread = current_thread();       /* the mask is the thread's */
    uint32_t old = thread->signals_blocked, set = 0;
    if (user_set && copy_from_user(&set, user_set, sizeof set) < 0)
        return -EFAULT;
    if (user_set) {
        switch (how) {
        case SIG_BLOCK: thread->signals_blocked |= set; break;
        case SIG_UNBLOCK: thread->signals_blocked &= ~set; break;
        case SIG_SETMASK: thread->signals_blocked = set; break;
        default: return -EINVAL;
        }
        thread->signals_blocked &= ~UNBLOCKABLE;
    }
    if (user_old && copy_to_user(user_old, &old, sizeof old) < 0)
        return -EFAULT;
    update_work(thread);
    return 0;
}

int sys_sigpending(uint32_t *user_set)
{
    struct thread *thread = current_thread();
    uint32_t pending = (thread->signals_pending | thread->task.process->signals_pending) & thread->signals_blocked;
    return copy_to_user(user_set, &pending, sizeof pending);
}

/* Waits until a signal arrives that the process may take now. Both pause
 * and sigsuspend end with -EINTR once a handler ran; a stop and continue
 * alone lets them wait on. Context: a system call (kernel lock held); sleeps. */
static int wait_for_signal(void)
{
    static struct wait_queue nobody_wakes = WAIT_QUEUE_INITIALIZER;
    while (wait_queue_sleep(&nobody_wakes, "pause", 0, WAIT_INTERRUPTIBLE) != WAKE_INTERRUPTED)
        ;
    return -ERESTARTNOHAND;                      /* EINTR once a handler has run */
}

int sys_pause(void)
{
    return wait_for_signal();
}

int sys_sigsuspend(const uint32_t *user_mask)
{
    struct thread *thread = current_thread();
    uint32_t mask;
    if (copy_from_user(&mask, user_mask, sizeof mask) < 0)
        return -EFAULT;
    thread->blocked_before_suspend = thread->signals_blocked;
    thread->restore_blocked_after_signal = 1;   /* signal_deliver or sigreturn puts it back */
    thread->signals_blocked = mask & ~UNBLOCKABLE;
    update_work(thread);
    return wait_for_signal();
}

int signal_wait_mask_begin(const void *user_mask)
{
    struct thread *thread = current_thread();
    uint32_t mask;
    if (copy_from_user(&mask, user_mask, sizeof mask) < 0)
        return -EFAULT;
    thread->blocked_before_suspend = thread->signals_blocked;
    thread->restore_blocked_after_signal = 1;
    thread->signals_blocked = mask & ~UNBLOCKABLE;
    update_work(thread);
    return 0;
}

void signal_wait_mask_end(int result)
{
    struct thread *thread = current_thread();
    if (result == -EINTR || result == -ERESTARTSYS || result == -ERESTARTNOHAND)
        return;                 /* delivery runs under the temporary mask, then puts it back */
    thread->signals_blocked = thread->blocked_before_suspend;
    thread->restore_blocked_after_signal = 0;
    update_work(thread);
}

int sys_sigreturn(void)
{
    struct thread *thread = current_thread();
    struct trap_frame *frame = (struct trap_frame *)(current_task->kernel_stack_top - sizeof(struct trap_frame));
    uint32_t blocked;
    if (signal_frame_restore(frame, &blocked) < 0) {
        signal_force(thread, SIGSEGV);           /* a forged or damaged frame */
        return 0;
    }
    thread->signals_blocked = blocked & ~UNBLOCKABLE;
    update_work(thread);
    return (int)frame->eax;                      /* the interrupted code's eax, unchanged */
}

/* ---- alarm ------------------------------------------------------------------ */

#define NS_PER_SECOND 1000000000ull
static unsigned armed_alarms;

int sys_alarm(uint32_t seconds)
{
    struct process *process = current_task->process;
    uint64_t now = clock_now_ns();
    uint32_t left = 0;
    if (process->alarm_deadline_ns) {
        uint64_t remaining = process->alarm_deadline_ns > now ? process->alarm_deadline_ns - now : 0;
        left = (uint32_t)((remaining + NS_PER_SECOND - 1) / NS_PER_SECOND);
        if (left == 0)
            left = 1;
        armed_alarms--;
    }
    process->alarm_deadline_ns = seconds ? now + seconds * NS_PER_SECOND : 0;
    if (seconds)
        armed_alarms++;
    return (int)left;
}

/* Called every timer tick: sends SIGALRM to processes whose alarm is due. */
static void check_alarms(uint64_t now)
{
    if (!armed_alarms)
        return;
    for (int slot = 0; slot < MAX_PROCESSES; slot++) {
        struct process *process = process_slot(slot);
        if (process->state == PROCESS_ALIVE && process->alarm_deadline_ns &&
            process->alarm_deadline_ns <= now) {
            process->alarm_deadline_ns = 0;
            armed_alarms--;
            signal_send(process, SIGALRM);
        }
    }
}

void signal_forget_alarm(struct process *process)
{
    if (process->alarm_deadline_ns) {
        process->alarm_deadline_ns = 0;
        armed_alarms--;
    }
}

/* The terminals' hook: Ctrl-C, Ctrl-\ or Ctrl-Z typed on a terminal sends
 * `signal` to its foreground group. Runs in the interrupt handler. */
static void signal_from_terminal(int process_group, int signal)
{
    signal_send_to_group(process_group, signal);
}

/* The wait queues' question before an interruptible sleep: would this
 * task's way back to user mode have work? If so it also says so in the
 * task's work bits, so that the call ends and that work is done (a signal
 * another thread takes first makes the call restart, unseen). */
static int has_deliverable_signal(struct task *task)
{
    if (!task->process)
        return 0;
    if (task->user_work_pending & TASK_WORK_CANCEL)
        return 1;                                /* a cancelled cancellation point (thread_cancel.c) */
    struct thread *thread = thread_of(task);
    if (!has_work(thread))
        return 0;
    task->user_work_pending |= TASK_WORK_SIGNAL;
    return 1;
}

void signal_init(void)
{
    tty_set_signal_hook(signal_from_terminal);
    wait_queue_set_signal_check(has_deliverable_signal);
    clock_set_tick_hook(check_alarms);
}
