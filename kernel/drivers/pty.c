/* kernel/drivers/pty.c - pseudoterminals: a terminal whose other end is
 * a program, not a screen and a keyboard (docs/terminals.md,
 * "Pseudoterminals"). Each open of /dev/ptmx makes a pair: the master, a
 * plain stream of bytes both ways, and the slave /dev/pts/N, a terminal
 * like tty1 (tty.c) with its line discipline, echo, signals and job
 * control.
 *
 *   the program on the master           the program on the slave
 *   (script, a terminal emulator)       (a shell, vi)
 *
 *   write(master) --> tty_input --> line discipline --> read(slave)
 *                                        | echo
 *                                        v
 *   read(master) <-- ring `output` <-- output processing <-- write(slave)
 *
 * Every byte either way arrives or is waited for: a master's write waits
 * while the slave's queue is full and a read could empty it (a full line
 * being edited drops the byte, as a keyboard's); a slave's write waits
 * for room in the ring (tty.c, pty_output_room). Only the echo of a
 * byte is dropped when the ring is full.
 *
 * A pair's life:
 *  - /dev/ptmx's open makes it, and /dev/pts/N, locked: the slave opens
 *    only after unlockpt (TIOCSPTLCK 0), else EIO.
 *  - The slave's last close: the master's reads get EIO once the ring is
 *    empty, poll says POLLHUP; a new open of the slave ends that.
 *  - The master's close: the slave hangs up. Its reads see end of file,
 *    its writes EIO, its poll POLLHUP; the leader of the session that has
 *    it gets SIGHUP, then SIGCONT, as on Linux. /dev/pts/N goes.
 *  - Both closed: the pair is gone, and N may be given again.
 *
 * Context: system calls; the kernel lock guards every pair (the fields of
 * the slave's struct tty as tty.c says). */
#include "pty.h"
#include "ptys_for_core.h"

#include "fs/devices.h"
#include "fs/file.h"
#include "fs/fs_lock.h"
#include "fs/inode.h"
#include "fs/multiplexing_for_core.h"
#include "fs/vfs.h"
#include "ipc/signal.h"
#include "lib/byte_ring.h"
#include "lib/kprintf.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "proc/process.h"
#include "sched/scheduler.h"
#include "sched/wait_queue.h"
#include "tty.h"
#include "tty_internal.h"
#include "tty_job_control.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"
#include "uapi/signal.h"
#include "uapi/stat.h"

#define PTY_RING_SIZE   4096                  /* the slave's output not yet read by the master */
#define PTY_COPY_CHUNK  256                   /* bytes a master's write takes from user memory at a time */
#define PTMX_DEVICE     ((5 << 8) | 2)        /* /dev/ptmx is (5, 2), as on Linux */

struct pty {
    struct tty slave;                 /* first: pty_of turns the slave back into its pair */
    struct byte_ring output;          /* what the slave wrote and echoed, for the master's reads */
    struct wait_queue master_readers; /* masters in read() waiting for output */
    char name[8];                     /* "pts/N": the slave's name */
    int number;                       /* N */
    int locked;                       /* the slave may not be opened: until unlockpt */
    int master_open;                  /* until the master's last close */
    int slave_was_opened;             /* with no open file left, the slave is closed (EIO) */
};

static struct pty *ptys[PTY_COUNT];   /* the pairs that exist, by N */
static struct inode *pts_directory;   /* /dev/pts */

static struct pty *pty_of(struct tty *slave)
{
    return (struct pty *)slave;
}

struct tty *pty_slave(int number)
{
    struct pty *pty = number >= 0 && number < PTY_COUNT ? ptys[number] : 0;
    return pty ? &pty->slave : 0;
}

uint32_t pty_output_room(struct tty *slave)
{
    return byte_ring_room(&pty_of(slave)->output);
}

/* The slave's output_char (tty.c): one byte, processed, for the master's
 * reads; dropped when the ring is full, which only an echo can find. */
