/* kernel/ipc/mbox.c - mailboxes: messages go to a named box, not to a
 * process, and any number of processes may send and receive.
 *
 *   senders --mbox_send--> [ mailbox "printer": capacity 0 | N | unbounded ]
 *                               queue of held messages (count)
 *                               wait queue `senders`   (no room / no receiver yet)
 *                               wait queue `receivers` (nothing to take)
 *                           --mbox_recv--> receivers
 *
 * The rules, and where they live:
 *  - Each message reaches exactly one receiver: a message is either handed
 *    straight to the first waiting receiver, or held, or stays with its
 *    waiting sender; it is taken from exactly one of those places.   -> send/receive
 *  - Waiting receivers are served in the order they came, and so are
 *    waiting senders (FIFO wait queues).
 *  - Capacity 0 is a rendezvous: the sender waits until a receiver takes
 *    the message from its own buffer (one copy). N bounds the held
 *    messages: a sender waits while N are held. MBOX_UNBOUNDED never makes
 *    a sender wait; the kernel-wide message budget answers ENOMEM.   -> mbox_send
 *  - A signal ends any wait with EINTR. mbox_unlink removes the name; the
 *    box lives while descriptors remain, and the last close frees it with
 *    every message still held.                                       -> mbox_release
 */
#include "mbox.h"
#include "ipc_big_lock_use.h"
#include "ipc_names.h"

#include "arch/x86/cpu.h"
#include "fs/file.h"
#include "fs/file_hold.h"
#include "fs/poll_table.h"
#include "ipc_list.h"
#include "kernel/trace.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "msg.h"
#include "msg_internal.h"
#include "signal.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "proc/process.h"
#include "proc/thread.h"
#include "sched/scheduler.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/ipc.h"
#include "uapi/poll.h"
#include "subsystems/messages_calls.h"

static const struct lock_class mbox_lock_class = { "mailbox", 0 };

/* A call with the big lock uses `box` (NULL: nothing), until the matching
 * end: the calls without it keep off meanwhile (mbox.h, ipc_big_lock_use.h). */
static void mbox_begin_big_lock_use(struct mbox *box)
{
    if (box)
        big_lock_use_begin(&box->lock, &box->big_lock_users);
}

static void mbox_end_big_lock_use(struct mbox *box)
{
    if (box)
        big_lock_use_end(&box->lock, &box->big_lock_users);
}

static struct ipc_names mbox_names = IPC_NAMES_INITIALIZER(mbox_names, MAX_MAILBOXES);

unsigned mbox_count(void)
{
    return mbox_names.count;
}

static struct mbox *mbox_of_names(struct named_ipc_object *names)
{
    return list_entry(names, struct mbox, names);
}

void mbox_describe(const void *object, char *buffer, unsigned size)
{
    ksnprintf(buffer, size, "mailbox %s", ((const struct mbox *)object)->names.name);
}

void mbox_list_objects(ipc_list_emit emit, void *context)
{
    list_for_each(node, &mbox_names.objects) {
        struct mbox *box = mbox_of_names(list_entry(node, struct named_ipc_object, link));
        struct kinfo_ipc_object object = {
            .kind = "mailbox", .owner_pid = box->creator_pid, .count = box->count, .capacity = box->capacity,
            .senders_waiting = box->senders.length, .receivers_waiting = box->receivers.length,
        };
        ksnprintf(object.name, sizeof object.name, "%s%s", box->names.name, box->names.named ? "" : " (unlinked)");
        emit(&object, context);
    }
}

/* Frees a mailbox neither named nor open any more, with what it holds. */
static void mbox_free(struct mbox *box)
{
    ipc_names_remove(&mbox_names, &box->names);
    struct list_node *node;
    while ((node = list_pop_front(&box->held)))
        msg_queued_free(list_entry(node, struct queued_message, link));
    kfree(box);
}

static void mbox_release(struct file *file)
{
    struct mbox *box = file->object;
    if (ipc_names_release(&box->names))
        mbox_free(box);
}

