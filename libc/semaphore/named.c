/* libc/semaphore/named.c - named semaphores: "/name" is a small file
 * /dev/shm/sem.name holding a sem_t, mapped MAP_SHARED by every process
 * that opens it, so all openers share the one counter. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <semaphore.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define FILE_PREFIX "sem."            /* before the name in /dev/shm */

/* "/name" (or "name": as glibc, leading slashes are skipped, so "name"
 * and "/name" are one semaphore) -> "/dev/shm/sem.name"; -1 (errno set)
 * for a bad name: nothing after the slashes or a '/' inside (EINVAL). As
 * with glibc on Linux, "sem.name" must be a file name: a name of more than
 * NAME_MAX - 4 bytes is ENAMETOOLONG. */
static int path_for(const char *name, char *path, size_t size)
{
    while (*name == '/')
        name++;
    if (!name[0] || strchr(name, '/')) {
        errno = EINVAL;
        return -1;
    }
    if (strlen(name) + sizeof FILE_PREFIX - 1 > NAME_MAX) {
        errno = ENAMETOOLONG;
        return -1;
    }
    snprintf(path, size, "/dev/shm/" FILE_PREFIX "%s", name);
    return 0;
}

/* Every named semaphore this process has open. POSIX wants one address
 * per semaphore, however often the process opens it, until its last
 * sem_close; a semaphore is known by its file's inode, so a name unlinked
 * and made anew is another semaphore. fork copies the table with the
 * mappings; exec drops both. */
#define OPEN_SEMAPHORES_MAX 32
static struct open_semaphore {
    sem_t *address;                   /* NULL: a free entry */
    unsigned inode;
    unsigned opens;                   /* sem_opens not yet matched by sem_close */
} open_semaphores[OPEN_SEMAPHORES_MAX];

static struct open_semaphore *find_open(sem_t *address, unsigned inode)
{
    for (int i = 0; i < OPEN_SEMAPHORES_MAX; i++) {
        struct open_semaphore *entry = &open_semaphores[i];
        if (entry->address && (address ? entry->address == address : entry->inode == inode))
            return entry;
    }
    return 0;
}

/* Opens the semaphore's file: creates it (O_EXCL, so exactly one process
 * is the creator: *created) when asked to and it does not exist, else
 * opens the existing one. -1 with errno. */
static int open_file(const char *path, int flags, unsigned mode, int *created)
{
    for (;;) {
        if (flags & O_CREAT) {
            int fd = open(path, O_RDWR | O_CREAT | O_EXCL, mode);
            if (fd >= 0) {
                *created = 1;
                return fd;
            }
            if (errno != EEXIST || (flags & O_EXCL))
                return -1;
        }
        int fd = open(path, O_RDWR);
        if (fd >= 0 || errno != ENOENT || !(flags & O_CREAT))
            return fd;
        /* unlinked between our two opens: try to create it again */
    }
}

/* A semaphore someone else created may still be empty: its creator
 * writes the value right after creating the file. Waits for it, a
 * millisecond at a time, for a second at most. Returns the file's inode,
 * or -1 with errno. */
static long wait_until_written(int fd)
{
    struct stat st;
    for (int milliseconds = 0; milliseconds < 1000; milliseconds++) {
        if (fstat(fd, &st) < 0)
            return -1;
        if (st.st_size >= (long)sizeof(sem_t))
            return st.st_ino;
        usleep(1000);
    }
    errno = EAGAIN;                   /* its creator never wrote it (it died?) */
    return -1;
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
    int created = 0;
    int fd = open_file(path, flags, mode, &created);
    if (fd < 0)
        return SEM_FAILED;
    if (created) {                    /* only the creator writes the value */
        sem_t initial = { (int)value, 0 };
        if (write(fd, &initial, sizeof initial) != sizeof initial) {
            unlink(path);
            close(fd);
            return SEM_FAILED;
        }
    }
    long inode = wait_until_written(fd);
    struct open_semaphore *entry = inode < 0 ? 0 : find_open(0, (unsigned)inode);
    if (inode < 0 || entry) {
        close(fd);
        if (!entry)
            return SEM_FAILED;
        entry->opens++;               /* opened already: the same address */
        return entry->address;
    }
    sem_t *semaphore = mmap(NULL, sizeof(sem_t), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);                        /* the mapping keeps the file's pages */
    if (semaphore == MAP_FAILED)
        return SEM_FAILED;
    struct open_semaphore *free_entry = 0;
    for (int i = 0; i < OPEN_SEMAPHORES_MAX && !free_entry; i++)
        if (!open_semaphores[i].address)
            free_entry = &open_semaphores[i];
    if (free_entry)                   /* (with the table full, a reopen maps it once more) */
        *free_entry = (struct open_semaphore){ semaphore, (unsigned)inode, 1 };
    return semaphore;
}

int sem_close(sem_t *semaphore)
{
    struct open_semaphore *entry = find_open(semaphore, 0);
    if (entry && --entry->opens > 0)
        return 0;                     /* opened again since: still in use */
    if (entry)
        entry->address = 0;
    return munmap(semaphore, sizeof(sem_t));
}

/* As glibc, a name sem_open would refuse (EINVAL, or too long for its
 * buffer) names no semaphore: ENOENT; another user's semaphore in the
 * sticky /dev/shm (the unlink's EPERM) is EACCES, as POSIX says. */
int sem_unlink(const char *name)
{
    char path[300];
    if (path_for(name, path, sizeof path) < 0) {
        size_t skipped = strspn(name, "/");
        if (errno == EINVAL || strlen(name + skipped) > NAME_MAX)
            errno = ENOENT;
        return -1;
    }
    int result = unlink(path);
    if (result < 0 && errno == EPERM)
        errno = EACCES;
    return result;
}
