/* kernel/subsystems/subsystems.c - starting the subsystems a profile has
 * (subsystem.h). */
#include "subsystem.h"

void subsystems_start(void)
{
#ifdef SUBSYSTEM_USERS
    users_start();
#endif
#ifdef SUBSYSTEM_SYSV_IPC
    sysv_ipc_start();
#endif
#ifdef SUBSYSTEM_POSIX_IPC
    posix_ipc_start();
#endif
#ifdef SUBSYSTEM_SOCKETS
    sockets_start();
#endif
#ifdef SUBSYSTEM_MESSAGES
    messages_start();
#endif
#ifdef SUBSYSTEM_MULTIPLEXING
    multiplexing_start();
#endif
#ifdef SUBSYSTEM_TIMERS
    timers_start();
#endif
#ifdef SUBSYSTEM_FILE_LOCKS
    file_locks_start();
#endif
#ifdef SUBSYSTEM_EVENT_FILES
    event_files_start();
#endif
#ifdef SUBSYSTEM_PTYS
    ptys_start();
#endif
#ifdef SUBSYSTEM_SCHED_CLASSES
    sched_classes_start();
#endif
#ifdef SUBSYSTEM_MLOCK
    mlock_start();
#endif
#ifdef SUBSYSTEM_DISK
    disk_start();
#endif
#ifdef SUBSYSTEM_PROCFS
    procfs_start();
#endif
#ifdef SUBSYSTEM_NET
    net_start();
#endif
#ifdef SUBSYSTEM_SMP
    smp_start();
#endif
#ifdef SUBSYSTEM_LOCK_CHECK
    lock_check_start();
#endif
}
