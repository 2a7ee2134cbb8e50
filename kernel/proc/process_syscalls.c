/* kernel/proc/process_syscalls.c - the small process system calls:
 * identities, groups, the break, and powering off. */
#include "drivers/power.h"
#include "mm/address_space.h"
#include "process.h"
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

uint32_t sys_brk(uint32_t new_break)
{
    return address_space_set_break(current_task->process->address_space, new_break);
}

int sys_setpgid(int pid, int group)
{
    struct process *self = current_task->process;
    struct process *target = pid ? process_find(pid) : self;
    if (!target || (target != self && target->parent != self))
        return -ESRCH;
    if (group < 0)
        return -EINVAL;
    target->process_group = group ? group : target->pid;
    return 0;
}

int sys_getpgid(int pid)
{
    struct process *target = pid ? process_find(pid) : current_task->process;
    return target ? target->process_group : -ESRCH;
}

int sys_setsid(void)
{
    struct process *self = current_task->process;
    if (self->process_group == self->pid)
        return -EPERM;                    /* already a group leader */
    self->session = self->process_group = self->pid;
    return self->pid;
}

/* Ends the machine (and the QEMU run) with `status`: how /bin/init reports
 * the result of the program it was told to run. Only pid 1 may. */
int sys_poweroff(int status)
{
    if (current_task->process->pid != 1)
        return -EPERM;
    power_off(status);
}
