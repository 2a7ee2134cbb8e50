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

/* "/name" (or "name": as glibc, leading slashes are skipped, so "name",
 * "/name" and "//name" are one object) -> "/dev/shm/name"; -1 with errno
 * for a name glibc refuses: nothing left after the slashes, or a '/'
 * inside (EINVAL); more than NAME_MAX bytes (ENAMETOOLONG; a name longer
 * than this file system's components is the open's ENAMETOOLONG). */
static int path_for(const char *name, char *path, size_t size)
{
    while (*name == '/')
        name++;
    if (name[0] == '\0' || strchr(name, '/')) {
        errno = EINVAL;
        return -1;
    }
    if (strlen(name) > NAME_MAX || strlen(name) + sizeof SHM_DIRECTORY > size) {
        errno = ENAMETOOLONG;
        return -1;
    }
    snprintf(path, size, SHM_DIRECTORY "%s", name);
    return 0;
}

/* As glibc, "." and ".." (after the slashes) name no object: EINVAL. */
int shm_open(const char *name, int flags, mode_t mode)
{
    char path[PATH_MAX];
    if (path_for(name, path, sizeof path) < 0)
        return -1;
    const char *file = path + sizeof SHM_DIRECTORY - 1;
    if (strcmp(file, ".") == 0 || strcmp(file, "..") == 0) {
        errno = EINVAL;
        return -1;
    }
    return open(path, flags | O_CLOEXEC, mode);   /* POSIX: FD_CLOEXEC is set */
}

/* As glibc, a name shm_open would refuse as EINVAL names no object:
 * ENOENT; and another user's object in the sticky /dev/shm (the
 * unlink's EPERM) is EACCES, as POSIX says. */
int shm_unlink(const char *name)
{
    char path[PATH_MAX];
    if (path_for(name, path, sizeof path) < 0) {
        if (errno == EINVAL)
            errno = ENOENT;
        return -1;
    }
    int result = unlink(path);
    if (result < 0 && errno == EPERM)
        errno = EACCES;
    return result;
}