static void slave_output_char(struct tty *slave, char c)
{
    struct pty *pty = pty_of(slave);
    lock_stuff();
    if (byte_ring_room(&pty->output) > 0)
        byte_ring_write_from_kernel(&pty->output, (const uint8_t *)&c, 1);
    wait_queue_wake_all(&pty->master_readers);
    unlock_stuff();
}

/* Was the slave opened and is every open file on it closed? */
static int slave_closed(const struct pty *pty)
{
    return pty->slave_was_opened && pty->slave.opens == 0;
}

/* Would the next byte a master writes be dropped while a read of the
 * slave could make room? Then the master waits. */
static int slave_queue_full(const struct pty *pty)
{
    const struct line_discipline *queue = &pty->slave.discipline;
    return queue->count >= LINE_DISCIPLINE_QUEUE_SIZE - 1 && queue->completed > 0;
}

static int open_slave(int number, uint32_t flags, struct file **result);

/* "3" of "pts/3": the slave's name in /dev/pts. */
static const char *node_name(const struct pty *pty)
{
    return pty->name + 4;
}

/* Makes /dev/pts/N, the opener's, mode 0620 whatever its umask, as
 * Linux's devpts does (so grantpt has nothing left to do): straight in
 * the directory, which is root's, so that any user may open a pair.
 * Context: file-system lock held. */
static int make_slave_node(struct pty *pty)
{
    const struct process *opener = current_task->process;
    struct inode *node;
    int status = pts_directory->operations->create(pts_directory, node_name(pty), INODE_DEVICE, 0620,
                                                   opener ? opener->euid : 0, opener ? opener->egid : 0, &node);
    if (status == 0) {
        node->device_open = open_slave;
        node->device_minor = pty->number;
        node->device_number = tty_device_number(pty->slave.index);
    }
    return status;
}

/* Takes /dev/pts/N out of the tree. Context: kernel lock and file-system
 * lock held. */
static void remove_slave_node(struct pty *pty)
{
    struct inode *node;
    if (vfs_child(pts_directory, node_name(pty), &node) == 0)
        pts_directory->operations->unlink(pts_directory, node_name(pty), node);
}

/* Is N free: no pair, and no name N in /dev/pts (root may have made one)?
 * Context: file-system lock held. */
static int number_is_free(int number)
{
    char name[8];
    struct inode *node;
    ksnprintf(name, sizeof name, "%d", number);
    return !ptys[number] && vfs_child(pts_directory, name, &node) != 0;
}

/* Both ends are closed: the pair goes (/dev/pts/N went with the
 * master). Context: kernel lock held; does not sleep. */
static void free_pair(struct pty *pty)
{
    ptys[pty->number] = 0;
    byte_ring_destroy(&pty->output);
    kfree(pty);
}

void pty_slave_closed(struct tty *slave)
{
    struct pty *pty = pty_of(slave);
    if (!pty->master_open)
        free_pair(pty);
    else
        wait_queue_wake_all(&pty->master_readers);   /* their reads end: EIO */
}

/* read() on the master: what the slave wrote, as soon as there is a byte;
 * EIO once the slave closed and the ring is empty. May sleep. */
static int master_read(struct file *file, void *user_buffer, uint32_t size)
{
    struct pty *pty = file->object;
    if (size == 0)
        return 0;
    kernel_lock();
    while (pty->output.count == 0) {
        int status = slave_closed(pty) ? -EIO : (file->flags & O_NONBLOCK) ? -EAGAIN : 0;
        if (status == 0 && wait_queue_sleep(&pty->master_readers, "pty master read", 0,
                                            WAIT_INTERRUPTIBLE) != WAKE_NORMAL)
            status = -ERESTARTSYS;
        if (status < 0) {
            kernel_unlock();
            return status;
        }
    }
    uint32_t taken = size < pty->output.count ? size : pty->output.count;
    int status = byte_ring_read_to_user(&pty->output, user_buffer, taken, 0);
    if (status == 0)
        wait_queue_wake_all(&pty->slave.writers);   /* room for the slave's writes */
    kernel_unlock();
    return status < 0 ? status : (int)taken;
}

