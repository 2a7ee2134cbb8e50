/* kernel/proc/exit.c - exit, wait and the zombies in between. */
#include "arch/x86/cpu.h"
#include "arch/x86/paging.h"
#include "drivers/tty.h"
#include "fs/inode.h"
#include "ipc/ipc_list.h"
#include "ipc/signal.h"
#include "ipc/sysv_ipc_for_core.h"
#include "ipc/timers_for_core.h"
#include "kernel/panic.h"
#include "kernel/trace.h"
#include "lib/kprintf.h"
#include "mm/address_space.h"
#include "mm/uaccess.h"
#include "process.h"
#include "sched/scheduler.h"
#include "sched/task.h"
#include "thread.h"
#include "uapi/errno.h"
#include "uapi/signal.h"
#include "uapi/wait.h"

/* Who adopts the children of `process`, which is ending: its nearest
 * ancestor that asked to (prctl's PR_SET_CHILD_SUBREAPER) and is not
 * ending itself, else init (pid 1). */
static struct process *adopter_of_children(struct process *process)
{
    for (struct process *ancestor = process->parent; ancestor; ancestor = ancestor->parent)
        if (ancestor->child_subreaper && ancestor->state == PROCESS_ALIVE && !ancestor->exiting)
            return ancestor;
    return process_find(1);
}

/* A zombie nobody will wait for: out of its parent's children, and freed.
 * A waitpid that waits for it finds one child fewer (ECHILD once none is
 * left, as POSIX has it for SA_NOCLDWAIT). */
static void reap_at_once(struct process *zombie)
{
    struct process **link = &zombie->parent->first_child;
    while (*link != zombie)
        link = &(*link)->next_sibling;
    *link = zombie->next_sibling;
    process_free(zombie);
}

/* Gives every child of `process` to its adopter (above), as Linux does:
 * a child that asked for a parent-death signal (prctl's PR_SET_PDEATHSIG)
 * gets it now, from the parent that ends; a zombie among them is told to
 * the adopter as a child that just ended (SIGCHLD, a wake-up of its
 * waitpid), and reaped at once if the adopter ignores SIGCHLD. */
static void hand_children_on(struct process *process)
{
    struct process *adopter = adopter_of_children(process);
    while (process->first_child) {
        struct process *child = process->first_child;
        process->first_child = child->next_sibling;
        child->parent = adopter;
        child->parent_thread = adopter->threads;
        child->next_sibling = adopter->first_child;
        adopter->first_child = child;
        if (child->state == PROCESS_ZOMBIE) {
            int status = child->wait_status;   /* (reap_at_once finds it first in the adopter's list) */
            if (signal_child_changed(child, WIFSIGNALED(status) ? CLD_KILLED : CLD_EXITED,
                                     WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status)))
                reap_at_once(child);
        } else if (child->parent_death_signal) {
            struct kernel_siginfo from_the_parent = { .signo = child->parent_death_signal, .code = SI_USER };
            from_the_parent.fields.sender.pid = process->pid;   /* as Linux: a kill by the parent */
            from_the_parent.fields.sender.uid = process->uid;
            signal_send_info(child, &from_the_parent);
        }
    }
}

/* Tells every thread of `process` but `survivor` to end: a SIGKILL of
 * its own, which it takes on its way back to user mode (or at once, if it
 * waits interruptibly); a stopped one runs on to take it. */
static void end_threads_but(struct process *process, struct thread *survivor)
{
    process->exiting = 1;
    process->survivor = survivor;
    for (struct thread *thread = process->threads; thread; thread = thread->next_in_process)
        if (thread != survivor)
            signal_kill_thread(thread);
}

void process_exit(int wait_status)
{
    struct process *process = current_task->process;
    if (!process->exiting || process->survivor) {
        /* the first thread to end the process says how it ended (an exec
         * that was ending the other threads gives way to it) */
        if (process->pid == 1)
            panic("init (pid 1) exited with status 0x%x", wait_status);
        trace_event("exit pid=%d code=%d signal=%d", process->pid, WEXITSTATUS(wait_status),
                    WTERMSIG(wait_status));
        process->wait_status = wait_status;
        end_threads_but(process, 0);
    }
    thread_exit_current();          /* the last thread out comes back below */
}

void process_exit_last_thread(struct process *process)
{
    sysv_sem_undo_exit(process);         /* SEM_UNDO: however the process ends, a SIGKILL too */
    descriptor_close_all(process);
    inode_close(process->cwd);           /* a removed working directory goes now */
    process->cwd = 0;
    /* Leave the address space before freeing it: run on the kernel's
     * page directory for the few instructions this task has left. */
    current_task->page_directory = paging_kernel_directory();
    cpu_write_cr3(paging_kernel_directory());
    rusage_keep_peak(process);
    address_space_release(process->address_space);
    process->address_space = 0;
    fork_vfork_release(process);         /* a vfork parent waits no longer */
    int held_groups[MAX_PROCESSES];      /* the groups this end may leave orphaned */
    int held_count = job_control_groups_held(process, held_groups);
    hand_children_on(process);
    signal_process_exit(process);
    posix_timers_delete_all(process);

    if (!process->exiting) {             /* the last thread ended by thread_exit: */
        process->wait_status = W_EXITCODE(0, 0);   /* as exit(0), as on Linux */
        trace_event("exit pid=%d code=0 signal=0", process->pid);
    }
    process->state = PROCESS_ZOMBIE;
    job_control_process_ended(process, held_groups, held_count);   /* SIGHUPs, as POSIX's _exit */
    current_task->process = 0;
    int status = process->wait_status;
    if (signal_child_changed(process, WIFSIGNALED(status) ? CLD_KILLED : CLD_EXITED,
                             WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status)))
        reap_at_once(process);      /* its parent ignores SIGCHLD or set SA_NOCLDWAIT */
    terminate_task();               /* the cleaner frees the kernel stack */
}

int process_end_other_threads(void)
{
    struct process *process = current_task->process;
    struct thread *self = current_thread();
    if (process->thread_count == 1)
        return 0;
    if (process->exiting)
        return -EINTR;                   /* the process is ending already */
    end_threads_but(process, self);
    while (process->thread_count > 1) {
        if (process->survivor != self)
            return -EINTR;               /* another thread called exit meanwhile */
        wait_queue_sleep(&process->threads_changed, "exec: other threads ending", 0, WAIT_UNINTERRUPTIBLE);
    }
    process->exiting = 0;
    process->survivor = 0;
    return 0;
}

int sys_exit(int status)
{
    process_exit(W_EXITCODE(status & 0xff, 0));
}
