/* kernel/ipc/msg_copy.c - how a message gets from one process to
 * another, for direct messages and mailboxes alike.
 *
 * A synchronous send is a rendezvous: whoever comes second copies the
 * message once, straight from the sender's buffer into the receiver's; no
 * kernel buffer in between.
 *
 *   sender's page                                  receiver's page
 *   +----------------------+    one rep movsd      +----------------------+
 *   | type len body...     | --------------------> | src dst type len body|
 *   +----------------------+  through the kernel's +----------------------+
 *          ^                  direct map            the header: written by
 *          view_if_present (both pages there now)   the kernel (type and len
 *                                                   as checked)
 *
 * When a page is not there yet (never touched, copy-on-write after fork)
 * the copy goes page by page through kernel/mm/cross_copy.c, which makes it
 * present as the owner's own access would. Before anyone waits, the sender's
 * whole message is checked readable (msg_read_header) and the
 * receiver's buffer writable (msg_prepare_receive_buffer), so the copy
 * cannot fail halfway. docs/message-passing.md, "A rendezvous". */
#include "msg.h"
#include "msg_internal.h"

#include "mm/address_space.h"
#include "mm/cross_copy.h"
#include "mm/memory_layout.h"
#include "mm/uaccess.h"
#include "proc/process.h"
#include "proc/thread.h"
#include "sched/task.h"
#include "uapi/errno.h"

static int same_page(const void *a, const void *b)
{
    return ((uint32_t)a >> PAGE_SHIFT) == ((uint32_t)b >> PAGE_SHIFT);
}

int msg_read_header(const struct message *user_message, struct message *header)
{
    if (copy_from_user(header, user_message, MSG_HEADER_SIZE) < 0)
        return -EFAULT;
    if (header->len > MSG_BODY_MAX)
        return -EINVAL;
    /* the whole body must be readable before anyone waits on it: touch its
     * last byte too, unless that lies on the page just read from */
    const char *last = user_message->body + header->len - 1;
    char byte;
    if (header->len && !same_page(user_message, last) && copy_from_user(&byte, last, 1) < 0)
        return -EFAULT;
    return 0;
}

int msg_prepare_receive_buffer(struct message *user_message)
{
    if (range_is_writable(current_task->page_directory, (uint32_t)user_message, sizeof *user_message))
        return 0;                           /* the usual case: present and writable already */
    /* each byte is written back as it was: msg_call's buffer still holds
     * the message it is about to send */
    char *last = (char *)user_message + sizeof(struct message) - 1;
    char first_byte, last_byte;
    if (copy_from_user(&first_byte, user_message, 1) < 0 || copy_to_user(user_message, &first_byte, 1) < 0)
        return -EFAULT;
    if (!same_page(user_message, last) &&
        (copy_from_user(&last_byte, last, 1) < 0 || copy_to_user(last, &last_byte, 1) < 0))
        return -EFAULT;
    return 0;
}

/* The header the receiver gets: src and dst are the kernel's word. */
static struct message header_for(int src, int dst, const struct message *sent)
{
    struct message header;
    msg_set_header(&header, src, dst, sent->type, sent->len);
    return header;
}

int msg_deliver_to_waiting_receiver(struct thread *receiver, const struct message *user_message,
                                       const struct message *sent)
{
    struct msg_port *port = &receiver->msg_port;
    int self = current_thread()->tid;
    uint32_t size = MSG_HEADER_SIZE + sent->len;
    /* the usual case: both messages lie in pages that are there now */
    const struct message *source = view_if_present(current_task->page_directory, (uint32_t)user_message, size, 0);
    struct message *slot = msg_receive_slot(receiver, size);
    if (source && slot) {
        msg_deliver_through_views(slot, source, sent->type, sent->len, self, receiver->tid);
        return 0;
    }
    struct message header = header_for(self, receiver->tid, sent);
    return copy_message_into_space(receiver->task.process->address_space, port->receive_buffer, &header,
                                   user_message->body, sent->len);
}

int msg_take_from_waiting_sender(struct thread *sender, struct message *user_message,
                                     struct message *own_view)
{
    struct msg_port *their = &sender->msg_port;
    int self = current_thread()->tid;
    struct message sent;                    /* as checked when it was sent: never re-read */
    sent.type = their->send_type;
    sent.len = their->send_length;
    uint32_t size = MSG_HEADER_SIZE + sent.len;
    /* the usual case: both messages lie in pages that are there now */
    const struct message *source = view_if_present(sender->task.page_directory, their->send_buffer, size, 0);
    struct message *slot = own_view ? own_view :
                           view_if_present(current_task->page_directory, (uint32_t)user_message, size, 1);
    if (source && slot) {
        msg_deliver_through_views(slot, source, sent.type, sent.len, sender->tid, self);
        return 0;
    }
    struct message header = header_for(sender->tid, self, &sent);
    if (copy_to_user(user_message, &header, MSG_HEADER_SIZE) < 0 ||
        copy_out_of_space(user_message->body, sender->task.process->address_space, their->send_buffer + MSG_HEADER_SIZE,
                          sent.len) < 0)
        return -EFAULT;
    return 0;
}
