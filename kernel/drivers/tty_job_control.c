/* kernel/drivers/tty_job_control.c - who may use a terminal that a shell
 * shares among its jobs: POSIX's job control (docs/terminals.md).
 *
 * This kernel has no controlling terminals. A terminal belongs to the
 * session in which TIOCSPGRP (or TIOCSCTTY) chose its foreground process
 * group, for as long as a process of that session lives and its leader
 * has not ended (a foreground job that ended leaves it the session's,
 * until the shell takes it back); before, and once the session or its
 * leader is gone, it belongs to no session. The leader's end sends the
 * foreground group SIGHUP, as a controlling process's does on Linux; and
 * any process's end that leaves a group with a stopped member orphaned
 * sends that group SIGHUP and SIGCONT (job_control_process_ended).
 * Where Linux asks "is this terminal the caller's controlling terminal?",
 * this file asks "is the caller in the terminal's session?":
 *
 *   session 7 (the shell's)          the terminal
 *   +------------------------+       +----------------------+
 *   | group 7: sh            |       | foreground group: 12 |
 *   | group 12: vi   <-------+-------+ (vi reads, writes)   |
 *   | group 15: cat & -------+--X    | cat reads: SIGTTIN   |
 *   +------------------------+       +----------------------+
 *
 *  - A process of the terminal's session outside its foreground group (a
 *    background job) that reads sends SIGTTIN to its own group, which
 *    stops, and the read starts again once the shell has put the job in
 *    the foreground (fg). A write does the same with SIGTTOU when the
 *    settings have TOSTOP, and so does a change of the settings, a flush,
 *    a break, tcflow or TIOCSPGRP whatever TOSTOP says. A signal the
 *    caller ignores or blocks lets a write or change go on and makes a
 *    read EIO. A group that is orphaned, which no shell is left to
 *    continue, gets EIO either way.                 -> tty_job_control_check
 *  - Typing into a terminal (TIOCSTI) and choosing its foreground group
 *    (TIOCSPGRP) are for its session, or root: the others get EPERM and
 *    ENOTTY, Linux's answers to a process whose controlling terminal it is
 *    not (Linux lets root type, CAP_SYS_ADMIN, but choose a group only on
 *    its controlling terminal, which TIOCSCTTY gives it). TIOCSPGRP's group
 *    must exist (ESRCH) and be in the caller's session (EPERM).
 *                                                   -> tty_may_control,
 *                                                      tty_choose_foreground_group
 *  - Asking a terminal its foreground group or session (TIOCGPGRP,
 *    TIOCGSID: tcgetpgrp, tcgetsid) is for its session: any other
 *    process, and every process while the terminal belongs to none, gets
 *    ENOTTY, as Linux answers a process whose controlling terminal it is
 *    not. A pseudoterminal's master asks for its slave, whoever holds it.
 *                                                   -> tty_is_callers
 *
 * Context: a system call. Each function takes the kernel lock (it nests)
 * for its look at the process table, which then stays still. Nothing
 * sleeps. */
#include "tty_job_control.h"
#include "tty.h"

#include "ipc/signal.h"
#include "ipc/signal_pending.h"
#include "proc/process.h"
#include "proc/thread.h"
#include "sched/scheduler.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/signal.h"

/* A process that counts: in the table, not yet a zombie. */
static int alive(const struct process *process)
{
    return process->state == PROCESS_ALIVE;
}

/* tty_session's look, the kernel lock held. */
static int session_of_terminal(const struct tty *tty)
{
    for (int slot = 0; slot < MAX_PROCESSES && tty->session > 0; slot++) {
        struct process *process = process_slot(slot);
        if (alive(process) && process->session == tty->session)
            return tty->session;
    }
    return 0;
}

int tty_session(const struct tty *tty)
{
    kernel_lock();
    int session = session_of_terminal(tty);
    kernel_unlock();
    return session;
}

/* The session of group `group`, or 0 if no process is in it. */
static int session_of_group(int group)
{
    for (int slot = 0; slot < MAX_PROCESSES; slot++) {
        struct process *process = process_slot(slot);
        if (alive(process) && process->process_group == group)
            return process->session;
    }
    return 0;
}

/* POSIX's orphaned process group: no member has a parent in another group
 * of the same session, the shell that could continue it (init, which
 * takes in orphans, does not count). */
static int group_is_orphaned(int group)
{
    for (int slot = 0; slot < MAX_PROCESSES; slot++) {
        struct process *process = process_slot(slot);
        if (!alive(process) || process->process_group != group)
            continue;
        const struct process *parent = process->parent;
        if (parent && parent->pid != 1 && parent->process_group != group && parent->session == process->session)
            return 0;
    }
    return 1;
}

