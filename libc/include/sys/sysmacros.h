/* libc/include/sys/sysmacros.h - a device number's major and minor parts
 * (makedev(3)), in Linux's layout of a 32-bit number, which is the
 * kernel's: a terminal's st_rdev is major << 8 | minor
 * (kernel/drivers/tty.c), and a file system's st_dev a small number,
 * major 0 as Linux gives file systems in memory (kernel/fs/mount.c).
 *
 *     bit  31         20 19        8 7        0
 *         | minor 8..19 |   major   | minor 0..7 |
 *
 * glibc's dev_t has 64 bits and puts larger numbers above these; ours
 * has 32, and the kernel's numbers fit in them. */
#ifndef LIBC_INCLUDE_SYS_SYSMACROS_H
#define LIBC_INCLUDE_SYS_SYSMACROS_H

#include <sys/types.h>

static inline unsigned int gnu_dev_major(dev_t device)
{
    return (device >> 8) & 0xfffu;
}

static inline unsigned int gnu_dev_minor(dev_t device)
{
    return (device & 0xffu) | ((device >> 12) & 0xfff00u);
}

static inline dev_t gnu_dev_makedev(unsigned int major, unsigned int minor)
{
    return (dev_t)(((major & 0xfffu) << 8) | (minor & 0xffu) | ((minor & 0xfff00u) << 12));
}

#define major(device)          gnu_dev_major(device)
#define minor(device)          gnu_dev_minor(device)
#define makedev(major, minor)  gnu_dev_makedev(major, minor)

#endif
