/* kernel/uapi/fcntl.h - open flags, fcntl commands, lseek whence (Linux values). */
#ifndef KERNEL_UAPI_FCNTL_H
#define KERNEL_UAPI_FCNTL_H

#define O_ACCMODE   0003
#define O_RDONLY    00
#define O_WRONLY    01
#define O_RDWR      02
#define O_CREAT     0100
#define O_EXCL      0200
#define O_NOCTTY    0400
#define O_TRUNC     01000
#define O_APPEND    02000
#define O_NONBLOCK  04000
#define O_DIRECTORY 0200000
#define O_CLOEXEC   02000000

#define F_DUPFD     0
#define F_GETFD     1
#define F_SETFD     2
#define F_GETFL     3
#define F_SETFL     4
#define F_DUPFD_CLOEXEC 1030        /* F_DUPFD, the copy close-on-exec */
#define F_SETPIPE_SZ 1031     /* Linux's F_LINUX_SPECIFIC_BASE + 7 */
#define F_GETPIPE_SZ 1032
#define FD_CLOEXEC  1

#define SEEK_SET    0
#define SEEK_CUR    1
#define SEEK_END    2

#define AT_FDCWD    (-100)

#endif
