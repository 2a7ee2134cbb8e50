/* kernel/ipc/signal_pending.h - the signals waiting to be taken by a
 * process or a thread: which numbers, and what each carries.
 *
 *   signals 1..31 (standard)      one bit each; a second send while one is
 *                                 pending is merged into it, and the first
 *                                 sender's origin is kept (standard[])
 *   signals 32..64 (real-time)    one queue entry per send, oldest first,
 *                                 each with its own origin; the bit says
 *                                 "at least one is queued"
 *
 * Queue entries come from the kernel heap and count against the receiving
 * process's limit (RLIMIT_SIGPENDING): past it a send fails with EAGAIN,
 * so no signal is ever dropped without the sender hearing of it. A POSIX
 * timer has no one to hear it: as on Linux, it reserves its entry when it
 * is created (counted against the limit for the timer's whole life) and
 * sends with that one, which cannot fail (signal_queue_reserve). */
#ifndef KERNEL_IPC_SIGNAL_PENDING_H
#define KERNEL_IPC_SIGNAL_PENDING_H

#include <stdint.h>

#include "sched/spinlock.h"
#include "sched/wait_queue.h"
#include "uapi/signal.h"

typedef uint64_t signal_set;          /* bit N-1 stands for signal N */
#define SIGNAL_BIT(signal) (1ull << ((signal) - 1))

/* A half of a signal set, as another CPU reads it (may_alias: a
 * signal_set is read through it). */
typedef uint32_t __attribute__((may_alias)) signal_set_half;

/* Whether any signal of `signals` is in *set, read as
 * signal_set_has_now reads (below). */
static inline int signal_set_has_any_now(const signal_set *set, signal_set signals)
{
    const signal_set_half *half = (const signal_set_half *)set;
    return (__atomic_load_n(&half[0], __ATOMIC_RELAXED) & (uint32_t)signals) ||
           (__atomic_load_n(&half[1], __ATOMIC_RELAXED) & (uint32_t)(signals >> 32));
}

/* Whether `signal` is in *set, which another CPU may change meanwhile
 * (a call without the big kernel lock reads another thread's mask): the
 * 32-bit half that holds its bit, read whole. Not the 64-bit set at once:
 * on this target that is an x87 load, which would raise the calling
 * program's pending floating-point exception inside the kernel (the
 * kernel is built with -mno-80387, so the compiler refuses it). */
static inline int signal_set_has_now(const signal_set *set, int signal)
{
    const signal_set_half *half = (const signal_set_half *)set;
    return (__atomic_load_n(&half[(signal - 1) / 32], __ATOMIC_RELAXED) >> ((signal - 1) % 32)) & 1;
}

/* Who sent a signal and what it carries: the siginfo_t a handler or
 * sigwaitinfo receives, without its padding. */
struct signal_origin {
    int code;                         /* SI_USER, SI_QUEUE, CLD_EXITED, SEGV_MAPERR, ... */
    int pid;                          /* the sender, or the child for SIGCHLD; SIGPOLL's si_band */
    unsigned uid;                     /* ... its uid; a timer's overruns; SIGPOLL's si_fd */
    unsigned long value;              /* sigval; a child's status; a fault's address */
};

struct queued_signal {
    struct queued_signal *next;
    int signal;
    unsigned char reserved;           /* a POSIX timer's own entry (below): never freed here */
    unsigned char queued;             /* a reserved entry: in a queue now */
    struct signal_origin origin;
};

struct signal_pending {
    signal_set set;                   /* which signals are pending */
    struct queued_signal *queue;      /* real-time signals, oldest first */
    struct signal_origin standard[SIGNAL_FIRST_QUEUED - 1];   /* of pending signals 1..31 */
};

struct process;

/* The real-time halves of the two below (signal_pending.c). */
int signal_queue_add(struct signal_pending *pending, struct process *owner, int signal,
                     const struct signal_origin *origin);
void signal_queue_add_reserved(struct signal_pending *pending, struct queued_signal *entry, int signal,
                               const struct signal_origin *origin);

/* A POSIX timer's own queue entry: signal_queue_reserve takes one for
 * `owner` and counts it against its limit (NULL: -EAGAIN for the caller,
 * the limit is reached or the heap full); signal_queue_unreserve gives it
 * back: if it is still queued, it stays there as an ordinary entry (its
 * signal is still received), else it is freed and uncounted.
 * Context: kernel lock held; never sleeps. */
struct queued_signal *signal_queue_reserve(struct process *owner);
void signal_queue_unreserve(struct process *owner, struct queued_signal *entry);
void signal_queue_take(struct signal_pending *pending, struct process *owner, int signal,
                       struct signal_origin *origin);

