/* kernel/fs/signal_driven_io.c - signal-driven I/O: a file that tells its
 * owner by a signal that it has become ready, instead of being asked
 * (poll, select, epoll) or waited on (a blocking read).
 *
 *   fcntl(fd, F_SETOWN, getpid());          who gets the signal
 *   fcntl(fd, F_SETSIG, SIGRTMIN);          optional: which one (0: SIGIO)
 *   fcntl(fd, F_SETFL, flags | O_ASYNC);    from now on
 *
 *   write into the pipe --> wakes pipe `readable` --> its watches:
 *                                                     [poller's] [epoll's] [this file's]
 *                                                                               |
 *         async_woken: what the file's poll says now (POLLIN here) <-----------+
 *         --> SIGIO, or the F_SETSIG signal with si_code POLL_IN,
 *             si_band POLLIN|POLLRDNORM, si_fd fd, to the owner
 *
 * The watches are those epoll uses (poll_table.h): O_ASYNC makes one kept
 * table for the file, whose watches call async_woken instead of waking a
 * sleeper; they stay until O_ASYNC is taken off or the file's last close.
 * A file without `poll` (a regular file) registers no watch and never
 * signals, as on Linux, where such files have no fasync; nor does a
 * signalfd, whose poll answers for the caller alone, nor an epoll
 * instance, which may hold one (file.h).
 *
 * Each wake-up of a watched queue sends one signal, named by what the
 * file's poll says now: readable (POLL_IN), else writable (POLL_OUT),
 * else hung up (POLL_HUP), else an error (POLL_ERR); si_band holds every
 * event that holds. A wake-up after which nothing holds sends nothing.
 * Linux sends from each mechanism's own code and so names the event that
 * happened: its pipe says POLL_OUT to a writer only when the pipe was
 * full, where this says it after every read (docs/multiplexing.md).
 *
 * The signal is sent with the rights of whoever set the owner (Linux's
 * sigio_perm): it reaches a process whose real or saved user id is that
 * setter's real or effective one, or any process if the setter was root;
 * otherwise it is dropped. A real-time signal that finds the receiver's
 * queue full falls back to a plain SIGIO, as on Linux. */
#include "multiplexing_for_core.h"

#include "file.h"
#include "ipc/signal.h"
#include "lib/list.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "poll_table.h"
#include "proc/credentials.h"
#include "proc/process.h"
#include "proc/thread.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"
#include "uapi/signal.h"

struct file_async {
    struct file *file;
    int owner_type;                    /* F_OWNER_PID, F_OWNER_PGRP or F_OWNER_TID */
    int owner;                         /* its pid, group or tid; 0: nobody is told */
    unsigned setter_uid, setter_euid;  /* whose rights the signal is sent with */
    int signal;                        /* F_SETSIG: 0 is a plain SIGIO */
    int fd;                            /* si_fd: the descriptor O_ASYNC was set through */
    int watching;                      /* O_ASYNC is on: the table's watches are in */
    struct poll_table table;
    struct poll_watch watches[POLL_WATCHES_PER_FILE];
};

/* The file's record, made at its first use. NULL when memory is short. */
static struct file_async *async_of(struct file *file)
{
    if (!file->async) {
        file->async = kzalloc(sizeof *file->async);
        if (file->async) {
            file->async->file = file;
            file->async->owner_type = F_OWNER_PID;
        }
    }
    return file->async;
}

/* Linux's sigio_perm: may a signal sent with the rights of the owner's
 * setter reach `target`? */
static int may_signal(const struct file_async *async, const struct process *target)
{
    return async->setter_euid == 0 || async->setter_euid == target->suid || async->setter_euid == target->uid ||
           async->setter_uid == target->suid || async->setter_uid == target->uid;
}

/* The signal to `process` (or its thread `thread` alone), if allowed:
 * SIGIO, or F_SETSIG's with `code` and `events`; or, with `code` 0,
 * SIGURG (TCP's urgent data, file_send_urgent_signal). */
static void tell(const struct file_async *async, struct process *process, struct thread *thread, int code,
                 unsigned events)
{
    if (process->state != PROCESS_ALIVE || !may_signal(async, process))
        return;
    if (code && async->signal && signal_send_io(process, thread, async->signal, code, (long)events, async->fd) == 0)
        return;
    int signal = code ? SIGIO : SIGURG;   /* SIGIO: no F_SETSIG, or its queue was full */
    if (thread)
        signal_send_thread(thread, signal);
    else
        signal_send(process, signal);
}

/* tell() the owner: a thread, every process of a group, or a process. */
static void tell_owner(const struct file_async *async, int code, unsigned events)
{
    if (async->owner_type == F_OWNER_TID) {
        struct thread *thread = thread_find(async->owner);
        if (thread && thread->task.process)
            tell(async, thread->task.process, thread, code, events);
    } else if (async->owner_type == F_OWNER_PGRP) {
        for (int slot = 0; slot < MAX_PROCESSES; slot++) {
            struct process *process = process_slot(slot);
            if (process->state == PROCESS_ALIVE && process->process_group == async->owner)
                tell(async, process, 0, code, events);
        }
    } else {
        struct process *process = process_find(async->owner);
        if (process)
            tell(async, process, 0, code, events);
    }
}

