/* kernel/fs/select.c - select(2) and pselect(2) (one system call:
 * pselect's form): three bit sets turned into poll's entries, the same
 * wait (kernel/fs/poll.c), and the sets rewritten with the ready bits.
 *
 * The rules (POSIX):
 *  - nfds below 0 or above FD_SETSIZE is EINVAL; a bit set for a
 *    descriptor that is not open is EBADF, before any wait.   -> sys_select
 *  - A descriptor is ready for reading when a read would not wait (data,
 *    end of file, an error), for writing when a write would not wait
 *    (room, or an error it would report), "exceptional" with urgent data
 *    (never here). The sets come back holding just the ready bits, and
 *    the result counts the bits; they are untouched on an error or EINTR.
 *  - The timeout and the signal mask as poll's (poll.h). */
#include "file.h"
#include "ipc/signal.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "poll.h"
#include "lib/string.h"
#include "uapi/errno.h"
#include "subsystems/multiplexing_calls.h"

/* Which poll events make each set's bit (Linux's POLLIN_SET, POLLOUT_SET
 * and POLLEX_SET): a hang-up or an error makes a read return at once. */
#define READ_EVENTS   (POLLIN | POLLRDNORM | POLLRDBAND | POLLHUP | POLLERR)
#define WRITE_EVENTS  (POLLOUT | POLLWRNORM | POLLWRBAND | POLLERR)
#define EXCEPT_EVENTS POLLPRI

enum { READ_SET, WRITE_SET, EXCEPT_SET, SET_KINDS };

static const unsigned set_events[SET_KINDS] = { READ_EVENTS, WRITE_EVENTS, EXCEPT_EVENTS };

#define BITS_PER_WORD 32
#define SET_WORDS (SELECT_NFDS_MAX / BITS_PER_WORD)

/* The part of the three sets below nfds, as the caller gave them and as
 * they come back; words of 32 bits, as the library's fd_set holds them. */
struct select_sets {
    uint32_t *user[SET_KINDS];        /* NULL: that set was not given */
    uint32_t asked[SET_KINDS][SET_WORDS];
    uint32_t ready[SET_KINDS][SET_WORDS];
    unsigned words;                   /* words of each set read and written back */
};

static int bit_is_set(const uint32_t *set, int fd)
{
    return (set[fd / BITS_PER_WORD] >> (fd % BITS_PER_WORD)) & 1;
}

/* One poll entry for each descriptor in any set. -EBADF for one that is
 * not open. Returns the count. */
static int entries_of_sets(const struct select_sets *sets, int nfds, struct pollfd *entries)
{
    int count = 0;
    for (int fd = 0; fd < nfds; fd++) {
        unsigned events = 0;
        for (int kind = 0; kind < SET_KINDS; kind++)
            if (bit_is_set(sets->asked[kind], fd))
                events |= set_events[kind];
        if (!events)
            continue;
        if (!descriptor_lookup(fd))
            return -EBADF;
        entries[count].fd = fd;
        entries[count].events = (short)events;
        entries[count].revents = 0;
        count++;
    }
    return count;
}

/* Sets the ready bits from the entries' revents; returns their number. */
static int sets_of_entries(struct select_sets *sets, const struct pollfd *entries, int count)
{
    int bits = 0;
    memset(sets->ready, 0, sizeof sets->ready);
    for (int i = 0; i < count; i++) {
        int fd = entries[i].fd;
        for (int kind = 0; kind < SET_KINDS; kind++) {
            if (bit_is_set(sets->asked[kind], fd) && ((uint16_t)entries[i].revents & set_events[kind])) {
                sets->ready[kind][fd / BITS_PER_WORD] |= 1u << (fd % BITS_PER_WORD);
                bits++;
            }
        }
    }
    return bits;
}

static const struct poll_rules select_rules = { 0, 0, "select" };

/* select's work once the timeout is read and the mask in place. */
static int select_descriptors(struct select_sets *sets, int nfds, uint64_t deadline)
{
    for (int kind = 0; kind < SET_KINDS; kind++) {
        memset(sets->asked[kind], 0, sizeof sets->asked[kind]);
        if (sets->user[kind] &&
            copy_from_user(sets->asked[kind], sets->user[kind], sets->words * sizeof(uint32_t)) < 0)
            return -EFAULT;
    }
    /* every entry is an open descriptor: at most MAX_OPEN_FILES of them */
    struct pollfd *entries = kmalloc(MAX_OPEN_FILES * sizeof *entries);
    if (!entries)
        return -ENOMEM;
    int count = entries_of_sets(sets, nfds < MAX_OPEN_FILES ? nfds : MAX_OPEN_FILES, entries);
    /* a bit beyond the descriptor table names no open descriptor */
    for (int fd = MAX_OPEN_FILES; count >= 0 && fd < nfds; fd++)
        for (int kind = 0; kind < SET_KINDS; kind++)
            if (bit_is_set(sets->asked[kind], fd))
                count = -EBADF;
    int result = count;
    if (result >= 0)
        result = poll_descriptors(entries, (unsigned)count, deadline, &select_rules);
    if (result >= 0)
        result = sets_of_entries(sets, entries, count);
    kfree(entries);
    return result;
}

int sys_select(int nfds, uint32_t *user_read, uint32_t *user_write, uint32_t *user_except,
               const struct timespec *user_timeout, const void *user_mask)
{
    if (nfds < 0 || nfds > SELECT_NFDS_MAX)
        return -EINVAL;
    uint64_t deadline;
    int result = poll_read_timeout(user_timeout, &deadline);
    if (result < 0)
        return result;
    struct select_sets *sets = kmalloc(sizeof *sets);
    if (!sets)
        return -ENOMEM;
    sets->user[READ_SET] = user_read;
    sets->user[WRITE_SET] = user_write;
    sets->user[EXCEPT_SET] = user_except;
    sets->words = ((unsigned)nfds + BITS_PER_WORD - 1) / BITS_PER_WORD;
    if (user_mask && (result = signal_wait_mask_begin(user_mask)) < 0) {
        kfree(sets);
        return result;
    }
    result = select_descriptors(sets, nfds, deadline);
    for (int kind = 0; result >= 0 && kind < SET_KINDS; kind++)
        if (sets->user[kind] && copy_to_user(sets->user[kind], sets->ready[kind], sets->words * sizeof(uint32_t)) < 0)
            result = -EFAULT;
    kfree(sets);
    return poll_finish(result, user_timeout, deadline, user_mask != 0);
}
