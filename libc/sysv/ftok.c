/* libc/sysv/ftok.c - System V keys from file names. */
#include <sys/ipc.h>
#include <sys/stat.h>

#define INODE_BITS   0xffff   /* the low 16 bits of st_ino ... */
#define DEVICE_BITS  0xff     /* ... the low 8 of st_dev, above them ... */
#define PROJECT_BITS 0xff     /* ... and the low 8 of the project on top */

/* The key glibc computes for `path` and `project`: -1 if stat fails. */
key_t ftok(const char *path, int project)
{
    struct stat status;
    if (stat(path, &status) == -1)
        return (key_t)-1;
    return (key_t)((status.st_ino & INODE_BITS) | ((status.st_dev & DEVICE_BITS) << 16) |
                   (((unsigned)project & PROJECT_BITS) << 24));
}
