/* kernel/ipc/sysv_shm.c - System V shared memory: shmget, shmat, shmdt, shmctl.
 *
 *   process A                      segment (key 0x41...)            process B
 *   region 0xbf7f0000 --------+    memory object: [f1][f2][f3]  +-------- region 0xbf600000
 *   (REGION_SHARED, attached) +--> the same frames for everyone <+  (attached)
 *
 * A segment is a memory object (kernel/mm/memory_object.c) plus a key, an id
 * and an attach count. shmat maps it as a shared region of the caller's
 * address space, so every attached process touches the same frames; fork
 * copies the attachment, exec and exit drop it (the region's attachment
 * hook keeps shm_nattch right in every case). IPC_RMID removes the key at
 * once; the memory goes when the last process has detached. A process that
 * did not attach has no region there: touching the address faults. */
#include "sysv_shm.h"

#include "lib/string.h"
#include "mm/address_space.h"
#include "mm/memory_layout.h"
#include "mm/memory_object.h"
#include "mm/uaccess.h"
#include "proc/credentials.h"
#include "proc/limits.h"
#include "proc/process.h"
#include "sched/clock.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "ipc_key.h"
#include "ipc_list.h"
#include "lib/kprintf.h"
#include "uapi/shm.h"
#include "subsystems/sysv_ipc_calls.h"

struct sysv_shm_segment {
    int in_use;
    int key;
    int id;                       /* slot + SHM_MAX_SEGMENTS * generation */
    uint32_t size;                /* bytes asked for */
    struct object_owner owner;    /* uid, gid, cuid, cgid, mode (ipc_key.h) */
    struct memory_object *object;
    unsigned attaches;            /* shm_nattch */
    int removed;                  /* IPC_RMID done: no key, freed at the last detach */
    int locked;                   /* SHM_LOCK done: SHM_LOCKED in its mode */
    unsigned locked_by;           /* the effective uid its size is charged to while locked */
    int creator_pid, last_pid;
    long attach_time, detach_time, change_time;
};

static struct sysv_shm_segment segments[SHM_MAX_SEGMENTS];
static unsigned generation;
static unsigned live_segments;

unsigned sysv_shm_segment_count(void)
{
    return live_segments;
}

void sysv_shm_list_objects(ipc_list_emit emit, void *context)
{
    for (int i = 0; i < SHM_MAX_SEGMENTS; i++) {
        struct sysv_shm_segment *segment = &segments[i];
        if (!segment->in_use)
            continue;
        struct kinfo_ipc_object object = {
            .kind = "sharedmem", .owner_pid = segment->creator_pid,
            .count = segment->attaches, .capacity = segment->size,
        };
        ksnprintf(object.name, sizeof object.name, segment->removed ? "%d (removed)" : "%d/0x%x",
                  segment->id, segment->key);
        emit(&object, context);
    }
}

/* What IPC_STAT (and /proc/sysvipc/shm) reports of `segment`; a removed
 * one, still attached, has key IPC_PRIVATE and SHM_DEST in its mode, as
 * on Linux. */
static void fill_status(const struct sysv_shm_segment *segment, struct shmid_ds *st)
{
    memset(st, 0, sizeof *st);
    st->shm_perm.__key = segment->key;
    ipc_object_owner_get_perm(&segment->owner, &st->shm_perm);
    if (segment->removed)
        st->shm_perm.mode |= SHM_DEST;
    if (segment->locked)
        st->shm_perm.mode |= SHM_LOCKED;
    st->shm_segsz = segment->size;
    st->shm_nattch = segment->attaches;
    st->shm_cpid = segment->creator_pid;
    st->shm_lpid = segment->last_pid;
    st->shm_atime = segment->attach_time;
    st->shm_dtime = segment->detach_time;
    st->shm_ctime = segment->change_time;
}

void sysv_shm_each_status(sysv_shm_status_emit emit, void *context)
{
    for (int i = 0; i < SHM_MAX_SEGMENTS; i++) {
        const struct sysv_shm_segment *segment = &segments[i];
        if (!segment->in_use)
            continue;
        struct shmid_ds st;
        fill_status(segment, &st);
        emit(&st, segment->id, segment->object ? segment->object->page_count * PAGE_SIZE : 0, context);
    }
}

static struct sysv_shm_segment *segment_by_id(int id)
{
    if (id < 0)
        return 0;
    struct sysv_shm_segment *segment = &segments[id % SHM_MAX_SEGMENTS];
    return segment->in_use && segment->id == id ? segment : 0;
}

static void free_if_unused(struct sysv_shm_segment *segment)
{
    if (!segment->removed || segment->attaches)
        return;
    memory_object_put(segment->object);
    segment->in_use = 0;
    live_segments--;
}

void sysv_shm_attachment_changed(void *attachment, int change)
{
    struct sysv_shm_segment *segment = attachment;
    segment->attaches += change;
    if (change < 0) {
        segment->detach_time = clock_realtime_seconds();
        if (current_task->process)
            segment->last_pid = current_task->process->pid;
        free_if_unused(segment);
    }
}