/* poll(2) of a mailbox descriptor: readable when mbox_recv would not wait
 * (a message held, or a rendezvous sender offering one), writable when
 * mbox_send would not wait (room, or a receiver waiting for a message).
 * Watched: both queues; what changes the answer without waking either
 * wakes their watchers (wait_queue_wake_watchers). */
static unsigned mbox_poll(struct file *file, struct poll_table *table)
{
    struct mbox *box = file->object;
    mbox_begin_big_lock_use(box);           /* (its watches go in while no call without it runs) */
    poll_table_watch(table, &box->receivers);
    poll_table_watch(table, &box->senders);
    unsigned events = 0;
    if (box->count || (box->capacity == 0 && box->senders.first))
        events |= POLLIN | POLLRDNORM;
    if ((box->receivers.first && box->count == 0) || (box->capacity != 0 && box->count < box->capacity))
        events |= POLLOUT | POLLWRNORM;
    mbox_end_big_lock_use(box);
    return events;
}

static struct inode *mbox_fd_name(struct file *file, char *buffer, unsigned size)
{
    ksnprintf(buffer, size, "mailbox:[%s]", ((const struct mbox *)file->object)->names.name);
    return 0;
}

static const struct file_operations mbox_operations = {
    .poll = mbox_poll,
    .fd_name = mbox_fd_name,
    .release = mbox_release,
};

struct mbox *mbox_of(const struct file *file)
{
    return file->operations == &mbox_operations ? file->object : 0;
}

static int copy_name(char *name, const char *user_name)
{
    int length = strncpy_from_user(name, user_name, MBOX_NAME_MAX + 1);
    if (length == -ENAMETOOLONG || length < 0)
        return length;
    return length == 0 ? -EINVAL : 0;
}

int sys_mbox_open(const char *user_name, int flags, uint32_t capacity)
{
    char name[MBOX_NAME_MAX + 1];
    int status = copy_name(name, user_name);
    if (status < 0)
        return status;
    /* O_RDONLY, O_WRONLY, O_RDWR are accepted and mean nothing: a mailbox
     * descriptor both sends and receives (textbook code passes O_RDWR) */
    if (flags & ~(O_CREAT | O_EXCL | O_ACCMODE))
        return -EINVAL;
    struct named_ipc_object *found = ipc_names_find(&mbox_names, name);
    struct mbox *box;
    if (found) {
        if ((flags & O_CREAT) && (flags & O_EXCL))
            return -EEXIST;
        box = mbox_of_names(found);
    } else {
        if (!(flags & O_CREAT))
            return -ENOENT;
        if (capacity > MAILBOX_CAPACITY_MAX && capacity != MBOX_UNBOUNDED)
            return -EINVAL;
        if (ipc_names_full(&mbox_names))
            return -ENFILE;
        if (!(box = kzalloc(sizeof *box)))
            return -ENOMEM;
        box->capacity = capacity;
        box->creator_pid = current_task->process->pid;
        list_init(&box->held);
        wait_queue_init(&box->senders);
        wait_queue_init(&box->receivers);
        spinlock_init(&box->lock, "mailbox", &mbox_lock_class);
        box->senders.lock = box->receivers.lock = &box->lock;
        ipc_names_add(&mbox_names, &box->names, name);
        trace_current_event("create", "obj=mailbox:%s capacity=%u", box->names.name,
                    box->capacity);
    }
    struct file *file = file_create(&mbox_operations, box, O_RDWR);
    if (!file)
        return -ENOMEM;
    box->names.references++;
    int fd = descriptor_install(current_task->process, file);
    if (fd < 0)
        file_put(file);
    return fd;
}

int sys_mbox_unlink(const char *user_name)
{
    char name[MBOX_NAME_MAX + 1];
    int status = copy_name(name, user_name);
    if (status < 0)
        return status;
    struct named_ipc_object *found = ipc_names_find(&mbox_names, name);
    if (!found)
        return -ENOENT;
    if (ipc_names_unlink(found))
        mbox_free(mbox_of_names(found));   /* open (its waiters too): it stays */
    return 0;
}

