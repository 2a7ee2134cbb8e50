/* kernel/ipc/signalfd.c - signalfd(2): the caller's pending signals read
 * from a descriptor, as sigwaitinfo takes them, and waited for with
 * poll, select or epoll beside sockets and pipes (docs/event-files.md).
 *
 * A signalfd holds only a set of signals, its mask. Whoever reads it
 * takes the lowest-numbered signal of the mask pending for the reading
 * thread or its process (the thread's own copy first when both have it),
 * exactly as sigwaitinfo would (signal_internal.h's signal_take): the signal is
 * gone, and no handler runs. The program blocks those signals first, so
 * that they stay pending until read (otherwise they are delivered as
 * usual, before anyone reads). The same descriptor inherited by a child
 * reads the child's signals: it is "my signals", not its creator's.
 *
 *   signalfd(-1, {SIGINT, SIGCHLD}, 0)    a new descriptor
 *   read(fd, buffer, n * 128)             up to n signals, each a
 *                                         struct signalfd_siginfo;
 *                                         waits for the first one
 *   poll                                  POLLIN while one is pending
 *
 * The wake-up. Every send that makes a signal pending calls
 * signalfd_notify (signal.c), which wakes one queue, kept here for the
 * whole kernel: each reader and each poll watch looks at its own pending
 * signals again and waits on if none is its. Linux keeps a queue per
 * process instead (sighand->signalfd_wqh); one queue is simpler, and
 * costs a send one test while no signalfd is open. A send that goes
 * without the big kernel lock (kill and sigqueue on several CPUs,
 * signal_without_big_lock.c) reads signalfd_exists and, if any is open,
 * does its wake-up with the big lock.
 *
 * Every rule is Linux's (signalfd(2)): a mask size other than 8 is
 * EINVAL; SIGKILL and SIGSTOP are left out of the mask; fd -1 makes a new
 * descriptor, else fd must be a signalfd, whose mask is replaced; a read
 * shorter than 128 bytes is EINVAL; O_NONBLOCK makes a wait EAGAIN; a wait
 * ends with a signal outside the mask (ERESTARTSYS). A buffer that
 * cannot be written is tried before a signal is taken: a fault loses no
 * signal.
 * Context: system calls, the big kernel lock held. */
#include "signal.h"
#include "signal_internal.h"

#include "event_files_for_core.h"
#include "fs/file.h"
#include "fs/poll_table.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "sched/wait_queue.h"
#include "subsystems/event_files_calls.h"
#include "uapi/event_files.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"

#define SIGNAL_SET_SIZE 8             /* Linux's sizeof(sigset_t) in the kernel */

struct signalfd {
    signal_set mask;
};

/* Every reader and poll watch of any signalfd (above, "The wake-up"). */
static struct wait_queue signal_arrivals = WAIT_QUEUE_INITIALIZER;
static unsigned live_signalfds;       /* read by senders without the big lock */

int signalfd_exists(void)
{
    return __atomic_load_n(&live_signalfds, __ATOMIC_SEQ_CST) != 0;
}

void signalfd_notify(void)
{
    if (live_signalfds)
        wait_queue_wake_all(&signal_arrivals);
}

/* What ps shows a reader waiting on: the numbers of its mask,
 * "signals 10,17". */
static void signalfd_describe(const void *object, char *buffer, unsigned size)
{
    const struct signalfd *signalfd = object;
    unsigned used = (unsigned)ksnprintf(buffer, size, "signals");
    char separator = ' ';
    for (int signal = 1; signal < NSIG && used + 1 < size; signal++)
        if (signalfd->mask & SIGNAL_BIT(signal)) {
            used += (unsigned)ksnprintf(buffer + used, size - used, "%c%d", separator, signal);
            separator = ',';
        }
}

/* Linux's signalfd_copyinfo: the fields of the signal's kind (its
 * siginfo layout), the rest 0. The origin's three words are a sender's
 * pid, uid and value; a timer's id, overruns and value; a child's pid,
 * uid and status; an I/O signal's band and descriptor (signal_send_io);
 * a fault's address in `value`. */
static void fill_signalfd_info(int signal, const struct signal_origin *origin, struct signalfd_siginfo *info)
{
    memset(info, 0, sizeof *info);
    info->ssi_signo = (uint32_t)signal;
    info->ssi_code = origin->code;
    int code = origin->code;
    if (signal_raised_by_fault(signal, origin)) {
        info->ssi_addr = origin->value;
    } else if (code == SI_TIMER) {
        info->ssi_tid = (uint32_t)origin->pid;
        info->ssi_overrun = origin->uid;
        info->ssi_int = (int32_t)origin->value;
        info->ssi_ptr = origin->value;
    } else if (signal == SIGCHLD && code > 0 && code < SI_KERNEL) {
        info->ssi_pid = (uint32_t)origin->pid;
        info->ssi_uid = origin->uid;
        info->ssi_status = (int32_t)origin->value;
    } else if (code == SI_SIGIO || (code > 0 && code <= POLL_HUP)) {
        info->ssi_band = (uint32_t)origin->pid;        /* POLL_IN ... POLL_HUP, of any signal */
        info->ssi_fd = (int32_t)origin->uid;           /* F_SETSIG may name (Linux's siginfo_layout) */
    } else {                                           /* kill, tkill, sigqueue, mq_notify, the kernel */
        info->ssi_pid = (uint32_t)origin->pid;
        info->ssi_uid = origin->uid;
        if (code < 0) {
            info->ssi_int = (int32_t)origin->value;
            info->ssi_ptr = origin->value;
        }
    }
}

