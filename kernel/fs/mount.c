/* kernel/fs/mount.c - the mount table: which file system hangs where.
 *
 * Slot 0 is memfs at /. mount puts a file system's root over a directory
 * (inode->mounted); the walk (path.c) crosses there. */
#include "mount.h"

#include "disk_for_core.h"
#include "fs_lock.h"
#include "inode.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "memfs.h"
#include "proc/process.h"
#include "procfs_for_core.h"
#include "uapi/errno.h"
#include "uapi/mount.h"
#include "vfs.h"

#define BOOT_DISK "hda"
#define BOOT_MOUNT_POINT "/home"

static struct file_system *mounts[MOUNTS_MAX];
static unsigned next_id = 1;

struct file_system *mount_at(unsigned index)
{
    if (!mounts[0])
        mounts[0] = memfs_file_system();
    return index < MOUNTS_MAX ? mounts[index] : 0;
}

static int free_slot(void)
{
    for (int slot = 1; slot < MOUNTS_MAX; slot++)
        if (!mounts[slot])
            return slot;
    return -EBUSY;
}

int mount_file_system(const char *source, const char *target, const char *type, uint32_t flags)
{
    int proc = !strcmp(type, "proc");  /* /proc: no disk (procfs_for_core.h) */
    if (proc ? !procfs_known() : strcmp(type, "ext2") || !ext2_known())
        return -ENODEV;               /* the types there are, if the kernel has them */
    struct block_device *device = proc ? 0 : block_device_find(source);
    if (!proc && !device)
        return -ENOENT;
    struct inode *directory;
    int status = vfs_lookup(target, &directory);
    if (status < 0)
        return status;
    if (directory->type != INODE_DIRECTORY)
        return -ENOTDIR;
    if (directory->mounted || vfs_is_mount_root(directory) || directory == vfs_root() || procfs_holds(directory))
        return -EBUSY;                /* one file system on a directory; none inside /proc */
    int slot = free_slot();
    for (unsigned i = 0; slot >= 0 && device && i < MOUNTS_MAX; i++)
        if (mounts[i] && mounts[i]->device == device)
            slot = -EBUSY;            /* the disk is mounted already */
    if (slot < 0)
        return slot;
    struct file_system *fs;
    if ((status = proc ? procfs_mount(&fs) : ext2_mount(device, flags & MS_RDONLY, &fs)) < 0)
        return status;
    if (device)
        ksnprintf(fs->source, sizeof fs->source, "/dev/%s", block_device_name(device));
    fs->covered = directory;
    fs->id = next_id++;
    fs->root->parent = fs->root;
    directory->mounted = fs;
    mounts[slot] = fs;
    return 0;
}

int unmount_file_system(const char *target)
{
    struct inode *root;
    int status = vfs_lookup(target, &root);
    if (status < 0)
        return status;
    if (!vfs_is_mount_root(root))
        return -EINVAL;               /* nothing is mounted there */
    struct file_system *fs = root->fs;
    struct inode *covered = fs->covered;
    if ((status = fs->operations->unmount(fs)) < 0)
        return status;                /* EBUSY: something of it is open */
    covered->mounted = 0;
    for (unsigned i = 0; i < MOUNTS_MAX; i++)
        if (mounts[i] == fs)
            mounts[i] = 0;
    return 0;
}

int mount_point_path(struct file_system *fs, char *buffer, uint32_t size)
{
    return vfs_path_of(fs->root, buffer, size);
}

void mount_boot_disk(void)
{
    block_cache_init();
    fs_lock();
    /* /home is there with a disk or without one (then in memory) */
    struct inode *home;
    int status = vfs_lookup(BOOT_MOUNT_POINT, &home);
    if (status == -ENOENT)
        status = vfs_create(BOOT_MOUNT_POINT, INODE_DIRECTORY, 0755, &home);
    if (!block_device_find(BOOT_DISK)) {
        fs_unlock();
        return;                       /* no disk: everything lives in memory */
    }
    if (status == 0)
        status = mount_file_system(BOOT_DISK, BOOT_MOUNT_POINT, "ext2", 0);
    if (status == 0) {
        struct kernel_statfs st;
        memset(&st, 0, sizeof st);
        struct file_system *fs = home->mounted;
        fs->operations->statfs(fs, &st);
        kprintf("%s: ext2 on /dev/%s, %u of %u KiB free, %u files\n", BOOT_MOUNT_POINT, BOOT_DISK,
                st.f_bfree * (st.f_bsize / 1024), st.f_blocks * (st.f_bsize / 1024), st.f_files - st.f_ffree);
    } else {
        kprintf("%s: /dev/%s not mounted (error %d): %s stays in memory\n", BOOT_MOUNT_POINT, BOOT_DISK,
                -status, BOOT_MOUNT_POINT);
    }
    fs_unlock();
    block_cache_start_flusher();
}

void mount_shutdown(void)
{
    fs_lock();
    for (unsigned i = 1; i < MOUNTS_MAX; i++)
        if (mounts[i])
            mounts[i]->operations->shutdown(mounts[i]);
    fs_unlock();
}
