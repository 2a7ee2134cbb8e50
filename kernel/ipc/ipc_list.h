/* kernel/ipc/ipc_list.h - every IPC object, for ipcs (kinfo KINFO_IPC_OBJECTS).
 * Each mechanism lists its live objects through one function of this kind;
 * kernel/kinfo.c calls them all. */
#ifndef KERNEL_IPC_IPC_LIST_H
#define KERNEL_IPC_IPC_LIST_H

#include "uapi/kinfo.h"

typedef void (*ipc_list_emit)(const struct kinfo_ipc_object *object, void *context);

void pipe_list_objects(ipc_list_emit emit, void *context);
#ifdef SUBSYSTEM_MESSAGES
void mbox_list_objects(ipc_list_emit emit, void *context);
#else
static inline void mbox_list_objects(ipc_list_emit emit, void *context)   /* no mailboxes */
{
    (void)emit;
    (void)context;
}
#endif
#ifdef SUBSYSTEM_MESSAGES
void msg_list_inboxes(ipc_list_emit emit, void *context);
#else
static inline void msg_list_inboxes(ipc_list_emit emit, void *context)   /* no ports */
{
    (void)emit;
    (void)context;
}
#endif
#ifdef SUBSYSTEM_MULTIPLEXING
void epoll_list_objects(ipc_list_emit emit, void *context);   /* kernel/fs/epoll.c */
#else
static inline void epoll_list_objects(ipc_list_emit emit, void *context)   /* no epoll instances */
{
    (void)emit;
    (void)context;
}
#endif

/* Names for ps: what a blocked task waits on. */
void pipe_describe(const void *pipe, char *buffer, unsigned size);
void mbox_describe(const void *mailbox, char *buffer, unsigned size);

#endif
