/* kernel/proc/process_syscalls.c - small process calls: identities, groups, the break, powering off. */
#include "drivers/power.h"
#include "fs/mount.h"
#include "mm/address_space.h"
#include "mm/memory_layout.h"
#include "mm/mlock_for_core.h"
#include "mm/uaccess.h"
#include "limits.h"               /* and process.h */
#include "net/net_for_core.h"
#include "sched/task.h"
#include "uapi/errno.h"

int sys_getpid(void)
{
    return current_task->process->pid;
}

int sys_getppid(void)
{
    struct process *parent = current_task->process->parent;
    return parent ? parent->pid : 0;
}

/* getresuid(2) and getresgid(2): the three ids to user memory. (The
 * calls that change ids and groups are the subsystem users's:
 * identity_syscalls.c.) */
static int copy_ids_to_user(unsigned real, unsigned effective, unsigned saved,
                            unsigned *user_real, unsigned *user_effective, unsigned *user_saved)
{
    if (copy_to_user(user_real, &real, sizeof real) < 0 ||
        copy_to_user(user_effective, &effective, sizeof effective) < 0 ||
        copy_to_user(user_saved, &saved, sizeof saved) < 0)
        return -EFAULT;
    return 0;
}

int sys_getresuid(unsigned *real, unsigned *effective, unsigned *saved)
{
    const struct process *self = current_task->process;
    return copy_ids_to_user(self->uid, self->euid, self->suid, real, effective, saved);
}

int sys_getresgid(unsigned *real, unsigned *effective, unsigned *saved)
{
    const struct process *self = current_task->process;
    return copy_ids_to_user(self->gid, self->egid, self->sgid, real, effective, saved);
}

/* getgroups(2): the supplementary groups; size 0 asks only how many.
 * EINVAL: a size smaller than the list. */
int sys_getgroups(int size, unsigned *user_list)
{
    const struct process *process = current_task->process;
    if (size == 0)
        return (int)process->group_count;
    if (size < 0 || (unsigned)size < process->group_count)
        return -EINVAL;
    if (copy_to_user(user_list, process->groups, process->group_count * sizeof process->groups[0]) < 0)
        return -EFAULT;
    return (int)process->group_count;
}

/* brk(2): the heap ends at `new_break`, unless that would pass
 * RLIMIT_DATA (getrlimit(2)), or RLIMIT_MEMLOCK under mlockall(MCL_FUTURE)
 * (mlock(2)): then the break stays where it is. New heap pages come
 * locked under MCL_FUTURE. */
uint32_t sys_brk(uint32_t new_break)
{
    struct process *process = current_task->process;
    struct address_space *space = process->address_space;
    if (new_break > space->heap_start && new_break - space->heap_start > limits_soft(process, RLIMIT_DATA))
        return space->heap_break;
    uint32_t old_end = PAGE_ROUND_UP(space->heap_break);
    if (new_break > old_end && memory_lock_may_grow(process, PAGE_ROUND_UP(new_break) - old_end) < 0)
        return space->heap_break;              /* MCL_FUTURE past RLIMIT_MEMLOCK, as Linux */
    uint32_t result = address_space_set_break(space, new_break);
    if (result == new_break && PAGE_ROUND_UP(new_break) > old_end)
        memory_lock_new_mapping(process, old_end, PAGE_ROUND_UP(new_break));   /* MCL_FUTURE */
    return result;
}

/* Is there a process in `session` (-1: in any) whose group is `group`? */
static int group_exists_in_session(int group, int session)
{
    for (int slot = 0; slot < MAX_PROCESSES; slot++) {
        struct process *process = process_slot(slot);
        if (process->state != PROCESS_FREE && process->process_group == group &&
            (session < 0 || process->session == session))
            return 1;
    }
    return 0;
}

/* setpgid(2): the caller or one of its children moves to a new group named
 * after itself, or joins an existing group of the caller's session. */
int sys_setpgid(int pid, int group)
{
    struct process *self = current_task->process;
    struct process *target = pid ? process_find(pid) : self;
    if (!target || (target != self && target->parent != self))
        return -ESRCH;
    if (group < 0)
        return -EINVAL;
    if (group == 0)
        group = target->pid;
    /* EPERM: a child in another session, a session leader, or a group
     * that is not the target's own and does not exist in our session */
    if (target->session != self->session || target->pid == target->session ||
        (group != target->pid && !group_exists_in_session(group, self->session)))
        return -EPERM;
    target->process_group = group;
    if (group == target->pid)
        target->named_a_group = 1;
    return 0;
}

int sys_getpgid(int pid)
{
    struct process *target = pid ? process_find(pid) : current_task->process;
    return target ? target->process_group : -ESRCH;
}

int sys_getsid(int pid)
{
    struct process *target = pid ? process_find(pid) : current_task->process;
    return target ? target->session : -ESRCH;   /* any process's, as Linux */
}

int sys_setsid(void)
{
    struct process *self = current_task->process;
    /* EPERM: already a group leader, or a group bears our pid still (we
     * led it and left it): the new session's group would merge with it */
    if (self->process_group == self->pid || group_exists_in_session(self->pid, -1))
        return -EPERM;
    self->session = self->process_group = self->pid;
    self->named_a_group = 1;
    return self->pid;
}

#define POWEROFF_TCP_WAIT_NS 5000000000ull   /* TCP's queues get at most 5 s to empty */

/* Ends the machine (and the QEMU run) with `status`: how /bin/init reports
 * the result of the program it was told to run. Only pid 1 may. May sleep
 * (for TCP, then for the disks). */
int sys_poweroff(int status)
{
    if (current_task->process->pid != 1)
        return -EPERM;
    tcp_wait_until_sent(POWEROFF_TCP_WAIT_NS);   /* what closed sockets still send reaches their peers */
    mount_shutdown();                 /* the disks' changes written, the disks marked clean */
    power_off(status);
}
