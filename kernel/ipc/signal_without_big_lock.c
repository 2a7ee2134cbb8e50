/* kernel/ipc/signal_without_big_lock.c - kill(2) and sigqueue(2) to a
 * process that waits for the signal, and that wait, on several CPUs
 * without the big kernel lock: the sender hands the signal straight to
 * the waiting thread under the thread's sigwait lock, so that two pairs
 * of processes that signal each other run their calls at once on two
 * CPUs (docs/smp.md, "Signals without the big lock"). A thread waits for
 * a signal in one of two ways, and both are here:
 *
 *   sigwaitinfo(set)        takes the signal without a handler: the call
 *                           returns it and who sent it
 *   sigsuspend(mask), pause runs the signal's handler: the waiter builds
 *                           the handler's frame itself (signal.c's
 *                           signal_run_handed) and the call returns EINTR
 *                           into the handler; its sigreturn, and
 *                           sigprocmask, run here too
 *
 * A signal to a process of one thread that does not wait here, and has a
 * handler for it, becomes pending here too, under the process's signal
 * lock (make_pending, below; docs/smp.md, "A signal made pending without
 * the big lock"), and its handler runs on the thread's way back to user
 * mode without the big lock too, from a call or from the reschedule
 * message that kicked it (signal_deliver_without_big_lock, at the end).
 * The rules are signal.c's and signal_syscalls.c's; this
 * is the same send and the same wait for those usual cases, and every
 * other case takes the big lock and goes that way:
 *
 *   usual here                               the big lock's way
 *   ---------------------------------------  -----------------------------------------
 *   kill or sigqueue to one process (pid >   a group, everyone, pid 0, init; a
 *     1), a signal from 1 to 64 but             signal 0; SIGKILL, SIGSTOP, SIGCONT
 *     SIGKILL, SIGSTOP, SIGCONT and the          and the stop signals (they stop,
 *     stop signals                               continue or end the process)
 *   its thread asleep here: in sigwaitinfo   not waiting here, or a signal it did
 *     or sigtimedwait without a timeout,        not block (its action decides): made
 *     for a set with the signal, which it       pending here if its process has one
 *     blocked before the call; or in            thread and a handler for it (a wait
 *     sigsuspend or pause, with a mask that     the thread is in ends with the big
 *     lets the signal in and a handler for it   lock); a signal whose action is
 *                                               SIG_DFL or SIG_IGN
 *   the caller may signal it (user ids)      EPERM (and ESRCH: no such process)
 *   a waiter with nothing it may take        something pending there: the big
 *     pending                                   lock's wait takes it
 *   the handler's frame on memory that is    a page to fault in: the big lock
 *     there                                     (taken, and the frame built again)
 *   the caller a process of any number of    a waiter of several threads in
 *     threads (it reads of its process its      sigsuspend or pause, or in
 *     ids alone); the waiter of one thread,     sigwaitinfo while
 *     or in sigwaitinfo: the thread the pid     SIGWAITERS_WITHOUT_BIG_LOCK threads
 *     names, or, if that one blocks the         of its process wait there
 *     signal, one of the process's threads
 *     waiting there (`sigwaiters`)
 *   no work pending, the trace off
 *
 * The signal handed over is never pending: the sender writes it and its
 * origin (who sent it, the value) into the waiter's `sigwait` and wakes
 * it, and the waiter's call returns them, or runs their handler, as if
 * it had taken the signal from its pending set the moment it arrived. A
 * real-time signal handed over takes no queue entry.
 *
 * A waiter here and a sender with the big lock (any other send: another
 * signal, a child's SIGCHLD, a timer) meet as the big lock's wait and send
 * do: the waiter unblocks the signals while it waits, and the sender then
 * finds it as the signal's taker and interrupts its wait. Here the waiter
 * changes its mask and then looks at the pending sets; the sender makes
 * the signal pending and then looks at the masks (signal.c's
 * send_to_process); a full fence on each side, so one of them sees the
 * other: either the waiter finds the signal pending and takes the big
 * lock's way, or the sender finds the set unblocked and interrupts the
 * wait (then the waiter takes the big lock's way). For the same reason a
 * mask changed here (sigsuspend, sigreturn, sigprocmask) only ever sets
 * the thread's signal work bit, never clears it (signal_update_work). A
 * sender here looks for a waiter asleep under the waiter's lock, which the
 * waiter holds from before it joins its queue until it is blocked, so a
 * wait the big lock's sender interrupted is no longer found, and the same
 * sender's next signal goes pending after the first: one sender's
 * real-time signals arrive in the order sent.
 *
 * A waiter's mask and actions are its own: in a process of one thread
 * nobody else changes them, so a sender reads them while the waiter
 * sleeps, and the waiter reads them without any lock. A thread's mask
 * is its own in a process of several threads too, and a waiter there
 * waits only in sigwaitinfo, which runs no handler: the actions, which
 * the other threads may change, are not read. sigwaitinfo is a
 * cancellation point, and comes here as one without the big lock too
 * (thread_cancel_point, kernel/proc/thread_cancel.c).
 *
 * A sender reads of its own process only its pid and its user ids (the
 * signal's origin, the permission), in a process of several threads too.
 * Another thread may change the ids meanwhile (setuid, with the big
 * lock): each is one word, read whole, and a mix of old and new ids lets
 * through no signal that the old ids or the new ones alone would not, so
 * the send is as if made just before the change or just after it.
 *
 * Context of all: a system call without the big kernel lock (or, for the
 * delivery, the way back to user mode of one, or of the reschedule
 * message), interrupts off; the sends, sigwaitinfo's wait and
 * sigprocmask in a process of any number of threads, the rest in a
 * process of one thread (checked). The waiter's thread is found by its id, or in its
 * process's `sigwaiters`, in a lookup (sched/lookup.h), so it cannot be
 * freed before the lookup ends: it leaves `sigwaiters` before it can end. */
