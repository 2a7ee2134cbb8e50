/* libc/include/utime.h - utime, the oldest way to set a file's access and
 * modification times (in seconds), now utimensat(2) underneath. */
#ifndef LIBC_INCLUDE_UTIME_H
#define LIBC_INCLUDE_UTIME_H

#include <sys/types.h>

struct utimbuf {
    time_t actime;    /* the access time */
    time_t modtime;   /* the modification time */
};

/* Sets both times of `path` as `times` says, or to now when it is NULL. */
int utime(const char *path, const struct utimbuf *times);

#endif
