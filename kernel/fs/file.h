/* kernel/fs/file.h - open files and descriptor tables.
 *
 * A descriptor is an index into the process's table; the table holds
 * pointers to open files, which fork and dup share (so they share the
 * offset and the flags) and which count their references: the object
 * behind (a console, a pipe end, a file) hears `release` when the last
 * descriptor referring to it is closed. */
#ifndef KERNEL_FS_FILE_H
#define KERNEL_FS_FILE_H

#include <stdint.h>

#define MAX_OPEN_FILES 256      /* descriptors per process (poll over 64 and more) */

struct epoll_entry;
struct file;
struct file_async;
struct inode;
struct poll_table;
struct process;
struct stat;

struct socket_family_operations;
struct user_vector;

#define TRANSFER_NEEDS_BIG_LOCK (-0x40000000)   /* read_without_big_lock: "not here" */

struct file_operations {
    /* Both take user-space buffers and return a byte count or -errno. */
    int (*read)(struct file *file, void *user_buffer, uint32_t size);
    int (*write)(struct file *file, const void *user_buffer, uint32_t size);
    /* Optional: the same at `offset`, leaving the file's offset as it
     * is (pread, pwrite). Absent: the file cannot seek (ESPIPE). */
    int (*read_at)(struct file *file, void *user_buffer, uint32_t size, uint32_t offset);
    int (*write_at)(struct file *file, const void *user_buffer, uint32_t size, uint32_t offset);
    /* Optional, several CPUs: read and write in a system call that runs
     * without the big kernel lock (running_without_big_lock, arch/x86/
     * cpu.h), taking only the object's own lock; the checks of read and
     * write are done. They return TRANSFER_NEEDS_BIG_LOCK, having done
     * nothing, for every case they leave to `read` and `write`, which
     * the call then makes with the big lock (file.c). A pipe's:
     * ipc/pipe_without_big_lock.c. */
    int (*read_without_big_lock)(struct file *file, void *user_buffer, uint32_t size);
    int (*write_without_big_lock)(struct file *file, const void *user_buffer, uint32_t size);
    /* Optional, the same for readv and writev: the buffers of `data` as
     * one (their total above 0), as readv and writev with the big lock
     * would move them. */
    int (*read_vector_without_big_lock)(struct file *file, const struct user_vector *data);
    int (*write_vector_without_big_lock)(struct file *file, const struct user_vector *data);
    /* Optional: writev's bytes of all the buffers as one write (a pipe:
     * up to PIPE_BUF of them never split). Absent: one write per buffer. */
    int (*write_vector)(struct file *file, const struct user_vector *data);
    /* Optional: device control (TCGETS and friends); -ENOTTY when absent. */
    int (*ioctl)(struct file *file, uint32_t request, uint32_t argument);
    /* Optional: fills *st (mode, size); the caller zeroed it. */
    int (*stat)(struct file *file, struct stat *st);
    /* Optional: which POLL* events are so now (uapi/poll.h), and, when the
     * table is registering, a watch on each queue whose wake-up could
     * change that (poll_table_watch, fs/poll_table.h). `table` may be
     * NULL. Absent: always readable and writable. Never sleeps. */
    unsigned (*poll)(struct file *file, struct poll_table *table);
    /* Set when poll's answer may be the caller's own (a signalfd: the
     * caller's pending signals; an epoll instance, which asks its
     * entries, a signalfd among them), so it means nothing from a
     * wake-up, which runs in whatever task is current, or none: O_ASYNC
     * then sends no signal (fs/signal_driven_io.c), as Linux's signalfd
     * and epoll, which have no fasync. poll, select and epoll_wait ask
     * it in the caller's task and are not concerned. */
    int poll_answers_for_the_caller;
    /* The last reference is gone: free what `object` holds. */
    void (*release)(struct file *file);
    /* Optional: `process` closed one of its descriptors of this file
     * (close, dup2 over it, close-on-exec, exit), the last one or not:
     * a POSIX queue ends the process's mq_notify registration then, as
     * Linux's ->flush does. Called before the reference goes. */
    void (*flush)(struct file *file, struct process *process);
    /* Optional: a descriptor of such a file was closed and its reference
     * dropped (the file itself may be gone): local sockets look for
     * messages nobody can receive any more (kernel/ipc/socket_gc.c). */
    void (*closed)(void);
    /* Optional: what /proc/PID/fd/N shows for a file that no inode names
     * (fs/procfs.c): writes it ("pipe:[3]", as Linux) into `buffer` and
     * returns NULL, or returns the inode whose path it is (a FIFO's).
     * Absent: "anon_inode:[NAME]", NAME `anon_name` below. */
    struct inode *(*fd_name)(struct file *file, char *buffer, unsigned size);
    /* Optional, with fd_name absent: the NAME of "anon_inode:[NAME]", as
     * Linux names a file that is no node ("eventpoll", "eventfd"); "?"
     * when absent. */
    const char *anon_name;
    /* A socket's file: the calls of its family behind bind, connect, ...
     * (kernel/ipc/socket_family.h). NULL for every other file. */
    const struct socket_family_operations *socket;
};