#include "signal.h"

#include "signal_internal.h"

#include "event_files_for_core.h"

#include "arch/x86/smp_for_core.h"
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

/* Does `process` catch `signal` with a handler (not SIG_DFL, not SIG_IGN)? */
static inline int caught(const struct process *process, int signal)
{
    uint32_t handler = process->signal_actions[signal].handler;
    return handler != SIG_DFL_VALUE && handler != SIG_IGN_VALUE;
}

/* Is `thread` asleep here, waiting for `signal`: in sigwaitinfo for a set
 * with it, which it blocked before its call; or in sigsuspend or pause
 * with a mask that lets it in, and a handler for it? Its actions and mask
 * are its own (a process of one thread) and cannot change while it
 * sleeps. Context: its sigwait lock held, which a waiter here holds until
 * it is blocked (block_task_giving), and a sender takes. */
static inline int waits_here_for(const struct thread *thread, int signal)
{
    const struct sigwait *wait = &thread->sigwait;
    if (thread->task.waiting_on != &wait->queue ||
        __atomic_load_n(&thread->task.state, __ATOMIC_ACQUIRE) != TASK_BLOCKED || wait->handed ||
        !(wait->set & SIGNAL_BIT(signal)))
        return 0;
    return wait->runs_handler ? caught(thread->task.process, signal) :
                                (thread->blocked_before_sigwait & SIGNAL_BIT(signal)) != 0;
}

/* Hands `signal` from `origin` to `waiter` if it waits here for it, in
 * the process `pid`: 1 if done, 0 if not (nothing was changed). Not while
 * a signal of the waiter's set is pending for it or its process (made
 * pending the big lock's way, for another thread): the big lock's way
 * then, which queues this one behind, so that the waiter takes the
 * lowest first and one sender's real-time signals in the order sent.
 * Context: in a lookup that found `waiter`. */
