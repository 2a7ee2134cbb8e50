/* kernel/ipc/signal_syscalls.c - the signal system calls: sending (kill,
 * tkill, sigqueue), dispositions (sigaction), masks (sigprocmask,
 * sigpending), waiting (pause, sigsuspend, sigtimedwait), the alternate
 * stack (sigaltstack) and the way back from a handler (sigreturn).
 * What they act on is in signal.c and signal_pending.c. */
#include "signal.h"

#include "signal_internal.h"

#include "arch/x86/signal_frame.h"
#include "kernel/syscall.h"
#include "mm/uaccess.h"
#include "proc/users_for_core.h"
#include "sched/clock.h"
#include "sched/task.h"
#include "sched/wait_queue.h"
#include "uapi/errno.h"
#include "uapi/time.h"

#define NS_PER_SECOND 1000000000ull

static int valid_signal(int signal)
{
    return signal > 0 && signal < NSIG;
}

/* May the caller send `signal` to `target`? The user ids must match
 * (credentials_may_signal), except that SIGCONT may go to any process of
 * the caller's session, as POSIX allows and Linux does. */
static int may_signal(const struct process *target, int signal)
{
    const struct process *self = current_task->process;
    return credentials_may_signal(self, target) || (signal == SIGCONT && target->session == self->session);
}

/* ---- sending ------------------------------------------------------------ */

int sys_kill(int pid, int signal)
{
    if (signal < 0 || signal >= NSIG)
        return -EINVAL;
    struct process *self = current_task->process;
    struct signal_origin origin = origin_of_caller(SI_USER, 0);
    if (pid > 0) {
        struct process *target = process_find(pid);
        if (!target)
            return -ESRCH;
        if (!may_signal(target, signal))
            return -EPERM;
        if (signal)
            signal_send_origin(target, signal, &origin);   /* never refused: a full queue keeps a kill
                                                             * pending (signal_pending_add); a zombie ignores it */
        return 0;
    }
    int group = pid == 0 ? self->process_group : -pid;
    int count = 0, forbidden = 0;
    for (int slot = 0; slot < MAX_PROCESSES; slot++) {
        struct process *target = process_slot(slot);
        if (target->state == PROCESS_FREE)
            continue;
        if (pid == -1 ? (target->pid == 1 || target == self) : target->process_group != group)
            continue;                            /* kill(-1): everyone but init and me */
        if (!may_signal(target, signal)) {
            forbidden++;                         /* another user's: passed over */
            continue;
        }
        if (signal)
            signal_send_origin(target, signal, &origin);   /* never refused (above) */
        count++;
    }
    if (count)
        return 0;
    return forbidden ? -EPERM : -ESRCH;
}

int sys_tkill(int tid, int signal)
{
    if (signal < 0 || signal >= NSIG)
        return -EINVAL;
    struct thread *thread = thread_find(tid);
    if (!thread)
        return -ESRCH;
    if (!may_signal(thread->task.process, signal))
        return -EPERM;
    /* SI_USER, not SI_TKILL: what Linux 6.1 gives a signal of tkill and
     * tgkill (raise, pthread_kill), measured; the Open POSIX Test Suite
     * checks raise's (sigwaitinfo 6-1) */
    struct signal_origin origin = origin_of_caller(SI_USER, 0);
    if (!signal || signal_init_refuses(thread->task.process, signal))
        return 0;
    return signal_send_thread_origin(thread, signal, &origin);
}

int sys_sigqueue(int pid, int signal, uint32_t value, int code)
{
    if (signal < 0 || signal >= NSIG)
        return -EINVAL;
    int status = sigqueue_code_check(pid, code);
    if (status < 0)
        return status;
    struct process *target = pid > 0 ? process_find(pid) : 0;
    if (!target)
        return -ESRCH;
    if (!may_signal(target, signal))
        return -EPERM;
    if (!signal)
        return 0;                                /* only: does it exist? */
    struct signal_origin origin = origin_of_caller(code, value);
    return signal_send_origin(target, signal, &origin);
}

