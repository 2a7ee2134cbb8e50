/* libc/include/ftw.h - walking a file tree: ftw and nftw call a function
 * for every file below a path (libc/dirent/ftw.c), with glibc's values. */
#ifndef LIBC_INCLUDE_FTW_H
#define LIBC_INCLUDE_FTW_H

#include <sys/stat.h>
#include <sys/types.h>

/* What the callback is given as `type` (ftw's gets the first four only) */
#define FTW_F   0   /* a file that is not a directory */
#define FTW_D   1   /* a directory, before what it holds */
#define FTW_DNR 2   /* a directory that may not be read: nothing below it is visited */
#define FTW_NS  3   /* a name that stat failed on (EACCES, ENOENT): the stat is not valid */
#define FTW_SL  4   /* a symbolic link (with FTW_PHYS) */
#define FTW_DP  5   /* a directory, after what it holds (with FTW_DEPTH) */
#define FTW_SLN 6   /* a symbolic link to nothing (without FTW_PHYS) */

/* nftw's `flags` */
#define FTW_PHYS  1   /* do not follow symbolic links: report them as FTW_SL */
#define FTW_MOUNT 2   /* stay on the file system the walk starts on */
#define FTW_CHDIR 4   /* the working directory is each directory while it is walked */
#define FTW_DEPTH 8   /* a directory after what it holds (FTW_DP), not before */

/* Where the file lies: its name starts at path[base], `level` directories
 * below the start (0 for the start itself). */
struct FTW {
    int base;
    int level;
};

typedef int (*__ftw_func_t)(const char *path, const struct stat *status, int type);
typedef int (*__nftw_func_t)(const char *path, const struct stat *status, int type, struct FTW *where);

/* Calls `visit` for `path` and every file below it, a directory before
 * what it holds, following symbolic links; with at most `nopenfd`
 * directories open at once. A `visit` that returns non-zero stops the
 * walk, and that value is returned; else 0, or -1 with errno set. */
int ftw(const char *path, __ftw_func_t visit, int nopenfd);
int nftw(const char *path, __nftw_func_t visit, int nopenfd, int flags);

#endif
