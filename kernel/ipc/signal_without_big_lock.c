/* kernel/ipc/signal_without_big_lock.c - kill(2) and sigqueue(2) to a
 * process that waits for the signal in sigwaitinfo, and that wait, on
 * several CPUs without the big kernel lock: the sender hands the signal
 * straight to the waiting thread under the thread's sigwait lock, so that
 * two pairs of processes that signal each other run their calls at once
 * on two CPUs (docs/smp.md, "Signals without the big lock").
 *
 * The rules are signal.c's and signal_syscalls.c's; this is the same send
 * and the same wait for the usual case of a process that waits for what
 * it is sent, and every other case takes the big lock and goes that way:
 *
 *   usual here                               the big lock's way
 *   ---------------------------------------  -----------------------------------------
 *   kill or sigqueue to one process (pid >   a group, everyone, pid 0, init; a
 *     1), a signal from 1 to 64 but             signal 0; SIGKILL, SIGSTOP, SIGCONT
 *     SIGKILL, SIGSTOP, SIGCONT and the          and the stop signals (they stop,
 *     stop signals                               continue or end the process)
 *   its thread asleep here, in sigwaitinfo   not waiting here: the signal becomes
 *     or sigtimedwait without a timeout,        pending, and the waiter is woken the
 *     for a set with the signal, which it       usual way if it waits; a signal it
 *     blocked before the call                   did not block (its action decides)
 *   the caller may signal it (user ids)      EPERM (and ESRCH: no such process)
 *   a waiter with nothing of its set         something pending there: the big
 *     pending                                   lock's wait takes it
 *   caller and waiter processes of one thread, no work pending, the trace off
 *
 * The signal handed over is never pending: the sender writes it and its
 * origin (who sent it, the value) into the waiter's `sigwait` and wakes
 * it, and the waiter's sigwaitinfo returns them, as if it had taken the
 * signal from its pending set the moment it arrived. A real-time signal
 * handed over takes no queue entry.
 *
 * A waiter here and a sender with the big lock (any other send: another
 * signal, a child's SIGCHLD, a timer) meet as the big lock's wait and send
 * do: the waiter unblocks its set while it waits, and the sender then
 * finds it as the signal's taker and interrupts its wait. Here the waiter
 * unblocks the set and then looks at the pending sets; the sender makes
 * the signal pending and then looks at the masks (signal.c's
 * send_to_process); a full fence on each side, so one of them sees the
 * other: either the waiter finds the signal pending and takes the big
 * lock's way, or the sender finds the set unblocked and interrupts the
 * wait (then the waiter takes the big lock's way). A sender here looks
 * for a waiter asleep under the waiter's lock, which the waiter holds
 * from before it joins its queue until it is blocked, so a wait the big
 * lock's sender interrupted is no longer found, and the same sender's
 * next signal goes pending after the first: one sender's real-time
 * signals arrive in the order sent.
 *
 * Context of all: a system call without the big kernel lock, interrupts
 * off, in a process of one thread (checked). The waiter's thread is found
 * by its id in a lookup (sched/lookup.h), so it cannot be freed before
 * the lookup ends. */
#include "signal.h"

#include "signal_internal.h"

#include "fs/file_without_big_lock.h"
#include "kernel/syscall.h"
#include "mm/uaccess.h"
#include "proc/credentials.h"
#include "proc/thread.h"
#include "sched/lookup.h"
#include "sched/smp_wait.h"
#include "sched/spinlock.h"
#include "uapi/errno.h"
#include "uapi/syscall.h"

/* The signals that stop, continue or end a process: signal.c's prepare
 * must see them, with the big lock. */
#define NEVER_HANDED (UNBLOCKABLE | STOP_SIGNALS | SIGNAL_BIT(SIGCONT))

/* Is `thread` asleep here, waiting for `signal`, which it blocked before
 * its call? Context: its sigwait lock held, which a waiter here holds
 * until it is blocked (block_task_giving), and a sender takes. */
static inline int waits_here_for(const struct thread *thread, int signal)
{
    const struct sigwait *wait = &thread->sigwait;
    return thread->task.waiting_on == &wait->queue &&
           __atomic_load_n(&thread->task.state, __ATOMIC_ACQUIRE) == TASK_BLOCKED && !wait->handed &&
           (wait->set & SIGNAL_BIT(signal)) && (thread->blocked_before_sigwait & SIGNAL_BIT(signal));
}