/* write() on the master: each byte typed into the slave, as a keyboard's
 * key (tty_input: editing, echo, Ctrl-C). Waits while the slave's queue
 * is full and a read could empty it. May sleep. */
static int master_write(struct file *file, const void *user_buffer, uint32_t size)
{
    struct pty *pty = file->object;
    char chunk[PTY_COPY_CHUNK];
    uint32_t done = 0;
    while (done < size) {
        uint32_t count = size - done < sizeof chunk ? size - done : sizeof chunk;
        if (copy_from_user(chunk, (const char *)user_buffer + done, count) < 0)
            return done ? (int)done : -EFAULT;
        kernel_lock();
        for (uint32_t i = 0; i < count; i++, done++) {
            while (slave_queue_full(pty)) {
                int status = (file->flags & O_NONBLOCK) ? -EAGAIN : 0;
                if (status == 0 && wait_queue_sleep(&pty->slave.input_room, "pty master write", 0,
                                                    WAIT_INTERRUPTIBLE) != WAKE_NORMAL)
                    status = -ERESTARTSYS;
                if (status < 0) {
                    kernel_unlock();
                    return done ? (int)done : status;
                }
            }
            tty_input(pty->slave.index, chunk[i]);
        }
        kernel_unlock();
    }
    return (int)done;
}

/* poll(2) on the master: readable with output in the ring, hung up
 * (POLLHUP) once the slave closed, writable while the slave's queue takes
 * bytes. Watched: the master's readers, which output and the slave's
 * close wake, and the slave's input room, which its reads wake. */
static unsigned master_poll(struct file *file, struct poll_table *table)
{
    struct pty *pty = file->object;
    poll_table_watch(table, &pty->master_readers);
    poll_table_watch(table, &pty->slave.input_room);
    unsigned events = 0;
    if (pty->output.count > 0)
        events |= POLLIN | POLLRDNORM;
    else if (slave_closed(pty))
        events |= POLLHUP;
    if (!slave_queue_full(pty))
        events |= POLLOUT | POLLWRNORM;
    return events;
}

/* ioctl(2) on the master: the pair's own requests, then the slave's
 * settings and window, as Linux passes them through (tcgetattr and
 * TIOCSWINSZ on the master are the slave's). */
static int master_ioctl(struct file *file, uint32_t request, uint32_t argument)
{
    struct pty *pty = file->object;
    int value;
    switch (request) {
    case TIOCGPTN:
        return copy_to_user((void *)argument, &pty->number, sizeof pty->number) < 0 ? -EFAULT : 0;
    case TIOCSPTLCK:
        if (copy_from_user(&value, (const void *)argument, sizeof value) < 0)
            return -EFAULT;
        pty->locked = value != 0;
        return 0;
    case TIOCGPTLCK:
        return copy_to_user((void *)argument, &pty->locked, sizeof pty->locked) < 0 ? -EFAULT : 0;
    case FIONREAD:
        value = (int)pty->output.count;
        return copy_to_user((void *)argument, &value, sizeof value) < 0 ? -EFAULT : 0;
    case TCGETS: case TCSETS: case TCSETSW: case TCSETSF:
    case TIOCGWINSZ: case TIOCSWINSZ: case TIOCGPGRP: case TIOCGSID:
        return tty_terminal_ioctl(&pty->slave, request, argument);
    default:
        return -ENOTTY;
    }
}

static int master_stat(struct file *file, struct stat *st)
{
    (void)file;
    st->st_mode = S_IFCHR | 0666;
    st->st_rdev = PTMX_DEVICE;
    return 0;
}

static struct inode *master_fd_name(struct file *file, char *buffer, unsigned size)
{
    (void)file;
    ksnprintf(buffer, size, "/dev/ptmx");
    return 0;
}

/* The master's last close: the slave hangs up, and the leader of the
 * session that has it hears of it; /dev/pts/N goes, as on Linux, and the
 * pair once the slave is closed too. May sleep, for the file-system lock,
 * which it takes first: once the pair is half closed nothing may sleep,
 * or a slave's last close meanwhile would free it under us. */
