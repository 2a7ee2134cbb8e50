/* kernel/subsystems/file_locks.c - file locks (docs/record-locks.md):
 * POSIX record locks, fcntl's F_GETLK, F_SETLK and F_SETLKW, a process's
 * locks on ranges of a file's bytes, let go when it closes any descriptor
 * of the file, and their F_OFD_ forms, the open file's, let go with it;
 * and BSD's flock(2), a lock of an open file on the whole file, let go
 * when its last descriptor closes. The record locks come through fcntl,
 * the core's: a kernel without the subsystem answers those commands
 * ENOSYS (fs/file_locks_for_core.h), and flock too, as a call nobody
 * has.
 *
 * In the profiles: ipc, full (Makefile, PROFILE).
 *
 * Its files (the Makefile reads this list; subsystem.h says what a
 * subsystem is):
 *   kernel/fs/locked_file.c
 *   kernel/fs/record_lock.c
 *   kernel/fs/flock.c
 */
#include "subsystem.h"

#include "file_locks_calls.h"

static const struct syscall_row calls[] = {
    SYSCALL_ROW(flock),
};

/* Puts flock in the table; the locks' lists begin empty. Context: boot
 * (kernel/main.c, through subsystems_start). */
void file_locks_start(void)
{
    syscall_install(calls, ROW_COUNT(calls));
}
