/* user/tools/fuzz/calls_multiplexing.c - generators for poll and select
 * (kernel/fs/poll.c, kernel/fs/select.c), made as system calls in their
 * ppoll and pselect forms: entries over every kind of descriptor the pools
 * hold (and closed, negative and absurd ones), nfds around the limits,
 * timeouts that are NULL (for ever: the alarm ends it), zero, short,
 * negative or not normalised, masks that are NULL, empty or bad pointers
 * (never one that blocks the alarm), and bad pointers everywhere. */
#include <stdint.h>
#include <string.h>
#include <uapi/syscall.h>
#include <uapi/time.h>

#include "fuzz.h"

#if defined(SYS_poll) && __has_include(<uapi/poll.h>)
#include <uapi/poll.h>

#define ENTRIES_MAX 40
#define SET_BYTES 128                 /* FD_SETSIZE bits */
#define DESCRIPTORS_MAX 256           /* the kernel's MAX_OPEN_FILES: poll's nfds limit */

/* A relative timeout; sets *forever when the call may wait for ever. */
static long relative_timeout(int *forever)
{
    *forever = 0;
    if (chance(20)) {
        *forever = 1;
        return 0;
    }
    if (chance(8))
        return (long)bad_pointer();
    struct timespec *time = (struct timespec *)safe_buffer(sizeof *time);
    time->tv_sec = chance(90) ? 0 : (long)PICK(1, (uint32_t)-1, 0x7fffffff);
    time->tv_nsec = (long)PICK(0, 0, 1000000, 20000000, 999999999, 1000000000, (uint32_t)-1);
    if (time->tv_sec > 0)
        *forever = 1;                 /* long enough to need the alarm */
    return (long)time;
}

/* The signal mask during the wait: NULL, empty, or a bad pointer. */
static long wait_mask(void)
{
    if (chance(60))
        return 0;
    if (chance(30))
        return (long)bad_pointer();
    uint32_t *mask = (uint32_t *)safe_buffer(2 * sizeof *mask);
    mask[0] = mask[1] = 0;
    return (long)mask;
}

static short any_events(void)
{
    return (short)(chance(80) ? any_flags(POLLIN | POLLOUT | POLLPRI | POLLRDNORM | POLLWRNORM | POLLHUP) : rng());
}

static void make_poll(struct call *call)
{
    uint32_t count = chance(85) ? below(ENTRIES_MAX) : PICK(0, 255, 256, 257, 100000, (uint32_t)-1);
    long entries;
    if (chance(85) && count <= ENTRIES_MAX) {
        struct pollfd *array = (struct pollfd *)safe_buffer(ENTRIES_MAX * sizeof *array);
        for (uint32_t i = 0; i < count; i++) {
            array[i].fd = chance(90) ? fd_any() : (int)PICK(-1, 255, 256, 0x7fffffff, (uint32_t)-5);
            array[i].events = any_events();
            array[i].revents = (short)rng();
        }
        entries = (long)array;
    } else if (count > DESCRIPTORS_MAX) {
        entries = (long)in_pointer(count * 8);   /* EINVAL before it is read */
    } else {
        uint32_t size = count * 8;
        entries = (long)out_pointer(&size);      /* revents are written back into it */
        count = size / 8;
    }
    int forever;
    long timeout = relative_timeout(&forever);
    set_call(call, SYS_poll, "poll", 4, entries, (long)count, timeout, wait_mask());
    call->may_block = forever;
}

/* One fd_set: bits for descriptors from the pools, or garbage. */
static long descriptor_set(int nfds)
{
    if (chance(35))
        return 0;
    if (chance(8))
        return (long)bad_pointer();
    uint8_t *set = (uint8_t *)safe_buffer(SET_BYTES);
    memset(set, 0, SET_BYTES);
    if (chance(10)) {
        for (int i = 0; i < SET_BYTES; i++)
            set[i] = (uint8_t)rng();
        return (long)set;
    }
    for (int bits = (int)below(4); bits > 0 && nfds > 0; bits--) {
        int fd = chance(90) ? fd_any() : (int)below((uint32_t)nfds);
        if (fd >= 0 && fd < nfds && fd < SET_BYTES * 8)
            set[fd / 8] |= (uint8_t)(1u << (fd % 8));
    }
    return (long)set;
}

static void make_select(struct call *call)
{
    int nfds = chance(85) ? (int)below(40) : (int)PICK(0, 255, 256, 1024, 1025, (uint32_t)-1, 0x7fffffff);
    int forever;
    long timeout = relative_timeout(&forever);
    set_call(call, SYS_select, "select", 6, (long)nfds, descriptor_set(nfds), descriptor_set(nfds),
             descriptor_set(nfds), timeout, wait_mask());
    call->may_block = forever;
}
#else
static void make_poll(struct call *call) { (void)call; }
static void make_select(struct call *call) { (void)call; }
#endif

const struct generator multiplexing_generators[] = {
    { make_poll, 3 }, { make_select, 2 },
};
const unsigned multiplexing_generator_count = sizeof multiplexing_generators / sizeof multiplexing_generators[0];