static int hand_to(struct thread *waiter, int pid, int signal, const struct signal_origin *origin)
{
    int done = 0;
    struct sigwait *wait = &waiter->sigwait;
    spinlock_take(&wait->lock);
    /* asleep here: alive, its process too, and its ids cannot change */
    if (waits_here_for(waiter, signal) && waiter->task.process->pid == pid &&
        !signal_set_has_any_now(&waiter->signals_pending.set, wait->set) &&
        !signal_set_has_any_now(&waiter->task.process->signals_pending.set, wait->set) &&
        credentials_may_signal(current_task->process, waiter->task.process)) {
        wait->handed = signal;
        wait->origin = *origin;
        wait_queue_wake_all(&wait->queue);     /* the waiter, alone there */
        done = 1;
    }
    spinlock_give(&wait->lock);
    return done;
}

/* Hands `signal` from `origin` to the process `pid`: to the thread the
 * pid names if it waits here for it; else, if that thread blocks it, to
 * the first of the process's other threads in sigwaitinfo here (its
 * `sigwaiters`) that waits for it, as Linux gives a signal to the named
 * thread if it may take it and else to another that may. 1 if done, 0
 * for the big lock's way (nothing was changed). */
static int hand_over(int pid, int signal, const struct signal_origin *origin)
{
    if (pid <= 1 || signal <= 0 || signal >= NSIG || (SIGNAL_BIT(signal) & NEVER_HANDED) ||
        !call_of_any_thread_may_go_without_big_lock())
        return 0;
    int done = 0;
    lookup_begin();                       /* the threads, and the process's slot, stay */
    struct thread *named = thread_find(pid);
    struct process *process = named ? __atomic_load_n(&named->task.process, __ATOMIC_RELAXED) : 0;
    if (process && named != current_thread()) {
        done = hand_to(named, pid, signal, origin);
        if (!done && signal_set_has_now(&named->signals_blocked, signal)) {
            for (int slot = 0; slot < SIGWAITERS_WITHOUT_BIG_LOCK && !done; slot++) {
                struct thread *other = __atomic_load_n(&process->sigwaiters[slot], __ATOMIC_ACQUIRE);
                if (other && other != named)
                    done = hand_to(other, pid, signal, origin);
            }
        }
    }
    lookup_end();
    return done;
}

/* What make_pending did. */
enum { GO_WITH_BIG_LOCK, PENDING, PENDING_TAKER_TO_TELL };

/* Makes `signal` from `origin` pending for the process `pid` when it has
 * one thread and a handler for the signal (which then neither stops,
 * continues nor ends it), under the process's signal lock: *result is 0,
 * or -EAGAIN when a real-time signal finds the process's queue full.
 * Then, if the thread does not block it, sets the thread's signal work
 * bit and looks where the thread is: running on another CPU, it is
 * kicked (an interrupt), and takes the signal on its way back to user
 * mode; waiting on a queue, its wait must end, which needs the big lock
 * (PENDING_TAKER_TO_TELL, for the caller; the wait of a stopped process,
 * which no signal ends, comes there too, and is left as it is); ready to
 * run, it takes the signal when it runs. A thread about to wait looks
 * at the pending sets after joining its queue (wait_queue.c,
 * signal_came_while_joining). The
 * process may have made a second thread since its count was read: the
 * count is read again after the signal is pending (the creator counts
 * the new thread, and later changes a mask, then looks at the pending
 * sets: a full fence on each side), and a second thread leaves the
 * choice of a taker to the big lock too (PENDING_TAKER_TO_TELL). So does
 * a thread no longer in the thread table: it is ending, and another
 * thread may be left (a thread that ends leaves the table, then looks at
 * the pending sets: signal_thread_ended). So does an open signalfd
 * anywhere (read after the signal is pending, as the count is): its
 * readers are woken with the big lock (ipc/signalfd.c, "The wake-up").
 * Returns GO_WITH_BIG_LOCK
 * (nothing changed) for the big lock's way. */
