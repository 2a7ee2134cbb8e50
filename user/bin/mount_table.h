/* user/bin/mount_table.h - the mounted file systems as the kernel lists
 * them (kinfo(KINFO_MOUNTS), kernel/uapi/kinfo.h), shared by mount(1),
 * df(1) and diskinfo(1). */
#ifndef USER_BIN_MOUNT_TABLE_H
#define USER_BIN_MOUNT_TABLE_H

#include <kernel.h>
#include <stdlib.h>
#include <sys/mount.h>

#define MOUNTS_FIRST_GUESS 8          /* entries room is made for at first */

/* Fills a malloc'd array with every mount, in the kernel's order;
 * returns how many, or -1 with errno. The array grows until the kernel
 * leaves some of it unused, so no mount is cut off. */
static inline int read_mounts(struct kinfo_mount **out)
{
    for (unsigned room = MOUNTS_FIRST_GUESS;; room *= 2) {
        struct kinfo_mount *mounts = malloc(room * sizeof *mounts);
        if (!mounts)
            return -1;
        int bytes = kinfo(KINFO_MOUNTS, mounts, room * sizeof *mounts);
        if (bytes < 0) {
            free(mounts);
            return -1;
        }
        unsigned count = (unsigned)bytes / sizeof *mounts;
        if (count < room) {
            *out = mounts;
            return (int)count;
        }
        free(mounts);
    }
}

/* The fields of struct kinfo_mount are filled up to their size and need
 * not end in a NUL: print them with "%.*s" and these. */
#define MOUNT_FIELD(mount, field) (int)sizeof (mount)->field, (mount)->field

#endif
