/* kernel/mm/lock.c - mlock, munlock, mlockall and munlockall (mlock(2)).
 *
 * This kernel never pages anything out: a page, once present, stays until
 * it is unmapped. So locking a range means what Linux's mlock guarantees
 * beyond that: every page of it is made present now (faulted in as a
 * touch would; a writable private page is written to, so that a
 * copy-on-write page shared with a fork's other side is copied now, as
 * Linux does), and the region is marked REGION_LOCKED, which is what the
 * locked bytes counted against RLIMIT_MEMLOCK are made of:
 *
 *   mlock(s + 4096, 4096) on [s, s + 12288)
 *     [ page 0 )[ page 1 LOCKED )[ page 2 )     split as mprotect splits
 *
 * A user other than root may lock at most RLIMIT_MEMLOCK bytes (ENOMEM;
 * EPERM when that limit is 0); root is not limited. Locks are not
 * inherited by fork and are gone after exec. mlockall(MCL_FUTURE) makes
 * later mappings (mmap, the heap grown by brk) come locked too; a later
 * write fault on a locked page shared with a fork's child may still need
 * a page (copy-on-write), as on Linux. */
#include "mlock_for_core.h"

#include "address_space.h"
#include "address_space_internal.h"
#include "memory_layout.h"
#include "proc/credentials.h"
#include "proc/limits.h"
#include "proc/process.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/mman.h"
#include "subsystems/mlock_calls.h"

/* The bytes of `space`'s regions marked REGION_LOCKED, inside [start,
 * end) when `inside`, else outside it. */
static uint32_t locked_bytes(struct address_space *space, uint32_t start, uint32_t end, int inside)
{
    uint32_t total = 0;
    for (int i = 0; i < space->region_count; i++) {
        const struct region *region = &space->regions[i];
        if (!(region->flags & REGION_LOCKED))
            continue;
        uint32_t size = region->end - region->start;
        uint32_t low = region->start > start ? region->start : start;
        uint32_t high = region->end < end ? region->end : end;
        uint32_t overlap = low < high ? high - low : 0;
        total += inside ? overlap : size - overlap;
    }
    return total;
}

/* Linux's can_do_mlock: root always; others while RLIMIT_MEMLOCK is not 0. */
static int may_lock(const struct process *process)
{
    return credentials_is_root(process) || limits_soft(process, RLIMIT_MEMLOCK) != 0;
}

/* Would `bytes` locked in all be within `process`'s RLIMIT_MEMLOCK? */
static int within_limit(const struct process *process, uint32_t bytes)
{
    return credentials_is_root(process) || bytes <= limits_soft(process, RLIMIT_MEMLOCK);
}

/* Makes every page of [start, end) present, as a touch would: a write
 * touch for a writable private page (copy-on-write broken now), a read
 * touch otherwise; PROT_NONE pages are left (Linux locks them without
 * making them present). 0, -EAGAIN (no memory: mlock(2)'s EAGAIN) or
 * -ENOMEM (a page past the end of a mapped file). */
static int populate(struct address_space *space, uint32_t start, uint32_t end)
{
    for (uint32_t address = start; address < end; address += PAGE_SIZE) {
        struct region *region = address_space_find_region(space, address);
        if (!region || !(region->flags & REGION_READ))
            continue;
        int write = (region->flags & (REGION_WRITE | REGION_SHARED)) == REGION_WRITE;
        int status = address_space_handle_fault(space, address, write);
        if (status == -ENOMEM)
            return -EAGAIN;
        if (status < 0)
            return -ENOMEM;
    }
    return 0;
}

/* The start of the first region above `address` below `end`, or `end`:
 * where the next mapped piece of a range with holes begins. */
static uint32_t next_region_start(struct address_space *space, uint32_t address, uint32_t end)
{
    uint32_t next = end;
    for (int i = 0; i < space->region_count; i++)
        if (space->regions[i].start > address && space->regions[i].start < next)
            next = space->regions[i].start;
    return next;
}

/* Sets (`lock`) or clears REGION_LOCKED on every region piece inside
 * [start, end), splitting regions at its ends and merging neighbours that
 * became alike; holes in the range are left alone (the heap brk grew may
 * begin above the old break when mprotect and munmap took its foot).
 * 0 or -ENOMEM (no free region slot). */
static int mark(struct address_space *space, uint32_t start, uint32_t end, int lock)
{
    uint32_t wanted = lock ? REGION_LOCKED : 0;
    int splits = 0;
    for (int i = 0; i < space->region_count; i++) {
        const struct region *region = &space->regions[i];
        if (region->end <= start || region->start >= end || (region->flags & REGION_LOCKED) == wanted)
            continue;
        splits += (region->start < start) + (region->end > end);
    }
    if (space->region_count + splits > ADDRESS_SPACE_MAX_REGIONS)
        return -ENOMEM;
    for (uint32_t address = start; address < end;) {
        struct region *region = address_space_find_region(space, address);
        if (!region) {
            address = next_region_start(space, address, end);
            continue;
        }
        uint32_t piece_start = address;
        uint32_t piece_end = region->end < end ? region->end : end;
        address = piece_end;
        if ((region->flags & REGION_LOCKED) == wanted)
            continue;
        if (region->start < piece_start)
            region = address_space_split_region(space, region, piece_start);
        if (region->end > piece_end)
            address_space_split_region(space, region, piece_end);
        region->flags = (region->flags & ~REGION_LOCKED) | wanted;
    }
    address_space_merge_regions(space);
    return 0;
}

