/* kernel/ipc/signal_pending.c - sets of pending signals and the queue of
 * real-time ones (signal_pending.h). */
#include "signal_pending.h"

#include "signal_internal.h"

#include "lib/string.h"
#include "mm/heap.h"
#include "proc/process.h"
#include "uapi/errno.h"

/* The number of real-time signals `process` may have queued at once: its
 * RLIMIT_SIGPENDING (setrlimit(2)). */
static inline unsigned queue_limit(const struct process *process)
{
    return process->limits[RLIMIT_SIGPENDING].soft;
}

/* A queue entry no longer needed stays with its process for the next
 * send (a sigqueue ping-pong then never goes to the heap); there are never
 * more than the process's limit, and they go when it ends. */
static void keep_spare(struct process *owner, struct queued_signal *entry)
{
    entry->next = owner->spare_queued_signals;
    owner->spare_queued_signals = entry;
}

void signal_queue_release_spares(struct process *process)
{
    while (process->spare_queued_signals) {
        struct queued_signal *entry = process->spare_queued_signals;
        process->spare_queued_signals = entry->next;
        kfree(entry);
    }
}

/* A new entry counted against `owner`'s limit, or NULL. */
static struct queued_signal *new_entry(struct process *owner)
{
    if (owner->signals_queued >= queue_limit(owner))
        return 0;
    struct queued_signal *entry = owner->spare_queued_signals;   /* one taken before, kept */
    if (entry) {
        owner->spare_queued_signals = entry->next;   /* never a reserved one: those are freed */
    } else {
        if (!(entry = kmalloc(sizeof *entry)))
            return 0;
        entry->reserved = 0;
        entry->queued = 0;
    }
    owner->signals_queued++;
    return entry;
}

static void append(struct signal_pending *pending, struct queued_signal *entry, int signal,
                   const struct signal_origin *origin)
{
    entry->next = 0;
    entry->signal = signal;
    entry->origin = *origin;
    struct queued_signal **link = &pending->queue;
    while (*link)
        link = &(*link)->next;
    *link = entry;
    pending->set |= SIGNAL_BIT(signal);
}

int signal_queue_add(struct signal_pending *pending, struct process *owner, int signal,
                     const struct signal_origin *origin)
{
    struct queued_signal *entry = new_entry(owner);
    if (!entry)
        return -EAGAIN;
    append(pending, entry, signal, origin);
    return 0;
}

void signal_queue_add_reserved(struct signal_pending *pending, struct queued_signal *entry, int signal,
                               const struct signal_origin *origin)
{
    entry->queued = 1;
    append(pending, entry, signal, origin);
}

struct queued_signal *signal_queue_reserve(struct process *owner)
{
    signals_lock(owner);
    struct queued_signal *entry = new_entry(owner);
    if (entry) {
        entry->reserved = 1;
        entry->queued = 0;            /* a spare may have been a deleted timer's, queued */
    }
    signals_unlock(owner);
    return entry;
}

void signal_queue_unreserve(struct process *owner, struct queued_signal *entry)
{
    signals_lock(owner);
    entry->reserved = 0;
    int still_queued = entry->queued; /* an ordinary entry now: taking it uncounts it */
    if (!still_queued)
        owner->signals_queued--;
    signals_unlock(owner);
    if (!still_queued)
        kfree(entry);
}

/* `entry` has left its queue (taken or discarded): uncounted and kept for
 * reuse, unless a timer owns it (it stays counted: the timer sends with
 * it again). */
static void entry_left_queue(struct process *owner, struct queued_signal *entry)
{
    if (entry->reserved) {
        entry->queued = 0;
        return;
    }
    owner->signals_queued--;
    keep_spare(owner, entry);
}

void signal_queue_take(struct signal_pending *pending, struct process *owner, int signal,
                       struct signal_origin *origin)
{
    int more = 0;
    struct queued_signal **link = &pending->queue, *taken = 0;
    for (struct queued_signal *entry; (entry = *link) != 0;) {
        if (entry->signal == signal && !taken) {
            taken = entry;
            *link = entry->next;
            continue;
        }
        if (entry->signal == signal) {
            more = 1;
            break;
        }
        link = &entry->next;
    }
    if (!more)
        pending->set &= ~SIGNAL_BIT(signal);
    if (!taken) {                     /* a kill that found the queue full: SI_USER from pid 0, as Linux */
        memset(origin, 0, sizeof *origin);
        return;
    }
    *origin = taken->origin;
    entry_left_queue(owner, taken);
}

void signal_pending_discard(struct signal_pending *pending, struct process *owner, signal_set signals)
{
    pending->set &= ~signals;
    if (!pending->queue)
        return;
    for (struct queued_signal **link = &pending->queue, *entry; (entry = *link) != 0;) {
        if (signals & SIGNAL_BIT(entry->signal)) {
            *link = entry->next;
            entry_left_queue(owner, entry);
        } else {
            link = &entry->next;
        }
    }
}

void signal_origin_to_info_prefix(int signal, const struct signal_origin *origin, struct kernel_siginfo *info)
{
    _Static_assert(SIGINFO_FILLED_BYTES == 32, "eight words below");
    int raised_by_a_fault = signal_raised_by_fault(signal, origin);
    info->signo = signal;
    info->errno_value = 0;
    info->code = origin->code;
    info->fields.pad[0] = raised_by_a_fault ? (int)origin->value : origin->pid;   /* si_addr or si_pid */
    info->fields.pad[1] = raised_by_a_fault ? 0 : (int)origin->uid;
    info->fields.pad[2] = raised_by_a_fault ? 0 : (int)origin->value;             /* si_value, si_status */
    info->fields.pad[3] = 0;
    info->fields.pad[4] = 0;
}

void signal_origin_to_info(int signal, const struct signal_origin *origin, struct kernel_siginfo *info)
{
    memset(info, 0, sizeof *info);
    signal_origin_to_info_prefix(signal, origin, info);
}

static const struct lock_class sigwait_lock_class = { "sigwait", 0 };

void signal_sigwait_init(struct sigwait *wait)
{
    spinlock_init(&wait->lock, "sigwait", &sigwait_lock_class);
    wait->queue.lock = &wait->lock;     /* the rest is the new thread's zeroes */
}
