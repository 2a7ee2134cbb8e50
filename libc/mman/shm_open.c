/* libc/mman/shm_open.c - POSIX shared memory objects. As glibc does on
 * Linux, the object "/name" is the file /dev/shm/name of the in-memory
 * file system: open gives the descriptor, ftruncate sizes it, fstat
 * reports it, mmap(MAP_SHARED) shares its pages, unlink removes the name
 * while whoever has it open or mapped keeps the memory. ipcs lists the
 * files of /dev/shm, ipcrm -x removes one (user/bin/ipcs.c, ipcrm.c). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define SHM_DIRECTORY "/dev/shm/"

/* "/name" -> "/dev/shm/name"; -1 with errno for a name POSIX leaves to
 * the implementation: no leading '/', nothing after it, or a second '/'
 * (EINVAL, as mq_open here); a name longer than the file system's
 * components is the open's ENAMETOOLONG. */
static int path_for(const char *name, char *path, size_t size)
{
    if (name[0] != '/' || name[1] == '\0' || strchr(name + 1, '/')) {
        errno = EINVAL;
        return -1;
    }
    if (strlen(name) + sizeof SHM_DIRECTORY > size) {
        errno = ENAMETOOLONG;
        return -1;
    }
    snprintf(path, size, SHM_DIRECTORY "%s", name + 1);
    return 0;
}

int shm_open(const char *name, int flags, mode_t mode)
{
    char path[PATH_MAX];
    if (path_for(name, path, sizeof path) < 0)
        return -1;
    return open(path, flags | O_CLOEXEC, mode);   /* POSIX: FD_CLOEXEC is set */
}

int shm_unlink(const char *name)
{
    char path[PATH_MAX];
    if (path_for(name, path, sizeof path) < 0)
        return -1;
    return unlink(path);
}
