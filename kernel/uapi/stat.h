/* kernel/uapi/stat.h - struct stat and file type bits, as the kernel fills them. */
#ifndef KERNEL_UAPI_STAT_H
#define KERNEL_UAPI_STAT_H

#include "time.h"   /* struct timespec */

#define S_IFMT   0170000
#define S_IFSOCK 0140000
#define S_IFLNK  0120000
#define S_IFREG  0100000
#define S_IFDIR  0040000
#define S_IFBLK  0060000
#define S_IFCHR  0020000
#define S_IFIFO  0010000

#define S_ISREG(m)  (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)  (((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)  (((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)  (((m) & S_IFMT) == S_IFBLK)
#define S_ISLNK(m)  (((m) & S_IFMT) == S_IFLNK)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)

struct stat {
    unsigned int st_dev;
    unsigned int st_ino;     /* inode number, unique while the file exists */
    unsigned int st_mode;    /* S_IF* type bits | permission bits */
    unsigned int st_nlink;
    unsigned int st_uid;
    unsigned int st_gid;
    unsigned int st_rdev;
    long         st_size;    /* bytes in a regular file; bytes queued in a FIFO */
    long         st_blksize;
    long         st_blocks;
    struct timespec st_atim; /* the three times, as POSIX 2008 names them; the file */
    struct timespec st_mtim; /* systems keep seconds, so tv_nsec is 0 */
    struct timespec st_ctim;
};
/* the older names of their seconds, as glibc gives them */
#define st_atime st_atim.tv_sec
#define st_mtime st_mtim.tv_sec
#define st_ctime st_ctim.tv_sec

/* utimensat's tv_nsec for "the time now" and "leave this time alone" */
#define UTIME_NOW  ((1l << 30) - 1l)
#define UTIME_OMIT ((1l << 30) - 2l)

/* One directory entry as SYS_getdents returns it: entries are packed one
 * after another, each d_reclen bytes long. */
struct kernel_dirent {
    unsigned int   d_ino;
    unsigned short d_reclen;
    unsigned char  d_type;    /* DT_* below */
    char           d_name[1]; /* NUL-terminated, d_reclen covers it */
};
#define DT_UNKNOWN 0
#define DT_FIFO    1
#define DT_CHR     2
#define DT_DIR     4
#define DT_BLK     6
#define DT_REG     8
#define DT_LNK    10
#define DT_SOCK   12

#endif
