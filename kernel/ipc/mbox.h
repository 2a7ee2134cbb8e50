/* kernel/ipc/mbox.h - indirect communication through named mailboxes. */
#ifndef KERNEL_IPC_MBOX_H
#define KERNEL_IPC_MBOX_H

#include "messages_for_core.h"   /* mbox_count, mbox_list_objects */

#define MAX_MAILBOXES 64         /* names in the kernel-wide table */
#define MAILBOX_CAPACITY_MAX 4096  /* the largest bounded capacity */

#endif
