/* libc/include/sys/file.h - flock(2), BSD's lock on a whole file, held by
 * the open file (docs/record-locks.md); the LOCK_* operations come from
 * kernel/uapi/fcntl.h. */
#ifndef LIBC_INCLUDE_SYS_FILE_H
#define LIBC_INCLUDE_SYS_FILE_H

#include <uapi/fcntl.h>

int flock(int fd, int operation);    /* LOCK_SH, LOCK_EX or LOCK_UN, with LOCK_NB */

#endif
