/* kernel/ipc/ipc_list.h - every IPC object, for ipcs (kinfo KINFO_IPC_OBJECTS).
 * Each mechanism lists its live objects through one function of this kind,
 * declared in what the core asks of its subsystem (ipc/messages_for_core.h
 * and the like); kernel/kinfo.c calls them all. */
#ifndef KERNEL_IPC_IPC_LIST_H
#define KERNEL_IPC_IPC_LIST_H

#include "uapi/kinfo.h"

typedef void (*ipc_list_emit)(const struct kinfo_ipc_object *object, void *context);

void pipe_list_objects(ipc_list_emit emit, void *context);

/* Names for ps: what a blocked task waits on. */
void pipe_describe(const void *pipe, char *buffer, unsigned size);
void mbox_describe(const void *mailbox, char *buffer, unsigned size);

#endif
