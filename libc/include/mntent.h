/* libc/include/mntent.h - reading and writing tables of mounted file
 * systems in the fstab(5) format (GNU): one file system a line, "fsname
 * dir type options freq passno", # for comments. Linux keeps the table
 * of what is mounted in /proc/mounts (MOUNTED, _PATH_MOUNTED: /etc/mtab);
 * this system has no /proc, so setmntent of it fails with ENOENT, but any
 * such file can be read. The code is libc/stdio/mntent.c. */
#ifndef LIBC_INCLUDE_MNTENT_H
#define LIBC_INCLUDE_MNTENT_H

#include <stdio.h>

#define MOUNTED       "/etc/mtab"
#define _PATH_MOUNTED "/etc/mtab"
#define MNTTAB        "/etc/fstab"

struct mntent {
    char *mnt_fsname;            /* the device or server */
    char *mnt_dir;               /* where it is mounted */
    char *mnt_type;              /* its type: memfs, ext2, ... */
    char *mnt_opts;              /* options, separated by commas */
    int mnt_freq;                /* dump's frequency in days */
    int mnt_passno;              /* fsck's pass number */
};

FILE *setmntent(const char *path, const char *mode);
/* The next entry, in a buffer of the stream's that the next call reuses;
 * NULL at the end. */
struct mntent *getmntent(FILE *stream);
/* The same into the caller's entry and buffer (GNU). */
struct mntent *getmntent_r(FILE *stream, struct mntent *entry, char *buffer, int size);
/* Appends an entry as one line; 0, or 1 on error (as glibc). */
int addmntent(FILE *stream, const struct mntent *entry);
int endmntent(FILE *stream);     /* 1 */
/* The option `option` of entry's mnt_opts ("noatime", or "size" of
 * "size=10"), where it starts; NULL when it is not there. */
char *hasmntopt(const struct mntent *entry, const char *option);

#endif
