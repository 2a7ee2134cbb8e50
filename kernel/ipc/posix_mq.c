/* kernel/ipc/posix_mq.c - POSIX message queues: named queues of messages
 * that carry a priority, reached through ordinary descriptors. This file
 * holds the names and the life of a queue; posix_mq_transfer.c moves the
 * messages.
 *
 *   names (ipc_names.h): "/jobs" -> [ queue: max_messages, message_size,
 *                                     references (open descriptors), named ]
 *   mq_open  --> a descriptor (an open file whose object is the queue)
 *   close    --> references - 1        mq_unlink --> named = 0
 *   the queue and its messages are freed when both are gone
 *
 * The rules, and where they live:
 *  - A name is "/" followed by 1..MQ_NAME_MAX bytes and no other '/'.  -> check_name
 *  - Attributes are fixed when the queue is created: at most
 *    MQ_MAXMSG_LIMIT messages of at most MQ_MSGSIZE_LIMIT bytes.        -> read_creation_attributes
 *  - MQ_QUEUES_MAX queues in all, and the bytes they promise within
 *    8 MiB (ENOSPC) and within each creator's RLIMIT_MSGQUEUE (EMFILE). -> queue_create
 *  - O_CREAT|O_EXCL on an existing name is EEXIST; a missing name
 *    without O_CREAT is ENOENT.                                         -> sys_mq_open
 *  - A descriptor opened without the needed access, or that is not a
 *    queue, is EBADF.                                                   -> posix_mq_of_file
 *  - mq_unlink removes the name only; the queue lives until its last
 *    descriptor is closed (fork shares descriptors, exit closes them).   -> queue_free
 *  - mq_setattr changes only O_NONBLOCK, and only of this descriptor.   -> sys_mq_getsetattr
 *  - An mq_notify registration ends when its process closes any
 *    descriptor of the queue (exit closes them all), as on Linux.       -> posix_mq_flush
 */
#include "posix_mq.h"
#include "posix_mq_internal.h"

#include "fs/file.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "proc/limits.h"
#include "proc/process.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/mqueue.h"
#include "uapi/stat.h"
#include "subsystems/posix_ipc_calls.h"

static struct ipc_names queue_names = IPC_NAMES_INITIALIZER(queue_names, MQ_QUEUES_MAX);

static struct posix_mq *queue_of_names(struct named_ipc_object *names)
{
    return list_entry(names, struct posix_mq, names);
}

unsigned posix_mq_count(void)
{
    return queue_names.count;
}

void posix_mq_describe(const void *object, char *buffer, unsigned size)
{
    ksnprintf(buffer, size, "mqueue %s", ((const struct posix_mq *)object)->names.name);
}

void posix_mq_list_objects(ipc_list_emit emit, void *context)
{
    list_for_each(node, &queue_names.objects) {
        struct posix_mq *queue = queue_of_names(list_entry(node, struct named_ipc_object, link));
        struct kinfo_ipc_object object = {
            .kind = "mqueue", .owner_pid = queue->owner_pid, .count = (unsigned)queue->count,
            .capacity = (unsigned)queue->max_messages,
            .senders_waiting = queue->senders.length, .receivers_waiting = queue->receivers.length,
        };
        ksnprintf(object.name, sizeof object.name, "%s%s", queue->names.name,
                  queue->names.named ? "" : " (unlinked)");
        emit(&object, context);
    }
}

static const struct lock_class posix_mq_lock_class = { "mqueue", 0 };

/* The queue that has the name `name` now, or NULL. */
static struct posix_mq *find_named(const char *name)
{
    struct named_ipc_object *found = ipc_names_find(&queue_names, name);
    return found ? queue_of_names(found) : 0;
}

/* What the queues may hold at the most, in kernel heap. Each queue
 * promises its mq_maxmsg messages of mq_msgsize bytes and their records
 * (promise_of), and two bounds apply to the promises:
 *  - per user, as Linux's RLIMIT_MSGQUEUE: the promises of the queues a
 *    real user id has made (still named, or still open) stay within the
 *    creator's soft RLIMIT_MSGQUEUE, 800 KiB to begin with, root's too;
 *    past it, EMFILE (user_promise_allows). Linux counts its own records'
 *    sizes in place of ours: a queue of the default 10 messages of 8 KiB
 *    promises about 80 KiB on both, so nine fit and the tenth does not.
 *  - over all users together, 8 MiB of the 32 MiB kernel heap: past it,
 *    ENOSPC. Root may raise its RLIMIT_MSGQUEUE, and named queues outlive
 *    the processes that made them; without this, queues could fill the
 *    heap and leave every kmalloc of the kernel failing for good.
 * Context: the big lock. */
#define MQ_BYTES_PROMISED_MAX (8u << 20)
static uint32_t bytes_promised;

static uint32_t promise_of(long max_messages, long message_size)
{
    return (uint32_t)max_messages * ((uint32_t)message_size + sizeof(struct posix_mq_message));
}