struct file {
    unsigned references;        /* changed by atomic operations: a read or write
                                 * without the big lock holds one (file_without_big_lock.c) */
    const struct file_operations *operations;
    void *object;               /* the terminal, the pipe end, ... */
    struct inode *inode;        /* the file system node, if it has one */
    uint32_t flags;             /* O_ACCMODE | O_APPEND | O_NONBLOCK | O_ASYNC ... */
    uint32_t offset;
    /* The epoll sets watching this file (kernel/fs/epoll.h), linked
     * through the entries: they leave when the last reference goes. */
    struct epoll_entry *epoll_entries;
    uint64_t epoll_walked;      /* the last check walk of epoll.c that counted its wake-up paths */
    /* Signal-driven I/O (fcntl's O_ASYNC, F_SETOWN, F_SETSIG): its owner
     * and watches, made at the first of those calls (fs/signal_driven_io.c);
     * NULL until then. */
    struct file_async *async;
};

/* A new open file with one reference, or NULL when memory is short. */
struct file *file_create(const struct file_operations *operations, void *object, uint32_t flags);
void file_get(struct file *file);
void file_put(struct file *file);

/* Drops a reference to `file` unless it is the last one: 1 if dropped,
 * 0 if it is the last, which the caller drops with the big lock
 * (file_put: the file's release). Context: any; no lock needed. */
static inline int file_put_unless_last(struct file *file)
{
    unsigned references = __atomic_load_n(&file->references, __ATOMIC_RELAXED);
    while (references > 1)
        if (__atomic_compare_exchange_n(&file->references, &references, references - 1, 0, __ATOMIC_ACQ_REL,
                                        __ATOMIC_RELAXED))
            return 1;
    return 0;
}

/* A descriptor of `process` that held `file` is gone (the caller has
 * cleared it): tells the file (flush), then drops the descriptor's
 * reference. */
void file_close(struct file *file, struct process *process);

/* How many open files exist (for leak tests). */
unsigned file_count(void);

struct process;

/* Starts `process`'s descriptor table: its lock. Context: process_allocate. */
void descriptor_table_start(struct process *process);

/* Sets descriptor `fd` of `process` to `file` (NULL: closes the slot, and
 * the caller drops the reference after). On several CPUs under the
 * process's descriptors lock, which a read or write without the big lock
 * of a process of several threads takes to look a descriptor up and hold
 * its file (fs/file_without_big_lock.c): a file it finds there has the
 * slot's reference until it holds its own. Context: the big lock held
 * (the table is its), or a process no other thread uses (fork's child). */
void descriptor_set(struct process *process, int fd, struct file *file);

/* Puts `file` at the lowest free descriptor of `process` (taking over the
 * caller's reference). Returns the descriptor or -EMFILE. */
int descriptor_install(struct process *process, struct file *file);

/* The usual end of a call that makes a file (open, socket, eventfd, ...):
 * descriptor_install into the running process, then close-on-exec if
 * `close_on_exec`; when no descriptor is free, the caller's reference is
 * dropped (the file's release undoes what made it) and -EMFILE returned.
 * Context: system call, the big lock held. */
int descriptor_install_new(struct file *file, int close_on_exec);

/* Undoes descriptor_install of `file` at `fd` by a call that cannot
 * finish (pipe's or socketpair's copy out of the numbers faulted): the
 * slot is emptied through descriptor_set and the reference dropped;
 * unless the slot holds another file by now (the fault may have slept,
 * and another thread closed the descriptor, which dropped the reference
 * itself). Context: the big lock held. */
void descriptor_uninstall(struct process *process, int fd, struct file *file);

/* Has `process` a free descriptor? For a call that must say EMFILE before
 * it waits, and installs its file only after: a descriptor installed
 * before a wait could be closed by another thread meanwhile. */
int descriptor_room(const struct process *process);

/* The file behind descriptor `fd` of the running process, or NULL.
 *
 * A call that may sleep takes its descriptor with descriptor_hold
 * instead (file_hold.h): another thread of the process may close the
 * descriptor meanwhile, and the file, with the pipe, mailbox, queue or
 * socket behind it, must outlive the wait. (A call that does not sleep
 * needs nothing: no other thread runs in the kernel until it returns.) */
struct file *descriptor_lookup(int fd);

/* read(2), write(2), readv(2) and writev(2) on `file`: sys_read's (...)
 * work, with its checks and errors, for the file the call's descriptor
 * named when the call began (NULL: none, EBADF). A call begun without
 * the big kernel lock that must go on with it goes on with the file it
 * holds (file_without_big_lock.c): if another thread closed the
 * descriptor meanwhile, or opened another file at its number, the call
 * still works on its own file, as Linux's does. Context: a system call
 * with the big lock (one CPU: always); may sleep. */
int file_read(struct file *file, void *buffer, uint32_t size);
int file_write(struct file *file, const void *buffer, uint32_t size);
struct iovec;
int file_readv(struct file *file, const struct iovec *user_segments, int count);
int file_writev(struct file *file, const struct iovec *user_segments, int count);

/* Descriptor `fd`'s close-on-exec flag (FD_CLOEXEC) in `process`: read,
 * set or cleared. `fd` must be below MAX_OPEN_FILES. */
int descriptor_close_on_exec(const struct process *process, int fd);
void descriptor_set_close_on_exec(struct process *process, int fd, int close_on_exec);

/* Closes every descriptor (exit) / copies the table (fork). */
void descriptor_close_all(struct process *process);
void descriptor_copy_table(struct process *child, const struct process *parent);

#endif
