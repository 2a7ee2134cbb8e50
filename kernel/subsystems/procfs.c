/* kernel/subsystems/procfs.c - /proc (docs/procfs.md): every process as a
 * directory of files laid out as Linux's (stat, status, comm, fd/), and
 * the machine's uptime and meminfo. It has no system call of its own: it
 * is a file system, mounted on /proc at boot and by mount(2) with the
 * type "proc".
 *
 * In the profiles: full (Makefile, PROFILE).
 *
 * Its files (the Makefile reads this list; subsystem.h says what a
 * subsystem is):
 *   kernel/fs/procfs/procfs.c
 *   kernel/fs/procfs/procfs_text.c
 *   kernel/fs/procfs/procfs_sysvipc.c
 *   kernel/fs/procfs/procfs_maps.c
 */
#include "subsystem.h"

#include "fs/fs_lock.h"
#include "fs/mount.h"
#include "fs/vfs.h"
#include "lib/kprintf.h"
#include "uapi/errno.h"

/* Makes /proc in the tree in memory and mounts /proc's file system on it.
 * Context: boot (kernel/main.c, through subsystems_start). */
void procfs_start(void)
{
    fs_lock();
    struct inode *directory;
    int status = vfs_lookup("/proc", &directory);
    if (status == -ENOENT)
        status = vfs_create("/proc", INODE_DIRECTORY, 0555, &directory);
    if (status == 0)
        status = mount_file_system("proc", "/proc", "proc", 0);
    fs_unlock();
    if (status < 0)
        kprintf("procfs: /proc not mounted (error %d)\n", -status);
}
