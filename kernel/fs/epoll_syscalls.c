/* kernel/fs/epoll_syscalls.c - epoll_create, epoll_create1, epoll_ctl,
 * epoll_wait and epoll_pwait: their arguments and errors, in the order
 * Linux checks them (fs/eventpoll.c), and the wait (the instance and its
 * ready list: epoll.c).
 *
 * The rules (Linux's, epoll_create(2), epoll_ctl(2), epoll_wait(2)):
 *  - epoll_create's size must be positive and is otherwise unused;
 *    epoll_create1 knows EPOLL_CLOEXEC only.                  -> sys_epoll_create1
 *  - epoll_ctl: EBADF for a descriptor that is not open, EPERM for
 *    a file without poll (a regular file, a directory,
 *    /dev/null), EINVAL for an epfd that is no epoll instance
 *    or is fd itself, ELOOP for a cycle of instances, EEXIST /
 *    ENOENT for ADD of a watched / MOD or DEL of an unwatched
 *    descriptor. DEL ignores its event pointer.               -> sys_epoll_ctl
 *  - epoll_wait: maxevents <= 0 is EINVAL; timeout -1 waits for
 *    ever, 0 looks once, else at least that many ms; a signal
 *    handler ends it with EINTR, even under SA_RESTART, and so
 *    does a stop and continue (signal(7)).                    -> epoll_wait_events */
#include "epoll.h"

#include "file.h"
#include "file_hold.h"
#include "ipc/signal.h"
#include "kernel/syscall.h"
#include "subsystems/multiplexing_calls.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "proc/process.h"
#include "sched/clock.h"
#include "sched/task.h"
#include "sched/wait_queue.h"
#include "uapi/errno.h"

#define NS_PER_MS 1000000ull
#define EPOLL_MAX_EVENTS (0x7fffffff / (int)sizeof(struct epoll_event))   /* Linux's EP_MAX_EVENTS */
#define SIGSET_SIZE 8                 /* the kernel's sigset: 64 signals, as Linux's */

/* Events EPOLLEXCLUSIVE may come with (Linux's EPOLLEXCLUSIVE_OK_BITS). */
#define EXCLUSIVE_OK (EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLWAKEUP | EPOLLET | EPOLLEXCLUSIVE)

int sys_epoll_create1(int flags)
{
    if (flags & ~EPOLL_CLOEXEC)
        return -EINVAL;
    struct file *file = epoll_file_create();
    if (!file)
        return -ENOMEM;
    return descriptor_install_new(file, flags & EPOLL_CLOEXEC);
}

int sys_epoll_create(int size)
{
    if (size <= 0)
        return -EINVAL;
    return sys_epoll_create1(0);
}

int sys_epoll_ctl(int epfd, int op, int fd, const struct epoll_event *user_event)
{
    struct epoll_event event = { 0, { 0 } };
    if (op != EPOLL_CTL_DEL && copy_from_user(&event, user_event, sizeof event) < 0)
        return -EFAULT;
    struct file *file = descriptor_lookup(epfd);
    struct file *target = descriptor_lookup(fd);
    if (!file || !target)
        return -EBADF;
    if (!target->operations->poll)
        return -EPERM;                 /* always ready: nothing to wait for */
    if (file == target || !file_is_epoll(file))
        return -EINVAL;
    if (op != EPOLL_CTL_DEL && (event.events & EPOLLEXCLUSIVE)) {
        if (op == EPOLL_CTL_MOD)
            return -EINVAL;
        if (op == EPOLL_CTL_ADD && (file_is_epoll(target) || (event.events & ~EXCLUSIVE_OK)))
            return -EINVAL;
    }
    struct epoll *epoll = file->object;
    if (op == EPOLL_CTL_ADD && file_is_epoll(target) && epoll_would_loop(epoll, target->object))
        return -ELOOP;
    struct epoll_entry *entry = epoll_entry_find(epoll, target, fd);
    switch (op) {
    case EPOLL_CTL_ADD:
        return entry ? -EEXIST : epoll_entry_add(epoll, target, fd, &event);
    case EPOLL_CTL_DEL:
        if (!entry)
            return -ENOENT;
        epoll_entry_remove(entry);
        return 0;
    case EPOLL_CTL_MOD:
        if (!entry)
            return -ENOENT;
        if (epoll_entry_is_exclusive(entry))
            return -EINVAL;            /* Linux: an exclusive entry cannot be changed */
        epoll_entry_modify(entry, &event);
        return 0;
    }
    return -EINVAL;
}

