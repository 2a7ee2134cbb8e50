/* kernel/fs/devices.c - /dev/null, /dev/zero, /dev/console and /dev/tty. */
#include "devices.h"

#include "drivers/console.h"
#include "drivers/tty.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "file.h"
#include "mm/uaccess.h"
#include "proc/process.h"
#include "sched/scheduler.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/stat.h"
#include "vfs.h"

static int null_read(struct file *file, void *user_buffer, uint32_t size)
{
    (void)file, (void)user_buffer, (void)size;
    return 0;                                   /* always at end of file */
}

static int null_write(struct file *file, const void *user_buffer, uint32_t size)
{
    (void)file, (void)user_buffer;
    return (int)size;                           /* swallowed */
}

static int zero_read(struct file *file, void *user_buffer, uint32_t size)
{
    (void)file;
    static const uint8_t zeros[256];
    for (uint32_t done = 0; done < size;) {
        uint32_t chunk = size - done < sizeof zeros ? size - done : sizeof zeros;
        if (copy_to_user((uint8_t *)user_buffer + done, zeros, chunk) < 0)
            return done ? (int)done : -EFAULT;
        done += chunk;
    }
    return (int)size;
}

/* Linux's numbers of the devices (its list of allocated devices): what
 * stat says in st_rdev, in the old encoding (major << 8) | minor. */
#define DEVICE_NUMBER(major, minor) (((major) << 8) | (minor))
#define NULL_DEVICE    DEVICE_NUMBER(1, 3)
#define ZERO_DEVICE    DEVICE_NUMBER(1, 5)
#define CONSOLE_DEVICE DEVICE_NUMBER(5, 1)
#define TTY_DEVICE     DEVICE_NUMBER(5, 0)

static int null_stat(struct file *file, struct stat *st)
{
    (void)file;
    st->st_mode = S_IFCHR | 0666;
    st->st_rdev = NULL_DEVICE;
    return 0;
}

static int zero_stat(struct file *file, struct stat *st)
{
    null_stat(file, st);
    st->st_rdev = ZERO_DEVICE;
    return 0;
}

static struct inode *null_fd_name(struct file *file, char *buffer, unsigned size)
{
    (void)file;
    strlcpy(buffer, "/dev/null", size);
    return 0;
}

static struct inode *zero_fd_name(struct file *file, char *buffer, unsigned size)
{
    (void)file;
    strlcpy(buffer, "/dev/zero", size);
    return 0;
}

static const struct file_operations null_operations = {
    .read = null_read, .write = null_write, .stat = null_stat, .fd_name = null_fd_name,
};
static const struct file_operations zero_operations = {
    .read = zero_read, .write = null_write, .stat = zero_stat, .fd_name = zero_fd_name,
};

/* 0 and the file in *result, or -ENOMEM without one: every device's open. */
static int opened(struct file *file, struct file **result)
{
    *result = file;
    return file ? 0 : -ENOMEM;
}

static int open_null(int minor, uint32_t flags, struct file **result)
{
    return opened(file_create(minor ? &zero_operations : &null_operations, 0, flags), result);
}

int device_is_zero(const struct file *file)
{
    return file->operations == &zero_operations;
}

int device_seeks_to_zero(const struct file *file)
{
    return file->operations == &null_operations || file->operations == &zero_operations;
}

static int open_console(int minor, uint32_t flags, struct file **result)
{
    (void)minor;
    return opened(console_open(flags), result);
}

static int open_terminal(int index, uint32_t flags, struct file **result)
{
    return opened(tty_open(index, flags), result);
}

/* /dev/tty: the terminal of the caller's session (a console its shell
 * chose a group on, a pseudoterminal's slave it took), opened as itself;
 * ENXIO without one, as Linux's for a process without a controlling
 * terminal. */
static int open_session_terminal(int minor, uint32_t flags, struct file **result)
{
    (void)minor;
    const struct process *process = current_task->process;
    kernel_lock();                       /* the terminal found is the one opened */
    int index = process ? tty_of_session(process->session) : -1;
    int status = index < 0 ? -ENXIO : open_terminal(index, flags, result);
    kernel_unlock();
    return status;
}

/* The nodes' modes: rw for everyone for /dev/null and /dev/zero; the
 * terminals 0620, root's, as Linux's: no other user may open them and
 * read what is typed there. (An open /dev/console is the serial
 * terminal's file: its fstat says ttyS0's number, where Linux's says the
 * console's.) */
int devices_add(const char *path, int (*open)(int, uint32_t, struct file **), int minor, unsigned mode,
                uint32_t number)
{
    struct inode *inode;
    int status = vfs_create(path, INODE_DEVICE, mode, &inode);
    if (status < 0)
        return status;
    inode->device_open = open;
    inode->device_minor = minor;
    inode->device_number = number;
    return 0;
}

int devices_init(void)
{
    int status = vfs_create("/dev", INODE_DIRECTORY, 0755, 0);
    if (status < 0 && status != -EEXIST)
        return status;
    vfs_create("/dev/shm", INODE_DIRECTORY, 01777, 0);   /* named POSIX semaphores live here */
    if ((status = devices_add("/dev/null", open_null, 0, 0666, NULL_DEVICE)) < 0 ||
        (status = devices_add("/dev/zero", open_null, 1, 0666, ZERO_DEVICE)) < 0 ||
        (status = devices_add("/dev/console", open_console, 0, 0620, CONSOLE_DEVICE)) < 0 ||
        (status = devices_add("/dev/tty", open_session_terminal, 0, 0666, TTY_DEVICE)) < 0)
        return status;
    for (int index = 0; index < TTY_COUNT; index++) {    /* tty1..tty4 (VGA), ttyS0 (serial) */
        char path[16];
        ksnprintf(path, sizeof path, "/dev/%s", tty_name(index));
        if ((status = devices_add(path, open_terminal, index, 0620, tty_device_number(index))) < 0)
            return status;
    }
    return 0;
}
