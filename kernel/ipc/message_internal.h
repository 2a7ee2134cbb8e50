/* kernel/ipc/message_internal.h - what message.c (send and receive) and
 * message_call.c (the client-server calls) share; nothing else uses it. */
#ifndef KERNEL_IPC_MESSAGE_INTERNAL_H
#define KERNEL_IPC_MESSAGE_INTERNAL_H

#include "uapi/ipc.h"

struct process;

/* Makes sure a receive buffer is present and writable before waiting, so
 * that a sender's copy into it cannot fail halfway. 0 or -EFAULT. */
int message_prepare_receive_buffer(struct message *user_message);

/* Synchronous send (also msg_call's first half). Returns 0 once `target`
 * has the message, or for a call (`is_call`) that found the receiver
 * waiting, HAND_OVER_TO_RECEIVER: it has the message and waits to be run;
 * or -errno. */
#define HAND_OVER_TO_RECEIVER 1
int message_send_sync(struct process *target, const struct message *user_message, const struct message *sent,
                      int flags, int is_call);

#endif