/* Takes what is ready into `events` (kernel memory, `room` of them) and
 * copies it out; the user buffer is tried first (zeros), so that a bad
 * one loses no event. How many, or -EFAULT. */
static int harvest_to_user(struct epoll *epoll, struct epoll_event *user_events, int max,
                           struct epoll_event *events, unsigned room)
{
    unsigned count = epoll_ready_count(epoll);
    if (count > room)
        count = room;
    if ((unsigned)max < count)
        count = (unsigned)max;
    memset(events, 0, count * sizeof *events);
    if (copy_to_user(user_events, events, count * sizeof *events) < 0)
        return -EFAULT;
    int taken = epoll_harvest(epoll, events, (int)count);
    if (copy_to_user(user_events, events, (unsigned)taken * sizeof *events) < 0)
        return -EFAULT;                /* another thread unmapped it meanwhile */
    return taken;
}

/* The wait: harvest, and sleep while nothing is ready, until `deadline`
 * (clock_now_ns time; UINT64_MAX: none). Context: system call; sleeps. */
static int epoll_wait_events(struct epoll *epoll, struct epoll_event *user_events, int max, uint64_t deadline)
{
    unsigned room = 0;
    struct epoll_event *events = 0;
    int result;
    for (;;) {
        if (epoll_ready_count(epoll) > room) {
            kfree(events);
            room = epoll_ready_count(epoll);
            if (!(events = kmalloc(room * sizeof *events)))
                return -ENOMEM;
        }
        result = room ? harvest_to_user(epoll, user_events, max, events, room) : 0;
        if (result || deadline <= clock_now_ns())
            break;
        int woken = epoll_sleep(epoll, deadline == UINT64_MAX ? 0 : deadline);
        if (woken == WAKE_INTERRUPTED) {
            result = -EINTR;           /* never restarted (signal(7)) */
            break;
        }
    }
    kfree(events);
    return result;
}

int sys_epoll_wait(int epfd, struct epoll_event *user_events, int max, int timeout_ms)
{
    if (max <= 0 || max > EPOLL_MAX_EVENTS)
        return -EINVAL;
    if (!user_range_ok(user_events, (unsigned)max * sizeof *user_events))
        return -EFAULT;
    struct held_file held;
    int status = descriptor_hold(epfd, &held);   /* another thread may close epfd meanwhile */
    if (status < 0)
        return status;
    if (!file_is_epoll(held.file))
        return descriptor_unhold(&held, -EINVAL);
    uint64_t deadline = timeout_ms < 0 ? UINT64_MAX : clock_now_ns() + (uint64_t)timeout_ms * NS_PER_MS;
    return descriptor_unhold(&held, epoll_wait_events(held.file->object, user_events, max, deadline));
}

int sys_epoll_pwait(int epfd, struct epoll_event *user_events, int max, int timeout_ms, const void *user_mask,
                    unsigned mask_size)
{
    if (user_mask) {
        if (mask_size != SIGSET_SIZE)
            return -EINVAL;
        int status = signal_wait_mask_begin(user_mask);
        if (status < 0)
            return status;
    }
    int result = sys_epoll_wait(epfd, user_events, max, timeout_ms);
    if (user_mask)
        signal_wait_mask_end(result);
    return result;
}
