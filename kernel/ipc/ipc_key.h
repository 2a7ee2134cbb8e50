/* kernel/ipc/ipc_key.h - the key tables of System V objects. msgget and
 * semget turn a key into an id through one table each (message queues and
 * semaphore sets have separate keys and ids, as on Linux); msgsnd, semop
 * and the others turn the id back into the object. */
#ifndef KERNEL_IPC_IPC_KEY_H
#define KERNEL_IPC_IPC_KEY_H

#include <stdint.h>

#include "proc/credentials.h"
#include "sched/clock.h"
#include "sched/task.h"
#include "uapi/kinfo.h"
#include "uapi/sysv_ipc.h"

#define IPC_TABLE_SLOTS 32      /* objects of one kind at most (MSGMNI, SEMMNI) */

/* The part every System V object starts with: what the key table and
 * IPC_STAT/IPC_SET need. The rest of the object follows it. */
struct ipc_object {
    int key;                    /* key_t; an IPC_PRIVATE object is never found by key */
    int id;                     /* what msgget/semget returned (see ipc_key.c) */
    struct object_owner owner;  /* uid, gid, cuid, cgid and the permission bits (IPC_MODE_BITS) */
    int creator_pid;            /* for ipcs */
};

struct ipc_table {
    struct ipc_object *slots[IPC_TABLE_SLOTS];
    uint16_t reuses[IPC_TABLE_SLOTS];  /* bumped when a slot empties: old ids stop working */
    unsigned capacity;          /* the kind's limit, at most IPC_TABLE_SLOTS */
};

#define IPC_TABLE_INITIALIZER(limit) { .capacity = (limit) }

/* The key rule msgget and semget share (msgget(2)): IPC_PRIVATE always
 * asks for a new object; a key in use gives its object in *existing, or
 * -EEXIST under IPC_CREAT|IPC_EXCL; an unused key is -ENOENT without
 * IPC_CREAT. Returns 0 with *existing NULL when the caller should create
 * the object (and then ipc_table_insert it). Context: a system call. */
int ipc_key_lookup(struct ipc_table *table, int key, int flags, struct ipc_object **existing);

/* Gives `object` a free slot, its id, `key` and the mode bits of `flags`,
 * owned and created by the caller's effective ids (no umask: System V
 * objects take their mode as given). Returns the id, or -ENOSPC when the
 * table is full. Never sleeps. */
int ipc_table_insert(struct ipc_table *table, struct ipc_object *object, int key, int flags);

/* The object with this id, or NULL: never given out, or removed (the
 * callers answer EINVAL). Never sleeps. Without the big lock, only in a
 * lookup (sched/lookup.h): an object the table shows is whole (insert
 * fills it before it shows it), and stays until the lookup ends if its
 * free waits for lookups (sysv_msgq.c). */
struct ipc_object *ipc_table_find(struct ipc_table *table, int id);

/* The object in slot `slot`, or NULL (MSG_STAT and SEM_STAT name an
 * object by its slot, as Linux's by its index; callers answer EINVAL). */
struct ipc_object *ipc_table_at_slot(struct ipc_table *table, int slot);

/* The highest slot in use, 0 when none is: what IPC_INFO, MSG_INFO and
 * SEM_INFO return, the last slot worth a *_STAT (as Linux's). */
int ipc_table_highest_slot(const struct ipc_table *table);

/* Takes `object` out of the table (IPC_RMID): its id and key stop working
 * at once. Never sleeps. */
void ipc_table_remove(struct ipc_table *table, struct ipc_object *object);

/* What an operation asks of an object's mode, as Linux's ipcperms reads
 * it: any of the three triples' bits names the access (S_IRUGO, S_IWUGO). */
#define IPC_ACCESS_READ  0444     /* msgrcv, semop that only waits for zero, GETVAL, IPC_STAT, shmat */
#define IPC_ACCESS_WRITE 0222     /* msgsnd, semop that changes a value, SETVAL, SETALL */

/* May the running process use the object owned as `owner` for `access`
 * (IPC_ACCESS_* or'ed, or the mode bits of msgget/semget/shmget's flags,
 * which ask for what they name: 0 asks nothing)? 0, or -EACCES (ipc(2)).
 * Root may always: that, the common case, is answered inline, without a
 * call on every msgsnd and semop. */
int ipc_object_permission_by_mode(const struct object_owner *owner, unsigned access);
static inline int ipc_object_permission(const struct object_owner *owner, unsigned access)
{
    return credentials_is_root(current_task->process) ? 0 : ipc_object_permission_by_mode(owner, access);
}

/* May the running process change or remove the object (IPC_SET,
 * IPC_RMID)? Its owner, its creator or root: 0, or -EPERM. */
int ipc_object_may_administer(const struct object_owner *owner);

/* IPC_STAT's view of the owner and mode, and IPC_SET's change of them
 * (uid, gid and the permission bits; the rest is ignored, as on Linux).
 * The caller has checked ipc_object_may_administer before a set. */
void ipc_object_owner_get_perm(const struct object_owner *owner, struct ipc_perm *perm);
void ipc_object_get_perm(const struct ipc_table *table, const struct ipc_object *object,
                         struct ipc_perm *perm);
void ipc_object_owner_set_perm(struct object_owner *owner, const struct ipc_perm *perm);
void ipc_object_set_perm(struct ipc_object *object, const struct ipc_perm *perm);

/* The part of ipcs's entry every System V object shares: `kind`; as its
 * name the id, and "/" and the key in hex unless IPC_PRIVATE ("33/0x41020003");
 * the creator as its owner. */
void ipc_object_list_entry(const struct ipc_object *object, const char *kind,
                           struct kinfo_ipc_object *entry);

/* Seconds since the Epoch (CLOCK_REALTIME, as time() reads it): the clock
 * of msg_stime, sem_otime and the other times. */
static inline long ipc_now_seconds(void)
{
    return clock_realtime_seconds();     /* one load: no division on every operation */
}

#endif
