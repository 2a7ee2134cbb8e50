/* kernel/ipc/timerfd.c - timerfd_create, timerfd_settime, timerfd_gettime:
 * a timer read as a file (Linux's timerfd, timerfd_create(2)), so that a
 * program waits for it with read, poll, select or epoll beside its other
 * descriptors, instead of taking a signal.
 *
 *   timerfd_create(clock, flags) --> a struct timerfd, the object of an
 *        |                           open file "anon_inode:[timerfd]"
 *   timerfd_settime(fd, ...)     --> its struct posix_timer armed, as
 *        |                           timer_settime arms one (posix_timer.c)
 *   each tick, or the deadline's interrupt: the expiry is due?
 *        |   posix_timers_expire -> deliver -> timerfd_expired:
 *        |   expiries += 1 + the whole periods missed; wake `readers`
 *   read  --> waits while expiries is 0, then returns it as a uint64_t
 *        |    and sets it back to 0
 *   the last close (fork shares the file) --> disarmed, freed
 *
 * The timer is the POSIX timers' own: a struct posix_timer whose notify
 * is NOTIFY_TIMERFD, on the same armed list, expired by the same walk,
 * with the same bases (a relative CLOCK_REALTIME setting counts on
 * CLOCK_MONOTONIC; an absolute one follows clock_settime). It belongs to
 * no process (it is on no process's list, has no id, counts neither in
 * a process's timer limit nor in kinfo's posix_timers: it is an open
 * file, counted in open_files, limited by the descriptors as on Linux).
 * A periodic timer keeps expiring without a reader: the count grows at
 * each expiry, and a read after N periods returns about N.
 *
 * TFD_TIMER_CANCEL_ON_SET (with TFD_TIMER_ABSTIME, on CLOCK_REALTIME):
 * clock_settime counts one expiry and marks the timer canceled
 * (timerfd_clock_was_set); the next read says ECANCELED, with the count
 * dropped, and the timer stays armed at its time, as on Linux.
 *
 * Everything here runs with the kernel lock held (the system calls, the
 * tick, clock_settime) and only read sleeps. */
#include "posix_timer_internal.h"

#include "fs/file.h"
#include "fs/poll_table.h"
#include "ipc/signal.h"
#include "kernel/syscall.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "proc/process.h"
#include "sched/task.h"
#include "sched/wait_queue.h"
#include "subsystems/timers_calls.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"
#include "uapi/time.h"
#include "uapi/timerfd.h"

struct timerfd {
    struct posix_timer timer;     /* notify NOTIFY_TIMERFD; owner NULL */
    struct timerfd *next;         /* all_timerfds: clock_settime walks them */
    struct wait_queue readers;    /* read and poll wait here; each expiry wakes it */
    uint64_t expiries;            /* since the last read or settime */
    int cancel_on_set;            /* TFD_TIMER_CANCEL_ON_SET took effect */
    int canceled;                 /* the clock was set since: the next read is ECANCELED */
    unsigned id;                  /* for ps */
};

static struct timerfd *all_timerfds;
static unsigned next_timerfd_id = 1;

static void add_expiries(struct timerfd *timerfd, uint64_t count)
{
    uint64_t total = timerfd->expiries + count;
    timerfd->expiries = total < count ? UINT64_MAX : total;
    wait_queue_wake_all(&timerfd->readers);
}

/* Context: the timer interrupt (posix_timers_expire), or the settime of a
 * time already past; kernel lock held; never sleeps. */
void timerfd_expired(struct posix_timer *timer, uint64_t count)
{
    add_expiries((struct timerfd *)timer, count);   /* the timer is its first member */
}

/* Context: clock_settime, kernel lock held; never sleeps. */
void timerfd_clock_was_set(void)
{
    for (struct timerfd *timerfd = all_timerfds; timerfd; timerfd = timerfd->next) {
        if (!timerfd->cancel_on_set)
            continue;
        timerfd->canceled = 1;
        add_expiries(timerfd, 1);         /* readable, as Linux counts it */
    }
}

/* ---- the file ---------------------------------------------------------- */

static void timerfd_describe(const void *object, char *buffer, unsigned size)
{
    ksnprintf(buffer, size, "timerfd %u", ((const struct timerfd *)object)->id);
}

/* read(2): the expiries since the last read as a uint64_t, waiting while
 * there are none (EAGAIN with O_NONBLOCK); fewer than 8 bytes asked is
 * EINVAL. A signal ends the wait (EINTR, or a restart under SA_RESTART,
 * as Linux). A count that cannot be copied out stays for the next read.
 * Context: a system call, kernel lock held; may sleep. */
static int timerfd_read(struct file *file, void *user_buffer, uint32_t size)
{
    struct timerfd *timerfd = file->object;
    if (size < sizeof(uint64_t))
        return -EINVAL;
    while (timerfd->expiries == 0) {
        if (file->flags & O_NONBLOCK)
            return -EAGAIN;
        wait_queue_say_object(timerfd, timerfd_describe);   /* for ps */
        if (wait_queue_sleep(&timerfd->readers, "timerfd read", 0, WAIT_INTERRUPTIBLE) == WAKE_INTERRUPTED)
            return -ERESTARTSYS;
    }
    uint64_t count = timerfd->expiries;
    timerfd->expiries = 0;
    if (timerfd->canceled) {
        timerfd->canceled = 0;
        return -ECANCELED;
    }
    if (copy_to_user(user_buffer, &count, sizeof count) < 0) {
        add_expiries(timerfd, count);
        return -EFAULT;
    }
    return sizeof count;
}