/* May `creator` make a queue promising `promise` bytes more, under its
 * RLIMIT_MSGQUEUE? Its real user's promises are summed over every live
 * queue (at most MQ_QUEUES_MAX), as limits_may_fork counts processes. */
static int user_promise_allows(const struct process *creator, uint32_t promise)
{
    uint64_t promised = promise;
    list_for_each(node, &queue_names.objects) {
        const struct posix_mq *queue = queue_of_names(list_entry(node, struct named_ipc_object, link));
        if (queue->charged_uid == creator->uid)
            promised += promise_of(queue->max_messages, queue->message_size);
    }
    return promised <= limits_soft(creator, RLIMIT_MSGQUEUE);
}

/* Frees a queue that has neither a name nor an open descriptor, and every
 * message in it. */
static void queue_free(struct posix_mq *queue)
{
    bytes_promised -= promise_of(queue->max_messages, queue->message_size);
    posix_mq_notify_cancel(queue, 0);
    ipc_names_remove(&queue_names, &queue->names);
    struct list_node *node;
    while ((node = list_pop_front(&queue->messages)))
        kfree(list_entry(node, struct posix_mq_message, link));
    kfree(queue);
}

/* The last descriptor of one open (of several, perhaps) is closed. */
static void posix_mq_release(struct file *file)
{
    struct posix_mq *queue = file->object;
    if (ipc_names_release(&queue->names))
        queue_free(queue);
}

/* fstat: a queue looks like a regular file whose size is the bytes queued. */
static int posix_mq_stat(struct file *file, struct stat *st)
{
    struct posix_mq *queue = file->object;
    st->st_mode = S_IFREG | queue->owner.mode;
    st->st_uid = queue->owner.uid;
    st->st_gid = queue->owner.gid;
    st->st_size = (long)queue->bytes_queued;
    st->st_nlink = queue->names.named;
    return 0;
}

/* `process` closed a descriptor of the queue: its mq_notify
 * registration, if it has one, ends (Linux's mqueue_flush_file). */
static void posix_mq_flush(struct file *file, struct process *process)
{
    posix_mq_notify_cancel(file->object, process);
}

/* As Linux: the queue's path in its own file system, "/name". */
static struct inode *posix_mq_fd_name(struct file *file, char *buffer, unsigned size)
{
    const char *name = ((const struct posix_mq *)file->object)->names.name;
    ksnprintf(buffer, size, "%s%s", name[0] == '/' ? "" : "/", name);
    return 0;
}

static const struct file_operations mq_operations = {
    .stat = posix_mq_stat,
    .fd_name = posix_mq_fd_name,
    .poll = posix_mq_poll,
    .release = posix_mq_release,
    .flush = posix_mq_flush,
};

struct posix_mq *posix_mq_of_file(const struct file *file, uint32_t access)
{
    if (file->operations != &mq_operations)
        return 0;
    uint32_t mode = file->flags & O_ACCMODE;
    if (access != ANY_ACCESS && mode != O_RDWR && mode != access)
        return 0;
    return file->object;
}

struct posix_mq *posix_mq_queue_of(int fd, uint32_t access, struct file **file_result)
{
    struct file *file = descriptor_lookup(fd);
    if (!file)
        return 0;
    *file_result = file;
    return posix_mq_of_file(file, access);
}

/* mq_overview(7)'s name rules, on a kernel copy of the name. */
static int check_name(const char *name)
{
    if (name[0] != '/')
        return -EINVAL;
    if (name[1] == 0)
        return -ENOENT;               /* "/" alone names nothing */
    if (strchr(name + 1, '/'))
        return -EACCES;               /* Linux: a second slash */
    return 0;
}

/* Copies a name from user memory into `name` (MQ_NAME_MAX + 2 bytes) and checks it. */
static int copy_name(char *name, const char *user_name)
{
    int length = strncpy_from_user(name, user_name, MQ_NAME_MAX + 2);
    if (length < 0)
        return length;                /* -EFAULT, or -ENAMETOOLONG past "/" + MQ_NAME_MAX */
    return check_name(name);
}

/* The attributes a new queue gets: the defaults, or *user_attributes
 * checked against the limits. */
static int read_creation_attributes(const struct mq_attr *user_attributes, long *max_messages,
                                    long *message_size)
{
    *max_messages = MQ_MAXMSG_DEFAULT;
    *message_size = MQ_MSGSIZE_DEFAULT;
    if (!user_attributes)
        return 0;
    struct mq_attr attributes;
    if (copy_from_user(&attributes, user_attributes, sizeof attributes) < 0)
        return -EFAULT;
    if (attributes.mq_maxmsg <= 0 || attributes.mq_maxmsg > MQ_MAXMSG_LIMIT ||
        attributes.mq_msgsize <= 0 || attributes.mq_msgsize > MQ_MSGSIZE_LIMIT)
        return -EINVAL;
    *max_messages = attributes.mq_maxmsg;
    *message_size = attributes.mq_msgsize;
    return 0;
}