static void master_release(struct file *file)
{
    struct pty *pty = file->object;
    kernel_lock();
    int held = fs_lock_held();
    if (!held)
        fs_lock();
    pty->master_open = 0;
    pty->slave.hung_up = 1;
    wait_queue_wake_all(&pty->slave.readers);
    wait_queue_wake_all(&pty->slave.writers);
    struct process *leader = process_find(tty_session(&pty->slave));
    if (leader && leader->state == PROCESS_ALIVE) {
        signal_send(leader, SIGHUP);
        signal_send(leader, SIGCONT);
    }
    remove_slave_node(pty);
    if (pty->slave.opens == 0)
        free_pair(pty);
    if (!held)
        fs_unlock();
    kernel_unlock();
}

static const struct file_operations master_operations = {
    .read = master_read,
    .write = master_write,
    .poll = master_poll,
    .ioctl = master_ioctl,
    .stat = master_stat,
    .release = master_release,
    .fd_name = master_fd_name,
};

/* open() of /dev/pts/N: EIO while the pair is locked (or its master is
 * closing). A session leader takes the terminal for its session, unless
 * O_NOCTTY or another session has it, as Linux gives a session leader
 * its controlling terminal. */
static int open_slave(int number, uint32_t flags, struct file **result)
{
    kernel_lock();
    struct pty *pty = ptys[number];
    int status = !pty || pty->locked || !pty->master_open ? -EIO : 0;
    if (status == 0) {
        *result = tty_open(pty->slave.index, flags);
        status = *result ? 0 : -ENOMEM;
    }
    if (status == 0) {
        pty->slave_was_opened = 1;
        if (!(flags & O_NOCTTY) && tty_session(&pty->slave) == 0)
            tty_take_for_session(&pty->slave, 0);   /* EPERM (no session leader): left as it is */
    }
    kernel_unlock();
    return status;
}

/* open() of /dev/ptmx: a new pair, its master's file in *result, its
 * slave /dev/pts/N locked. ENOSPC with PTY_COUNT pairs in use, as Linux
 * past its limit. Context: vfs_open, the file-system lock held. */
static int open_master(int minor, uint32_t flags, struct file **result)
{
    (void)minor;
    kernel_lock();
    int number = 0;
    while (number < PTY_COUNT && !number_is_free(number))
        number++;
    struct pty *pty = number < PTY_COUNT ? kzalloc(sizeof *pty) : 0;
    int status = number == PTY_COUNT ? -ENOSPC : !pty ? -ENOMEM : byte_ring_create(&pty->output, PTY_RING_SIZE);
    if (status < 0) {
        kfree(pty);
        kernel_unlock();
        return status;
    }
    pty->number = number;
    pty->locked = 1;
    pty->master_open = 1;
    ksnprintf(pty->name, sizeof pty->name, "pts/%d", number);
    wait_queue_init(&pty->master_readers);
    tty_init_terminal(&pty->slave, pty->name, TTY_COUNT + number, slave_output_char);
    ptys[number] = pty;
    status = make_slave_node(pty);
    *result = status == 0 ? file_create(&master_operations, pty, flags) : 0;
    if (status == 0 && !*result) {
        remove_slave_node(pty);
        status = -ENOMEM;
    }
    if (status < 0) {
        ptys[number] = 0;
        byte_ring_destroy(&pty->output);
        kfree(pty);
    }
    kernel_unlock();
    return status;
}

/* Makes /dev/pts and /dev/ptmx. Context: boot (the subsystem's start). */
void pty_init(void)
{
    fs_lock();
    int status = vfs_create("/dev/pts", INODE_DIRECTORY, 0755, &pts_directory);
    if (status == 0)
        status = devices_add("/dev/ptmx", open_master, 0, 0666, PTMX_DEVICE);
    fs_unlock();
    if (status < 0)
        kprintf("ptys: /dev/ptmx not made (error %d)\n", -status);
}
