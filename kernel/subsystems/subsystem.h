/* kernel/subsystems/subsystem.h - what a subsystem is: its files, its
 * rows of the system-call table and its start, in one file of this
 * folder, kernel/subsystems/NAME.c, and its handlers with their types
 * beside it in NAME_calls.h (the core's: kernel/syscall.h). A build
 * profile (Makefile, PROFILE) is a list of subsystems; a kernel built
 * without one answers its calls -ENOSYS, as for any number nobody has
 * (kernel/syscall.c).
 *
 *   profile  subsystems
 *   -------  ---------------------------------------------------------
 *   core     core
 *   ipc      core + users sysv_ipc posix_ipc sockets messages
 *            multiplexing timers file_locks event_files ptys
 *   full     ipc + sched_classes mlock disk procfs net smp lock_check
 *
 * The Makefile defines SUBSYSTEM_<NAME> (SUBSYSTEM_SYSV_IPC, ...) for
 * each subsystem of the profile. Where a subsystem that is always there
 * calls one that may be missing, the missing one's header gives an
 * inline stand-in that does what "none of these exist" means (no timers
 * to delete, no segments to count), so the caller reads the same in
 * every profile. The core reaches each other subsystem through one such
 * header only, NAME_for_core.h beside the subsystem's code
 * (kernel/net/net_for_core.h, ...): all it asks of it, and nothing
 * else. */
#ifndef KERNEL_SUBSYSTEMS_SUBSYSTEM_H
#define KERNEL_SUBSYSTEMS_SUBSYSTEM_H

#include "uapi/syscall.h"

/* One row of the system-call table: number and handler. */
struct syscall_row {
    unsigned number;
    void *handler;
};
#define SYSCALL_ROW(name) { SYS_##name, (void *)sys_##name }
#define ROW_COUNT(rows) (sizeof(rows) / sizeof((rows)[0]))

/* Puts `count` rows in the table (kernel/syscall.c). Context: boot. */
void syscall_install(const struct syscall_row *rows, unsigned count);

/* Each subsystem's start: its rows, then its own initialisation. */
void core_start(void);
void users_start(void);
void sysv_ipc_start(void);
void posix_ipc_start(void);
void sockets_start(void);
void messages_start(void);
void multiplexing_start(void);
void timers_start(void);
void file_locks_start(void);
void event_files_start(void);
void ptys_start(void);
void sched_classes_start(void);
void mlock_start(void);
void disk_start(void);
void procfs_start(void);
void net_start(void);
void smp_start(void);
void lock_check_start(void);

/* Starts every subsystem of the profile but the core, in the order of the
 * table above. Context: boot, after core_start and the in-memory file
 * tree (the disk mounts on it). */
void subsystems_start(void);

#endif
