/* kernel/ipc/mbox.h - indirect communication through named mailboxes. */
#ifndef KERNEL_IPC_MBOX_H
#define KERNEL_IPC_MBOX_H

#define MAX_MAILBOXES 64         /* names in the kernel-wide table */
#define MAILBOX_CAPACITY_MAX 4096  /* the largest bounded capacity */

/* How many mailboxes exist (for leak tests). */
#ifdef SUBSYSTEM_MESSAGES
unsigned mbox_count(void);
#else
static inline unsigned mbox_count(void)   /* no mailboxes */
{
    return 0;
}
#endif

#endif