// LAB(mailboxes) BEGIN: hand a message straight to the first waiting receiver
/* Hands the running process's message to the first waiting receiver. */
static int give_to_waiting_receiver(struct mbox *box, const struct message *user_message,
                                    const struct message *sent)
{
    struct task *receiver_task = box->receivers.first;
    struct thread *receiver = thread_of(receiver_task);
    struct msg_port *their = &receiver->msg_port;
    int self = current_thread()->tid;
    int status = msg_deliver_to_waiting_receiver(receiver, user_message, sent);
    if (status < 0)
        return status;
    their->result = self;
    trace_current_event("send", "obj=mailbox:%s type=%d len=%u via=direct", box->names.name, sent->type, sent->len);
    trace_thread_event(receiver, "recv", "obj=mailbox:%s from=%d type=%d len=%u via=direct", box->names.name,
                self, sent->type, sent->len);
    wait_queue_wake_task(receiver_task);
    return 0;
}
// LAB(mailboxes) STUB
// LAB(mailboxes) END

static int hold(struct mbox *box, const struct message *user_message, const struct message *sent)
{
    struct queued_message *held = msg_queued_alloc();
    if (!held)
        return -ENOMEM;                 /* the kernel's message budget is spent */
    msg_set_header(&held->message, current_thread()->tid, 0, sent->type, sent->len);
    if (copy_from_user(held->message.body, user_message->body, sent->len) < 0) {
        msg_queued_free(held);
        return -EFAULT;
    }
    list_push_back(&box->held, &held->link);
    box->count++;
    wait_queue_wake_watchers(&box->receivers);   /* readable now, for poll */
    trace_current_event("send", "obj=mailbox:%s type=%d len=%u via=held", box->names.name,
                sent->type, sent->len);
    return 0;
}

/* mbox_send's work, the file held: `box` is NULL when the descriptor is
 * something else than a mailbox (EINVAL). */
static int send_to_box(struct mbox *box, const struct message *user_message, int flags)
{
    int status;
    if (!box || (flags & ~MSG_NONBLOCK))
        return -EINVAL;
    struct message sent;
    struct msg_port *own = &current_thread()->msg_port;
    if (__builtin_expect(own->send_after_wait, 0)) {   /* mbox_send_after_wait: read before */
        own->send_after_wait = 0;
        sent.src = sent.dst = 0;
        sent.type = own->send_type;
        sent.len = own->send_length;
    } else if ((status = msg_read_header(user_message, &sent)) < 0) {
        return status;
    }
    // LAB(mailboxes) BEGIN: hand over, hold, or wait for a receiver (capacity 0) or for room (N)
    for (;;) {
        if (box->receivers.first && box->count == 0) {
            status = give_to_waiting_receiver(box, user_message, &sent);
            break;
        }
        if (box->capacity != 0 && box->count < box->capacity) {   /* room (always, unbounded) */
            status = hold(box, user_message, &sent);
            break;
        }
        if (flags & MSG_NONBLOCK) {
            status = -EAGAIN;
            break;
        }
        /* rendezvous: wait for a receiver to take it from our buffer;
         * bounded: wait for room, then try again */
        own->send_buffer = (uint32_t)user_message;
        own->send_type = sent.type;
        own->send_length = sent.len;
        own->result = MBOX_SEND_NOT_TAKEN;
        if (box->capacity == 0)         /* offered from our buffer; full: sent once there is room */
            trace_current_event("send", "obj=mailbox:%s type=%d len=%u via=wait", box->names.name, sent.type,
                                sent.len);
        wait_queue_wake_watchers(&box->receivers);   /* a rendezvous offer is readable, for poll */
        wait_queue_say_object(box, mbox_describe);
        if (wait_queue_sleep(&box->senders, box->capacity ? "mbox_send: full" : "mbox_send: rendezvous",
                             0, WAIT_INTERRUPTIBLE) == WAKE_INTERRUPTED) {
            status = -ERESTARTNOHAND;
            break;
        }
        if (own->result != MBOX_SEND_NOT_TAKEN) {   /* a receiver took it (0) or failed it */
            status = own->result;
            break;
        }
    }
    /* room we were woken for but did not use (we handed the message straight
     * to a receiver) belongs to the next waiting sender */
    if (box->capacity != 0 && box->count < box->capacity && box->senders.first)
        wait_queue_wake_one(&box->senders);
    // LAB(mailboxes) STUB
    // if (box->capacity != 0 && box->count < box->capacity)   /* room (always, unbounded) */
    //     status = hold(box, user_message, &sent);
    // else
    //     status = -EAGAIN;               /* to do: wait instead, unless MSG_NONBLOCK */
    // LAB(mailboxes) END
    return status;
}