/* The signals of `mask` pending for the running thread (its own and its
 * process's). */
static signal_set pending_of_mine(signal_set mask)
{
    struct thread *thread = current_thread();
    return (thread->signals_pending.set | thread->task.process->signals_pending.set) & mask;
}

/* read(2): takes up to size / 128 signals; waits for the first. Context:
 * system call; sleeps. */
static int signalfd_read(struct file *file, void *user_buffer, uint32_t size)
{
    struct signalfd *signalfd = file->object;
    static const struct signalfd_siginfo zeros;
    unsigned room = size / sizeof(struct signalfd_siginfo);
    if (room == 0)
        return -EINVAL;
    struct signalfd_siginfo *slot = user_buffer;
    if (copy_to_user(slot, &zeros, sizeof zeros) < 0)
        return -EFAULT;
    while (!pending_of_mine(signalfd->mask)) {
        if (file->flags & O_NONBLOCK)
            return -EAGAIN;
        wait_queue_say_object(signalfd, signalfd_describe);
        if (wait_queue_sleep(&signal_arrivals, "signalfd read", 0, WAIT_INTERRUPTIBLE) == WAKE_INTERRUPTED)
            return -ERESTARTSYS;
    }
    struct thread *thread = current_thread();
    unsigned taken = 0;
    while (taken < room) {
        /* each slot tried just before its signal is taken (the first
         * again: the wait may have let another thread unmap it), and
         * written with the big lock held since: the second write cannot
         * fault, and no signal is taken that cannot be given */
        if (copy_to_user(&slot[taken], &zeros, sizeof zeros) < 0)
            break;
        struct signal_origin origin;
        int signal = signal_take(thread, signalfd->mask, &origin);
        if (!signal)
            break;
        struct signalfd_siginfo info;
        fill_signalfd_info(signal, &origin, &info);
        copy_to_user(&slot[taken], &info, sizeof info);
        taken++;
    }
    signal_update_work(thread);
    if (taken == 0)
        return -EFAULT;                                /* the buffer was unmapped while we waited */
    return (int)(taken * sizeof(struct signalfd_siginfo));
}

static int signalfd_write(struct file *file, const void *user_buffer, uint32_t size)
{
    (void)file, (void)user_buffer, (void)size;
    return -EINVAL;                                    /* as Linux: no write operation */
}

/* poll: readable while a signal of the mask is pending for the caller.
 * Never sleeps. */
static unsigned signalfd_poll(struct file *file, struct poll_table *table)
{
    struct signalfd *signalfd = file->object;
    poll_table_watch(table, &signal_arrivals);
    return pending_of_mine(signalfd->mask) ? POLLIN | POLLRDNORM : 0;
}

static void signalfd_release(struct file *file)
{
    kfree(file->object);
    __atomic_sub_fetch(&live_signalfds, 1, __ATOMIC_SEQ_CST);
}

static const struct file_operations signalfd_operations = {
    .read = signalfd_read,
    .write = signalfd_write,
    .poll = signalfd_poll,
    .poll_answers_for_the_caller = 1,   /* the caller's pending signals: no O_ASYNC (file.h) */
    .anon_name = "signalfd",   /* /proc: anon_inode:[signalfd], as Linux */
    .release = signalfd_release,
};

int sys_signalfd4(int fd, const signal_set *user_mask, unsigned mask_size, int flags)
{
    signal_set mask;
    if (mask_size != SIGNAL_SET_SIZE)
        return -EINVAL;
    if (copy_from_user(&mask, user_mask, sizeof mask) < 0)
        return -EFAULT;
    if (flags & ~(SFD_CLOEXEC | SFD_NONBLOCK))
        return -EINVAL;
    mask &= ~UNBLOCKABLE;
    if (fd != -1) {
        struct file *file = descriptor_lookup(fd);
        if (!file)
            return -EBADF;
        if (file->operations != &signalfd_operations)
            return -EINVAL;
        ((struct signalfd *)file->object)->mask = mask;
        signalfd_notify();                             /* a reader of the new mask may have one now */
        return fd;
    }
    struct process *process = current_task->process;
    if (!descriptor_room(process))
        return -EMFILE;
    struct signalfd *signalfd = kzalloc(sizeof *signalfd);
    if (!signalfd)
        return -ENOMEM;
    signalfd->mask = mask;
    struct file *file = file_create(&signalfd_operations, signalfd, O_RDWR | (flags & SFD_NONBLOCK));
    if (!file) {
        kfree(signalfd);
        return -ENOMEM;
    }
    __atomic_add_fetch(&live_signalfds, 1, __ATOMIC_SEQ_CST);
    return descriptor_install_new(file, flags & SFD_CLOEXEC);
}
