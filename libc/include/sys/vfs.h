/* libc/include/sys/vfs.h - the older name of <sys/statfs.h>, kept because
 * programs written for Linux include either. */
#ifndef LIBC_INCLUDE_SYS_VFS_H
#define LIBC_INCLUDE_SYS_VFS_H

#include <sys/statfs.h>

#endif