/* The page-aligned range mlock and munlock mean by (address, length), as
 * Linux computes it: length grows by the offset into the first page and
 * is rounded up to whole pages (in 32 bits: it may wrap, as Linux's does
 * in its unsigned long). -EINVAL when the end wraps past 4 GiB, 1 when
 * the range is empty, -ENOMEM when it leaves the user half, 0 otherwise. */
static int lock_range(uint32_t address, uint32_t length, uint32_t *start, uint32_t *end)
{
    uint32_t bytes = PAGE_ROUND_UP(length + (address & (PAGE_SIZE - 1)));
    *start = PAGE_ROUND_DOWN(address);
    *end = *start + bytes;
    if (*end < *start)
        return -EINVAL;
    if (*end == *start)
        return 1;
    if (*start < USER_START || *end > USER_END)
        return -ENOMEM;
    return 0;
}

/* mlock(2). Context: process context, may take page frames. */
int sys_mlock(uint32_t address, uint32_t length)
{
    struct process *process = current_task->process;
    struct address_space *space = process->address_space;
    if (!may_lock(process))
        return -EPERM;
    uint32_t start, end;
    int status = lock_range(address, length, &start, &end);
    if (status)
        return status < 0 ? status : 0;
    if (!address_space_is_mapped(space, start, end))
        return -ENOMEM;
    uint32_t newly = (end - start) - locked_bytes(space, start, end, 1);
    if (!within_limit(process, locked_bytes(space, 0, 0, 0) + newly))
        return -ENOMEM;
    status = mark(space, start, end, 1);
    return status < 0 ? status : populate(space, start, end);
}

/* munlock(2): the pages stay present (nothing is paged out here). */
int sys_munlock(uint32_t address, uint32_t length)
{
    struct address_space *space = current_task->process->address_space;
    uint32_t start, end;
    int status = lock_range(address, length, &start, &end);
    if (status)
        return status < 0 ? status : 0;
    if (!address_space_is_mapped(space, start, end))
        return -ENOMEM;
    return mark(space, start, end, 0);
}

/* mlockall(2): MCL_CURRENT locks every region now (populated unless
 * MCL_ONFAULT; a page that cannot come is left, as Linux ignores such
 * errors here); MCL_FUTURE is remembered for mmap and brk, and replaced by
 * each call. */
int sys_mlockall(int flags)
{
    struct process *process = current_task->process;
    struct address_space *space = process->address_space;
    if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT)
        return -EINVAL;
    if (!may_lock(process))
        return -EPERM;
    if (flags & MCL_CURRENT) {
        uint32_t mapped = 0;
        for (int i = 0; i < space->region_count; i++)
            mapped += space->regions[i].end - space->regions[i].start;
        if (!within_limit(process, mapped))
            return -ENOMEM;
    }
    space->lock_future = flags & MCL_FUTURE ? flags & (MCL_FUTURE | MCL_ONFAULT) : 0;
    if (!(flags & MCL_CURRENT))
        return 0;
    for (int i = 0; i < space->region_count; i++)
        space->regions[i].flags |= REGION_LOCKED;
    address_space_merge_regions(space);
    if (!(flags & MCL_ONFAULT))
        for (int i = 0; i < space->region_count; i++)
            populate(space, space->regions[i].start, space->regions[i].end);
    return 0;
}

/* munlockall(2): no region locked, MCL_FUTURE off. */
int sys_munlockall(void)
{
    struct address_space *space = current_task->process->address_space;
    for (int i = 0; i < space->region_count; i++)
        space->regions[i].flags &= ~REGION_LOCKED;
    address_space_merge_regions(space);
    space->lock_future = 0;
    return 0;
}

int memory_lock_may_grow(struct process *process, uint32_t bytes)
{
    struct address_space *space = process->address_space;
    if (!space->lock_future || credentials_is_root(process))
        return 0;
    uint32_t locked = locked_bytes(space, 0, 0, 0), limit = limits_soft(process, RLIMIT_MEMLOCK);
    return locked > limit || bytes > limit - locked ? -EAGAIN : 0;
}

void memory_lock_new_mapping(struct process *process, uint32_t start, uint32_t end)
{
    struct address_space *space = process->address_space;
    if (!space->lock_future || start >= end || mark(space, start, end, 1) < 0)
        return;
    if (!(space->lock_future & MCL_ONFAULT))
        populate(space, start, end);
}

int memory_lock_holds_any(struct address_space *space, uint32_t start, uint32_t end)
{
    return locked_bytes(space, start, end, 1) != 0;
}
