/* kernel/proc/fork.c - fork: a copy of the running process, sharing its
 * pages copy-on-write and its open files; and vfork, whose child borrows
 * the parent's memory itself while the parent waits:
 *
 *   fork:   parent --copy-on-write--> child        both run at once
 *   vfork:  parent ----- the same address space --> child
 *           (waits in vfork)                         runs until exec or _exit,
 *                                                    fork_vfork_release
 *
 * The borrowed address space counts two users, so whichever lets go
 * first leaves it to the other (mm/address_space.h). */
#include "arch/x86/cpu.h"
#include "arch/x86/trap_frame.h"
#include "fs/inode.h"
#include "lib/string.h"
#include "ipc/signal.h"
#include "kernel/trace.h"
#include "mm/address_space.h"
#include "limits.h"               /* and process.h */
#include "sched/scheduler.h"
#include "sched/task.h"
#include "sched/wait_queue.h"
#include "sched/x87_lazy.h"
#include "thread.h"
#include "uapi/errno.h"

/* Everyone waiting in vfork for a child's exec or exit. */
static struct wait_queue vfork_released = WAIT_QUEUE_INITIALIZER;

/* fork's and vfork's child of `parent`, the running process;
 * `borrow_memory`: vfork's, on the parent's own address space. Returns the
 * child's pid or -errno. Never inlined: one body for both calls, and the
 * place README.md's GDB session breaks in. */
static int __attribute__((noinline)) fork_process(struct process *parent, int borrow_memory)
{
    struct process *child = process_allocate();
    if (!child)
        return -EAGAIN;                      /* the process table is full */
    child->address_space = borrow_memory ? address_space_share(parent->address_space)
                                         : address_space_clone(parent->address_space);
    if (!child->address_space) {
        process_free(child);
        return -ENOMEM;
    }
    strlcpy(child->name, parent->name, sizeof child->name);
    child->cwd->open_count--;             /* process_allocate gave it the root */
    child->cwd = parent->cwd;
    child->cwd->open_count++;
    child->process_group = parent->process_group;
    child->session = parent->session;
    child->uid = parent->uid, child->euid = parent->euid, child->suid = parent->suid;
    child->gid = parent->gid, child->egid = parent->egid, child->sgid = parent->sgid;
    memcpy(child->groups, parent->groups, sizeof child->groups);
    child->group_count = parent->group_count;
    child->umask = parent->umask;
    memcpy(child->limits, parent->limits, sizeof child->limits);
    descriptor_copy_table(child, parent);
    signal_fork(child, parent);
    child->sysv_sem_undo_list = 0;                /* SEM_UNDO adjustments are not inherited (semop(2)) */
    child->parent_death_signal = 0;               /* neither is prctl's parent-death signal, */
    child->child_subreaper = 0;                   /* nor adopting orphans (prctl(2)) */
    child->parent = parent;
    child->parent_thread = current_thread();
    child->vfork_parent = borrow_memory ? current_thread() : 0;
    child->next_sibling = parent->first_child;
    parent->first_child = child;

    /* The child returns from the same system call, with 0 in eax. */
    struct trap_frame frame = *task_user_frame(current_task);
    frame.eax = 0;
    int created = process_create_task(child, &frame);
    if (created == 0) {
        /* fork from a thread copies only that thread (POSIX): its x87
         * registers, its signal mask, its thread-local storage */
        struct thread *thread = child->threads;
        x87_copy_running_task_state(thread->task.fpu_state);
        signal_fork_thread(thread, current_thread());
        thread_cancel_fork(thread, current_thread());
        thread_inherit_tls(thread, current_thread()->tls_base);
        trace_current_event("fork", "child=%d", child->pid);
    }
    if (created < 0) {
        parent->first_child = child->next_sibling;
        descriptor_close_all(child);
        address_space_release(child->address_space);
        process_free(child);
        return -ENOMEM;
    }
    return child->pid;
}

int sys_fork(void)
{
    struct process *parent = current_task->process;
    if (!limits_may_fork(parent))
        return -EAGAIN;                      /* RLIMIT_NPROC processes of this user exist */
    return fork_process(parent, 0);
}

/* Does the vfork child `pid` still borrow the caller's memory? Once it let
 * go, or was reaped already, it does not; its pid cannot be another's
 * meanwhile, as this caller, its parent, waits. */
static int still_borrowed(int pid)
{
    const struct process *child = process_find(pid);
    return child && child->vfork_parent == current_thread();
}

/* vfork(2): the child runs on the caller's memory, and the caller waits
 * until the child's exec or exit, as Linux's. Only a signal that kills
 * the caller ends the wait before (Linux's is killable too): SIGKILL, or
 * one whose default action terminates and that it neither blocks, ignores
 * nor handles. The caller then dies on its way out, and the child keeps
 * the memory, which the address space's count of its users frees after
 * both. Other signals wait for the end of the wait. */
int sys_vfork(void)
{
    struct process *parent = current_task->process;
    if (!limits_may_fork(parent))
        return -EAGAIN;
    kernel_lock();                /* the child lets go under the lock: not before this waits */
    int pid = fork_process(parent, 1);
    while (pid > 0 && still_borrowed(pid))
        if (wait_queue_sleep(&vfork_released, "vfork", 0, WAIT_KILLABLE) == WAKE_INTERRUPTED)
            break;                /* a signal that kills: taken on the way back to user mode */
    kernel_unlock();
    return pid;
}

void fork_vfork_release(struct process *child)
{
    kernel_lock();
    if (child->vfork_parent) {
        child->vfork_parent = 0;
        wait_queue_wake_all(&vfork_released);
    }
    kernel_unlock();
}
