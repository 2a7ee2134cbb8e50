/* kernel/proc/thread.h - threads: the tasks of a user process.
 *
 * A process (process.h) owns what its threads share: the address space,
 * the descriptors, the signal dispositions, the children. A thread owns
 * what each runs with: a kernel stack and registers (its struct task, the
 * scheduler's half, first in struct thread so that one pointer is both),
 * a signal mask and the signals sent to it alone, a thread id, the
 * thread-local storage its %gs selects, and its end of direct message
 * passing (ipc/msg.h: a message is sent to a thread).
 *
 * Thread ids and process ids are one space: a process's pid is the tid of
 * its first thread, so a single-threaded program is addressed by its pid
 * everywhere, as before threads.
 *
 *   thread_create(eip, esp, tls, clear_tid)   a new thread in the caller's
 *        |                                    process, at eip on stack esp
 *        v
 *   runs, blocks, is scheduled like any task
 *        |
 *        v
 *   thread_exit(unmap, length)  or  exit()   (exit ends every thread:
 *        |                                    process_exit in exit.c)
 *        v
 *   writes 0 to *clear_tid and wakes its futex (pthread_join waits there),
 *   leaves its process; the last thread out ends the process. */
#ifndef KERNEL_PROC_THREAD_H
#define KERNEL_PROC_THREAD_H

#include <stdint.h>

#include "arch/x86/per_cpu.h"
#include "ipc/futex.h"
#include "ipc/messages_for_core.h"
#include "ipc/signal_pending.h"
#include "sched/task.h"

#define MAX_THREADS 256               /* every thread of every process */

struct process;
struct trap_frame;

struct thread {
    struct task task;                 /* first: a thread is a task (task.h) */
    int tid;
    struct thread *next_in_process;   /* the process's threads, from process->threads */

    /* its half of signals (kernel/ipc/signal.c) */
    signal_set signals_blocked;
    signal_set blocked_before_suspend;/* sigsuspend's mask is temporary ... */
    int restore_blocked_after_signal; /* ... and this says to put this one back */
    signal_set blocked_before_sigwait;/* sigtimedwait unblocks its set while it waits: the
                                       * mask before, still "blocked" for the ignore rule */
    unsigned sigwait_mask_changes;    /* odd while a wait without the big lock changes the
                                       * two above (signal_blocked_for_ignoring) */
    struct kernel_stack alternate_stack;   /* sigaltstack; flags SS_DISABLE when none */
    struct signal_pending signals_pending; /* sent to this thread alone: pthread_kill, a fault */
    struct sigwait sigwait;           /* several CPUs: sigwaitinfo without the big lock */
    uint64_t sleep_resume_deadline_ns;/* nanosleep interrupted and restarted: its deadline */
    /* A system call that returns -ERESTART* keeping state for its restart
     * (nanosleep's deadline, msg_call's sent call) names here what to
     * forget if a handler ends it with EINTR instead; signal.c calls it
     * then, and clears it either way (as Linux's restart_block). */
    void (*abandon_interrupted_call)(struct thread *thread);

    uint32_t minor_faults;            /* page faults served for it (getrusage(2)) */
    uint32_t tls_base;                /* the base of its %gs segment, for thread-local
                                       * storage (arch/x86/gdt.c); 0: none */
    uint32_t clear_tid_address;       /* user int set to 0 and futex-woken at exit, or 0 */
    struct futex_wait futex_wait;     /* the word it waits on in futex_wait (ipc/futex.h) */

    /* cancellation (thread_cancel(2), kernel/syscall.c) */
    uint8_t cancel_requested;         /* thread_cancel was called for it: sticky */
    uint8_t in_cancel_point;          /* in a call made with SYSCALL_CANCEL_POINT */
    uint8_t cancel_asynchronous;      /* THREAD_CANCEL_ASYNCHRONOUS: a request acts at once, */
    uint32_t cancel_entry;            /* by sending the thread to this user address */
    struct msg_port msg_port;         /* direct messages (kernel/ipc/msg.c) */
};

/* The thread whose struct task is running; only in a system call or a
 * trap from user mode (kernel tasks are no threads). */
static inline struct thread *current_thread(void)
{
    return (struct thread *)current_task;
}