int sysv_shm_attachment_key(const void *attachment)
{
    const struct sysv_shm_segment *segment = attachment;
    return segment->key;
}

int sys_shmget(int key, uint32_t size, int flags)
{
    if (key != IPC_PRIVATE) {
        for (int i = 0; i < SHM_MAX_SEGMENTS; i++) {
            struct sysv_shm_segment *segment = &segments[i];
            if (!segment->in_use || segment->removed || segment->key != key)
                continue;
            if ((flags & IPC_CREAT) && (flags & IPC_EXCL))
                return -EEXIST;
            if (size > segment->size)
                return -EINVAL;              /* bigger than the existing segment */
            int refused = ipc_object_permission(&segment->owner, (unsigned)flags & IPC_MODE_BITS);
            return refused < 0 ? refused : segment->id;   /* EACCES */
        }
        if (!(flags & IPC_CREAT))
            return -ENOENT;
    }
    if (size < SHM_SIZE_MIN || size > SHM_SIZE_MAX)
        return -EINVAL;
    for (int i = 0; i < SHM_MAX_SEGMENTS; i++) {
        struct sysv_shm_segment *segment = &segments[i];
        if (segment->in_use)
            continue;
        struct memory_object *object = memory_object_create("shmget");
        if (!object)
            return -ENOMEM;
        *segment = (struct sysv_shm_segment){
            .in_use = 1, .key = key, .id = i + SHM_MAX_SEGMENTS * (int)(generation++ % 1024),
            .size = size, .object = object,
            .creator_pid = current_task->process->pid, .change_time = clock_realtime_seconds(),
        };
        object_owner_init(&segment->owner, current_task->process, (unsigned)flags & IPC_MODE_BITS, 0);
        live_segments++;
        return segment->id;
    }
    return -ENOSPC;
}

uint32_t sys_shmat(int id, uint32_t address, int flags)
{
    struct sysv_shm_segment *segment = segment_by_id(id);
    if (!segment || segment->removed)
        return (uint32_t)-EINVAL;
    /* EACCES: attaching needs read permission, and write unless SHM_RDONLY */
    int refused = ipc_object_permission(&segment->owner, (flags & SHM_RDONLY) ? IPC_ACCESS_READ
                                                                       : IPC_ACCESS_READ | IPC_ACCESS_WRITE);
    if (refused < 0)
        return (uint32_t)refused;
    struct address_space *space = current_task->process->address_space;
    uint32_t length = PAGE_ROUND_UP(segment->size);
    if (address) {
        if (flags & SHM_RND)
            address = PAGE_ROUND_DOWN(address);
        if ((address & (PAGE_SIZE - 1)) || address > USER_MMAP_TOP || length > USER_MMAP_TOP - address)
            return (uint32_t)-EINVAL;        /* unaligned, or in the stack's room to grow or the kernel's half */
    } else if (!(address = address_space_find_free(space, length))) {
        return (uint32_t)-ENOMEM;
    }
    uint32_t region_flags = REGION_READ | REGION_SHARED | ((flags & SHM_RDONLY) ? REGION_WRITE_DENIED : REGION_WRITE);
    int status = address_space_map(space, address, length, region_flags, segment->object, 0);
    if (status < 0)
        return (uint32_t)status;
    space->regions[space->region_count - 1].attachment = segment;
    segment->attaches++;
    segment->attach_time = clock_realtime_seconds();
    segment->last_pid = current_task->process->pid;
    return address;
}

/* Is `region` a piece of an attachment made at `address`? munmap may have
 * cut the attachment into pieces or taken its head; each piece still shows
 * page (start - address) / PAGE_SIZE of the segment (as Linux's do_shmdt
 * checks). */
static int piece_of_attachment_at(const struct region *region, uint32_t address)
{
    return region->attachment && region->start >= address &&
           region->object_first_page == (region->start - address) / PAGE_SIZE;
}

int sys_shmdt(uint32_t address)
{
    struct address_space *space = current_task->process->address_space;
    struct sysv_shm_segment *segment = 0;
    for (int i = 0; i < space->region_count && !segment; i++)
        if (space->regions[i].start == address && space->regions[i].attachment)
            segment = space->regions[i].attachment;
    for (int i = 0; i < space->region_count && !segment; i++)   /* its head was munmap'd */
        if (piece_of_attachment_at(&space->regions[i], address))
            segment = space->regions[i].attachment;
    if (!segment)
        return -EINVAL;                      /* nothing attached there */
    uint32_t end = address + PAGE_ROUND_UP(segment->size);   /* before the last piece may free it */
    for (int i = 0; i < space->region_count; i++) {
        struct region *region = &space->regions[i];
        if (region->attachment == segment && region->end <= end && piece_of_attachment_at(region, address)) {
            address_space_unmap(space, region->start, region->end);
            i = -1;                          /* unmap reorders the regions: look again */
        }
    }
    return 0;
}

static uint32_t pages_of(uint32_t bytes)
{
    return (bytes + PAGE_SIZE - 1) / PAGE_SIZE;
}

/* IPC_INFO: the limits (struct shminfo); SHM_INFO: what is in use
 * (struct shm_info). Both return the highest slot in use, as Linux's. */
