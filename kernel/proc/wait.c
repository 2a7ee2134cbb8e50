/* kernel/proc/wait.c - waitpid, wait4 and waitid: one search for news of
 * a child, three ways to tell it.
 *
 * A child has news, once each, when it has ended (a zombie: WEXITED), has
 * been stopped by a signal and no wait has told it yet (WSTOPPED, which
 * waitpid calls WUNTRACED), or has been continued by SIGCONT after a stop
 * and no wait has told it yet (WCONTINUED); a new stop hides an older
 * continue, as on Linux. Telling the news uses it up: a zombie is reaped
 * (its resource use joins the parent's children totals, rusage.h), a stop
 * or continue is marked told. WNOWAIT tells without using up. When the
 * news cannot be copied out (EFAULT), it stays for a better call. */
#include "ipc/ipc_list.h"
#include "ipc/signal.h"
#include "kernel/syscall.h"
#include "mm/uaccess.h"
#include "process.h"
#include "rusage.h"
#include "thread.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/signal.h"
#include "uapi/wait.h"

/* Which children a wait is for: P_ALL, P_PID or P_PGID, and the id. */
struct wait_selector {
    int kind;
    int id;
};

/* The news of one child, as every wait tells it. */
struct child_report {
    struct process *child;
    int status;                       /* the wait status word (uapi/wait.h) */
    int code;                         /* CLD_EXITED, CLD_KILLED, CLD_STOPPED, CLD_CONTINUED */
    int code_status;                  /* the exit code or signal number, for si_status */
};

/* Is `child` one the wait is for? `options`: its W* flags (the top of
 * uapi/wait.h says what the Linux ones do here). */
static int selected(const struct process *child, const struct wait_selector *selector, int options)
{
    if ((options & (__WCLONE | __WALL)) == __WCLONE)
        return 0;                     /* no child here was made by clone() */
    if ((options & __WNOTHREAD) && child->parent_thread != current_thread())
        return 0;
    if (selector->kind == P_PID)
        return child->pid == selector->id;
    if (selector->kind == P_PGID)
        return child->process_group == selector->id;
    return 1;                         /* P_ALL */
}

/* What `child` has to tell that `options` ask for (the top of this file);
 * 0 when nothing. */
static int child_news(struct process *child, int options, struct child_report *report)
{
    report->child = child;
    if (child->state == PROCESS_ZOMBIE) {
        if (!(options & WEXITED))
            return 0;
        int status = child->wait_status;
        report->status = status;
        report->code = WIFSIGNALED(status) ? CLD_KILLED : CLD_EXITED;   /* no core dumps: never CLD_DUMPED */
        report->code_status = WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status);
        return 1;
    }
    if (child->stopped && child->stop_announced && !child->stop_reported && (options & WSTOPPED)) {
        report->status = W_STOPCODE(child->stop_signal);
        report->code = CLD_STOPPED;
        report->code_status = child->stop_signal;
        return 1;
    }
    if (!child->stopped && child->continued && (options & WCONTINUED)) {
        report->status = W_CONTINUED;
        report->code = CLD_CONTINUED;
        report->code_status = SIGCONT;
        return 1;
    }
    return 0;
}

/* The news told: a stop or continue is marked, a zombie at *link reaped. */
static void use_up(struct process *self, struct process **link, const struct child_report *report)
{
    struct process *child = report->child;
    if (report->code == CLD_STOPPED || report->code == CLD_CONTINUED) {
        if (report->code == CLD_STOPPED)
            child->stop_reported = 1;
        child->continued = 0;          /* told now, or older than the stop just told */
        return;
    }
    rusage_child_reaped(self, child);
    *link = child->next_sibling;
    process_free(child);
}

/* The first fields of siginfo_t that waitid fills (Linux's layout,
 * uapi/signal.h's struct kernel_siginfo). */
struct waitid_info {
    int signo, errno_value, code;
    int pid;
    unsigned uid;
    int status;
};

/* Where a wait copies the news: any of the three may be NULL. */
struct wait_destination {
    int *status;                      /* waitpid, wait4: the status word */
    struct waitid_info *info;         /* waitid: the siginfo_t */
    struct kernel_rusage *usage;      /* wait4, waitid: a reaped child's use (zeros otherwise) */
};

/* Copies `report` out to `destination`: 0 or -EFAULT. */
static int deliver(const struct child_report *report, const struct wait_destination *destination)
{
    if (destination->status && copy_to_user(destination->status, &report->status, sizeof(int)) < 0)
        return -EFAULT;
    if (destination->info) {
        struct waitid_info info = {
            .signo = SIGCHLD, .code = report->code, .pid = report->child->pid,
            .uid = report->child->uid, .status = report->code_status,
        };
        if (copy_to_user(destination->info, &info, sizeof info) < 0)
            return -EFAULT;
    }
    if (destination->usage) {
        struct kernel_rusage usage = { 0 };
        if (report->code != CLD_STOPPED && report->code != CLD_CONTINUED)
            rusage_of_zombie(report->child, &usage);
        if (copy_to_user(destination->usage, &usage, sizeof usage) < 0)
            return -EFAULT;
    }
    return 0;
}