static int make_pending(int pid, int signal, const struct signal_origin *origin, int *result)
{
    if (pid <= 1 || signal <= 0 || signal >= NSIG || (SIGNAL_BIT(signal) & NEVER_HANDED) ||
        !call_of_any_thread_may_go_without_big_lock())
        return GO_WITH_BIG_LOCK;
    int done = GO_WITH_BIG_LOCK;
    lookup_begin();                       /* the thread, and its process's slot (process_free), stay */
    struct thread *thread = thread_find(pid);
    struct process *process = thread ? thread->task.process : 0;
    if (process && process->pid == pid && process->thread_count == 1 && thread != current_thread() &&
        caught(process, signal) && credentials_may_signal(current_task->process, process)) {
        signals_lock(process);
        if (!process->signals_closed && !process->exiting) {
            *result = signal_pending_add(&process->signals_pending, process, signal, origin, 0);
            done = PENDING;
        }
        signals_unlock(process);
    }
    if (done == PENDING && *result == 0) {
        /* the signal pending, then the mask: the thread changes its mask,
         * then looks at the pending sets (signal_update_work) */
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        if (__atomic_load_n(&process->thread_count, __ATOMIC_RELAXED) != 1 || thread_find(pid) != thread) {
            done = PENDING_TAKER_TO_TELL;         /* a new thread, which may be the taker, or this one ending */
        } else if (signalfd_exists()) {
            done = PENDING_TAKER_TO_TELL;         /* and a signalfd's reader: woken with the big lock */
        } else if (!(thread->signals_blocked & SIGNAL_BIT(signal))) {
            task_work_set(&thread->task, TASK_WORK_SIGNAL);
            __atomic_thread_fence(__ATOMIC_SEQ_CST);   /* the bit set, then the queue read */
            if (__atomic_load_n(&thread->task.waiting_on, __ATOMIC_RELAXED))
                done = PENDING_TAKER_TO_TELL;
            else
                smp_kick_running(&thread->task);
        }
    }
    lookup_end();
    return done;
}

/* The end of a send made pending here whose taker is to be told with
 * the big lock (a wait to end, or a thread to choose among several),
 * which is taken now for the rest of the call (no lookup may wait for
 * it). The process is looked for again: it may have ended meanwhile, or
 * taken the signal already. Context: a system call that began without
 * the big lock. */
static void tell_taker_with_big_lock(int pid, int signal)
{
    syscall_done_without_big_lock(0);     /* counted as given to it, and taken */
    signalfd_notify();                    /* (ipc/signalfd.c, "The wake-up") */
    struct process *process = process_find(pid);   /* its first thread may have ended */
    if (process && process->state == PROCESS_ALIVE)
        signal_tell_taker(process, signal);
}

/* kill's and sigqueue's way: handed to a waiter, or made pending, or the
 * big lock's. 1 if done here, with *result. */
static int send_without_big_lock(int pid, int signal, const struct signal_origin *origin, int *result)
{
    *result = 0;
    if (hand_over(pid, signal, origin))
        return syscall_done_without_big_lock(1);
    int how = make_pending(pid, signal, origin, result);
    if (how == PENDING_TAKER_TO_TELL) {
        tell_taker_with_big_lock(pid, signal);
        return 1;
    }
    return syscall_done_without_big_lock(how == PENDING);
}

/* kill's row in the table. Context: a system call, with the big lock or
 * without it. */
static int kill_row(int pid, int signal)
{
    struct signal_origin origin = origin_of_caller(SI_USER, 0);
    int result;                       /* 0: a kill is never refused (signal_pending_add) */
    return send_without_big_lock(pid, signal, &origin, &result) ? 0 : sys_kill(pid, signal);
}

