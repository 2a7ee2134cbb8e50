/* kernel/subsystems/disk.c - the disk: the ATA driver, the block cache and its
 * flusher, mounts and ext2 (docs/disk.md, docs/filesystem.md).
 *
 * In the profiles: full (Makefile, PROFILE).
 *
 * Its files (the Makefile reads this list; subsystem.h says what a
 * subsystem is):
 *   kernel/drivers/ata.c
 *   kernel/fs/block_cache.c
 *   kernel/fs/block_device.c
 *   kernel/fs/block_flusher.c
 *   kernel/fs/block_writeback.c
 *   kernel/fs/ext2/ext2_alloc.c
 *   kernel/fs/ext2/ext2_block_map.c
 *   kernel/fs/ext2/ext2_dir.c
 *   kernel/fs/ext2/ext2_dir_write.c
 *   kernel/fs/ext2/ext2_file.c
 *   kernel/fs/ext2/ext2_inode.c
 *   kernel/fs/ext2/ext2_kernel.c
 *   kernel/fs/ext2/ext2_namei.c
 *   kernel/fs/ext2/ext2_super.c
 *   kernel/ktest/disk_tests.c
 */
#include "subsystem.h"

#include "drivers/ata.h"
#include "syscall.h"

static const struct syscall_row calls[] = {
};

/* Puts the calls in the table, then starts what the subsystem needs.
 * Context: boot (kernel/main.c, through subsystems_start). */
void disk_start(void)
{
    syscall_install(calls, ROW_COUNT(calls));
    ata_init();                 /* the disk "hda", if QEMU has one (kernel_main mounts it) */
}