/* ---- dispositions and masks --------------------------------------------- */

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
        if (signal_is_ignored(process, signal))   /* ignoring drops a pending one */
            signal_discard(process, SIGNAL_BIT(signal));
        signal_update_work_of_all(process);
    }
    return 0;
}

int sys_sigprocmask(int how, const signal_set *user_set, signal_set *user_old)
{
    struct thread *thread = current_thread();       /* the mask is the thread's */
    signal_set old = thread->signals_blocked, set = 0;
    if (user_set && copy_from_user(&set, user_set, sizeof set) < 0)
        return -EFAULT;
    if (user_set) {
        switch (how) {
        case SIG_BLOCK: signal_set_blocked(thread, old | set); break;
        case SIG_UNBLOCK: signal_set_blocked(thread, old & ~set); break;
        case SIG_SETMASK: signal_set_blocked(thread, set); break;
        default: return -EINVAL;
        }
    }
    if (user_old && copy_to_user(user_old, &old, sizeof old) < 0)
        return -EFAULT;                          /* the mask changed all the same, as on Linux */
    return 0;
}

int sys_sigpending(signal_set *user_set)
{
    struct thread *thread = current_thread();
    signal_set pending = (thread->signals_pending.set | thread->task.process->signals_pending.set) &
                         thread->signals_blocked;
    return copy_to_user(user_set, &pending, sizeof pending);
}

/* ---- waiting ------------------------------------------------------------ */

/* Waits until a signal arrives that the process may take now. Both pause
 * and sigsuspend end with -EINTR once a handler ran; a stop and continue
 * alone lets them wait on. Context: a system call (kernel lock held); sleeps. */
int signal_wait_for_signal(void)
{
    static struct wait_queue nobody_wakes = WAIT_QUEUE_INITIALIZER;
    while (wait_queue_sleep(&nobody_wakes, "pause", 0, WAIT_INTERRUPTIBLE) != WAKE_INTERRUPTED)
        ;
    return -ERESTARTNOHAND;                      /* EINTR once a handler has run */
}

int sys_pause(void)
{
    return signal_wait_for_signal();
}

int signal_wait_mask_begin(const void *user_mask)
{
    struct thread *thread = current_thread();
    signal_set mask;
    if (copy_from_user(&mask, user_mask, sizeof mask) < 0)
        return -EFAULT;
    thread->blocked_before_suspend = thread->signals_blocked;
    thread->restore_blocked_after_signal = 1;   /* signal_deliver or sigreturn puts it back */
    signal_set_blocked(thread, mask);
    return 0;
}

void signal_wait_mask_end(int result)
{
    struct thread *thread = current_thread();
    if (result == -EINTR || result == -ERESTARTSYS || result == -ERESTARTNOHAND)
        return;                 /* delivery runs under the temporary mask, then puts it back */
    thread->restore_blocked_after_signal = 0;
    signal_set_blocked(thread, thread->blocked_before_suspend);
}

int sys_sigsuspend(const signal_set *user_mask)
{
    int status = signal_wait_mask_begin(user_mask);
    return status < 0 ? status : signal_wait_for_signal();
}

/* sigwaitinfo and sigtimedwait: takes a pending signal of `*user_set`
 * without running its handler, waiting for one (at most `*user_timeout`,
 * relative, when given). While it waits the thread unblocks the set, so
 * that a signal sent to the process picks it to wake; sigwait's caller
 * blocks the set beforehand (POSIX), so nothing else takes them meanwhile,
 * and they still count as blocked for the rule that drops ignored signals
 * at generation (signal.c's prepare), as Linux's real_blocked does: a
 * SIGCHLD left at SIG_DFL is waited for, not lost.
 * Returns the signal and fills `*user_info`; -EAGAIN when the time is up;
 * -EINTR when another signal interrupts it. Context: may sleep. */
