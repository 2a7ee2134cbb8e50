/* kernel/fs/initrd.h - the boot image: a tar archive loaded by GRUB as a
 * module, holding the programs and files of the root file system. */
#ifndef KERNEL_FS_INITRD_H
#define KERNEL_FS_INITRD_H

#include <stddef.h>
#include <stdint.h>

#include "kernel/multiboot.h"
#include "tar.h"

/* Finds the archive among the loader's modules; returns 0 if there is one. */
int initrd_init(const struct multiboot_info *info);

/* The archive in memory (NULL and 0 without one). */
const void *initrd_data(void);
size_t initrd_size(void);

/* Looks up `path` (leading "/" optional); fills `entry` and returns 0, or
 * returns -ENOENT. */
int initrd_find(const char *path, struct tar_entry *entry);

#endif
