/* libc/unistd/kinfo_table.c - kinfo_table: one of the kernel's tables
 * (kinfo(2): processes, IPC objects, mounts, interfaces, sockets) read
 * whole into an array the caller frees. ps, ipcs, ifconfig, mount, df,
 * diskinfo and netstat read their tables through it. */
#include <errno.h>
#include <kernel.h>
#include <stdlib.h>

#define KINFO_TABLE_FIRST_GUESS 16   /* entries room is made for at first */

/* Reads the table `what` (a KINFO_ constant of uapi/kinfo.h) of entries
 * of `entry_size` bytes into a malloc'd array and sets *count to how many
 * entries came. kinfo(2) fills as much as fits, so the array is made twice
 * as large until the kernel leaves some of it unused: then no entry was
 * cut off. Returns the array (free it), or NULL with errno: kinfo's, or
 * ENOMEM, or EINVAL for no entry_size or count. Context: may allocate. */
void *kinfo_table(int what, size_t entry_size, int *count)
{
    if (!entry_size || !count) {
        errno = EINVAL;
        return NULL;
    }
    for (size_t room = KINFO_TABLE_FIRST_GUESS;; room *= 2) {
        if (room > (unsigned)-1 / entry_size) {   /* kinfo's size is an unsigned */
            errno = ENOMEM;
            return NULL;
        }
        void *entries = malloc(room * entry_size);
        if (!entries)
            return NULL;
        int bytes = kinfo(what, entries, (unsigned)(room * entry_size));
        if (bytes < 0) {
            int error = errno;
            free(entries);
            errno = error;
            return NULL;
        }
        size_t filled = (size_t)bytes / entry_size;
        if (filled < room) {
            *count = (int)filled;
            return entries;
        }
        free(entries);
    }
}