/* What the signal's si_code says of `events`: the first of readable,
 * writable, hung up, error; 0 when none holds. */
static int code_of(unsigned events)
{
    if (events & (POLLIN | POLLRDNORM | POLLPRI))
        return POLL_IN;
    if (events & (POLLOUT | POLLWRNORM))
        return POLL_OUT;
    if (events & POLLHUP)
        return POLL_HUP;
    if (events & POLLERR)
        return POLL_ERR;
    return 0;
}

/* A queue the file's watches are on was woken: the signal goes to the
 * owner. Context: kernel lock held, switches put off (the wake-up path,
 * which may be an interrupt: a terminal's input); never sleeps. */
static void async_woken(struct wait_queue_watch *watch)
{
    struct file_async *async = list_entry(watch->wake, struct file_async, table.wake);
    struct file *file = async->file;
    if (!async->owner)
        return;
    unsigned events = file->operations->poll(file, 0);
    int code = code_of(events);
    if (!code)
        return;                        /* nothing a reader or a writer waits for */
    tell_owner(async, code, events);
}

void file_send_urgent_signal(struct file *file)
{
    if (file->async && file->async->owner)
        tell_owner(file->async, 0, 0);
}

int file_async_switch(struct file *file, int fd, int on)
{
    if (!on && !file->async)
        return 0;
    struct file_async *async = async_of(file);
    if (!async)
        return -ENOMEM;
    async->fd = fd;
    if (on && !async->watching && file->operations->poll && !file->operations->poll_answers_for_the_caller) {
        poll_table_init_kept(&async->table, async->watches, POLL_WATCHES_PER_FILE, async_woken);
        async->table.file = file;
        file->operations->poll(file, &async->table);   /* the watches are made */
        async->table.registering = 0;
        async->watching = 1;
    } else if (!on && async->watching) {
        poll_table_unwatch(&async->table);
        async->watching = 0;
    }
    return async->watching;
}

/* F_SETOWN's and F_SETOWN_EX's check: does `id` name a live thread, a
 * process or a process group, as `type` asks? 0 (nobody) always does. */
static int owner_exists(int type, int id)
{
    if (id == 0)
        return 1;
    if (type == F_OWNER_TID)
        return thread_find(id) != 0;
    if (type == F_OWNER_PGRP)
        return process_id_names_a_group(id) || process_find(id);
    return process_find(id) != 0;
}

static int set_owner(struct file *file, int type, int id)
{
    /* ESRCH: no such thread, process or group (as Linux 4.x and later) */
    if (!owner_exists(type, id))
        return -ESRCH;
    struct file_async *async = async_of(file);
    if (!async)
        return -ENOMEM;
    const struct process *setter = current_task->process;
    async->owner_type = type;
    async->owner = id;
    async->setter_uid = setter->uid;
    async->setter_euid = setter->euid;
    return 0;
}

int file_async_fcntl(struct file *file, int command, uint32_t argument)
{
    const struct file_async *async = file->async;
    switch (command) {
    case F_SETOWN: {
        int id = (int)argument;
        if (id == (int)0x80000000)
            return -EINVAL;            /* EINVAL: -INT_MIN is no group */
        return id < 0 ? set_owner(file, F_OWNER_PGRP, -id) : set_owner(file, F_OWNER_PID, id);
    }
    case F_GETOWN:
        if (!async)
            return 0;
        return async->owner_type == F_OWNER_PGRP ? -async->owner : async->owner;
    case F_SETOWN_EX: {
        struct f_owner_ex owner;
        if (copy_from_user(&owner, (const void *)argument, sizeof owner) < 0)
            return -EFAULT;
        /* EINVAL: a type that is none of the three */
        if (owner.type != F_OWNER_TID && owner.type != F_OWNER_PID && owner.type != F_OWNER_PGRP)
            return -EINVAL;
        return set_owner(file, owner.type, owner.pid);
    }
    case F_GETOWN_EX: {
        struct f_owner_ex owner = { async ? async->owner_type : F_OWNER_PID, async ? async->owner : 0 };
        return copy_to_user((void *)argument, &owner, sizeof owner) < 0 ? -EFAULT : 0;
    }
    case F_SETSIG: {
        /* EINVAL: not a signal's number (0 is SIGIO's default) */
        if (argument >= NSIG)
            return -EINVAL;
        struct file_async *made = async_of(file);
        if (!made)
            return -ENOMEM;
        made->signal = (int)argument;
        return 0;
    }
    default:                           /* F_GETSIG */
        return async ? async->signal : 0;
    }
}

void file_async_forget(struct file *file)
{
    if (file->async->watching)
        poll_table_unwatch(&file->async->table);
    kfree(file->async);
    file->async = 0;
}
