/* kernel/fs/devices.h - the character devices under /dev. */
#ifndef KERNEL_FS_DEVICES_H
#define KERNEL_FS_DEVICES_H

/* Creates /dev and its nodes: null, zero, console. */
int devices_init(void);

struct file;

/* Whether `file` is an open /dev/zero, which mmap maps as anonymous memory. */
int device_is_zero(const struct file *file);

/* Whether `file` is an open /dev/null or /dev/zero, where lseek always
 * succeeds and gives 0, as on Linux (a terminal's is ESPIPE). */
int device_seeks_to_zero(const struct file *file);

#endif
