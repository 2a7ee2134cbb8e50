/* kernel/ipc/eventfd.c - eventfd(2): a 64-bit counter behind a
 * descriptor, the smallest IPC object there is. A write adds to it, a
 * read takes it, and poll, select and epoll watch it as any other file,
 * so one thread can wake another (or a process a process, through fork or
 * a passed descriptor) with 8 bytes and no buffer (docs/event-files.md).
 *
 *   write(fd, &n, 8)   count += n; waits while that would pass EVENTFD_MAX
 *   read(fd, &v, 8)    waits while count is 0; then v = count, count = 0
 *                      (EFD_SEMAPHORE: v = 1, count -= 1)
 *   poll               POLLIN while count > 0, POLLOUT while a write of 1 fits
 *
 * Every rule is Linux's (eventfd(2)): a read of fewer than 8 bytes is
 * EINVAL, a write of any size but 8, and a write of 0xffffffffffffffff; O_NONBLOCK makes a
 * wait EAGAIN; a wait ends with a signal (ERESTARTSYS: restarted under
 * SA_RESTART). A read or write that changes the count wakes the other
 * side's waiters and watchers.
 * Context: system calls, kernel lock held (the big lock: an eventfd has
 * no lock of its own). */
#include "fs/file.h"
#include "fs/poll_table.h"
#include "ipc/signal.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "proc/process.h"
#include "sched/task.h"
#include "sched/wait_queue.h"
#include "subsystems/event_files_calls.h"
#include "uapi/errno.h"
#include "uapi/event_files.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"

struct eventfd {
    uint64_t count;
    int semaphore;                 /* EFD_SEMAPHORE: a read takes 1 */
    unsigned id;                   /* for ps and /proc: "eventfd 3" */
    struct wait_queue readable;    /* readers waiting for count > 0 */
    struct wait_queue writable;    /* writers waiting for room */
};

static unsigned next_eventfd_id = 1;

static void eventfd_describe(const void *object, char *buffer, unsigned size)
{
    ksnprintf(buffer, size, "eventfd %u", ((const struct eventfd *)object)->id);
}

/* read(2): the count, or 1 of it. Context: system call; sleeps. */
static int eventfd_read(struct file *file, void *user_buffer, uint32_t size)
{
    struct eventfd *eventfd = file->object;
    if (size < sizeof(uint64_t))
        return -EINVAL;
    while (eventfd->count == 0) {
        if (file->flags & O_NONBLOCK)
            return -EAGAIN;
        wait_queue_say_object(eventfd, eventfd_describe);
        if (wait_queue_sleep(&eventfd->readable, "eventfd read", 0, WAIT_INTERRUPTIBLE) == WAKE_INTERRUPTED)
            return -ERESTARTSYS;
    }
    uint64_t taken = eventfd->semaphore ? 1 : eventfd->count;
    if (copy_to_user(user_buffer, &taken, sizeof taken) < 0)
        return -EFAULT;             /* (the count is left as it was: nothing is lost) */
    eventfd->count -= taken;
    wait_queue_wake_all(&eventfd->writable);
    return sizeof taken;
}

/* write(2): adds to the count. Context: system call; sleeps. */
static int eventfd_write(struct file *file, const void *user_buffer, uint32_t size)
{
    struct eventfd *eventfd = file->object;
    uint64_t added;
    if (size != sizeof added)
        return -EINVAL;                 /* exactly 8, as Linux 6.18 has it (the page says "less than 8") */
    if (copy_from_user(&added, user_buffer, sizeof added) < 0)
        return -EFAULT;
    if (added == ~0ull)
        return -EINVAL;
    while (EVENTFD_MAX - eventfd->count < added) {
        if (file->flags & O_NONBLOCK)
            return -EAGAIN;
        wait_queue_say_object(eventfd, eventfd_describe);
        if (wait_queue_sleep(&eventfd->writable, "eventfd write", 0, WAIT_INTERRUPTIBLE) == WAKE_INTERRUPTED)
            return -ERESTARTSYS;
    }
    eventfd->count += added;
    if (added)
        wait_queue_wake_all(&eventfd->readable);
    return sizeof added;
}

/* poll: watches both queues, which every read and write that changes the
 * count wakes. Never sleeps. */
static unsigned eventfd_poll(struct file *file, struct poll_table *table)
{
    struct eventfd *eventfd = file->object;
    poll_table_watch(table, &eventfd->readable);
    poll_table_watch(table, &eventfd->writable);
    unsigned events = 0;
    if (eventfd->count > 0)
        events |= POLLIN | POLLRDNORM;
    if (eventfd->count < EVENTFD_MAX)
        events |= POLLOUT | POLLWRNORM;
    return events;
}

/* The last descriptor is closed: nobody can wait on it any more (a
 * waiter holds the file), so it simply goes. */
static void eventfd_release(struct file *file)
{
    kfree(file->object);
}

static const struct file_operations eventfd_operations = {
    .read = eventfd_read,
    .write = eventfd_write,
    .poll = eventfd_poll,
    .anon_name = "eventfd",   /* /proc: anon_inode:[eventfd], as Linux */
    .release = eventfd_release,
};

int sys_eventfd2(unsigned initial, int flags)
{
    if (flags & ~(EFD_SEMAPHORE | EFD_CLOEXEC | EFD_NONBLOCK))
        return -EINVAL;
    struct process *process = current_task->process;
    if (!descriptor_room(process))
        return -EMFILE;
    struct eventfd *eventfd = kzalloc(sizeof *eventfd);
    if (!eventfd)
        return -ENOMEM;
    eventfd->count = initial;
    eventfd->semaphore = (flags & EFD_SEMAPHORE) != 0;
    eventfd->id = next_eventfd_id++;
    wait_queue_init(&eventfd->readable);
    wait_queue_init(&eventfd->writable);
    struct file *file = file_create(&eventfd_operations, eventfd, O_RDWR | (flags & EFD_NONBLOCK));
    if (!file) {
        kfree(eventfd);
        return -ENOMEM;
    }
    return descriptor_install_new(file, flags & EFD_CLOEXEC);
}