/* Hands `signal` from `origin` to the process `pid`'s thread if it waits
 * here for it: 1 if done, 0 for the big lock's way (nothing was changed). */
static int hand_over(int pid, int signal, const struct signal_origin *origin)
{
    if (pid <= 1 || signal <= 0 || signal >= NSIG || (SIGNAL_BIT(signal) & NEVER_HANDED) ||
        !call_may_go_without_big_lock())
        return 0;
    int done = 0;
    lookup_begin();
    struct thread *waiter = thread_find(pid);
    if (waiter && waiter != current_thread()) {
        struct sigwait *wait = &waiter->sigwait;
        spinlock_take(&wait->lock);
        /* asleep here: alive, its process too, and its ids cannot change */
        if (waits_here_for(waiter, signal) && waiter->task.process->pid == pid &&
            credentials_may_signal(current_task->process, waiter->task.process)) {
            wait->handed = signal;
            wait->origin = *origin;
            wait_queue_wake_all(&wait->queue);     /* the waiter, alone there */
            done = 1;
        }
        spinlock_give(&wait->lock);
    }
    lookup_end();
    return done;
}

/* kill's row in the table. Context: a system call, with the big lock or
 * without it. */
static int kill_row(int pid, int signal)
{
    struct signal_origin origin = origin_of_caller(SI_USER, 0);
    return syscall_done_without_big_lock(hand_over(pid, signal, &origin)) ? 0 : sys_kill(pid, signal);
}

/* sigqueue's row; the same. */
static int sigqueue_row(int pid, int signal, uint32_t value)
{
    struct signal_origin origin = origin_of_caller(SI_QUEUE, value);
    return syscall_done_without_big_lock(hand_over(pid, signal, &origin)) ? 0 : sys_sigqueue(pid, signal, value);
}

/* sigtimedwait without a timeout for `*user_set`: waits here until a
 * signal of the set is handed over (then 1, *result the signal or
 * -EFAULT), or returns 0 for the big lock's way: something of the set
 * pending, a signal or other work to do, an address that faults. The
 * mask is as it was on return either way. */
static int wait_for_hand_over(const signal_set *user_set, struct kernel_siginfo *user_info, int *result)
{
    signal_set set;
    if (copy_from_user(&set, user_set, sizeof set) < 0)
        return 0;
    set &= ~UNBLOCKABLE;
    struct thread *self = current_thread();
    struct process *process = self->task.process;
    signal_set blocked = self->signals_blocked;
    self->blocked_before_sigwait = blocked;        /* what the ignore rule still sees blocked */
    self->signals_blocked = blocked & ~set;        /* a sender with the big lock finds us its taker */
    __atomic_thread_fence(__ATOMIC_SEQ_CST);       /* the mask, then the pending sets: see above */
    int handed = 0;
    struct signal_origin origin;
    if (set && !((self->signals_pending.set | process->signals_pending.set) & set)) {
        struct sigwait *wait = &self->sigwait;
        spinlock_take(&wait->lock);
        wait->set = set;
        while (!wait->handed && wait_queue_sleep_giving(&wait->queue, "sigwait") == WAKE_NORMAL)
            continue;
        handed = wait->handed;                     /* (handed over even if the wait was interrupted) */
        origin = wait->origin;
        wait->set = 0;
        wait->handed = 0;
        spinlock_give(&wait->lock);
    }
    self->signals_blocked = blocked;
    self->blocked_before_sigwait = 0;
    if (!handed)
        return 0;
    *result = handed;
    if (user_info) {
        struct kernel_siginfo info;
        signal_origin_to_info(handed, &origin, &info);
        if (copy_to_user(user_info, &info, sizeof info) < 0)
            *result = -EFAULT;                     /* taken all the same, as the big lock's way */
    }
    return 1;
}

/* sigtimedwait's row. */
static int sigtimedwait_row(const signal_set *user_set, struct kernel_siginfo *user_info,
                            const struct timespec *user_timeout)
{
    int result = 0;
    int done = !user_timeout && call_may_go_without_big_lock() && wait_for_hand_over(user_set, user_info, &result);
    return syscall_done_without_big_lock(done) ? result : sys_sigtimedwait(user_set, user_info, user_timeout);
}

void signal_calls_without_big_lock_start(void)
{
    syscall_replace_without_big_lock(SYS_kill, kill_row);
    syscall_replace_without_big_lock(SYS_sigqueue, sigqueue_row);
    syscall_replace_without_big_lock(SYS_sigtimedwait, sigtimedwait_row);
}