/* sigqueue's row; the same. */
static int sigqueue_row(int pid, int signal, uint32_t value, int code)
{
    if (sigqueue_code_check(pid, code) < 0)
        return sys_sigqueue(pid, signal, value, code);      /* which says why */
    struct signal_origin origin = origin_of_caller(code, value);
    int result;
    return send_without_big_lock(pid, signal, &origin, &result) ? result : sys_sigqueue(pid, signal, value, code);
}

/* The running thread has just blocked `newly_blocked` here, without the
 * big lock (sigprocmask, or the end of sigwaitinfo, whose set is blocked
 * again). A signal of them pending for its process, in a process of
 * several threads, may have been chosen for it by a sender with the big
 * lock (signal.c's send_to_process), which makes the signal pending and
 * then looks at the masks; we changed the mask and now look at the
 * pending set: a full fence on each side, so either we see the signal or
 * the sender sees the new mask and chooses another taker. When we see
 * one, the big lock is taken, for the rest of the call, and
 * signal_retarget tells another thread (1); else nothing (0). */
static int retarget_without_big_lock(struct thread *self, signal_set newly_blocked)
{
    struct process *process = self->task.process;
    if (!newly_blocked || process->thread_count == 1)
        return 0;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);       /* the mask changed, now the pending set */
    if (!signal_pending_for_process(process, newly_blocked))
        return 0;
    syscall_done_without_big_lock(0);              /* taken */
    signal_retarget(self, newly_blocked);
    return 1;
}

/* A free slot of `process`'s sigwaiters, taken for `self`; NULL if none
 * is free (several threads wait here already). */
static struct thread **take_sigwaiter_slot(struct process *process, struct thread *self)
{
    for (int i = 0; i < SIGWAITERS_WITHOUT_BIG_LOCK; i++) {
        struct thread *nobody = 0;
        if (__atomic_compare_exchange_n(&process->sigwaiters[i], &nobody, self, 0, __ATOMIC_SEQ_CST,
                                        __ATOMIC_RELAXED))
            return &process->sigwaiters[i];
    }
    return 0;
}

/* Sets the mask of `self`, and the mask it had before its sigwait (what
 * the ignore rule still sees blocked), as one change to a sender that
 * reads them with the big lock (signal_blocked_for_ignoring): the count
 * is odd meanwhile. x86 makes stores visible in their order, so the
 * compiler's order is enough here. Context: self's call, interrupts off. */
static void sigwait_masks_set(struct thread *self, signal_set blocked, signal_set blocked_before)
{
    __atomic_store_n(&self->sigwait_mask_changes, self->sigwait_mask_changes + 1, __ATOMIC_RELAXED);
    __atomic_thread_fence(__ATOMIC_RELEASE);       /* the odd count before the masks */
    self->blocked_before_sigwait = blocked_before;
    self->signals_blocked = blocked;
    __atomic_store_n(&self->sigwait_mask_changes, self->sigwait_mask_changes + 1, __ATOMIC_RELEASE);
}

/* sigtimedwait without a timeout for `*user_set`, in a process of any
 * number of threads (call_of_any_thread_may_go_without_big_lock): what the
 * wait changes is its thread's own (its mask, which no other thread
 * changes, and its sigwait) and the process's `sigwaiters`, by an atomic
 * compare and exchange; it reads the pending sets after the fence below.
 * It reads the set from user memory that another thread may unmap
 * meanwhile, as a futex reads its word (futex_without_big_lock.c), and
 * writes the siginfo with interrupts off as the queues' calls copy their
 * messages out (fs/file_without_big_lock.h); a copy that faults is made
 * again with the big lock.
 * Waits here until a signal of the set is handed over (then 1, *result
 * the signal or -EFAULT), or returns 0 for the big lock's way: something
 * of the set pending, a signal or other work to do, an address that
 * faults, another thread of the process waiting here already. The mask
 * is as it was on return either way; *unblocked says what of the set it
 * unblocked meanwhile (sigtimedwait_row passes on what is left). */
