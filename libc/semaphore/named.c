/* libc/semaphore/named.c - named semaphores: "/name" is a small file
 * /dev/shm/sem.name holding a sem_t, mapped MAP_SHARED by every sem_open,
 * so all openers share the one counter. */
#include <errno.h>
#include <fcntl.h>
#include <semaphore.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define NAME_LENGTH_MAX 250

/* "/name" -> "/dev/shm/sem.name"; -1 (errno set) for a bad name. */
static int path_for(const char *name, char *path, size_t size)
{
    if (name[0] != '/' || !name[1] || strchr(name + 1, '/')) {
        errno = EINVAL;
        return -1;
    }
    if (strlen(name) > NAME_LENGTH_MAX) {
        errno = ENAMETOOLONG;
        return -1;
    }
    snprintf(path, size, "/dev/shm/sem.%s", name + 1);
    return 0;
}

sem_t *sem_open(const char *name, int flags, ...)
{
    char path[300];
    if (path_for(name, path, sizeof path) < 0)
        return SEM_FAILED;
    unsigned mode = 0, value = 0;
    if (flags & O_CREAT) {
        va_list arguments;
        va_start(arguments, flags);
        mode = va_arg(arguments, unsigned);
        value = va_arg(arguments, unsigned);
        va_end(arguments);
        if (value > SEM_VALUE_MAX) {
            errno = EINVAL;
            return SEM_FAILED;
        }
    }
    int fd = open(path, O_RDWR | (flags & (O_CREAT | O_EXCL)), mode);
    if (fd < 0)
        return SEM_FAILED;
    struct stat st;
    if (fstat(fd, &st) == 0 && st.st_size < (long)sizeof(sem_t)) {   /* we created it */
        sem_t initial = { (int)value, 0 };
        if (write(fd, &initial, sizeof initial) != sizeof initial) {
            close(fd);
            return SEM_FAILED;
        }
    }
    sem_t *semaphore = mmap(NULL, sizeof(sem_t), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);                        /* the mapping keeps the file's pages */
    return semaphore == MAP_FAILED ? SEM_FAILED : semaphore;
}

int sem_close(sem_t *semaphore)
{
    return munmap(semaphore, sizeof(sem_t));
}

int sem_unlink(const char *name)
{
    char path[300];
    if (path_for(name, path, sizeof path) < 0)
        return -1;
    return unlink(path);
}
