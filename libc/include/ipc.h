/* libc/include/ipc.h - the kernel's own message passing (message(7), mailbox(7)):
 * direct messages between processes, and named mailboxes. */
#ifndef LIBC_INCLUDE_IPC_H
#define LIBC_INCLUDE_IPC_H

#include <fcntl.h>
#include <stdint.h>
#include <sys/types.h>
#include <uapi/ipc.h>

int msg_send(pid_t to, const struct message *m, int flags);
int msg_recv(pid_t from, struct message *m, int flags);
int msg_call(pid_t to, struct message *m);
int msg_reply(pid_t to, const struct message *m);
/* This kernel's own (msg_reply_recv(2)): msg_reply(to, m), then msg_recv(from, m, flags), in
 * one call (a server's loop); the client runs at once. EINTR and EAGAIN
 * (MSG_NONBLOCK) come from the receive: the reply went. Any other error
 * means the reply did not go and nothing was received. */
int msg_reply_recv(pid_t to, struct message *m, pid_t from, int flags);

int mbox_open(const char *name, int flags, unsigned capacity);
int mbox_send(int fd, const struct message *m, int flags);
int mbox_recv(int fd, struct message *m, int flags);
int mbox_unlink(const char *name);
int mbox_stat(int fd, struct mbox_stat *st);

#endif
