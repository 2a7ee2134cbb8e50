/* kernel/fs/devices.h - the character devices under /dev. */
#ifndef KERNEL_FS_DEVICES_H
#define KERNEL_FS_DEVICES_H

#include <stdint.h>

/* Creates /dev and its nodes: null, zero, console, tty. */
int devices_init(void);

struct file;

/* A device node at `path` (its directory exists): `open` makes its open
 * files, given `minor`; `mode` its permissions, `number` its st_rdev
 * (Linux's (major << 8) | minor). 0, or -errno. Context: boot, or the
 * file-system lock held. */
int devices_add(const char *path, int (*open)(int minor, uint32_t flags, struct file **result), int minor,
                unsigned mode, uint32_t number);

/* Whether `file` is an open /dev/zero, which mmap maps as anonymous memory. */
int device_is_zero(const struct file *file);

/* Whether `file` is an open /dev/null or /dev/zero, where lseek always
 * succeeds and gives 0, as on Linux (a terminal's is ESPIPE). */
int device_seeks_to_zero(const struct file *file);

#endif
