/* kernel/proc/credentials.h - who a process is, and what that lets it do.
 *
 * A process runs as a real user and group (who started it), an effective
 * user and group (whose rights it uses now) and a saved pair (what a
 * set-user-id program may switch back to): struct process's uid, euid,
 * suid, gid, egid, sgid. 0 is root.
 *
 * Every permission rule of the kernel is decided here, in one place, next
 * to the rule it implements; the file system, the IPC objects and kill
 * only ask:
 *   - credentials_may_access: the rwx bits of an owned object (a file, a
 *     FIFO, a System V object, a POSIX queue), as Linux's
 *     generic_permission and ipcperms decide them;
 *   - credentials_may_administer: who may change or remove an object
 *     (IPC_SET, IPC_RMID, chmod);
 *   - credentials_may_signal: who may send a signal to whom (kill(2)).
 * Root (effective uid 0) passes every check, as a Linux process holding
 * CAP_DAC_OVERRIDE, CAP_FOWNER, CAP_IPC_OWNER and CAP_KILL does. */
#ifndef KERNEL_PROC_CREDENTIALS_H
#define KERNEL_PROC_CREDENTIALS_H

#include "process.h"

#define ROOT_UID 0
#define ID_UNCHANGED 0xFFFFFFFFu      /* (uid_t)-1: "leave this id as it is" */
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

/* Fills `owner` for an object `creator` makes now with permission bits
 * `mode`: owned by its effective ids, with the creator's umask cleared
 * from `mode` when `apply_umask` (files, FIFOs, POSIX IPC; System V
 * objects take their mode as given, as on Linux). */
void object_owner_init(struct object_owner *owner, const struct process *creator,
                       unsigned mode, int apply_umask);

/* Is `process` root, the super-user (effective uid 0)? Inline: every
 * check asks it first, on the paths of every System V operation. */
static inline int credentials_is_root(const struct process *process)
{
    return process->euid == ROOT_UID;
}

/* Is `process` in group `gid`: its effective group or one of its
 * supplementary groups? */
int credentials_in_group(const struct process *process, unsigned gid);

/* May `process` have the access `requested` (MAY_READ | MAY_WRITE |
 * MAY_EXECUTE) to an object owned as `owner` says? 0, or -EACCES. */
int credentials_may_access(const struct process *process, const struct object_owner *owner,
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

/* What open(2)'s access mode asks of a mode: O_RDONLY MAY_READ,
 * O_WRONLY MAY_WRITE, O_RDWR both. */
unsigned credentials_open_access(unsigned open_flags);

/* The umask `process` applies to new objects' modes (umask(2)). */
unsigned credentials_umask(const struct process *process);

#endif
