/* kernel/ipc/mailbox.h - indirect communication through named mailboxes. */
#ifndef KERNEL_IPC_MAILBOX_H
#define KERNEL_IPC_MAILBOX_H

#define MAX_MAILBOXES 64         /* names in the kernel-wide table */
#define MAILBOX_CAPACITY_MAX 4096  /* the largest bounded capacity */

/* How many mailboxes exist (for leak tests). */
unsigned mailbox_count(void);

#endif
