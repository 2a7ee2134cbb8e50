/* kernel/ipc/event_files_for_core.h - what the core asks of the
 * descriptors that are events (the subsystem "event_files",
 * kernel/subsystems/event_files.c): that a signal has just become
 * pending, for the readers and watchers of signalfd descriptors
 * (kernel/ipc/signalfd.c). A kernel built without the subsystem gets the
 * stand-ins below (no signalfd can exist), so that the core reads the
 * same in every profile (kernel/subsystems/subsystem.h). */
#ifndef KERNEL_IPC_EVENT_FILES_FOR_CORE_H
#define KERNEL_IPC_EVENT_FILES_FOR_CORE_H

/* A signal has just been made pending for some process or thread: wakes
 * every reader and watcher of a signalfd, which look at their own pending
 * signals again. One test when no signalfd is open. Context: the big
 * kernel lock held (interrupts included); never sleeps. */
#ifdef SUBSYSTEM_EVENT_FILES
void signalfd_notify(void);
#else
static inline void signalfd_notify(void)   /* no signalfd */
{
}
#endif

/* Whether any signalfd is open: a sender that made a signal pending
 * without the big kernel lock must then take it and signalfd_notify.
 * Context: any; read after the signal was made pending (a full fence). */
#ifdef SUBSYSTEM_EVENT_FILES
int signalfd_exists(void);
#else
static inline int signalfd_exists(void)   /* no signalfd */
{
    return 0;
}
#endif

#endif
