/* user/bin/mount_table.h - printing the mounted file systems as the
 * kernel lists them (kinfo_table(KINFO_MOUNTS), kernel/uapi/kinfo.h),
 * shared by mount(1), df(1) and diskinfo(1). */
#ifndef USER_BIN_MOUNT_TABLE_H
#define USER_BIN_MOUNT_TABLE_H

#include <kernel.h>
#include <sys/mount.h>

/* The fields of struct kinfo_mount are filled up to their size and need
 * not end in a NUL: print them with "%.*s" and these. */
#define MOUNT_FIELD(mount, field) (int)sizeof (mount)->field, (mount)->field

#endif