/* The interrupted call of `thread` ends for good (EINTR, or ECANCELED at a
 * cancellation point): forget the state it kept for a restart. */
static inline void thread_abandon_interrupted_call(struct thread *thread)
{
    void (*abandon)(struct thread *) = thread->abandon_interrupted_call;
    thread->abandon_interrupted_call = 0;
    if (abandon)
        abandon(thread);
}

/* The thread of a user task (task->process set). */
static inline struct thread *thread_of(struct task *task)
{
    return (struct thread *)task;
}

/* The live thread with this tid, or NULL. O(1): slot tid % MAX_THREADS, as
 * the process table does with pids. */
extern struct thread *thread_table[MAX_THREADS];
static inline struct thread *thread_find(int tid)
{
    if (tid <= 0)
        return 0;
    struct thread *thread = thread_table[(unsigned)tid % MAX_THREADS];
    return thread && thread->tid == tid ? thread : 0;
}

/* The live thread in table slot `slot` (0 .. MAX_THREADS - 1), or NULL:
 * for walking every thread. */
static inline struct thread *thread_at(int slot)
{
    struct thread *thread = thread_table[slot];
    return thread && thread->tid > 0 ? thread : 0;
}

/* A new id for a process (its pid and its first thread's tid) or for a
 * further thread; 0 when the tables have no room. */
int thread_id_allocate(int for_process);

/* Creates a thread of `process` with tid `tid` that enters user mode from
 * `frame`, ready to run. Returns it, or NULL when memory ran out.
 * Context: the kernel lock held (a system call). */
struct thread *thread_start(struct process *process, int tid, const struct trap_frame *frame);

/* The thread that speaks for `process` (ps, /proc/PID/stat): the one
 * whose tid is its pid while it lives, else its first; NULL for a zombie. */
struct thread *thread_of_process(struct process *process);

/* Ends the running thread: its clear_tid word, its message port, its place
 * in its process. The last thread of a process ends the process, with
 * process->wait_status. Never returns. Context: a system call or the way
 * back to user mode; the kernel lock held. */
void thread_exit_current(void) __attribute__((noreturn));

/* The running `thread` is done with its clear_tid word (thread_create):
 * writes 0 there, wakes its futex waiters and forgets it. At its end, and
 * at exec, whose new program knows nothing of the word (as Linux's
 * mm_release): left set, the end of the new program's thread would write
 * 0 at that address of the new program's memory. */
void thread_release_clear_tid(struct thread *thread);

/* exec from a thread that is not the first: once it is alone, it takes the
 * pid as its tid (as Linux's exec does), so that the process is addressed
 * by its pid again. */
void thread_take_pid(struct thread *thread);

/* How many threads exist. */
unsigned thread_count(void);

/* The %gs selector of thread `tid` with thread-local storage at
 * `tls_base`: its own GDT descriptor (arch/x86/gdt.h), set to that base
 * here; the flat user data selector when tls_base is 0. */
uint16_t thread_tls_selector(int tid, uint32_t tls_base);

/* Runs system call `number` (in the table) for `frame` as a cancellation
 * point of the calling thread (thread_cancel.c): -ECANCELED if the thread
 * is cancelled before or while it waits. Context: a system call. */
int thread_cancel_point(unsigned number, struct trap_frame *frame);

/* A thread cancelled while its cancellation is asynchronous
 * (TASK_WORK_CANCEL_NOW) goes, instead of back to where `frame` was
 * taken, into its library's cancellation path: as if the interrupted
 * instruction had called the function at cancel_entry. Context: the way
 * back to user mode of the current thread (return_to_user_work). */
void thread_cancel_enter_library(struct trap_frame *frame);

/* fork's child thread `child` keeps the cancellation type of `parent`,
 * the calling thread (its library's state is copied with the memory). */
void thread_cancel_fork(struct thread *child, const struct thread *parent);

/* fork's child `thread`, not yet run, takes its parent thread's TLS base:
 * the same base in a descriptor of its own, which the %gs of its trap
 * frame now names. */
void thread_inherit_tls(struct thread *thread, uint32_t tls_base);

/* A wait's object for ps: "process N", "thread N" (a thread that is
 * not its process's first) or "any process" (-1). For
 * wait_queue_say_object (waitpid, message passing). */
void thread_id_describe(const void *object, char *buffer, unsigned size);

#endif
