/* kernel/fs/file_locks_for_core.h - what the core asks of file locks
 * (the subsystem "file_locks", kernel/subsystems/file_locks.c): fcntl's
 * record-lock commands, a process closing a descriptor, which lets go
 * of every record lock it holds on that file, an open file going, which
 * takes its flock and open-file-description locks with it, and the list
 * lslocks shows
 * (docs/record-locks.md). flock(2) itself is the subsystem's own call. A kernel built without the subsystem gets the
 * stand-ins below: no locks, and the commands answer ENOSYS, as every
 * call of a missing subsystem does (kernel/subsystems/subsystem.h). */
#ifndef KERNEL_FS_FILE_LOCKS_FOR_CORE_H
#define KERNEL_FS_FILE_LOCKS_FOR_CORE_H

#include "uapi/errno.h"
#include "uapi/kinfo.h"

struct file;
struct process;

typedef void (*record_lock_emit)(const struct kinfo_record_lock *lock, void *context);

#ifdef SUBSYSTEM_FILE_LOCKS
/* fcntl(fd, F_GETLK / F_SETLK / F_SETLKW, or their F_OFD_ forms,
 * user_lock): tests, takes or lets go of a lock on bytes of the file
 * behind `fd`, the process's or the open file description's. 0 or -errno.
 * Context: a system call, the big lock held; F_SETLKW may sleep. */
int record_lock_fcntl(int fd, int command, void *user_lock);

/* `process` closed a descriptor of `file` (any of them, its last or not:
 * POSIX's rule): every lock it holds on the file goes, and whoever waits
 * for one of them tries again. Context: file_close, the big lock held;
 * never sleeps. */
void record_locks_release(const struct file *file, const struct process *process);

/* lslocks (kinfo KINFO_RECORD_LOCKS): calls `emit` for every record lock
 * held, file by file, then every flock lock, then every caller waiting
 * for either. Context: kinfo, the big lock held; never sleeps, so the
 * list is of one moment. */
void file_locks_list(record_lock_emit emit, void *context);

/* The last reference to `file` is going (file_put): its flock(2) lock
 * and its F_OFD_SETLK locks, if it holds any, go too, and whoever waits
 * tries again. Context: the big lock held; never sleeps. */
void file_locks_file_gone(const struct file *file);
#else
static inline int record_lock_fcntl(int fd, int command, void *user_lock)
{
    (void)fd, (void)command, (void)user_lock;
    return -ENOSYS;                 /* no record locks */
}

static inline void record_locks_release(const struct file *file, const struct process *process)
{
    (void)file, (void)process;      /* no locks to let go */
}

static inline void file_locks_list(record_lock_emit emit, void *context)
{
    (void)emit, (void)context;      /* no locks to list */
}

static inline void file_locks_file_gone(const struct file *file)
{
    (void)file;                     /* no locks of an open file */
}
#endif

#endif
