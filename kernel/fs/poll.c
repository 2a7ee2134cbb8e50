/* kernel/fs/poll.c - poll(2) and ppoll(2) (one system call: ppoll's form),
 * and the waiting loop select(2) shares: ask every file, sleep on the
 * table of watches if none is ready, ask again (kernel/fs/poll_table.h).
 *
 * The rules (POSIX, and Linux where POSIX leaves room):
 *  - revents holds the asked events that are so, and POLLERR and POLLHUP
 *    whether asked or not; POLLNVAL for a descriptor that is not open; a
 *    negative descriptor is skipped (revents 0).                -> look_once
 *  - A file without a poll operation (a regular file, a directory,
 *    /dev/null) is always readable and writable.                -> file_readiness
 *  - The timeout is never cut short: the sleep ends at the first tick at
 *    or after the deadline; 0 looks once; NULL waits for ever.  -> poll_descriptors
 *  - A signal handler ends the wait with EINTR, even under SA_RESTART; a
 *    stop and continue restarts it with the time left.          -> poll_finish
 *  - nfds beyond the descriptor limit is EINVAL, as Linux's
 *    RLIMIT_NOFILE check.                                       -> sys_poll */
#include "poll.h"

#include "file.h"
#include "ipc/signal.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "poll_table.h"
#include "sched/clock.h"
#include "uapi/errno.h"
#include "subsystems/multiplexing_calls.h"

#define NS_PER_SECOND 1000000000ll

/* Regular files, directories and the null devices never make a reader or
 * a writer wait (POSIX: "regular files shall always poll TRUE"). */
#define ALWAYS_READY (POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM)

static unsigned file_readiness(struct file *file, struct poll_table *table)
{
    if (!file->operations->poll)
        return ALWAYS_READY;
    if (table)
        table->file = file;
    return file->operations->poll(file, table);
}

/* Asks every entry's file once; returns how many are ready. */
static unsigned look_once(struct pollfd *entries, unsigned count, struct poll_table *table,
                          const struct poll_rules *rules)
{
    unsigned ready = 0;
    for (unsigned i = 0; i < count; i++) {
        struct pollfd *entry = &entries[i];
        unsigned revents;
        if (entry->fd < 0) {
            revents = 0;
        } else {
            struct file *file = descriptor_lookup(entry->fd);
            if (!file)
                revents = rules->not_open;
            else
                revents = file_readiness(file, table) & ((uint16_t)entry->events | rules->always);
        }
        entry->revents = (short)revents;
        if (revents)
            ready++;
    }
    return ready;
}

int poll_descriptors(struct pollfd *entries, unsigned count, uint64_t deadline,
                     const struct poll_rules *rules)
{
    struct poll_table table;
    /* (no clock read for a wait without end: the clock costs a counter read) */
    int waits = deadline == POLL_NO_DEADLINE || deadline > clock_now_ns();
    int result = poll_table_init(&table, count, waits);
    if (result < 0)
        return result;
    for (;;) {
        unsigned ready = look_once(entries, count, &table, rules);
        table.registering = 0;                 /* the watches made by the first look stay */
        if (ready || (deadline != POLL_NO_DEADLINE && deadline <= clock_now_ns())) {
            result = (int)ready;
            break;
        }
        int woken = poll_table_sleep(&table, deadline == POLL_NO_DEADLINE ? 0 : deadline, rules->reason);
        if (woken == WAKE_INTERRUPTED) {
            result = -ERESTARTNOHAND;          /* EINTR once a handler runs */
            break;
        }
    }
    poll_table_release(&table);
    return result;
}

int poll_read_timeout(const struct timespec *user_timeout, uint64_t *deadline)
{
    *deadline = POLL_NO_DEADLINE;
    if (!user_timeout)
        return 0;
    struct timespec timeout;
    if (copy_from_user(&timeout, user_timeout, sizeof timeout) < 0)
        return -EFAULT;
    if (timeout.tv_sec < 0 || timeout.tv_nsec < 0 || timeout.tv_nsec >= NS_PER_SECOND)
        return -EINVAL;
    *deadline = clock_now_ns() + (uint64_t)timeout.tv_sec * NS_PER_SECOND + (uint64_t)timeout.tv_nsec;
    return 0;
}

int poll_finish(int result, const struct timespec *user_timeout, uint64_t deadline, int masked)
{
    if (user_timeout && deadline != POLL_NO_DEADLINE) {
        uint64_t now = clock_now_ns();
        uint64_t left = deadline > now ? deadline - now : 0;
        struct timespec remaining = { (long)(left / NS_PER_SECOND), (long)(left % NS_PER_SECOND) };
        /* a timeout in read-only memory: no time left to restart with */
        if (copy_to_user((struct timespec *)user_timeout, &remaining, sizeof remaining) < 0 &&
            result == -ERESTARTNOHAND)
            result = -EINTR;
    }
    if (masked)
        signal_wait_mask_end(result);
    return result;
}

static const struct poll_rules poll_rules = { POLLERR | POLLHUP, POLLNVAL, "poll" };

/* poll's work once the timeout is read and the mask in place. */
static int poll_user_entries(struct pollfd *user_entries, unsigned count, uint64_t deadline)
{
    if (count > MAX_OPEN_FILES)
        return -EINVAL;                /* Linux: beyond RLIMIT_NOFILE */
    struct pollfd *entries = kmalloc(count ? count * sizeof *entries : 1);
    if (!entries)
        return -ENOMEM;
    int result = -EFAULT;
    if (copy_from_user(entries, user_entries, count * sizeof *entries) == 0) {
        result = poll_descriptors(entries, count, deadline, &poll_rules);
        for (unsigned i = 0; i < count; i++)
            if (copy_to_user(&user_entries[i].revents, &entries[i].revents, sizeof entries[i].revents) < 0)
                result = -EFAULT;
    }
    kfree(entries);
    return result;
}

int sys_poll(struct pollfd *user_entries, unsigned count, const struct timespec *user_timeout,
             const void *user_mask)
{
    uint64_t deadline;
    int result = poll_read_timeout(user_timeout, &deadline);
    if (result < 0)
        return result;
    if (user_mask && (result = signal_wait_mask_begin(user_mask)) < 0)
        return result;
    result = poll_user_entries(user_entries, count, deadline);
    return poll_finish(result, user_timeout, deadline, user_mask != 0);
}