/* mbox_send's and mbox_recv's work with the big lock, the file held, the
 * use counted. `box` NULL is EINVAL. Context: a system call with the big
 * lock; sleeps. */
static int mbox_send_with_big_lock(struct mbox *box, const struct message *user_message, int flags)
{
    mbox_begin_big_lock_use(box);
    int status = send_to_box(box, user_message, flags);
    mbox_end_big_lock_use(box);
    return status;
}

static inline __attribute__((always_inline)) int send_to_file(struct file *file, const struct message *user_message,
                                                              int flags)
{
    if (!file)
        return -EBADF;
    struct held_file held;
    file_hold(&held, file);                    /* it may sleep: fs/file_hold.h */
    return descriptor_unhold(&held, mbox_send_with_big_lock(mbox_of(file), user_message, flags));
}

/* (flatten: its helpers are inlined here, as when it was their only
 * caller; the mailbox round trip of docs/performance.md.) */
__attribute__((flatten)) int sys_mbox_send(int fd, const struct message *user_message, int flags)
{
    return send_to_file(descriptor_lookup(fd), user_message, flags);
}

int mbox_send_file(struct file *file, const struct message *user_message, int flags)
{
    return send_to_file(file, user_message, flags);
}

// LAB(mailboxes) BEGIN: take a message from the buffer of a waiting rendezvous sender
/* Takes a message from the first rendezvous sender's own buffer. */
static int take_from_waiting_sender(struct mbox *box, struct message *user_message, struct message *view)
{
    struct task *sender_task = box->senders.first;
    struct thread *sender = thread_of(sender_task);
    struct msg_port *their = &sender->msg_port;
    if (msg_take_from_waiting_sender(sender, user_message, view) < 0)
        return -EFAULT;
    trace_current_event("recv", "obj=mailbox:%s from=%d type=%d len=%u via=sender",
                        box->names.name, sender->tid, their->send_type, their->send_length);
    their->result = 0;
    wait_queue_wake_task(sender_task);
    return 0;
}
// LAB(mailboxes) STUB
// LAB(mailboxes) END

