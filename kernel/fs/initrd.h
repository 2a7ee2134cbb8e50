/* kernel/fs/initrd.h - the boot image: tar archives loaded by GRUB (or
 * QEMU's -initrd) as modules, holding the programs and files of the root
 * file system. Usually one; a second adds its files to the first's (the
 * tests boot the student's image and their own program so). */
#ifndef KERNEL_FS_INITRD_H
#define KERNEL_FS_INITRD_H

#include <stddef.h>
#include <stdint.h>

#include "kernel/multiboot.h"
#include "tar.h"

#define INITRD_MAX_ARCHIVES 4   /* modules past these are left unread */

/* Finds the archives among the loader's modules; returns 0 if there is one. */
int initrd_init(const struct multiboot_info *info);

/* How many archives there are, and archive `index` of them in memory (in
 * the loader's order). */
unsigned initrd_count(void);
const void *initrd_data(unsigned index);
size_t initrd_size(unsigned index);

/* Looks up `path` (leading "/" optional) in the archives, the first that
 * holds it; fills `entry` and returns 0, or returns -ENOENT. */
int initrd_find(const char *path, struct tar_entry *entry);

#endif
