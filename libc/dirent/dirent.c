/* libc/dirent/dirent.c - reading directories on SYS_getdents.
 *
 * SYS_getdents(fd, buffer, size) fills `buffer` with as many whole entries
 * as fit, packed one after another, and returns the bytes used (0 once the
 * directory has been read to its end):
 *
 *     buffer: | d_ino d_reclen d_type "name\0" | d_ino d_reclen ... | ...
 *             |<------- d_reclen bytes ------->|
 *
 * A DIR keeps one such batch and hands out its entries one by one: into
 * its own struct dirent (readdir) or the caller's (readdir_r). A lock
 * keeps two threads reading one DIR from taking the same entry. */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../syscall.h"
#include "../thread/thread_internal.h"

#define DIRECTORY_BATCH_BYTES 2048   /* bytes of entries fetched per system call */

struct __dir_stream {
    int fd;
    volatile int lock;  /* held while an entry is taken (__libc_lock) */
    size_t next;        /* offset of the next entry in `batch` */
    size_t batch_size;  /* bytes of `batch` the kernel filled */
    struct dirent entry;   /* what readdir returns, overwritten by each call */
    char batch[DIRECTORY_BATCH_BYTES];
};

/* Opens the directory `path` for reading; NULL with errno (ENOTDIR if it
 * is something else) on failure. */
DIR *opendir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);   /* as glibc: a program's exec does not inherit it */
    if (fd == -1)
        return NULL;
    struct stat status;
    if (fstat(fd, &status) == -1) {
        close(fd);
        return NULL;
    }
    if (!S_ISDIR(status.st_mode)) {
        close(fd);
        errno = ENOTDIR;
        return NULL;
    }
    DIR *dir = malloc(sizeof *dir);
    if (!dir) {
        close(fd);
        return NULL;
    }
    dir->fd = fd;
    dir->lock = 0;
    dir->next = 0;
    dir->batch_size = 0;
    return dir;
}

/* Fetches the next batch of entries; returns its size, 0 at the end, -1 on error. */
static long fetch_batch(DIR *dir)
{
    long size = syscall_result(syscall3(SYS_getdents, dir->fd, (long)dir->batch,
                                        sizeof dir->batch));
    dir->next = 0;
    dir->batch_size = size > 0 ? (size_t)size : 0;
    return size;
}

/* The next record of the directory, or NULL at the end (errno
 * unchanged) or on an error (errno set). Context: dir->lock held. */
static const struct kernel_dirent *next_record(DIR *dir)
{
    if (dir->next >= dir->batch_size && fetch_batch(dir) <= 0)
        return NULL;
    const struct kernel_dirent *record =
        (const struct kernel_dirent *)(dir->batch + dir->next);
    if (record->d_reclen == 0) {     /* a malformed batch: stop rather than loop */
        dir->batch_size = 0;
        errno = EIO;
        return NULL;
    }
    dir->next += record->d_reclen;
    return record;
}

/* Copies the kernel's `record` into `entry`. */
static void fill_entry(struct dirent *entry, const struct kernel_dirent *record)
{
    entry->d_ino = record->d_ino;
    entry->d_type = record->d_type;
    strlcpy(entry->d_name, record->d_name, sizeof entry->d_name);
}

/* Returns the next entry, or NULL at the end (errno unchanged) or on error
 * (errno set). The entry is overwritten by the next call on the same DIR. */
struct dirent *readdir(DIR *dir)
{
    __libc_lock(&dir->lock);
    const struct kernel_dirent *record = next_record(dir);
    if (record)
        fill_entry(&dir->entry, record);
    __libc_unlock(&dir->lock);
    return record ? &dir->entry : NULL;
}

/* Copies the next entry into the caller's `entry` and points *result at
 * it; at the end *result is NULL. Returns 0, or the error number (with
 * *result NULL); errno is left as it was. */
int readdir_r(DIR *dir, struct dirent *entry, struct dirent **result)
{
    int saved_errno = errno;
    __libc_lock(&dir->lock);
    errno = 0;
    const struct kernel_dirent *record = next_record(dir);
    if (record)
        fill_entry(entry, record);
    __libc_unlock(&dir->lock);
    int error = record ? 0 : errno;
    errno = saved_errno;
    *result = record ? entry : NULL;
    return error;
}

/* Goes back to the first entry: the next readdir reads the directory
 * again from its start, with the entries made or removed since. The
 * directory's offset is where getdents goes on (kernel/fs/fs_syscalls.c),
 * and the batch kept here is dropped. */
void rewinddir(DIR *dir)
{
    __libc_lock(&dir->lock);
    lseek(dir->fd, 0, SEEK_SET);
    dir->next = 0;
    dir->batch_size = 0;
    __libc_unlock(&dir->lock);
}

/* The descriptor the DIR reads (for fstat, fchdir, openat-style calls). */
int dirfd(DIR *dir)
{
    return dir->fd;
}

/* Closes the directory and frees the DIR. */
int closedir(DIR *dir)
{
    int result = close(dir->fd);
    free(dir);
    return result;
}
