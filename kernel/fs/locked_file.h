/* kernel/fs/locked_file.h - the files that have locks: what POSIX's record
 * locks (record_lock.c: fcntl's F_SETLK) and BSD's whole-file locks
 * (flock.c: flock(2)) share (docs/record-locks.md).
 *
 * Each file some process has locked, or waits to lock, has one entry,
 * found by its inode, so that every descriptor of it, however it was
 * opened, finds the same locks; a file with no inode (a pipe, a socket)
 * by its open file description. The entry holds both kinds of locks and
 * the one queue their waiters sleep on. The two kinds never conflict
 * with each other, as on Linux: each looks only at its own list.
 *
 * Context: everything here runs with the big lock held (one CPU: the
 * kernel lock, sched/wait_queue.h), which protects the entries. */
#ifndef KERNEL_FS_LOCKED_FILE_H
#define KERNEL_FS_LOCKED_FILE_H

#include <stdint.h>

#include "file.h"
#include "file_locks_for_core.h"   /* record_lock_emit */
#include "sched/wait_queue.h"

struct flock_holder;
struct process;
struct record_lock;

struct locked_file {
    const void *key;                /* the inode, or the open file without one */
    unsigned inode_number;          /* for lslocks; 0 for a file without an inode */
    struct record_lock *locks;      /* fcntl's record locks, by start (record_lock.c) */
    struct flock_holder *flocks;    /* flock's, one per open file description (flock.c) */
    struct wait_queue changed;      /* the waiters of both kinds, woken when a lock goes or shrinks */
    unsigned waiting;               /* callers on `changed`: the entry stays while any waits */
    struct locked_file *next;
};

/* Every entry, newest first (lslocks walks them). */
extern struct locked_file *locked_files;

/* What an entry is found by: the file's inode, or the open file itself. */
static inline const void *locked_file_key(const struct file *file)
{
    return file->inode ? (const void *)file->inode : (const void *)file;
}

/* The entry of `file`'s locks, or NULL if it has none. Inline: every
 * close and every lock call asks it. */
static inline struct locked_file *locked_file_find(const struct file *file)
{
    const void *key = locked_file_key(file);
    for (struct locked_file *entry = locked_files; entry; entry = entry->next)
        if (entry->key == key)
            return entry;
    return 0;
}

/* A new entry for `file`, which has none; NULL when memory is short. */
struct locked_file *locked_file_add(const struct file *file);

/* The entry of `file`'s locks, made if there is none; NULL when memory
 * is short. */
static inline struct locked_file *locked_file_find_or_add(const struct file *file)
{
    struct locked_file *entry = locked_file_find(file);
    return entry ? entry : locked_file_add(file);
}

/* A caller waiting for a lock of either kind, on its stack while it
 * waits, in the list `lock_waits`: what it asked, for lslocks, and, for a
 * record lock, whom it waits for, for the deadlock search. */
struct lock_wait {
    int kind;                       /* KINFO_LOCK_POSIX (F_SETLKW), _OFD (F_OFD_SETLKW) or _FLOCK */
    const struct process *waiter;
    const void *blocker;            /* a record lock's owner (a process, or an open file for an
                                     * OFD lock); NULL for flock, or once that lock went and
                                     * the waiter has not looked again */
    int blocker_pid;                /* for lslocks; -1 once that lock went */
    const struct locked_file *file;
    short type;                     /* F_RDLCK or F_WRLCK (flock: LOCK_SH or LOCK_EX) */
    uint64_t start, end;
    struct lock_wait *next;
};

/* Every caller waiting now, newest first. */
extern struct lock_wait *lock_waits;

/* Puts `wait` on the list and sleeps, interruptibly, on the entry's queue
 * (`reason` is what ps shows), until a lock of the file goes or a signal
 * comes; takes `wait` off again. Returns a WAKE_* value. Context: a system
 * call, the big lock held; sleeps. */
int locked_file_sleep(struct locked_file *entry, struct lock_wait *wait, const char *reason);

/* lslocks: every record lock held, then every flock lock, then every
 * waiting caller (record_lock.c and flock.c list their own). */
void record_lock_list_held(record_lock_emit emit, void *context);
void flock_list_held(record_lock_emit emit, void *context);

/* An open file is going: its flock lock (flock.c) and its OFD record
 * locks (record_lock.c) on `entry`, the file's, go, and whoever waited
 * tries again; file_locks_file_gone finds the entry, calls both, and
 * frees it if nothing is left. */
void flock_file_gone(struct locked_file *entry, const struct file *file);
void record_lock_file_gone(struct locked_file *entry, const struct file *file);

/* Frees the entry if it holds no lock of either kind and nobody waits on
 * it. Called when a descriptor closes and when an open file goes, not at
 * each unlock: a file locked and unlocked over and over keeps its entry
 * while it is open, and every process that locked it closes it some day
 * (exit closes everything). */
void locked_file_forget_if_unused(struct locked_file *entry);

#endif