static int segment_info(int command, void *user_buffer)
{
    int highest = 0;
    struct shm_info in_use = { .used_ids = (int)live_segments };
    for (int i = 0; i < SHM_MAX_SEGMENTS; i++) {
        const struct sysv_shm_segment *segment = &segments[i];
        if (!segment->in_use)
            continue;
        highest = i;
        in_use.shm_tot += pages_of(segment->size);
        in_use.shm_rss += segment->object->page_count;
    }
    if (command == SHM_INFO)
        return copy_to_user(user_buffer, &in_use, sizeof in_use) < 0 ? -EFAULT : highest;
    struct shminfo limits = {
        .shmmax = SHM_SIZE_MAX, .shmmin = SHM_SIZE_MIN,
        .shmmni = SHM_MAX_SEGMENTS, .shmseg = SHM_MAX_SEGMENTS,   /* a process may attach every one */
        .shmall = SHM_MAX_SEGMENTS * (SHM_SIZE_MAX / PAGE_SIZE),
    };
    return copy_to_user(user_buffer, &limits, sizeof limits) < 0 ? -EFAULT : highest;
}

/* SHM_LOCK and SHM_UNLOCK. This kernel never writes a page out, so every
 * segment stays in memory whatever is asked; what the lock changes is
 * SHM_LOCKED in the mode and what the locking user may still lock: the
 * sizes of the segments a user has locked count against RLIMIT_MEMLOCK,
 * as Linux's shmctl_do_lock charges them. */
static int lock_segment(struct sysv_shm_segment *segment, int command)
{
    const struct process *process = current_task->process;
    int root = credentials_is_root(process);
    uint32_t limit = limits_soft(process, RLIMIT_MEMLOCK);
    /* EPERM: only the owner, the creator or root; SHM_LOCK also needs a
     * RLIMIT_MEMLOCK above 0 */
    if (!root && process->euid != segment->owner.uid && process->euid != segment->owner.creator_uid)
        return -EPERM;
    if (!root && command == SHM_LOCK && limit == 0)
        return -EPERM;
    if (command == SHM_UNLOCK || segment->locked) {
        segment->locked = command == SHM_LOCK;
        return 0;
    }
    if (!root && limit != RLIMIT_INFINITY_VALUE) {
        uint32_t charged = pages_of(segment->size);
        for (int i = 0; i < SHM_MAX_SEGMENTS; i++)
            if (segments[i].in_use && segments[i].locked && segments[i].locked_by == process->euid)
                charged += pages_of(segments[i].size);
        if (charged > limit / PAGE_SIZE)
            return -ENOMEM;                  /* ENOMEM: beyond RLIMIT_MEMLOCK */
    }
    segment->locked = 1;
    segment->locked_by = process->euid;
    return 0;
}

/* shmctl: IPC_STAT, IPC_SET, IPC_RMID, SHM_LOCK and SHM_UNLOCK on the
 * segment `id`; SHM_STAT and SHM_STAT_ANY are IPC_STAT of the segment in
 * slot `id`, and return its id; IPC_INFO and SHM_INFO ask about all. */
int sys_shmctl(int id, int command, struct shmid_ds *user_buffer)
{
    if (id < 0)
        return -EINVAL;
    if (command == IPC_INFO || command == SHM_INFO)
        return segment_info(command, user_buffer);
    int by_slot = command == SHM_STAT || command == SHM_STAT_ANY;
    struct sysv_shm_segment *segment = !by_slot ? segment_by_id(id)
                                     : id < SHM_MAX_SEGMENTS && segments[id].in_use ? &segments[id] : 0;
    if (!segment)
        return -EINVAL;
    /* EACCES: IPC_STAT and SHM_STAT read; EPERM: IPC_SET and IPC_RMID are
     * the owner's, the creator's or root's */
    int refused = command == IPC_STAT || command == SHM_STAT ? ipc_object_permission(&segment->owner, IPC_ACCESS_READ)
                : command == IPC_SET || command == IPC_RMID ? ipc_object_may_administer(&segment->owner) : 0;
    if (refused < 0)
        return refused;
    switch (command) {
    case IPC_STAT:
    case SHM_STAT:
    case SHM_STAT_ANY: {
        struct shmid_ds st;
        fill_status(segment, &st);
        if (copy_to_user(user_buffer, &st, sizeof st) < 0)
            return -EFAULT;
        return by_slot ? segment->id : 0;
    }
    case IPC_SET: {
        struct shmid_ds st;
        if (copy_from_user(&st, user_buffer, sizeof st) < 0)
            return -EFAULT;
        ipc_object_owner_set_perm(&segment->owner, &st.shm_perm);
        segment->change_time = clock_realtime_seconds();
        return 0;
    }
    case IPC_RMID:
        segment->removed = 1;                /* the key is free from now on */
        segment->key = IPC_PRIVATE;
        free_if_unused(segment);
        return 0;
    case SHM_LOCK:
    case SHM_UNLOCK:
        return lock_segment(segment, command);
    default:
        return -EINVAL;
    }
}
