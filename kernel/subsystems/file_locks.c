/* kernel/subsystems/file_locks.c - POSIX record locks: fcntl's F_GETLK,
 * F_SETLK and F_SETLKW, a process's locks on ranges of a file's bytes,
 * let go when it closes any descriptor of the file (docs/record-locks.md).
 * Its calls go through fcntl, the core's: a kernel without it answers
 * those three commands ENOSYS (fs/file_locks_for_core.h).
 *
 * In the profiles: ipc, full (Makefile, PROFILE).
 *
 * Its files (the Makefile reads this list; subsystem.h says what a
 * subsystem is):
 *   kernel/fs/record_lock.c
 */
#include "subsystem.h"

/* Nothing to start: the locks live in lists that begin empty, and fcntl
 * reaches them. Context: boot (kernel/main.c, through subsystems_start). */
void file_locks_start(void)
{
}
