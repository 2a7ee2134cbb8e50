/* user/tools/fuzz/calls_gaps.c - generators for memory locking and CPU
 * affinity (kernel/mm/lock.c, kernel/sched/affinity.c): mlock and munlock
 * on mappings of ours, on ranges that wrap or leave the user half, and on
 * anything at all; mlockall with every flag combination, good and bad
 * (always with MCL_ONFAULT outside a risky child: a worker whose arenas
 * and later mappings all came present at once would run out of pages and
 * die of its next fault, as it would on Linux), munlockall; long mlock
 * ranges only on bad pointers, for the same reason; sched_setaffinity and
 * sched_getaffinity on ourselves, our threads, other processes and
 * nonsense ids, with masks of every size (short, the kernel's, long),
 * with and without CPU 0, and bad pointers. */
#include <stdint.h>
#include <uapi/syscall.h>

#include "fuzz.h"

#if defined(SYS_mlock) && defined(SYS_sched_getaffinity)
#include <uapi/mman.h>

static uint32_t lock_length(void)
{
    return chance(75) ? 4096 * (1 + below(8)) + (chance(20) ? below(4096) : 0) : any_size();
}

static uint32_t lock_address(uint32_t length)
{
    uint32_t roll = below(100);
    if (roll < 70)
        return mapping_address() + (chance(20) ? below(4096) : 0);
    if (roll < 80)
        return changeable_mapping_address(length);
    return roll < 90 ? bad_pointer() : rng();
}

static void make_mlock(struct call *call)
{
    uint32_t length = lock_length();
    uint32_t address = lock_address(length);
    if (!risky_mode && length > (1u << 20) && (uint32_t)-length > (1u << 20))
        address = bad_pointer();        /* a long range only where nothing can come present */
    set_call(call, SYS_mlock, "mlock", 2, (long)address, (long)length);
}

static void make_munlock(struct call *call)
{
    uint32_t length = lock_length();
    set_call(call, SYS_munlock, "munlock", 2, (long)lock_address(length), (long)length);
}

static void make_mlockall(struct call *call)
{
    long flags = chance(85) ? (long)PICK(MCL_CURRENT | MCL_ONFAULT, MCL_FUTURE | MCL_ONFAULT,
                                         MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT, MCL_FUTURE, MCL_ONFAULT, 0)
                            : (long)any_flags(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT);
    if (!risky_mode && (flags & (MCL_CURRENT | MCL_FUTURE)))
        flags |= MCL_ONFAULT;           /* see above */
    set_call(call, SYS_mlockall, "mlockall", 1, flags);
}

static void make_munlockall(struct call *call)
{
    set_call(call, SYS_munlockall, "munlockall", 0);
}

static long affinity_target(void)
{
    switch (below(4)) {
    case 0: return 0;
    case 1: return thread_tid_any();
    case 2: return (long)PICK(-1, 1, 0x7fffffff, 0x80000000);
    default: return pid_any();
    }
}

/* A mask of `*size` bytes: ours (CPU 0 in it or not), or bad. */
static long affinity_mask(uint32_t *size)
{
    *size = PICK(4, 4, 4, 8, 128, 0, 1, 3, 5, (uint32_t)-1);
    if (chance(15))
        return (long)bad_pointer();
    if (*size > 128) {
        *size = 128;
        if (chance(50))
            *size = (uint32_t)-1;
        return *size == 128 ? (long)safe_buffer(128) : (long)bad_pointer();
    }
    uint32_t *mask = (uint32_t *)safe_buffer(128);
    for (unsigned i = 0; i < 32; i++)
        mask[i] = chance(50) ? 0 : rng();
    if (chance(70))
        mask[0] |= 1;
    return (long)mask;
}

static void make_sched_setaffinity(struct call *call)
{
    uint32_t size;
    long mask = affinity_mask(&size);
    set_call(call, SYS_sched_setaffinity, "sched_setaffinity", 3, affinity_target(), (long)size, mask);
}

static void make_sched_getaffinity(struct call *call)
{
    uint32_t size = PICK(4, 4, 8, 128, 0, 1, 3, 6, (uint32_t)-1);
    long mask;
    if (chance(80) && size <= 128) {
        uint32_t room = size;
        mask = (long)out_pointer(&room);
        if (room < size)
            mask = (long)bad_pointer();   /* more than we own: only a bad buffer may be that long */
    } else {
        mask = (long)bad_pointer();
    }
    set_call(call, SYS_sched_getaffinity, "sched_getaffinity", 3, affinity_target(), (long)size, mask);
}
#else
static void make_mlock(struct call *call) { (void)call; }
static void make_munlock(struct call *call) { (void)call; }
static void make_mlockall(struct call *call) { (void)call; }
static void make_munlockall(struct call *call) { (void)call; }
static void make_sched_setaffinity(struct call *call) { (void)call; }
static void make_sched_getaffinity(struct call *call) { (void)call; }
#endif

const struct generator gaps_generators[] = {
    { make_mlock, 4 }, { make_munlock, 3 }, { make_mlockall, 1 }, { make_munlockall, 1 },
    { make_sched_setaffinity, 3 }, { make_sched_getaffinity, 3 },
};
const unsigned gaps_generator_count = sizeof gaps_generators / sizeof gaps_generators[0];
