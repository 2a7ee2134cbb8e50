/* kernel/proc/exit.c - exit, wait and the zombies in between. */
#include "arch/x86/cpu.h"
#include "arch/x86/paging.h"
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
#include "uapi/wait.h"

/* Gives every child of `process` to pid 1, waking pid 1 if a zombie is
 * among them so that it reaps it. */
static void hand_children_to_init(struct process *process)
{
    struct process *init = process_find(1);
    int zombie_found = 0;
    while (process->first_child) {
        struct process *child = process->first_child;
        process->first_child = child->next_sibling;
        child->parent = init;
        child->parent_thread = init->threads;
        child->next_sibling = init->first_child;
        init->first_child = child;
        zombie_found |= child->state == PROCESS_ZOMBIE;
    }
    if (zombie_found)
        wait_queue_wake_all(&init->child_changed);
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
    address_space_destroy(process->address_space);
    process->address_space = 0;
    hand_children_to_init(process);
    signal_process_exit(process);
    posix_timers_delete_all(process);

    if (!process->exiting) {             /* the last thread ended by thread_exit: */
        process->wait_status = W_EXITCODE(0, 0);   /* as exit(0), as on Linux */
        trace_event("exit pid=%d code=0 signal=0", process->pid);
    }
    process->state = PROCESS_ZOMBIE;
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