/* A new named queue with no descriptor yet, in *result; or -errno. */
static int queue_create(const char *name, uint32_t mode, const struct mq_attr *user_attributes,
                        struct posix_mq **result)
{
    long max_messages, message_size;
    int status = read_creation_attributes(user_attributes, &max_messages, &message_size);
    if (status < 0)
        return status;
    struct process *creator = current_task->process;
    uint32_t promise = promise_of(max_messages, message_size);
    if (ipc_names_full(&queue_names) || promise > MQ_BYTES_PROMISED_MAX - bytes_promised)
        return -ENOSPC;
    if (!user_promise_allows(creator, promise))
        return -EMFILE;
    struct posix_mq *queue = kzalloc(sizeof *queue);
    if (!queue)
        return -ENOMEM;
    bytes_promised += promise;
    queue->charged_uid = creator->uid;
    object_owner_init(&queue->owner, creator, mode, 1);
    queue->max_messages = max_messages;
    queue->message_size = message_size;
    wait_queue_init(&queue->senders);
    wait_queue_init(&queue->receivers);
    spinlock_init(&queue->lock, "mqueue", &posix_mq_lock_class);
    queue->senders.lock = queue->receivers.lock = &queue->lock;
    queue->owner_pid = current_task->process->pid;
    list_init(&queue->messages);
    ipc_names_add(&queue_names, &queue->names, name);
    *result = queue;
    return 0;
}

int sys_mq_open(const char *user_name, uint32_t flags, uint32_t mode, const struct mq_attr *user_attributes)
{
    char name[MQ_NAME_MAX + 2];
    int status = copy_name(name, user_name);
    if (status < 0)
        return status;
    if ((flags & O_ACCMODE) == O_ACCMODE)
        return -EINVAL;
    struct posix_mq *queue = find_named(name);
    int created = 0;
    if (queue) {
        if ((flags & O_CREAT) && (flags & O_EXCL))
            return -EEXIST;
        /* EACCES: the queue's mode forbids the access asked for (mq_open(3)) */
        if ((status = credentials_may_access(current_task->process, &queue->owner,
                                             credentials_open_access(flags))) < 0)
            return status;
    } else {
        if (!(flags & O_CREAT))
            return -ENOENT;
        if ((status = queue_create(name, mode, user_attributes, &queue)) < 0)
            return status;
        created = 1;
    }
    struct file *file = file_create(&mq_operations, queue, flags & (O_ACCMODE | O_NONBLOCK));
    if (!file) {
        if (created && ipc_names_unlink(&queue->names))
            queue_free(queue);        /* no descriptor, no queue: as if never called */
        return -ENOMEM;
    }
    queue->names.references++;
    int fd = descriptor_install(current_task->process, file);
    if (fd < 0) {
        if (created)
            ipc_names_unlink(&queue->names);   /* the file's release below frees it */
        file_put(file);
        return fd;
    }
    if (flags & O_CLOEXEC)
        descriptor_set_close_on_exec(current_task->process, fd, 1);
    return fd;
}

int sys_mq_unlink(const char *user_name)
{
    char name[MQ_NAME_MAX + 2];
    int status = copy_name(name, user_name);
    if (status < 0)
        return status;
    struct posix_mq *queue = find_named(name);
    if (!queue)
        return -ENOENT;
    /* the owner's or root's, as Linux's /dev/mqueue is a sticky directory
     * (01777): another user's mq_open could otherwise put its own queue
     * under the name */
    status = credentials_may_administer(current_task->process, &queue->owner);
    if (status < 0)
        return status;
    if (ipc_names_unlink(&queue->names))
        queue_free(queue);            /* open descriptors keep it */
    return 0;
}

/* mq_getattr and mq_setattr in one call, as Linux's mq_getsetattr: the old
 * attributes into *user_old (if given), then O_NONBLOCK from *user_new. */
int sys_mq_getsetattr(int fd, const struct mq_attr *user_new, struct mq_attr *user_old)
{
    struct mq_attr new_attributes;
    if (user_new) {
        if (copy_from_user(&new_attributes, user_new, sizeof new_attributes) < 0)
            return -EFAULT;
        if (new_attributes.mq_flags & ~O_NONBLOCK)
            return -EINVAL;           /* only O_NONBLOCK may change */
    }
    struct file *file;
    struct posix_mq *queue = posix_mq_queue_of(fd, ANY_ACCESS, &file);
    if (!queue)
        return -EBADF;
    if (user_old) {
        struct mq_attr old = {
            .mq_flags = (long)(file->flags & O_NONBLOCK),
            .mq_maxmsg = queue->max_messages,
            .mq_msgsize = queue->message_size,
            .mq_curmsgs = queue->count,
        };
        if (copy_to_user(user_old, &old, sizeof old) < 0)
            return -EFAULT;
    }
    if (user_new)
        file->flags = (file->flags & ~O_NONBLOCK) | ((uint32_t)new_attributes.mq_flags & O_NONBLOCK);
    return 0;
}
