/* kernel/ipc/ipc_key.c - key tables: from a key to an object (msgget,
 * semget), and from an id to the object (every other call).
 *
 *   slots:   [0] [1] [2] ... [capacity-1]      id = reuses[slot] * IPC_TABLE_SLOTS + slot
 *             |   |
 *             |   +--> queue with key 0x41020003, id 33 (slot 1, reused once)
 *             +------> queue with key IPC_PRIVATE, id 0
 *
 * An id names a slot and how many times the slot had been emptied when the
 * object got it. Removing an object bumps its slot's count, so the removed
 * object's id no longer matches anything, even once a new object takes the
 * slot: msgsnd to a removed queue is EINVAL, never a stranger's queue
 * (until the 16-bit count wraps, after 65536 removals in one slot).
 * Insert and remove run with the big kernel lock; on several CPUs a
 * lookup by id may run without it (ipc_table_find), so a slot is written
 * and read whole, by atomic stores and loads. */
#include "ipc_key.h"

#include "lib/kprintf.h"
#include "lib/string.h"
#include "proc/process.h"
#include "sched/clock.h"
#include "sched/task.h"
#include "uapi/errno.h"

#define NS_PER_SECOND 1000000000ull

int ipc_key_lookup(struct ipc_table *table, int key, int flags, struct ipc_object **existing)
{
    *existing = 0;
    if (key == IPC_PRIVATE)
        return 0;                                  /* always a new object */
    for (unsigned slot = 0; slot < table->capacity; slot++) {
        struct ipc_object *object = table->slots[slot];
        if (!object || object->key != key)
            continue;
        /* EEXIST: the caller insisted on creating it (IPC_CREAT|IPC_EXCL) */
        if ((flags & IPC_CREAT) && (flags & IPC_EXCL))
            return -EEXIST;
        *existing = object;
        return 0;
    }
    /* ENOENT: no object has the key and the caller did not ask to create one */
    if (!(flags & IPC_CREAT))
        return -ENOENT;
    return 0;
}

int ipc_table_insert(struct ipc_table *table, struct ipc_object *object, int key, int flags)
{
    for (unsigned slot = 0; slot < table->capacity; slot++) {
        if (table->slots[slot])
            continue;
        object->key = key;
        object->id = (int)table->reuses[slot] * IPC_TABLE_SLOTS + (int)slot;
        object_owner_init(&object->owner, current_task->process, (unsigned)flags & IPC_MODE_BITS, 0);
        object->creator_pid = current_task->process->pid;
        /* last, and whole: a lookup without the big lock (sysv_msgq_
         * without_big_lock.c) may read the slot at any moment */
        __atomic_store_n(&table->slots[slot], object, __ATOMIC_RELEASE);
        return object->id;
    }
    return -ENOSPC;                                /* MSGMNI / SEMMNI objects exist already */
}

struct ipc_object *ipc_table_find(struct ipc_table *table, int id)
{
    if (id < 0)
        return 0;
    unsigned slot = (unsigned)id % IPC_TABLE_SLOTS;
    if (slot >= table->capacity)
        return 0;
    struct ipc_object *object = __atomic_load_n(&table->slots[slot], __ATOMIC_ACQUIRE);
    return object && object->id == id ? object : 0;
}

struct ipc_object *ipc_table_at_slot(struct ipc_table *table, int slot)
{
    if (slot < 0 || (unsigned)slot >= table->capacity)
        return 0;
    return __atomic_load_n(&table->slots[slot], __ATOMIC_ACQUIRE);
}

int ipc_table_highest_slot(const struct ipc_table *table)
{
    int highest = 0;
    for (unsigned slot = 0; slot < table->capacity; slot++)
        if (table->slots[slot])
            highest = (int)slot;
    return highest;
}

void ipc_table_remove(struct ipc_table *table, struct ipc_object *object)
{
    unsigned slot = (unsigned)object->id % IPC_TABLE_SLOTS;
    __atomic_store_n(&table->slots[slot], 0, __ATOMIC_RELEASE);   /* whole, as insert's */
    table->reuses[slot]++;                         /* the old id now names nothing */
}

/* ipcperms: the access asked for is read from any of the three triples
 * of `access`, then proc/credentials.c decides by the one triple that
 * applies to the caller (the creator counts as an owner). */
int ipc_object_permission_by_mode(const struct object_owner *owner, unsigned access)
{
    unsigned requested = (access >> 6 | access >> 3 | access) & (MAY_READ | MAY_WRITE | MAY_EXECUTE);
    return credentials_may_access(current_task->process, owner, requested);
}

int ipc_object_may_administer(const struct object_owner *owner)
{
    return credentials_may_administer(current_task->process, owner);
}

void ipc_object_owner_get_perm(const struct object_owner *owner, struct ipc_perm *perm)
{
    perm->uid = owner->uid;
    perm->gid = owner->gid;
    perm->cuid = owner->creator_uid;
    perm->cgid = owner->creator_gid;
    perm->mode = owner->mode;
}

void ipc_object_get_perm(const struct ipc_table *table, const struct ipc_object *object,
                         struct ipc_perm *perm)
{
    memset(perm, 0, sizeof *perm);
    perm->__key = object->key;
    ipc_object_owner_get_perm(&object->owner, perm);
    perm->__seq = table->reuses[(unsigned)object->id % IPC_TABLE_SLOTS];
}

void ipc_object_owner_set_perm(struct object_owner *owner, const struct ipc_perm *perm)
{
    owner->uid = perm->uid;
    owner->gid = perm->gid;
    owner->mode = perm->mode & IPC_MODE_BITS;
}

void ipc_object_set_perm(struct ipc_object *object, const struct ipc_perm *perm)
{
    ipc_object_owner_set_perm(&object->owner, perm);
}

void ipc_object_list_entry(const struct ipc_object *object, const char *kind,
                           struct kinfo_ipc_object *entry)
{
    memset(entry, 0, sizeof *entry);
    strlcpy(entry->kind, kind, sizeof entry->kind);
    if (object->key == IPC_PRIVATE)
        ksnprintf(entry->name, sizeof entry->name, "%d", object->id);
    else
        ksnprintf(entry->name, sizeof entry->name, "%d/0x%x", object->id, (unsigned)object->key);
    entry->owner_pid = object->creator_pid;
}

