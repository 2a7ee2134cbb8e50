/* kernel/proc/identity_syscalls.c - the calls that change whom a process
 * runs as (setuid(2), setreuid(2), setresuid(2) and their group twins),
 * its supplementary groups and its umask (the calls that read them are
 * the core's: process_syscalls.c). The user and group calls share one
 * rule, written once for a triple of ids (real, effective, saved):
 *
 *   root (effective uid 0) may set any id to anything;
 *   anyone else may set each id only to one of its current three.
 *
 * For groups the privilege is the same: an effective uid of 0 (Linux's
 * CAP_SETGID). (uid_t)-1 means "unchanged" where the call allows it, and is
 * EINVAL where POSIX names it a bad id (setuid, setgid). */
#include "credentials.h"
#include "mm/uaccess.h"
#include "process.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "subsystems/users_calls.h"

#define UMASK_BITS 0777

/* A process's ids of one kind: its uids or its gids. */
struct id_triple {
    unsigned *real, *effective, *saved;
};

static struct id_triple user_ids(struct process *process)
{
    return (struct id_triple){ &process->uid, &process->euid, &process->suid };
}

static struct id_triple group_ids(struct process *process)
{
    return (struct id_triple){ &process->gid, &process->egid, &process->sgid };
}

/* Is `id` one the unprivileged may take: ID_UNCHANGED, or one of the
 * triple's current ids? */
static int may_take(struct id_triple ids, unsigned id)
{
    return id == ID_UNCHANGED || id == *ids.real || id == *ids.effective || id == *ids.saved;
}

/* setresuid(2) and setresgid(2): each id not ID_UNCHANGED becomes the
 * new one; EPERM (changing nothing) unless every new id is allowed. */
static int set_triple(struct id_triple ids, unsigned real, unsigned effective, unsigned saved)
{
    if (!credentials_is_root(current_task->process) &&
        !(may_take(ids, real) && may_take(ids, effective) && may_take(ids, saved)))
        return -EPERM;
    if (real != ID_UNCHANGED)
        *ids.real = real;
    if (effective != ID_UNCHANGED)
        *ids.effective = effective;
    if (saved != ID_UNCHANGED)
        *ids.saved = saved;
    return 0;
}

/* setuid(2) and setgid(2): root sets all three ids; anyone else only the
 * effective one, and only to its real or saved id. */
static int set_single(struct id_triple ids, unsigned id)
{
    if (id == ID_UNCHANGED)
        return -EINVAL;                       /* (uid_t)-1 is no user */
    if (credentials_is_root(current_task->process))
        return set_triple(ids, id, id, id);
    if (id != *ids.real && id != *ids.saved)
        return -EPERM;
    *ids.effective = id;
    return 0;
}

/* setreuid(2) and setregid(2): the real id may become the real or the
 * effective one, the effective id any of the three (as Linux); the saved
 * id follows the new effective id when the real one is set, or the
 * effective one is set to something other than the old real id. */
static int set_real_effective(struct id_triple ids, unsigned real, unsigned effective)
{
    if (!credentials_is_root(current_task->process) &&
        ((real != ID_UNCHANGED && real != *ids.real && real != *ids.effective) ||
         !may_take(ids, effective)))
        return -EPERM;
    unsigned old_real = *ids.real;
    if (real != ID_UNCHANGED)
        *ids.real = real;
    if (effective != ID_UNCHANGED)
        *ids.effective = effective;
    if (real != ID_UNCHANGED || (effective != ID_UNCHANGED && effective != old_real))
        *ids.saved = *ids.effective;
    return 0;
}

/* Linux forgets the parent-death signal (prctl's PR_SET_PDEATHSIG) when
 * whom the process runs as changes: a wish made as one user does not
 * follow the process once it is another. `status` is the change's. */
static int identity_changed(unsigned euid_before, unsigned egid_before, int status)
{
    struct process *process = current_task->process;
    if (status == 0 && (process->euid != euid_before || process->egid != egid_before))
        process->parent_death_signal = 0;
    return status;
}

int sys_setuid(unsigned uid)
{
    struct process *process = current_task->process;
    unsigned euid = process->euid, egid = process->egid;   /* before the change */
    return identity_changed(euid, egid, set_single(user_ids(process), uid));
}

int sys_setgid(unsigned gid)
{
    struct process *process = current_task->process;
    unsigned euid = process->euid, egid = process->egid;   /* before the change */
    return identity_changed(euid, egid, set_single(group_ids(process), gid));
}

int sys_setreuid(unsigned real, unsigned effective)
{
    struct process *process = current_task->process;
    unsigned euid = process->euid, egid = process->egid;   /* before the change */
    return identity_changed(euid, egid, set_real_effective(user_ids(process), real, effective));
}

int sys_setregid(unsigned real, unsigned effective)
{
    struct process *process = current_task->process;
    unsigned euid = process->euid, egid = process->egid;   /* before the change */
    return identity_changed(euid, egid, set_real_effective(group_ids(process), real, effective));
}

int sys_setresuid(unsigned real, unsigned effective, unsigned saved)
{
    struct process *process = current_task->process;
    unsigned euid = process->euid, egid = process->egid;   /* before the change */
    return identity_changed(euid, egid, set_triple(user_ids(process), real, effective, saved));
}

int sys_setresgid(unsigned real, unsigned effective, unsigned saved)
{
    struct process *process = current_task->process;
    unsigned euid = process->euid, egid = process->egid;   /* before the change */
    return identity_changed(euid, egid, set_triple(group_ids(process), real, effective, saved));
}

/* setgroups(2): root only (EPERM); at most KERNEL_NGROUPS_MAX (EINVAL). */
int sys_setgroups(unsigned size, const unsigned *user_list)
{
    struct process *process = current_task->process;
    if (!credentials_is_root(process))
        return -EPERM;
    if (size > KERNEL_NGROUPS_MAX)
        return -EINVAL;
    unsigned groups[KERNEL_NGROUPS_MAX];
    if (copy_from_user(groups, user_list, size * sizeof groups[0]) < 0)
        return -EFAULT;
    for (unsigned i = 0; i < size; i++)
        process->groups[i] = groups[i];
    process->group_count = size;
    return 0;
}

/* umask(2): sets the mask and returns the old one; it never fails. */
int sys_umask(unsigned mask)
{
    struct process *process = current_task->process;
    unsigned old = process->umask;
    process->umask = mask & UMASK_BITS;
    return (int)old;
}
