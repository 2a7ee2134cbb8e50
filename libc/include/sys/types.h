/* libc/include/sys/types.h - the POSIX types that system calls take and
 * return, sized as on Linux i386. */
#ifndef LIBC_INCLUDE_SYS_TYPES_H
#define LIBC_INCLUDE_SYS_TYPES_H

#include <stddef.h>

typedef int           pid_t;       /* process, process group or session id */
typedef int           ssize_t;     /* a byte count, or -1 for an error */
typedef long          off_t;       /* a position in a file */
typedef unsigned int  mode_t;      /* file type and permission bits */
typedef unsigned int  dev_t;
typedef unsigned int  ino_t;
typedef unsigned int  nlink_t;
typedef unsigned int  uid_t;
typedef unsigned int  gid_t;
typedef long          blksize_t;
typedef long          blkcnt_t;
typedef unsigned long fsblkcnt_t;  /* blocks of a file system (statfs, statvfs) */
typedef unsigned long fsfilcnt_t;  /* inodes of a file system */
typedef long          time_t;      /* seconds */
typedef long          clock_t;     /* processor time: clock() in CLOCKS_PER_SEC, times() in ticks */
typedef long          suseconds_t; /* microseconds, signed */
typedef unsigned int  useconds_t;  /* microseconds */
typedef int           clockid_t;   /* CLOCK_REALTIME, CLOCK_MONOTONIC, ... */
typedef int           timer_t;     /* a POSIX timer of the process (timer_create) */
typedef long          clock_t;     /* processor time in CLOCKS_PER_SEC units (clock(3)) */
typedef int           key_t;       /* a System V IPC key */
typedef char         *caddr_t;     /* an address, as old BSD code spells it */
/* the BSD names glibc gives by default (UNIX Network Programming uses them) */
typedef unsigned char  u_char;
typedef unsigned short u_short;
typedef unsigned int   u_int;
typedef unsigned long  u_long;
typedef unsigned char      u_int8_t;
typedef unsigned short     u_int16_t;
typedef unsigned int       u_int32_t;
typedef unsigned long long u_int64_t;
typedef unsigned int  id_t;        /* a pid, process group or user id (waitid, getpriority) */

#endif
