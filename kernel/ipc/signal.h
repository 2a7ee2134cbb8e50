/* kernel/ipc/signal.h - POSIX signals: sending, and delivery on the way back
 * to user mode. */
#ifndef KERNEL_IPC_SIGNAL_H
#define KERNEL_IPC_SIGNAL_H

#include <stdint.h>

#include "arch/x86/trap_frame.h"
#include "signal_pending.h"

/* Returned inside the kernel by a system call that a signal interrupted and
 * that may be restarted: delivery turns it into a restart (SA_RESTART, or
 * no handler ran) or into -EINTR. User space never sees it. */
#define ERESTARTSYS 512

/* The same for calls that a handler ends for good (pause, sigsuspend,
 * nanosleep): restarted only when no handler ran, e.g. after a stop and a
 * continue, else -EINTR. */
#define ERESTARTNOHAND 514

struct process;
struct task;
struct thread;

/* Makes `signal` pending for `process` (a process-directed signal: one of
 * its threads that does not block it takes it) and wakes that thread if it
 * waits interruptibly. SIGCONT and SIGKILL resume a stopped process.
 * Context: anywhere, interrupts off or on. */
void signal_send(struct process *process, int signal);

/* As signal_send, with what the signal carries (sigqueue, mq_notify):
 * a real-time signal queues one entry per send; a standard one keeps the
 * first sender's information while it is pending. Returns 0, or -EAGAIN
 * when the receiver's queue of pending signals is full (nothing sent).
 * Context: anywhere, interrupts off or on. */
struct kernel_siginfo;
int signal_send_info(struct process *process, const struct kernel_siginfo *info);

/* The same for one thread alone (pthread_kill, SIGPIPE). */
void signal_send_thread(struct thread *thread, int signal);

/* Signal-driven I/O's signal (kernel/fs/signal_driven_io.c): `signal`
 * with si_code `code` (POLL_IN, POLL_OUT, ...), si_band `band` and si_fd
 * `fd`, to `thread` alone when it is not NULL, else to `process`. Returns
 * 0, or -EAGAIN when the receiver's queue of pending signals is full
 * (nothing sent). Context: anywhere, interrupts off or on. */
int signal_send_io(struct process *process, struct thread *thread, int signal, int code, long band, int fd);

/* Tells `thread` to end at once (its process exits or execs). */
void signal_kill_thread(struct thread *thread);

/* As signal_send, to every process of `group`; returns how many. */
int signal_send_to_group(int group, int signal);

/* A fault's signal, to the faulting thread: delivered even if blocked or
 * ignored (then by its default action), as POSIX leaves open and Linux does.
 * `code` (SEGV_MAPERR, FPE_INTDIV, ...) and `address` go to its siginfo;
 * signal_force gives SI_KERNEL and no address. */
void signal_force_fault(struct thread *thread, int signal, int code, unsigned long address);
void signal_force(struct thread *thread, int signal);

/* Delivers pending signals to the running thread before it returns to
 * user mode through `frame`: runs a default action or builds a handler's
 * frame; ends the thread if its process is ending, waits while it is
 * stopped. Called by the return paths when task->user_work_pending.
 * Context: a system call (kernel lock held); sleeps. */
void signal_deliver(struct trap_frame *frame);

/* On several CPUs, signal_deliver's usual case without the big lock
 * (signal_without_big_lock.c): the running thread's lowest pending
 * signal, when its process has one thread and catches that signal with a
 * handler, is taken and its handler's frame built. Returns 1 if so, 0
 * (nothing taken) for signal_deliver. Context: the way back to user mode
 * of a call or an interrupt that ran without the big lock, interrupts
 * off, no spinlock held; takes the big lock if the frame's page must be
 * faulted in, or for a POSIX timer's count. */
#ifdef SUBSYSTEM_SMP
int signal_deliver_without_big_lock(struct trap_frame *frame);
#else
static inline int signal_deliver_without_big_lock(struct trap_frame *frame)   /* one CPU: never asked */
{
    (void)frame;
    return 0;
}
#endif

/* pselect and ppoll: the calling thread waits with the signal mask at
 * `user_mask` in place of its own, as sigsuspend does. Begin installs it
 * (-EFAULT if it cannot be read); end, given the call's result, puts the
 * thread's own mask back, unless the call was interrupted: then delivery
 * runs the handler under the temporary mask and restores the old one after.
 * Context: a system call of the current thread. */
