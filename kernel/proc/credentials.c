/* kernel/proc/credentials.c - the permission rules, in one place
 * (credentials.h says who asks). Each function names the rule it
 * implements; Linux's fs/namei.c (generic_permission), ipc/util.c
 * (ipcperms) and kernel/signal.c (kill_ok_by_cred) decide the same way. */
#include "credentials.h"

#include "process.h"
#include "uapi/errno.h"

#define PERMISSION_BITS 0777

void object_owner_init(struct object_owner *owner, const struct process *creator,
                       unsigned mode, int apply_umask)
{
    if (apply_umask)
        mode &= ~credentials_umask(creator);
    owner->uid = owner->creator_uid = creator->euid;
    owner->gid = owner->creator_gid = creator->egid;
    owner->mode = mode & PERMISSION_BITS;
}

/* Is `gid` the group `group_id` (the effective or the real one) or one
 * of `process`'s supplementary groups? */
static int in_group_as(const struct process *process, unsigned group_id, unsigned gid)
{
    if (group_id == gid)
        return 1;
    for (unsigned i = 0; i < process->group_count; i++)
        if (process->groups[i] == gid)
            return 1;
    return 0;
}

int credentials_in_group(const struct process *process, unsigned gid)
{
    return in_group_as(process, process->egid, gid);
}

/* The rule of the three triples (chmod(2), ipc(2)): the owner's bits
 * apply to the owner, even when they allow less than the others'; the
 * group's to a member of the group; the others' to everyone else. Only
 * the one triple that applies is looked at. Root needs no bit. The ids
 * weighed are the effective ones, or for access(2) the real ones. */
static int may_access_as(const struct process *process, unsigned user_id, unsigned group_id,
                         const struct object_owner *owner, unsigned requested)
{
    if (user_id == ROOT_UID)
        return 0;
    unsigned granted = owner->mode;
    if (user_id == owner->uid || user_id == owner->creator_uid)
        granted >>= 6;
    else if (in_group_as(process, group_id, owner->gid) || in_group_as(process, group_id, owner->creator_gid))
        granted >>= 3;
    return (requested & ~granted & 07) ? -EACCES : 0;
}

int credentials_may_access(const struct process *process, const struct object_owner *owner,
                           unsigned requested)
{
    return may_access_as(process, process->euid, process->egid, owner, requested);
}

int credentials_may_access_real(const struct process *process, const struct object_owner *owner,
                                unsigned requested)
{
    return may_access_as(process, process->uid, process->gid, owner, requested);
}

/* IPC_SET and IPC_RMID (msgctl(2)), chmod and chown of one's own file
 * (chmod(2)): the owner, the creator, or root. */
int credentials_may_administer(const struct process *process, const struct object_owner *owner)
{
    if (credentials_is_root(process) || process->euid == owner->uid || process->euid == owner->creator_uid)
        return 0;
    return -EPERM;
}

/* kill(2): "For a process to have permission to send a signal, it must
 * either be privileged, or the real or effective user ID of the sending
 * process must equal the real or saved set-user-ID of the target process." */
int credentials_may_signal(const struct process *sender, const struct process *target)
{
    if (credentials_is_root(sender))
        return 1;
    return sender->uid == target->uid || sender->uid == target->suid ||
           sender->euid == target->uid || sender->euid == target->suid;
}

/* setpriority(2): "the effective user ID of the caller must match the
 * real or effective user ID of the target", unless privileged. */
int credentials_may_renice(const struct process *process, const struct process *target)
{
    return credentials_is_root(process) || process->euid == target->uid || process->euid == target->euid;
}
