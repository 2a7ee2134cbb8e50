/* libc/stdio/open.c - opening and closing streams, choosing their
 * buffering, and their flags. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../thread/thread_internal.h"
#include "stream.h"

#define NEW_FILE_MODE 0666   /* permissions of a file fopen creates */

/* Turns an fopen mode ("r", "w", "a", each optionally with '+' and 'b')
 * into open() flags and stream access bits; returns -1 if it is invalid. */
static int parse_mode(const char *mode, int *flags, int *access)
{
    int update = strchr(mode, '+') != NULL;
    switch (mode[0]) {
    case 'r': *flags = update ? O_RDWR : O_RDONLY; break;
    case 'w': *flags = (update ? O_RDWR : O_WRONLY) | O_CREAT | O_TRUNC; break;
    case 'a': *flags = (update ? O_RDWR : O_WRONLY) | O_CREAT | O_APPEND; break;
    default: return -1;
    }
    *access = update ? STREAM_READ | STREAM_WRITE
                     : mode[0] == 'r' ? STREAM_READ : STREAM_WRITE;
    return 0;
}

/* A fully buffered stream over `fd` with access bits `access`, put on
 * the list of open streams; NULL with ENOMEM. */
FILE *__stdio_new_stream(int fd, int access)
{
    FILE *stream = malloc(sizeof *stream);
    if (!stream)
        return NULL;
    memset(stream, 0, offsetof(FILE, own_buffer));
    stream->fd = fd;
    stream->access = access;
    stream->buffer_mode = _IOFBF;
    stream->direction = STREAM_IDLE;
    stream->buffer = stream->own_buffer;
    stream->buffer_size = sizeof stream->own_buffer;
    stream->pushed_back = EOF;
    __libc_lock(&stream_list_lock);
    stream->next_open = stream_list;
    stream_list = stream;
    __libc_unlock(&stream_list_lock);
    return stream;
}

/* Opens `path` as a fully buffered stream; NULL with errno on failure. */
FILE *fopen(const char *path, const char *mode)
{
    int flags, access;
    if (parse_mode(mode, &flags, &access) == -1) {
        errno = EINVAL;
        return NULL;
    }
    int fd = open(path, flags, NEW_FILE_MODE);
    if (fd == -1)
        return NULL;
    FILE *stream = __stdio_new_stream(fd, access);
    if (!stream)
        close(fd);
    return stream;
}

/* A stream over the open descriptor `fd` (POSIX fdopen). `mode` is
 * fopen's, but nothing is created or truncated; the descriptor must allow
 * the access `mode` asks for. "a" sets O_APPEND on the descriptor, as
 * glibc does. NULL with EBADF (not open), EINVAL (bad mode, or one the
 * descriptor does not allow) or ENOMEM; the descriptor stays open. */
FILE *fdopen(int fd, const char *mode)
{
    int flags, access;
    if (parse_mode(mode, &flags, &access) == -1) {
        errno = EINVAL;
        return NULL;
    }
    int fd_flags = fcntl(fd, F_GETFL);
    if (fd_flags == -1)
        return NULL;
    int fd_access = fd_flags & O_ACCMODE;
    if (((access & STREAM_READ) && fd_access == O_WRONLY) ||
        ((access & STREAM_WRITE) && fd_access == O_RDONLY)) {
        errno = EINVAL;
        return NULL;
    }
    if ((flags & O_APPEND) && !(fd_flags & O_APPEND) &&
        fcntl(fd, F_SETFL, fd_flags | O_APPEND) == -1)
        return NULL;
    return __stdio_new_stream(fd, access);
}

/* Takes `stream` off the list of open streams. */
static void unlist(FILE *stream)
{
    __libc_lock(&stream_list_lock);
    for (FILE **link = &stream_list; *link; link = &(*link)->next_open) {
        if (*link == stream) {
            *link = stream->next_open;
            break;
        }
    }
    __libc_unlock(&stream_list_lock);
}

/* Writes out pending output, closes the descriptor and frees the stream;
 * returns 0, or EOF if the output or the close failed. */
int fclose(FILE *stream)
{
    unlist(stream);                 /* first: the list's lock comes before a stream's */
    flockfile(stream);
    int result = stream_settle(stream);
    if ((stream->memory ? memory_file_close(stream->memory) : close(stream->fd)) == -1)
        result = EOF;
    if (stream->is_standard) {
        stream->access = 0;         /* static: keep the memory, refuse further use */
        stream->direction = STREAM_IDLE;
        funlockfile(stream);
    } else {
        free(stream);
    }
    return result;
}

/* Chooses the buffering of `stream` (_IOFBF, _IOLBF, _IONBF), and the
 * program's own `buffer` of `size` bytes if not NULL. Call it before the
 * first read or write; returns 0, or -1 for an unknown mode. */
int setvbuf(FILE *stream, char *buffer, int mode, size_t size)
{
    if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF) {
        errno = EINVAL;
        return -1;
    }
    flockfile(stream);
    if (stream->direction == STREAM_WRITING)
        stream_flush_writes(stream);
    stream_drop_reads(stream);
    stream->buffer_mode = mode;
    if (mode == _IONBF) {
        stream->buffer = &stream->one_byte;
        stream->buffer_size = 1;
    } else if (buffer && size > 0) {
        stream->buffer = (unsigned char *)buffer;
        stream->buffer_size = size;
    } else {
        stream->buffer = stream->own_buffer;
        stream->buffer_size = sizeof stream->own_buffer;
    }
    funlockfile(stream);
    return 0;
}

/* setvbuf with a BUFSIZ-byte buffer, or unbuffered when `buffer` is NULL. */
void setbuf(FILE *stream, char *buffer)
{
    setvbuf(stream, buffer, buffer ? _IOFBF : _IONBF, BUFSIZ);
}

/* The descriptor under the stream; -1 with EBADF for a stream in memory. */
int fileno(FILE *stream)
{
    if (stream->fd < 0)
        errno = EBADF;
    return stream->fd;
}

/* Whether a read has met the end of the file (until clearerr or a seek). */
int feof(FILE *stream)
{
    return stream->at_end_of_file;
}

/* Whether a read or write on the stream has failed. */
int ferror(FILE *stream)
{
    return stream->has_error;
}

/* Clears the end-of-file and error flags. */
void clearerr(FILE *stream)
{
    flockfile(stream);
    stream->at_end_of_file = 0;
    stream->has_error = 0;
    funlockfile(stream);
}