int sys_sigtimedwait(const signal_set *user_set, struct kernel_siginfo *user_info,
                     const struct timespec *user_timeout)
{
    signal_set set;
    struct timespec timeout;
    if (copy_from_user(&set, user_set, sizeof set) < 0)
        return -EFAULT;
    set &= ~UNBLOCKABLE;
    uint64_t deadline = 0;
    if (user_timeout) {
        if (copy_from_user(&timeout, user_timeout, sizeof timeout) < 0)
            return -EFAULT;
        if (timeout.tv_sec < 0 || timeout.tv_nsec < 0 || timeout.tv_nsec >= (long)NS_PER_SECOND)
            return -EINVAL;
        deadline = clock_now_ns() + (uint64_t)timeout.tv_sec * NS_PER_SECOND + (uint64_t)timeout.tv_nsec;
    }
    struct thread *thread = current_thread();
    struct signal_origin origin;
    int signal = signal_take(thread, set, &origin);
    if (!signal) {
        if (user_timeout && deadline <= clock_now_ns())
            return -EAGAIN;
        static struct wait_queue nobody_wakes = WAIT_QUEUE_INITIALIZER;
        signal_set blocked = thread->signals_blocked;
        thread->blocked_before_sigwait = blocked;  /* what the ignore rule still sees blocked */
        thread->signals_blocked &= ~set;
        int woken = wait_queue_sleep(&nobody_wakes, "sigwait", user_timeout ? deadline : 0, WAIT_INTERRUPTIBLE);
        thread->signals_blocked = blocked;
        thread->blocked_before_sigwait = 0;
        signal = signal_take(thread, set, &origin);
        signal_update_work(thread);
        signal_retarget(thread, set & blocked);  /* the rest of the set, blocked again: passed on
                                                  * (not signal_set_blocked: after the take) */
        if (!signal)
            return woken == WAKE_TIMEOUT ? -EAGAIN : -EINTR;
    }
    signal_update_work(thread);
    if (user_info) {
        struct kernel_siginfo info;
        signal_origin_to_info(signal, &origin, &info);
        if (copy_to_user(user_info, &info, sizeof info) < 0)
            return -EFAULT;
    }
    return signal;
}

/* ---- the alternate stack ------------------------------------------------ */

/* The user stack pointer the current thread entered the kernel with. */
static unsigned long user_stack_pointer(void)
{
    return signal_call_frame()->user_esp;
}

int sys_sigaltstack(const struct kernel_stack *user_new, struct kernel_stack *user_old)
{
    struct thread *thread = current_thread();
    int on_it = signal_on_alternate_stack(thread, user_stack_pointer());
    struct kernel_stack old = thread->alternate_stack, new;
    old.flags = on_it ? SS_ONSTACK : (old.flags & SS_DISABLE);
    if (user_new) {
        if (copy_from_user(&new, user_new, sizeof new) < 0)
            return -EFAULT;
        if (on_it)
            return -EPERM;                       /* not while a handler runs on it */
        /* 0 or SS_DISABLE; SS_ONSTACK alone is taken as 0, as Linux does */
        if (new.flags != 0 && new.flags != SS_DISABLE && new.flags != SS_ONSTACK)
            return -EINVAL;
        if (new.flags & SS_DISABLE)
            new = (struct kernel_stack){ .flags = SS_DISABLE };
        else if (new.size < MINSIGSTKSZ)
            return -ENOMEM;
        else
            new.flags = 0;
    }
    if (user_old && copy_to_user(user_old, &old, sizeof old) < 0)
        return -EFAULT;
    if (user_new)
        thread->alternate_stack = new;
    return 0;
}

/* ---- back from a handler ------------------------------------------------ */

int signal_return_from_handler(struct trap_frame *frame, int *eax)
{
    struct thread *thread = current_thread();
    signal_set blocked;
    if (signal_frame_restore(frame, &blocked) < 0)
        return -EFAULT;
    signal_set_blocked(thread, blocked);
    *eax = (int)frame->eax;                      /* the interrupted code's eax, unchanged */
    return 0;
}

int sys_sigreturn(void)
{
    int eax;
    if (signal_return_from_handler(signal_call_frame(), &eax) < 0) {
        signal_force(current_thread(), SIGSEGV);   /* a forged or damaged frame */
        return 0;
    }
    return eax;
}