/* mbox_recv's work, the file held: `box` NULL is EINVAL, as above. */
static int receive_from_box(struct mbox *box, struct message *user_message, int flags)
{
    int status;
    if (!box || (flags & ~MSG_NONBLOCK))
        return -EINVAL;
    struct message *view;                   /* our buffer, seen through the kernel's map */
    struct msg_port *own = &current_thread()->msg_port;
    if (__builtin_expect(own->receive_after_wait, 0)) {   /* mbox_recv_after_wait: checked before */
        own->receive_after_wait = 0;
        view = view_if_present(current_task->page_directory, (uint32_t)user_message, sizeof *user_message, 1);
    } else if (msg_ready_receive_buffer(user_message, &view) < 0) {
        return -EFAULT;
    }
    if (!list_empty(&box->held)) {
        struct queued_message *held = list_entry(list_first(&box->held), struct queued_message, link);
        held->message.dst = current_thread()->tid;
        if (copy_to_user(user_message, &held->message, MSG_HEADER_SIZE + held->message.len) < 0) {
            status = -EFAULT;
        } else {
            list_remove(&held->link);
            box->count--;
            trace_current_event("recv", "obj=mailbox:%s from=%d type=%d len=%u via=held",
                                box->names.name, held->message.src, held->message.type, held->message.len);
            msg_queued_free(held);
            // LAB(mailboxes) BEGIN: a message taken makes room: tell a sender waiting for it
            wait_queue_wake_one(&box->senders);   /* room for one more */
            // LAB(mailboxes) STUB
            // LAB(mailboxes) END
            status = 0;
        }
    // LAB(mailboxes) BEGIN: nothing held: take from a rendezvous sender, or wait for a sender
    } else if (box->capacity == 0 && box->senders.first) {
        status = take_from_waiting_sender(box, user_message, view);
    } else if (flags & MSG_NONBLOCK) {
        status = -EAGAIN;
    } else {
        struct msg_port *own = &current_thread()->msg_port;
        own->receive_buffer = (uint32_t)user_message;
        own->receive_view = msg_view_to_keep(view);
        own->result = 0;
        wait_queue_wake_watchers(&box->senders);     /* a waiting receiver makes a send not wait, for poll */
        wait_queue_say_object(box, mbox_describe);
        int woken = wait_queue_sleep(&box->receivers, "mbox_recv", 0, WAIT_INTERRUPTIBLE);
        if (woken == WAKE_INTERRUPTED && own->result == 0)
            status = -ERESTARTNOHAND;           /* nothing came */
        else if (own->result < 0)
            status = own->result;
        else
            status = 0;
    // LAB(mailboxes) STUB
    // } else {
    //     (void)view;                     /* for a rendezvous sender's message, and your wait */
    //     status = -EAGAIN;               /* to do: wait for a sender, unless MSG_NONBLOCK */
    // LAB(mailboxes) END
    }
    return status;
}

static int mbox_recv_with_big_lock(struct mbox *box, struct message *user_message, int flags)
{
    mbox_begin_big_lock_use(box);
    int status = receive_from_box(box, user_message, flags);
    mbox_end_big_lock_use(box);
    return status;
}

static inline __attribute__((always_inline)) int receive_from_file(struct file *file, struct message *user_message,
                                                                   int flags)
{
    if (!file)
        return -EBADF;
    struct held_file held;
    file_hold(&held, file);                    /* it may sleep: fs/file_hold.h */
    return descriptor_unhold(&held, mbox_recv_with_big_lock(mbox_of(file), user_message, flags));
}

__attribute__((flatten)) int sys_mbox_recv(int fd, struct message *user_message, int flags)
{
    return receive_from_file(descriptor_lookup(fd), user_message, flags);
}

int mbox_recv_file(struct file *file, struct message *user_message, int flags)
{
    return receive_from_file(file, user_message, flags);
}

int mbox_send_after_wait(struct file *file, const struct message *user_message)
{
    current_thread()->msg_port.send_after_wait = 1;   /* read and cleared by send_to_box */
    int status = send_to_file(file, user_message, 0);
    current_thread()->msg_port.send_after_wait = 0;   /* (if send_to_box refused before reading it) */
    return status;
}

int mbox_recv_after_wait(struct file *file, struct message *user_message)
{
    current_thread()->msg_port.receive_after_wait = 1;   /* read and cleared by receive_from_box */
    int status = receive_from_file(file, user_message, 0);
    current_thread()->msg_port.receive_after_wait = 0;   /* (if receive_from_box refused first) */
    return status;
}

int sys_mbox_stat(int fd, struct mbox_stat *user_stat)
{
    struct file *file = descriptor_lookup(fd);   /* it does not sleep: no hold */
    if (!file)
        return -EBADF;
    struct mbox *box = mbox_of(file);
    if (!box)
        return -EINVAL;
    struct mbox_stat st = { box->capacity, box->count, box->senders.length, box->receivers.length };
    return copy_to_user(user_stat, &st, sizeof st);
}
