/* libc/include/sys/mount.h - mounting file systems: mount(2) puts a disk's
 * file system over a directory, umount(2) takes it away again. Only root
 * may do either. MS_RDONLY and MNT_FORCE come from kernel/uapi/mount.h;
 * the mounts there are now are listed by kinfo(2) (KINFO_MOUNTS) and by
 * mount(1). */
#ifndef LIBC_INCLUDE_SYS_MOUNT_H
#define LIBC_INCLUDE_SYS_MOUNT_H

#include <uapi/mount.h>

/* Mounts the file system of type `filesystemtype` ("ext2") on the disk
 * `source` ("/dev/hda") at the directory `target`; `mountflags` is 0 or
 * MS_RDONLY. `data` (a file system's options on Linux) is not used. 0, or
 * -1 with errno. */
int mount(const char *source, const char *target, const char *filesystemtype, unsigned long mountflags,
          const void *data);

/* Unmounts the file system mounted at `target` (umount2 with no flags). */
int umount(const char *target);

/* Unmounts with `flags` (0 or MNT_FORCE: a file system in use is still
 * EBUSY). 0, or -1 with errno. */
int umount2(const char *target, int flags);

#endif
