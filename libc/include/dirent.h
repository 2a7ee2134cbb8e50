/* libc/include/dirent.h - reading directories. The DT_* types come from
 * kernel/uapi/stat.h. */
#ifndef LIBC_INCLUDE_DIRENT_H
#define LIBC_INCLUDE_DIRENT_H

#include <sys/types.h>
#include <uapi/stat.h>

struct dirent {
    ino_t         d_ino;
    unsigned char d_type;       /* DT_REG, DT_DIR, DT_FIFO, ... */
    char          d_name[256];  /* NUL-terminated */
};

typedef struct __dir_stream DIR;   /* opaque: see libc/dirent/dirent.c */

DIR *opendir(const char *path);
struct dirent *readdir(DIR *dir);
int readdir_r(DIR *dir, struct dirent *entry, struct dirent **result);   /* into the caller's entry */
int closedir(DIR *dir);
void rewinddir(DIR *dir);          /* back to the first entry */
int dirfd(DIR *dir);               /* the descriptor it reads */

#endif