/* A timerfd is not written: EINVAL, as Linux's. */
static int timerfd_write(struct file *file, const void *user_buffer, uint32_t size)
{
    (void)file, (void)user_buffer, (void)size;
    return -EINVAL;
}

/* Readable (POLLIN alone, as Linux) while an expiry waits to be read.
 * Context: kernel lock held; never sleeps. */
static unsigned timerfd_poll(struct file *file, struct poll_table *table)
{
    struct timerfd *timerfd = file->object;
    poll_table_watch(table, &timerfd->readers);
    return timerfd->expiries ? POLLIN : 0;
}

/* The last descriptor is closed (nobody reads or polls it any more: they
 * hold the file): the timer goes with it. Context: kernel lock held. */
static void timerfd_release(struct file *file)
{
    struct timerfd *timerfd = file->object;
    posix_timer_disarm(&timerfd->timer);
    for (struct timerfd **link = &all_timerfds; *link; link = &(*link)->next) {
        if (*link == timerfd) {
            *link = timerfd->next;
            break;
        }
    }
    kfree(timerfd);
}

static const struct file_operations timerfd_operations = {
    .read = timerfd_read,
    .write = timerfd_write,
    .poll = timerfd_poll,
    .anon_name = "timerfd",   /* /proc: anon_inode:[timerfd], as Linux */
    .release = timerfd_release,
};

/* ---- the system calls -------------------------------------------------- */

/* The clocks Linux takes are CLOCK_REALTIME, CLOCK_MONOTONIC,
 * CLOCK_BOOTTIME and the two _ALARM ones; this kernel has the first two
 * (uapi/time.h): the others are EINVAL. */
int sys_timerfd_create(int clock, int flags)
{
    if ((flags & ~(TFD_NONBLOCK | TFD_CLOEXEC)) || (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC))
        return -EINVAL;
    struct timerfd *timerfd = kzalloc(sizeof *timerfd);
    if (!timerfd)
        return -ENOMEM;
    struct file *file = file_create(&timerfd_operations, timerfd, O_RDWR | (flags & TFD_NONBLOCK));
    if (!file) {
        kfree(timerfd);
        return -ENOMEM;
    }
    timerfd->timer.clock = clock;
    timerfd->timer.notify = NOTIFY_TIMERFD;
    wait_queue_init(&timerfd->readers);
    timerfd->id = next_timerfd_id++;
    timerfd->next = all_timerfds;
    all_timerfds = timerfd;
    return descriptor_install_new(file, flags & TFD_CLOEXEC);   /* EMFILE: its release frees the timerfd */
}

/* The timerfd behind descriptor `fd`: 0, -EBADF (not open) or -EINVAL
 * (not a timerfd). */
static int timerfd_of(int fd, struct timerfd **timerfd)
{
    struct file *file = descriptor_lookup(fd);
    if (!file)
        return -EBADF;
    if (file->operations != &timerfd_operations)
        return -EINVAL;
    *timerfd = file->object;
    return 0;
}

/* In Linux's order: the new setting (EFAULT), the flags and the times
 * (EINVAL), the descriptor (EBADF, EINVAL), the old setting (EFAULT,
 * the new one set all the same). Arming sets the count back to 0. */
int sys_timerfd_settime(int fd, int flags, const struct itimerspec *user_new, struct itimerspec *user_old)
{
    struct itimerspec setting;
    if (copy_from_user(&setting, user_new, sizeof setting) < 0)
        return -EFAULT;
    uint64_t value, interval;
    if ((flags & ~(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)) || posix_timer_setting_to_ns(&setting, &value, &interval) < 0)
        return -EINVAL;
    struct timerfd *timerfd;
    int status = timerfd_of(fd, &timerfd);
    if (status < 0)
        return status;
    struct itimerspec old = posix_timer_setting(&timerfd->timer);
    timerfd->expiries = 0;
    timerfd->canceled = 0;
    /* Linux ignores TFD_TIMER_CANCEL_ON_SET without TFD_TIMER_ABSTIME */
    timerfd->cancel_on_set = timerfd->timer.clock == CLOCK_REALTIME && (flags & TFD_TIMER_ABSTIME) &&
                             (flags & TFD_TIMER_CANCEL_ON_SET);
    posix_timer_set(&timerfd->timer, flags & TFD_TIMER_ABSTIME, value, interval);
    if (user_old && copy_to_user(user_old, &old, sizeof old) < 0)
        return -EFAULT;
    return 0;
}

/* The time left until the next expiry (0: disarmed) and the period. */
int sys_timerfd_gettime(int fd, struct itimerspec *user_setting)
{
    struct timerfd *timerfd;
    int status = timerfd_of(fd, &timerfd);
    if (status < 0)
        return status;
    struct itimerspec setting = posix_timer_setting(&timerfd->timer);
    if (copy_to_user(user_setting, &setting, sizeof setting) < 0)
        return -EFAULT;
    return 0;
}