static int wait_for_hand_over(const signal_set *user_set, struct kernel_siginfo *user_info, int *result,
                              signal_set *unblocked)
{
    signal_set set;
    if (copy_from_user(&set, user_set, sizeof set) < 0)
        return 0;
    set &= ~UNBLOCKABLE;
    struct thread *self = current_thread();
    struct process *process = self->task.process;
    signal_set blocked = self->signals_blocked;
    /* the old mask is what the ignore rule still sees blocked; with the
     * new one a sender with the big lock finds us its taker */
    sigwait_masks_set(self, blocked & ~set, blocked);
    *unblocked = set & blocked;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);       /* the mask, then the pending sets: see above */
    int handed = 0;
    struct signal_origin origin;
    if (set && !((self->signals_pending.set | process->signals_pending.set) & set)) {
        struct sigwait *wait = &self->sigwait;
        spinlock_take(&wait->lock);
        /* a process of several threads: a slot of its waiters here, where
         * a sender finds us, and then takes the lock we hold until we are
         * blocked; of one thread (none can be made while we wait), the
         * sender finds us by the pid, and the slot would be work for nothing */
        struct thread *own_slot = 0;
        struct thread **slot = process->thread_count == 1 ? &own_slot : take_sigwaiter_slot(process, self);
        if (slot) {
            wait->set = set;
            while (!wait->handed && wait_queue_sleep_giving(&wait->queue, "sigwait") == WAKE_NORMAL)
                continue;
            handed = wait->handed;                 /* (handed over even if the wait was interrupted) */
            origin = wait->origin;
            wait->set = 0;
            wait->handed = 0;
            __atomic_store_n(slot, 0, __ATOMIC_RELEASE);
        }
        spinlock_give(&wait->lock);
    }
    sigwait_masks_set(self, blocked, 0);
    if (!handed)
        return 0;                                  /* (the row passes on what the big lock's leaves) */
    retarget_without_big_lock(self, set & blocked);   /* a second signal of the set, chosen for us */
    *result = handed;
    if (user_info) {
        struct kernel_siginfo info;
        signal_origin_to_info(handed, &origin, &info);
        int copied = copy_to_user(user_info, &info, sizeof info);
        if (copied < 0 && running_without_big_lock()) {
            big_kernel_lock_take_late();           /* a page to fault in (copy-on-write, not yet
                                                    * touched): the big lock's, then copy again */
            copied = copy_to_user(user_info, &info, sizeof info);
        }
        if (copied < 0)
            *result = -EFAULT;                     /* taken all the same, as the big lock's way */
    }
    return 1;
}

/* sigtimedwait's row. */
static int sigtimedwait_row(const signal_set *user_set, struct kernel_siginfo *user_info,
                            const struct timespec *user_timeout)
{
    int result = 0;
    signal_set unblocked = 0;
    int done = !user_timeout && call_of_any_thread_may_go_without_big_lock() &&
               wait_for_hand_over(user_set, user_info, &result, &unblocked);
    if (syscall_done_without_big_lock(done))
        return result;
    result = sys_sigtimedwait(user_set, user_info, user_timeout);
    /* Several signals of the set, chosen for us while it was unblocked
     * here: the big lock's call took one at once, without its wait, and
     * the rest are another thread's (after the take: never the one it took). */
    signal_retarget(current_thread(), unblocked & current_thread()->signals_blocked);
    return result;
}

/* How a wait in sigsuspend or pause here ended. */
enum suspend_end {
    SUSPEND_NOT_BEGUN,      /* nothing changed: the big lock's call from the start */
    SUSPEND_MASK_SET,       /* sigsuspend's mask is in place: the big lock's wait */
    SUSPEND_HANDLED,        /* a signal was handed over and its handler's frame built */
};

/* sigsuspend with the mask `*user_mask`, or pause (user_mask NULL),
 * without the big lock: sets the mask as signal_wait_mask_begin does,
 * then waits here until a sender hands a signal over. With the mask set
 * the order is the big lock's wait's: a signal pending now, or a sender
 * with the big lock that interrupts the wait, ends it, and the big lock's
 * wait (which returns at once) and delivery go on from there. */
