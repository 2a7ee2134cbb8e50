/* kernel/ipc/signal_pending.c - sets of pending signals and the queue of
 * real-time ones (signal_pending.h). */
#include "signal_pending.h"

#include "lib/string.h"
#include "mm/heap.h"
#include "proc/process.h"
#include "uapi/errno.h"

#define SIGNAL_QUEUE_LIMIT 128        /* real-time signals pending per process (RLIMIT_SIGPENDING) */

unsigned signal_queue_limit(const struct process *process)
{
    (void)process;
    return SIGNAL_QUEUE_LIMIT;
}

int signal_pending_add(struct signal_pending *pending, struct process *owner, int signal,
                       const struct signal_origin *origin)
{
    if (signal < SIGNAL_FIRST_QUEUED) {
        if (!(pending->set & SIGNAL_BIT(signal)))
            pending->standard[signal - 1] = *origin;   /* merged: the first one's origin stays */
        pending->set |= SIGNAL_BIT(signal);
        return 0;
    }
    if (owner->signals_queued >= signal_queue_limit(owner))
        return -EAGAIN;
    struct queued_signal *entry = kmalloc(sizeof *entry);
    if (!entry)
        return -EAGAIN;
    entry->next = 0;
    entry->signal = signal;
    entry->origin = *origin;
    struct queued_signal **link = &pending->queue;
    while (*link)
        link = &(*link)->next;
    *link = entry;
    owner->signals_queued++;
    pending->set |= SIGNAL_BIT(signal);
    return 0;
}

void signal_pending_take(struct signal_pending *pending, struct process *owner, int signal,
                         struct signal_origin *origin)
{
    if (signal < SIGNAL_FIRST_QUEUED) {
        *origin = pending->standard[signal - 1];
        pending->set &= ~SIGNAL_BIT(signal);
        return;
    }
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
    if (!taken) {                     /* cannot happen: the bit said one was queued */
        memset(origin, 0, sizeof *origin);
        return;
    }
    *origin = taken->origin;
    owner->signals_queued--;
    kfree(taken);
}

void signal_pending_discard(struct signal_pending *pending, struct process *owner, signal_set signals)
{
    pending->set &= ~signals;
    for (struct queued_signal **link = &pending->queue, *entry; (entry = *link) != 0;) {
        if (signals & SIGNAL_BIT(entry->signal)) {
            *link = entry->next;
            owner->signals_queued--;
            kfree(entry);
        } else {
            link = &entry->next;
        }
    }
}

void signal_origin_to_info(int signal, const struct signal_origin *origin, struct kernel_siginfo *info)
{
    memset(info, 0, sizeof *info);
    info->signo = signal;
    info->code = origin->code;
    if (signal == SIGSEGV || signal == SIGBUS || signal == SIGILL || signal == SIGFPE || signal == SIGTRAP) {
        if (origin->code > 0 && origin->code < SI_KERNEL) {   /* raised by a fault, not sent */
            info->fields.fault.address = origin->value;
            return;
        }
    }
    info->fields.sender.pid = origin->pid;
    info->fields.sender.uid = origin->uid;
    info->fields.sender.value.sival_int = (int)origin->value;
}