/* Makes `signal` pending in `pending`, which belongs to `owner` (the
 * process, or the process of the thread it belongs to). Returns 0, or
 * -EAGAIN when a real-time signal cannot be queued: `owner` has its limit
 * of queued signals, or the heap is full. But kill(2) (SI_USER) never
 * fails so, as POSIX lists no EAGAIN for it: as Linux, the signal is
 * pending all the same, with no entry, and whoever takes it is told
 * SI_USER from pid 0 (signal_queue_take). `reserved`: a timer's own entry
 * not in a queue now, used for a real-time signal (never fails), or NULL.
 * Context: anywhere; never sleeps. */
static inline int signal_pending_add(struct signal_pending *pending, struct process *owner, int signal,
                                     const struct signal_origin *origin, struct queued_signal *reserved)
{
    if (signal >= SIGNAL_FIRST_QUEUED) {
        if (reserved) {
            signal_queue_add_reserved(pending, reserved, signal, origin);
            return 0;
        }
        int added = signal_queue_add(pending, owner, signal, origin);
        if (added < 0 && origin->code == SI_USER)
            pending->set |= SIGNAL_BIT(signal);   /* kill: pending, its sender lost (above) */
        return origin->code == SI_USER ? 0 : added;
    }
    if (!(pending->set & SIGNAL_BIT(signal)))
        pending->standard[signal - 1] = *origin;   /* merged: the first one's origin stays */
    pending->set |= SIGNAL_BIT(signal);
    return 0;
}

/* Takes the oldest pending `signal` out of `pending` and gives its origin;
 * the bit stays while more of it are queued. `signal` must be pending. */
static inline void signal_pending_take(struct signal_pending *pending, struct process *owner, int signal,
                                       struct signal_origin *origin)
{
    if (signal >= SIGNAL_FIRST_QUEUED) {
        signal_queue_take(pending, owner, signal, origin);
    } else {
        *origin = pending->standard[signal - 1];
        pending->set &= ~SIGNAL_BIT(signal);
    }
}

/* Whether the oldest pending `signal` of `pending` (the one
 * signal_pending_take would give; it must be pending) was sent with
 * `code` (SI_TIMER, ...). */
static inline int signal_pending_next_has_code(const struct signal_pending *pending, int signal, int code)
{
    if (signal < SIGNAL_FIRST_QUEUED)
        return pending->standard[signal - 1].code == code;
    for (const struct queued_signal *entry = pending->queue; entry; entry = entry->next)
        if (entry->signal == signal)
            return entry->origin.code == code;
    return 0;
}

/* The lowest signal of a non-empty `signals` (delivery order). */
static inline int signal_lowest(signal_set signals)
{
    uint32_t low = (uint32_t)signals;
    return low ? __builtin_ctz(low) + 1 : __builtin_ctz((uint32_t)(signals >> 32)) + 33;
}

/* Drops every pending signal of `signals` (ignored ones, a stop's SIGCONT,
 * an exiting thread's). */
void signal_pending_discard(struct signal_pending *pending, struct process *owner, signal_set signals);

/* The siginfo_t for `signal` sent by `origin`: all 128 bytes (the
 * padding zeroed), or only the first SIGINFO_FILLED_BYTES, which hold
 * every field (a handler's frame copies no more). */
#define SIGINFO_FILLED_BYTES 32
void signal_origin_to_info(int signal, const struct signal_origin *origin, struct kernel_siginfo *info);
void signal_origin_to_info_prefix(int signal, const struct signal_origin *origin, struct kernel_siginfo *info);

/* Did the kernel raise `signal` for a fault (SEGV_MAPERR, BUS_ADRERR,
 * FPE_INTDIV, ...: origin->value is then the address), rather than
 * someone send it? */
static inline int signal_raised_by_fault(int signal, const struct signal_origin *origin)
{
    signal_set fault_signals = SIGNAL_BIT(SIGSEGV) | SIGNAL_BIT(SIGBUS) | SIGNAL_BIT(SIGILL) |
                               SIGNAL_BIT(SIGFPE) | SIGNAL_BIT(SIGTRAP);
    return origin->code > 0 && origin->code < SI_KERNEL && (fault_signals & SIGNAL_BIT(signal));
}

/* The process ends: the queue entries it kept for reuse go back. */
void signal_queue_release_spares(struct process *process);

/* A thread's wait for a signal without the big kernel lock, on several
 * CPUs (ipc/signal_without_big_lock.c): in sigwaitinfo, or in sigsuspend
 * or pause; a sender hands it a signal under `lock` instead of making the
 * signal pending. */
struct sigwait {
    struct spinlock lock;             /* class "sigwait"; `queue`'s lock too */
    struct wait_queue queue;          /* the thread alone, while it waits there */
    signal_set set;                   /* what it waits for; 0 when it does not wait there */
    int runs_handler;                 /* 1: in sigsuspend or pause, `set` what its mask lets
                                       * in: a signal handed over runs its handler */
    int handed;                       /* the signal handed to it; 0 until one is */
    struct signal_origin origin;      /* ... and who sent it */
};

/* A new thread's, in its zeroed memory (kzalloc): nobody waits. */
void signal_sigwait_init(struct sigwait *wait);


#endif
