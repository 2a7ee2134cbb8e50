/* kernel/fs/rootfs.h - filling the root file system at boot. */
#ifndef KERNEL_FS_ROOTFS_H
#define KERNEL_FS_ROOTFS_H

/* Creates the tree from the boot image's archives (directories, files,
 * FIFOs), then /tmp and /dev. Files keep pointing into the image until
 * first written. */
int rootfs_init(void);

#endif