static enum suspend_end suspend_for_hand_over(const signal_set *user_mask)
{
    struct thread *self = current_thread();
    if (self->restore_blocked_after_signal || self->abandon_interrupted_call)
        return SUSPEND_NOT_BEGUN;
    signal_set mask = self->signals_blocked;
    if (user_mask) {
        if (copy_from_user(&mask, user_mask, sizeof mask) < 0)
            return SUSPEND_NOT_BEGUN;              /* a fault */
        mask &= ~UNBLOCKABLE;
        self->blocked_before_suspend = self->signals_blocked;
        self->restore_blocked_after_signal = 1;    /* the handler's frame, or sigreturn, puts it back */
        self->signals_blocked = mask;
    }
    __atomic_thread_fence(__ATOMIC_SEQ_CST);       /* the mask, then the pending sets: see above */
    if (signal_has_work(self))
        return SUSPEND_MASK_SET;
    struct sigwait *wait = &self->sigwait;
    spinlock_take(&wait->lock);
    wait->set = ~mask & ~UNBLOCKABLE;
    wait->runs_handler = 1;
    while (!wait->handed &&
           wait_queue_sleep_giving(&wait->queue, "pause") == WAKE_NORMAL)
        continue;
    int handed = wait->handed;                     /* (handed over even if the wait was interrupted) */
    struct signal_origin origin = wait->origin;
    wait->set = 0;
    wait->runs_handler = 0;
    wait->handed = 0;
    spinlock_give(&wait->lock);
    if (!handed)
        return SUSPEND_MASK_SET;
    struct trap_frame *frame = signal_call_frame();
    frame->eax = (uint32_t)-ERESTARTNOHAND;        /* the big lock's wait's result: EINTR now */
    signal_run_handed(frame, handed, &origin);
    return SUSPEND_HANDLED;
}

/* sigsuspend's and pause's rows: the wait here, or the big lock's. */
static int suspend_row(int is_sigsuspend, const signal_set *user_mask)
{
    enum suspend_end end = SUSPEND_NOT_BEGUN;
    if (call_may_go_without_big_lock() && (user_mask || !is_sigsuspend))
        end = suspend_for_hand_over(user_mask);
    if (syscall_done_without_big_lock(end == SUSPEND_HANDLED))
        return (int)signal_call_frame()->eax;      /* -EINTR: a handler ran */
    if (end == SUSPEND_MASK_SET) {
        signal_update_work(current_thread());      /* what signal_wait_mask_begin does */
        return signal_wait_for_signal();
    }
    return is_sigsuspend ? sys_sigsuspend(user_mask) : sys_pause();
}

static int sigsuspend_row(const signal_set *user_mask)
{
    return suspend_row(1, user_mask);
}

static int pause_row(void)
{
    return suspend_row(0, 0);
}

/* sigreturn's row: the frame put back without the big lock, unless its
 * page is not there (then the big lock's way: a fault, or SIGSEGV). It
 * never waits, so work pending (the next signal, say, which the way back
 * to user mode then delivers) does not keep it off. */
static int sigreturn_row(void)
{
    int eax;
    int done = call_that_never_waits_may_go_without_big_lock() &&
               signal_return_from_handler(signal_call_frame(), &eax) == 0;
    return syscall_done_without_big_lock(done) ? eax : sys_sigreturn();
}

/* sigprocmask's row: the thread's own mask, changed without the big lock
 * once both copies have been made (a fault: the big lock's way, from the
 * start, with nothing changed), in a process of any number of threads:
 * the mask is the thread's own, and no action is read. A signal it now
 * blocks may be another thread's to take (retarget_without_big_lock). */
