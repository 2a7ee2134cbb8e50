/* kernel/proc/credentials.h - who a process is, and what that lets it do.
 *
 * A process runs as a real user and group (who started it), an effective
 * user and group (whose rights it uses now) and a saved pair (what a
 * set-user-id program may switch back to): struct process's uid, euid,
 * suid, gid, egid, sgid. 0 is root.
 *
 * Every permission rule of the kernel is decided in one place,
 * credentials.c, next to the rule it implements; the file system, the IPC objects and kill
 * only ask:
 *   - credentials_may_access: the rwx bits of an owned object (a file, a
 *     FIFO, a System V object, a POSIX queue), as Linux's
 *     generic_permission and ipcperms decide them;
 *   - credentials_may_administer: who may change or remove an object
 *     (IPC_SET, IPC_RMID, chmod);
 *   - credentials_may_signal: who may send a signal to whom (kill(2)).
 * Root (effective uid 0) passes every check, as a Linux process holding
 * CAP_DAC_OVERRIDE, CAP_FOWNER, CAP_IPC_OWNER and CAP_KILL does.
 *
 * The subsystem users (kernel/subsystems/users.c, PROFILE=ipc and full)
 * has these rules and the calls that change ids and modes; the core asks
 * the rules through users_for_core.h, which also holds the ids' constants
 * and struct object_owner. */
#ifndef KERNEL_PROC_CREDENTIALS_H
#define KERNEL_PROC_CREDENTIALS_H

#include "users_for_core.h"

#define ID_UNCHANGED 0xFFFFFFFFu      /* (uid_t)-1: "leave this id as it is" */

/* Fills `owner` for an object `creator` makes now with permission bits
 * `mode`: owned by its effective ids, with the creator's umask cleared
 * from `mode` when `apply_umask` (files, FIFOs, POSIX IPC; System V
 * objects take their mode as given, as on Linux). */
void object_owner_init(struct object_owner *owner, const struct process *creator,
                       unsigned mode, int apply_umask);

/* Is `process` in group `gid`: its effective group or one of its
 * supplementary groups? */
int credentials_in_group(const struct process *process, unsigned gid);

#endif