int tty_may_control(const struct tty *tty)
{
    const struct process *process = current_task->process;
    if (!process || process->euid == 0)
        return 0;
    int session = tty_session(tty);
    return session == 0 || session == process->session ? 0 : -EPERM;
}

int tty_is_callers(const struct tty *tty)
{
    const struct process *process = current_task->process;
    int session = tty_session(tty);
    return process && session != 0 && session == process->session ? 0 : -ENOTTY;
}

/* tty_choose_foreground_group's decision, the kernel lock held. */
static int choose_foreground_group(struct tty *tty, int group)
{
    if (group <= 0)
        return -EINVAL;
    if (tty_may_control(tty) < 0)
        return -ENOTTY;                              /* Linux: not the caller's controlling terminal */
    const struct process *process = current_task->process;
    int session = session_of_group(group);
    if (session == 0)
        return -ESRCH;
    if (process && session != process->session)
        return -EPERM;
    tty->foreground_group = group;
    tty->session = session;
    return 0;
}

int tty_choose_foreground_group(struct tty *tty, int group)
{
    kernel_lock();
    int status = choose_foreground_group(tty, group);
    kernel_unlock();
    return status;
}

int tty_take_for_session(struct tty *tty, int steal)
{
    kernel_lock();
    const struct process *process = current_task->process;
    int owner = session_of_terminal(tty), status = 0;
    if (!process || process->session != process->pid)
        status = -EPERM;                             /* leads no session */
    else if (owner != 0 && owner != process->session && !(steal && process->euid == 0))
        status = -EPERM;                             /* another session's */
    else {
        tty->session = process->session;
        tty->foreground_group = process->process_group;
    }
    kernel_unlock();
    return status;
}

/* Does group `group` have a stopped member? */
static int group_has_stopped_member(int group)
{
    for (int slot = 0; slot < MAX_PROCESSES; slot++) {
        const struct process *process = process_slot(slot);
        if (alive(process) && process->process_group == group && process->stopped)
            return 1;
    }
    return 0;
}

/* Adds `group` to `groups` (`*count` of them, room for MAX_PROCESSES) once. */
static void add_group(int *groups, int *count, int group)
{
    for (int i = 0; i < *count; i++)
        if (groups[i] == group)
            return;
    if (*count < MAX_PROCESSES)
        groups[(*count)++] = group;
}

int job_control_groups_held(const struct process *leaving, int *groups)
{
    int count = 0;
    kernel_lock();
    const struct process *parent = leaving->parent;
    if (parent && alive(parent) && parent->pid != 1 && parent->process_group != leaving->process_group &&
        parent->session == leaving->session)
        add_group(groups, &count, leaving->process_group);          /* it links its own group */
    for (const struct process *child = leaving->first_child; child; child = child->next_sibling)
        if (alive(child) && child->process_group != leaving->process_group && child->session == leaving->session)
            add_group(groups, &count, child->process_group);        /* and its children's */
    kernel_unlock();
    return count;
}

void job_control_process_ended(const struct process *ended, const int *groups, int count)
{
    kernel_lock();
    if (ended->pid == ended->session)
        tty_session_leader_exited(ended->session);
    for (int i = 0; i < count; i++)
        if (group_is_orphaned(groups[i]) && group_has_stopped_member(groups[i])) {
            signal_send_to_group(groups[i], SIGHUP);
            signal_send_to_group(groups[i], SIGCONT);
        }
    kernel_unlock();
}

/* tty_job_control_check's decision, the kernel lock held. */
static int job_control_check(const struct tty *tty, int signal)
{
    struct process *process = current_task->process;
    if (!process || tty->foreground_group <= 0 || process->process_group == tty->foreground_group ||
        process->session != session_of_terminal(tty))
        return 0;                                    /* the foreground, or not its session's terminal */
    int ignored = process->signal_actions[signal].handler == SIG_IGN_VALUE ||
                  (current_thread()->signals_blocked & SIGNAL_BIT(signal));
    if (ignored)
        return signal == SIGTTIN ? -EIO : 0;
    if (group_is_orphaned(process->process_group))
        return -EIO;
    signal_send_to_group(process->process_group, signal);
    return -ERESTARTSYS;                             /* stopped; the call starts again after fg */
}

int tty_job_control_check(const struct tty *tty, int signal)
{
    kernel_lock();
    int status = job_control_check(tty, signal);
    kernel_unlock();
    return status;
}