/* Waits until a child chosen by `selector` has news that `options` (the
 * W* flags, WEXITED among them if wanted) ask for, and copies it to
 * `destination`. Returns the child's pid; 0 with WNOHANG when none has
 * news yet; -ECHILD when no child is chosen; -EFAULT (the news stays);
 * -ERESTARTSYS when a signal came. Context: a system call; sleeps. */
static int wait_for_child(const struct wait_selector *selector, int options,
                          const struct wait_destination *destination)
{
    struct process *self = current_task->process;
    for (;;) {
        int have_child = 0;
        for (struct process **link = &self->first_child; *link; link = &(*link)->next_sibling) {
            struct process *child = *link;
            if (!selected(child, selector, options))
                continue;
            have_child = 1;
            struct child_report report;
            if (!child_news(child, options, &report))
                continue;
            int copied = deliver(&report, destination);
            if (copied < 0)
                return copied;
            int pid = child->pid;
            if (!(options & WNOWAIT))
                use_up(self, link, &report);
            return pid;
        }
        if (!have_child)
            return -ECHILD;
        if (options & WNOHANG)
            return 0;
        int waited_for = selector->kind == P_PID ? selector->id : -1;   /* -1: "any process" */
        wait_queue_say_object((void *)(intptr_t)waited_for, thread_id_describe);
        if (wait_queue_sleep(&self->child_changed, "waitpid", 0, WAIT_INTERRUPTIBLE) == WAKE_INTERRUPTED)
            return -ERESTARTSYS;       /* restarted under SA_RESTART, else EINTR */
    }
}

/* waitpid's and wait4's pid: > 0 that child, -1 any, 0 the caller's
 * group, < -1 the group -pid. */
static struct wait_selector selector_of_pid(int pid)
{
    const struct process *self = current_task->process;
    if (pid > 0)
        return (struct wait_selector){ P_PID, pid };
    if (pid == -1)
        return (struct wait_selector){ P_ALL, 0 };
    int group = (int)(0u - (unsigned)pid);   /* -pid, without overflow for INT_MIN */
    return (struct wait_selector){ P_PGID, pid == 0 ? self->process_group : group };
}

void wait_thread_ended(struct thread *thread)
{
    struct process *process = thread->task.process;
    for (struct process *child = process->first_child; child; child = child->next_sibling)
        if (child->parent_thread == thread)
            child->parent_thread = process->threads;
}

/* The options waitpid and wait4 accept (Linux's). */
#define WAITPID_OPTIONS (WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE)

/* waitpid(INT_MIN): -INT_MIN is no process group (Linux: ESRCH). */
#define NO_GROUP_PID (-2147483647 - 1)

int sys_wait4(int pid, int *status, int options, struct kernel_rusage *usage)
{
    if (options & ~WAITPID_OPTIONS)
        return -EINVAL;
    if (pid == NO_GROUP_PID)
        return -ESRCH;
    struct wait_selector selector = selector_of_pid(pid);
    struct wait_destination destination = { .status = status, .usage = usage };
    return wait_for_child(&selector, options | WEXITED, &destination);
}

int sys_waitpid(int pid, int *status, int options)
{
    if (options & ~WAITPID_OPTIONS)
        return -EINVAL;
    if (pid == NO_GROUP_PID)
        return -ESRCH;
    struct wait_selector selector = selector_of_pid(pid);
    struct wait_destination destination = { .status = status };
    return wait_for_child(&selector, options | WEXITED, &destination);
}

/* waitid(idtype, id, infop, options, rusage): returns 0 (not the pid);
 * with WNOHANG and no news, 0 with si_signo and si_pid zeroed. */
int sys_waitid(int kind, int id, struct waitid_info *info, int options, struct kernel_rusage *usage)
{
    if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE))
        return -EINVAL;
    if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
        return -EINVAL;
    struct wait_selector selector = { kind, id };
    if (kind == P_PID) {
        if (id <= 0)
            return -EINVAL;
    } else if (kind == P_PGID) {
        if (id < 0)
            return -EINVAL;
        if (id == 0)
            selector.id = current_task->process->process_group;   /* as Linux 5.4 on */
    } else if (kind != P_ALL) {
        return -EINVAL;
    }
    struct wait_destination destination = { .info = info, .usage = usage };
    int result = wait_for_child(&selector, options, &destination);
    if (result == 0 && info) {                 /* WNOHANG, nothing yet */
        struct waitid_info nothing = { 0 };
        if (copy_to_user(info, &nothing, sizeof nothing) < 0)
            return -EFAULT;
    }
    return result > 0 ? 0 : result;
}
