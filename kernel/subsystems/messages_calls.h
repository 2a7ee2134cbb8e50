/* kernel/subsystems/messages_calls.h - the system-call handlers of direct message passing and mailboxes
 * (kernel/subsystems/messages.c puts them in the table), with their real types.
 * Context: as every handler's (kernel/syscall.h). */
#ifndef KERNEL_SUBSYSTEMS_MESSAGES_CALLS_H
#define KERNEL_SUBSYSTEMS_MESSAGES_CALLS_H

#include <stdint.h>

struct mbox_stat;
struct message;

int sys_msg_send(int to, const struct message *message, int flags);   /* sleeps */
int sys_msg_recv(int from, struct message *message, int flags);   /* sleeps */
int sys_msg_call(int to, struct message *message);   /* sleeps */
int sys_msg_reply(int to, const struct message *message);
int sys_msg_reply_recv(int to, struct message *message, int from, int flags);   /* sleeps */
int sys_mbox_open(const char *name, int flags, uint32_t capacity);
int sys_mbox_send(int fd, const struct message *message, int flags);   /* sleeps */
int sys_mbox_recv(int fd, struct message *message, int flags);   /* sleeps */
int sys_mbox_unlink(const char *name);
int sys_mbox_stat(int fd, struct mbox_stat *st);

#endif
