/* libc/stdio/memory_stream.c - streams in memory: fmemopen(3) over a
 * buffer of a fixed size, open_memstream(3) over one that grows. The
 * stream's buffer (stream.h) moves bytes through memory_file_read,
 * _write and _seek instead of read(2), write(2) and lseek(2):
 *
 *   buffer: [ the contents ........ | room ............ ]
 *             ^0          ^position ^length             ^capacity
 *
 * As glibc's:
 *   - fmemopen's modes are fopen's: "r" reads `size` bytes, "w" starts
 *     empty (a NUL at buffer[0]), "a" at the first NUL; a NUL follows
 *     what was written: a write that would pass the end is cut one byte
 *     short of it, to keep that byte for the NUL (unless what is written
 *     ends in one), and with no room left it fails (ENOSPC); SEEK_END
 *     counts from the contents' end; a NULL buffer is one of `size`
 *     bytes the stream allocates and frees;
 *   - open_memstream writes only, into a buffer it grows: at each flush
 *     and at fclose *ptr is the buffer and *size the bytes up to the
 *     position, with a NUL there; the caller frees *ptr after fclose.
 * The stream is fully buffered, as any: the memory sees the bytes at a
 * flush. fileno() of one is -1 (EBADF). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "stream.h"

struct memory_file {
    char *buffer;
    size_t capacity;              /* bytes of `buffer` the contents may take */
    size_t length;                /* bytes of contents */
    size_t position;
    int appending;                /* "a": every write at the end */
    int allocated;                /* fmemopen(NULL, ...): the stream frees the buffer */
    char **user_buffer;           /* open_memstream's *ptr and *size, or NULL */
    size_t *user_size;
};

ssize_t memory_file_read(struct memory_file *memory, void *data, size_t size)
{
    if (memory->position >= memory->length)
        return 0;
    size_t count = memory->length - memory->position;
    if (count > size)
        count = size;
    memcpy(data, memory->buffer + memory->position, count);
    memory->position += count;
    return (ssize_t)count;
}

/* open_memstream: room for `needed` bytes of contents, and the NUL after
 * them (the buffer is always capacity + 1 bytes); 0, or -1 (ENOMEM). */
static int grow(struct memory_file *memory, size_t needed)
{
    if (needed <= memory->capacity)
        return 0;
    size_t capacity = memory->capacity * 2 > needed ? memory->capacity * 2 : needed;
    char *bigger = realloc(memory->buffer, capacity + 1);
    if (!bigger)
        return -1;
    memset(bigger + memory->capacity, 0, capacity + 1 - memory->capacity);
    memory->buffer = bigger;
    memory->capacity = capacity;
    return 0;
}

/* open_memstream's *ptr and *size, as POSIX says them after a flush. */
static void tell_the_user(struct memory_file *memory)
{
    if (!memory->user_buffer)
        return;
    size_t size = memory->position < memory->length ? memory->position : memory->length;
    memory->buffer[size] = '\0';
    *memory->user_buffer = memory->buffer;
    *memory->user_size = size;
}

ssize_t memory_file_write(struct memory_file *memory, const void *data, size_t size)
{
    if (memory->appending)
        memory->position = memory->length;
    if (memory->user_buffer) {           /* grows: every byte fits, and the NUL after */
        if (grow(memory, memory->position + size) < 0)
            return -1;
        memcpy(memory->buffer + memory->position, data, size);
        memory->position += size;
        if (memory->position > memory->length)
            memory->length = memory->position;
        tell_the_user(memory);
        return (ssize_t)size;
    }
    int needs_nul = size == 0 || ((const char *)data)[size - 1] != '\0';
    size_t count = size;
    if (memory->position + size > memory->capacity) {
        if (memory->position + needs_nul >= memory->capacity) {
            errno = ENOSPC;
            return -1;
        }
        count = memory->capacity - memory->position - needs_nul;
    }
    memcpy(memory->buffer + memory->position, data, count);
    memory->position += count;
    if (memory->position > memory->length) {
        memory->length = memory->position;
        if (memory->length < memory->capacity && needs_nul)
            memory->buffer[memory->length] = '\0';
        else if (!memory->appending && needs_nul)
            memory->buffer[memory->capacity - 1] = '\0';
    }
    return (ssize_t)count;
}

off_t memory_file_seek(struct memory_file *memory, off_t offset, int whence)
{
    off_t base;
    switch (whence) {
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: base = (off_t)memory->position; break;
    case SEEK_END: base = (off_t)memory->length; break;
    default: errno = EINVAL; return -1;
    }
    off_t position = base + offset;
    if (position < 0 || (!memory->user_buffer && (size_t)position > memory->capacity)) {
        errno = EINVAL;
        return -1;
    }
    memory->position = (size_t)position;
    if (memory->user_buffer && memory->position > memory->length && grow(memory, memory->position) == 0)
        memory->length = memory->position;   /* a gap reads as zeros, as glibc's */
    tell_the_user(memory);
    return position;
}

int memory_file_close(struct memory_file *memory)
{
    tell_the_user(memory);
    if (memory->allocated)
        free(memory->buffer);
    free(memory);
    return 0;
}

/* A stream over `memory` with `access`; NULL with ENOMEM (memory freed). */
static FILE *memory_stream(struct memory_file *memory, int access)
{
    FILE *stream = __stdio_new_stream(-1, access);
    if (!stream) {
        if (memory->allocated || memory->user_buffer)
            free(memory->buffer);
        free(memory);
        errno = ENOMEM;
        return NULL;
    }
    stream->memory = memory;
    return stream;
}

FILE *fmemopen(void *buffer, size_t size, const char *mode)
{
    int update = strchr(mode, '+') != NULL;
    int access;
    switch (mode[0]) {
    case 'r': access = update ? STREAM_READ | STREAM_WRITE : STREAM_READ; break;
    case 'w':
    case 'a': access = update ? STREAM_READ | STREAM_WRITE : STREAM_WRITE; break;
    default: errno = EINVAL; return NULL;
    }
    struct memory_file *memory = calloc(1, sizeof *memory);
    if (!memory) {
        errno = ENOMEM;
        return NULL;
    }
    memory->buffer = buffer;
    memory->capacity = size;
    if (!buffer) {
        if (!(memory->buffer = calloc(1, size ? size : 1))) {
            free(memory);
            errno = ENOMEM;
            return NULL;
        }
        memory->allocated = 1;
    }
    if (mode[0] == 'r') {
        memory->length = size;
    } else if (mode[0] == 'w') {
        if (size)
            memory->buffer[0] = '\0';
    } else {
        memory->appending = 1;
        memory->length = strnlen(memory->buffer, size);
        memory->position = memory->length;
    }
    return memory_stream(memory, access);
}

FILE *open_memstream(char **buffer, size_t *size)
{
    if (!buffer || !size) {
        errno = EINVAL;
        return NULL;
    }
    struct memory_file *memory = calloc(1, sizeof *memory);
    char *start = calloc(1, 1);
    if (!memory || !start) {
        free(memory);
        free(start);
        errno = ENOMEM;
        return NULL;
    }
    memory->buffer = start;
    memory->user_buffer = buffer;
    memory->user_size = size;
    FILE *stream = memory_stream(memory, STREAM_WRITE);
    if (stream)
        tell_the_user(memory);
    return stream;
}