int signal_wait_mask_begin(const void *user_mask);
void signal_wait_mask_end(int result);

/* fork: the child inherits dispositions (signal_fork) and its thread the
 * mask and the alternate stack (signal_fork_thread), nothing pending.
 * A new thread gets its creator's mask and no alternate stack.
 * exec: caught signals go back to their default; ignored ones stay; the
 * alternate stack is forgotten. Pending signals stay through exec. */
void signal_fork(struct process *child, const struct process *parent);

/* A new process's signal lock and the queue its threads wait on while it
 * is stopped, in its zeroed slot (process_allocate). A new thread
 * (signal_thread_start) gets its creator's mask and, if the process is
 * stopped, the work that stops it before it runs. */
void signal_process_start(struct process *process);
void signal_fork_thread(struct thread *child, const struct thread *parent);
void signal_thread_start(struct thread *thread, const struct thread *creator);
void signal_exec(struct process *process);

/* A thread or a whole process ends: what was pending for it goes (queued
 * entries back to the heap), and the process's alarm. */
void signal_thread_exit(struct thread *thread);
void signal_process_exit(struct process *process);

/* `thread` has left its process's list and the thread table
 * (thread_exit_current), and other threads go on: a signal pending for
 * the process, which a sender may have chosen it for, is another
 * thread's to take now (Linux's exit_signals), each told to a thread
 * that does not block it. Even one this thread blocks: a sender without
 * the big lock that found it the process's only thread (its count
 * already down) tells nobody of a signal it blocks. That sender looks
 * at the table again after its signal is pending (signal_without_big_
 * lock.c, make_pending): a full fence on each side. Context: the big
 * lock held; does not sleep. */
void signal_thread_ended(struct thread *thread);

/* `child` stopped (CLD_STOPPED), continued (CLD_CONTINUED) or ended
 * (CLD_EXITED with its exit code, CLD_KILLED with the signal): wakes its
 * parent's waitpid and sends the parent SIGCHLD carrying that (unless
 * SA_NOCLDSTOP says not to for a stop or continue). For an end, returns 1
 * when the parent wants no zombie (SIGCHLD ignored or SA_NOCLDWAIT): the
 * caller frees the child at once. */
int signal_child_changed(struct process *child, int code, int status);

/* Cancels the process's alarm (signal_alarm.c). */
void signal_forget_alarm(struct process *process);

/* ITIMER_REAL, which is alarm's timer (signal_alarm.c): the time left
 * (1 ns when due but not yet sent) and the interval, or 0s when disarmed;
 * set arms it `value_ns` from now (0: disarms) with that period. */
void signal_alarm_get(const struct process *process, uint64_t *left_ns, uint64_t *interval_ns);
void signal_alarm_set(struct process *process, uint64_t value_ns, uint64_t interval_ns);

/* Sends SIGALRM to every process whose alarm (ITIMER_REAL) is due at
 * `now_ns`, and moves a periodic one on by whole intervals
 * (signal_alarm.c). Returns the earliest alarm still to come, or
 * CLOCK_NO_DEADLINE. Context: the timer interrupt, every tick and at a
 * deadline's interrupt (clock.c); switches postponed; never sleeps. */
uint64_t signal_alarm_expire(uint64_t now_ns);

/* The wait queues' question before an interruptible sleep
 * (kernel/sched/wait_queue.c): would `task`'s way back to user mode have
 * work, a signal to take or a cancellation? If so it also says so in the
 * task's work bits, so that the call ends and that work is done (a signal
 * another thread takes first makes the call restart, unseen). 0 for a
 * kernel task. Context: kernel lock held; never sleeps. */
int signal_has_deliverable(struct task *task);

/* The same question for a killable sleep (WAIT_KILLABLE, vfork's): is a
 * signal pending for `task`, to it or to its process, that ends the
 * process when taken (SIGKILL, or one not blocked whose default action
 * terminates and is not replaced by a handler or SIG_IGN)? If so it says
 * so in the task's work bits, as above. 0 for a kernel task. Context:
 * kernel lock held; never sleeps. */
int signal_kill_pending(struct task *task);

/* Starts the piece signals need at boot: Ctrl-C (the terminals' hook). */
void signal_init(void);

/* From now on kill, sigqueue and sigtimedwait begin without the big
 * kernel lock (signal_without_big_lock.c). Context: boot, as the other
 * CPUs start running tasks (smp_run_other_cpus). */
void signal_calls_without_big_lock_start(void);

#endif
