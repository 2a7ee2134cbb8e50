/* kernel/proc/prctl.c - prctl(2): three things a process may ask of its
 * own life, with Linux's options, values and errors (uapi/prctl.h).
 *
 *   PR_SET_PDEATHSIG n         when my parent ends, send me signal n
 *                              (sent as it hands me to my new parent:
 *                              exit.c's hand_children_on)
 *   PR_SET_NAME "worker"       what ps shows for this thread (16 bytes
 *                              with the 0; a longer name is cut)
 *   PR_SET_CHILD_SUBREAPER 1   the orphans of my descendants come to me,
 *                              not to init, and I wait for them
 *
 * and the three PR_GET_ options that read them back. Any other option is
 * EINVAL. A fork's child starts with no parent-death signal and is no
 * subreaper; exec keeps both; a change of the effective user or group id
 * forgets the signal (identity_syscalls.c), as on Linux. */
#include "process.h"
#include "thread.h"

#include "kernel/syscall.h"
#include "lib/string.h"
#include "mm/uaccess.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/prctl.h"
#include "uapi/signal.h"

#define NAME_SIZE 16                  /* Linux's TASK_COMM_LEN */

/* PR_SET_NAME: the running thread's name; the process's too when it is
 * the process's first thread, whose name ps shows for the process. */
static int set_name(const char *user_name)
{
    char name[NAME_SIZE];
    int length = strncpy_from_user(name, user_name, sizeof name);
    if (length < 0 && length != -ENAMETOOLONG)   /* a longer name is cut to 15, as Linux's */
        return -EFAULT;
    struct process *process = current_task->process;
    strlcpy(current_task->name, name, sizeof current_task->name);
    if (current_thread()->tid == process->pid)
        strlcpy(process->name, name, sizeof process->name);
    return 0;
}

static int get_name(char *user_name)
{
    char name[NAME_SIZE];
    memset(name, 0, sizeof name);
    strlcpy(name, current_task->name, sizeof name);
    return copy_to_user(user_name, name, sizeof name) < 0 ? -EFAULT : 0;
}

static int put_int(int *user_value, int value)
{
    return copy_to_user(user_value, &value, sizeof value) < 0 ? -EFAULT : 0;
}

int sys_prctl(int option, unsigned long argument, unsigned long unused3, unsigned long unused4,
              unsigned long unused5)
{
    (void)unused3, (void)unused4, (void)unused5;
    struct process *process = current_task->process;
    switch (option) {
    case PR_SET_PDEATHSIG:
        if (argument >= NSIG)
            return -EINVAL;
        process->parent_death_signal = (int)argument;
        return 0;
    case PR_GET_PDEATHSIG:
        return put_int((int *)argument, process->parent_death_signal);
    case PR_SET_NAME:
        return set_name((const char *)argument);
    case PR_GET_NAME:
        return get_name((char *)argument);
    case PR_SET_CHILD_SUBREAPER:
        process->child_subreaper = argument != 0;
        return 0;
    case PR_GET_CHILD_SUBREAPER:
        return put_int((int *)argument, process->child_subreaper);
    }
    return -EINVAL;
}
