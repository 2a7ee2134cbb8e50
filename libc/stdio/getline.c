/* libc/stdio/getline.c - getline and getdelim: a line of any length, in a
 * buffer that grows as it must (POSIX 2008).
 *
 *   *line: | b y t e s ... \n \0 |  ...  |      (*size bytes, malloc'd)
 *
 * The caller owns *line (and frees it); passing NULL with *size 0 lets the
 * first call allocate it. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>

#include "stream.h"

#define FIRST_SIZE 120   /* glibc's first buffer: most lines fit */

/* Makes *line hold at least `needed` bytes, doubling it; 0, or -1 with
 * ENOMEM (*line is then as it was). */
static int make_room(char **line, size_t *size, size_t needed)
{
    if (needed <= *size && *line)
        return 0;
    size_t grown = *size > 0 ? *size : FIRST_SIZE;
    while (grown < needed)
        grown = grown <= SIZE_MAX / 2 ? grown * 2 : needed;
    char *bigger = realloc(*line, grown);
    if (!bigger) {
        errno = ENOMEM;
        return -1;
    }
    *line = bigger;
    *size = grown;
    return 0;
}

/* Reads up to and including the next `delimiter` (or the end of the
 * file) into *line, growing it (and *size) as needed, and terminates it
 * with a NUL. Returns the bytes read, the delimiter included, or -1 at the
 * end of the file with nothing read, on a read error, or with EINVAL
 * (line or size NULL, or a stream not open for reading: EBADF), ENOMEM,
 * EOVERFLOW (more than SSIZE_MAX bytes). */
ssize_t getdelim(char **line, size_t *size, int delimiter, FILE *stream)
{
    if (!line || !size || !stream) {
        errno = EINVAL;
        return -1;
    }
    flockfile(stream);
    if (!(stream->access & STREAM_READ)) {
        stream->has_error = 1;
        funlockfile(stream);
        errno = EBADF;
        return -1;
    }
    size_t length = 0;
    ssize_t result = -1;
    if (make_room(line, size, 1) == 0) {
        for (;;) {
            int c = getc_unlocked(stream);
            if (c == EOF) {
                if (length > 0 && !stream->has_error)
                    result = (ssize_t)length;
                break;
            }
            if (length >= (size_t)SSIZE_MAX - 1) {
                errno = EOVERFLOW;
                break;
            }
            if (make_room(line, size, length + 2) == -1)
                break;
            (*line)[length++] = (char)c;
            if (c == (unsigned char)delimiter) {
                result = (ssize_t)length;
                break;
            }
        }
        (*line)[length] = '\0';
    }
    funlockfile(stream);
    return result;
}

/* getdelim up to a newline. */
ssize_t getline(char **line, size_t *size, FILE *stream)
{
    return getdelim(line, size, '\n', stream);
}