static int sigprocmask_row(int how, const signal_set *user_set, signal_set *user_old)
{
    if (call_of_any_thread_may_go_without_big_lock() &&
        (how == SIG_BLOCK || how == SIG_UNBLOCK || how == SIG_SETMASK || !user_set)) {
        struct thread *self = current_thread();
        signal_set set = 0, old = self->signals_blocked, newly_blocked = 0;
        if ((!user_set || copy_from_user(&set, user_set, sizeof set) == 0) &&
            (!user_old || copy_to_user(user_old, &old, sizeof old) == 0)) {
            if (user_set) {
                signal_set blocked = how == SIG_BLOCK ? old | set : how == SIG_UNBLOCK ? old & ~set : set;
                self->signals_blocked = blocked & ~UNBLOCKABLE;
                signal_update_work(self);          /* (only sets the bit: signal_internal.h) */
                newly_blocked = self->signals_blocked & ~old;
            }
            if (!retarget_without_big_lock(self, newly_blocked))
                syscall_done_without_big_lock(1);
            return 0;
        }
    }
    return syscall_done_without_big_lock(0) ? 0 : sys_sigprocmask(how, user_set, user_old);
}

void signal_calls_without_big_lock_start(void)
{
    syscall_replace_without_big_lock(SYS_kill, kill_row);
    syscall_replace_without_big_lock(SYS_sigqueue, sigqueue_row);
    syscall_replace_without_big_lock_as_cancel_point(SYS_sigtimedwait, sigtimedwait_row);
    syscall_replace_without_big_lock(SYS_sigsuspend, sigsuspend_row);
    syscall_replace_without_big_lock(SYS_pause, pause_row);
    syscall_replace_without_big_lock(SYS_sigreturn, sigreturn_row);
    syscall_replace_without_big_lock(SYS_sigprocmask, sigprocmask_row);
}

/* The lowest pending signal the running thread may take, taken if its
 * process catches it with a handler, it is none of NEVER_HANDED, and no
 * POSIX timer sent it; 0, with nothing taken, for any other
 * (signal_deliver's order: the lowest number first, the thread's own
 * before its process's). A timer's signal is the big lock's: the timer's
 * tick, with the big lock, looks whether its last signal is still pending
 * to count an overrun, so the take and the count must be one step
 * (posix_timer_signal_taken). */
static int take_caught(struct thread *thread, struct signal_origin *origin)
{
    struct process *process = thread->task.process;
    signal_set may = ~thread->signals_blocked;
    int signal = 0;
    signals_lock(process);
    signal_set from_thread = thread->signals_pending.set & may;
    signal_set from_process = process->signals_pending.set & may;
    if (from_thread | from_process) {
        int lowest = signal_lowest(from_thread | from_process);
        struct signal_pending *pending = from_thread & SIGNAL_BIT(lowest) ? &thread->signals_pending
                                                                          : &process->signals_pending;
        if (!(SIGNAL_BIT(lowest) & NEVER_HANDED) && caught(process, lowest) &&
            !signal_pending_next_has_code(pending, lowest, SI_TIMER)) {
            signal = lowest;
            signal_pending_take(pending, process, signal, origin);
        }
    }
    signals_unlock(process);
    return signal;
}

int signal_deliver_without_big_lock(struct trap_frame *frame)
{
    struct thread *thread = current_thread();
    struct process *process = thread->task.process;
    /* a stop, an exit, a restart's state to drop, a cancellation: the big
     * lock's (signal_deliver); the mask and actions are the thread's own */
    if (!process || process->thread_count != 1 || trace_on ||
        process->exiting || process->stopped || thread->abandon_interrupted_call ||
        (thread->task.user_work_pending & (TASK_WORK_CANCEL | TASK_WORK_CANCEL_NOW)))
        return 0;
    struct signal_origin origin;
    int signal = take_caught(thread, &origin);
    if (!signal)
        return 0;
    signal_run_handed(frame, signal, &origin);
    this_cpu()->signals_delivered_without_big_lock++;
    return 1;
}
