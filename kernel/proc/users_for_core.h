/* kernel/proc/users_for_core.h - what the core asks of the users
 * subsystem (kernel/subsystems/users.c): whom a process runs as, and
 * whether that lets it do something. The rules themselves, and who asks
 * them, are credentials.h's (docs/users.md).
 *
 * Without the subsystem nothing changes an id: setuid(2), setgroups(2),
 * umask(2), chmod(2), chown(2) and the rest answer ENOSYS. init starts as
 * root (process.c), every child is its parent's copy (fork.c), every
 * file is made by root: every process is root, whom every rule lets
 * through, and each check below answers what its rule answers for root.
 * The ids can still be read (getresuid(2), process_syscalls.c). */
#ifndef KERNEL_PROC_USERS_FOR_CORE_H
#define KERNEL_PROC_USERS_FOR_CORE_H

#include "process.h"
#include "uapi/fcntl.h"

#define ROOT_UID 0
#define UMASK_DEFAULT 022             /* a new process's umask: no write for group and others */

/* What a caller asks for, in the bit positions of the "others" triple. */
#define MAY_EXECUTE 01                /* search, for a directory */
#define MAY_READ    04
#define MAY_WRITE   02

/* Who owns an object and what its mode allows. For a System V object the
 * creator counts as an owner too (ipc(2)); for the rest creator_uid and
 * creator_gid equal uid and gid. */
struct object_owner {
    unsigned uid, gid;                /* the owner: IPC_SET and chown change it */
    unsigned creator_uid, creator_gid;
    unsigned mode;                    /* rwxrwxrwx: owner, group, others (0777) */
};

/* Is `process` root, the super-user (effective uid 0)? Inline: every
 * check asks it first, on the paths of every System V operation. */
static inline int credentials_is_root(const struct process *process)
{
    return process->euid == ROOT_UID;
}

/* The umask `process` applies to new objects' modes (umask(2)). */
static inline unsigned credentials_umask(const struct process *process)
{
    return process->umask;
}

/* What open(2)'s access mode asks of a mode: O_RDONLY MAY_READ,
 * O_WRONLY MAY_WRITE, O_RDWR both. */
static inline unsigned credentials_open_access(unsigned open_flags)
{
    switch (open_flags & O_ACCMODE) {
    case O_RDONLY: return MAY_READ;
    case O_WRONLY: return MAY_WRITE;
    default: return MAY_READ | MAY_WRITE;
    }
}

#ifdef SUBSYSTEM_USERS

/* May `process` have the access `requested` (MAY_READ | MAY_WRITE |
 * MAY_EXECUTE) to an object owned as `owner` says? 0, or -EACCES. */
int credentials_may_access(const struct process *process, const struct object_owner *owner,
                           unsigned requested);

/* The same rule weighing the real user and group ids (access(2)). */
int credentials_may_access_real(const struct process *process, const struct object_owner *owner,
                                unsigned requested);

/* May `process` change the owner or mode of the object, or remove it
 * (IPC_SET, IPC_RMID, chmod)? Its owner, its creator or root: 0, or
 * -EPERM. */
int credentials_may_administer(const struct process *process, const struct object_owner *owner);

/* May `sender` send a signal to `target` (kill(2))? Root may signal
 * anyone; another process only one whose real or saved user id is its
 * own real or effective user id. 1 = allowed, 0 = not (the caller answers
 * EPERM). */
int credentials_may_signal(const struct process *sender, const struct process *target);

/* May `process` change the nice value of `target` (setpriority(2))? Root,
 * or a process whose effective uid is the target's real or effective uid. */
int credentials_may_renice(const struct process *process, const struct process *target);

#else

/* Every process is root: root needs no bit, administers everything,
 * signals and renices anyone. */
static inline int credentials_may_access(const struct process *process, const struct object_owner *owner,
                                         unsigned requested)
{
    (void)process, (void)owner, (void)requested;
    return 0;
}

static inline int credentials_may_access_real(const struct process *process, const struct object_owner *owner,
                                              unsigned requested)
{
    (void)process, (void)owner, (void)requested;
    return 0;
}

static inline int credentials_may_administer(const struct process *process, const struct object_owner *owner)
{
    (void)process, (void)owner;
    return 0;
}

static inline int credentials_may_signal(const struct process *sender, const struct process *target)
{
    (void)sender, (void)target;
    return 1;
}

static inline int credentials_may_renice(const struct process *process, const struct process *target)
{
    (void)process, (void)target;
    return 1;
}

#endif
#endif
