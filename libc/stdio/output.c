/* libc/stdio/output.c - writing characters, strings and blocks to streams.
 * Each call holds the stream's lock (flockfile) while it writes, so the
 * bytes of one call are never mixed with another thread's; the _unlocked
 * forms leave locking to the caller. */
#include <string.h>

#include "stream.h"

/* Writes `size` bytes to `stream` through its buffer; returns 0 or EOF. */
static int put_bytes(FILE *stream, const char *bytes, size_t size)
{
    if (stream_start_writing(stream) == EOF)
        return EOF;
    if (stream->buffer_mode == _IONBF)
        return stream_write_through(stream, bytes, size);
    if (size >= stream->buffer_size) {           /* too big to buffer: send it directly */
        if (stream_flush_writes(stream) == EOF)
            return EOF;
        return stream_write_through(stream, bytes, size);
    }
    while (size > 0) {
        size_t room = stream->buffer_size - stream->write_count;
        size_t chunk = size < room ? size : room;
        memcpy(stream->buffer + stream->write_count, bytes, chunk);
        stream->write_count += chunk;
        bytes += chunk;
        size -= chunk;
        if (stream->write_count == stream->buffer_size && stream_flush_writes(stream) == EOF)
            return EOF;
    }
    return 0;
}

/* A line-buffered stream writes its buffer out once a newline is in it. */
static int end_line(FILE *stream, const void *bytes, size_t size)
{
    if (stream->buffer_mode == _IOLBF && memchr(bytes, '\n', size))
        return stream_flush_writes(stream);
    return 0;
}

/* Writes `count` items of `size` bytes; returns the number of whole items
 * written (fewer only on an error). */
size_t fwrite(const void *data, size_t size, size_t count, FILE *stream)
{
    if (size == 0 || count == 0)
        return 0;
    size_t total = size * count;
    flockfile(stream);
    if (total / size != count) {                 /* more bytes than memory holds */
        stream->has_error = 1;
        count = 0;
    } else if (put_bytes(stream, data, total) == EOF || end_line(stream, data, total) == EOF) {
        count = 0;
    }
    funlockfile(stream);
    return count;
}

/* fputc for a caller that holds the stream's lock. */
int putc_unlocked(int c, FILE *stream)
{
    char byte = (char)c;
    if (put_bytes(stream, &byte, 1) == EOF || end_line(stream, &byte, 1) == EOF)
        return EOF;
    return (unsigned char)byte;
}

/* Writes the character `c`; returns it, or EOF on an error. */
int fputc(int c, FILE *stream)
{
    flockfile(stream);
    int result = putc_unlocked(c, stream);
    funlockfile(stream);
    return result;
}

/* fputc under its other name. */
int putc(int c, FILE *stream)
{
    return fputc(c, stream);
}

/* Writes the character `c` to stdout; returns it, or EOF on an error. */
int putchar(int c)
{
    return fputc(c, stdout);
}

/* putchar for a caller that holds stdout's lock. */
int putchar_unlocked(int c)
{
    return putc_unlocked(c, stdout);
}

/* Writes the string without its NUL; returns 0, or EOF on an error. */
int fputs(const char *text, FILE *stream)
{
    size_t length = strlen(text);
    if (length == 0)
        return 0;
    return fwrite(text, length, 1, stream) == 1 ? 0 : EOF;
}

/* Writes the string and a newline to stdout; returns 0, or EOF on an error. */
int puts(const char *text)
{
    flockfile(stdout);                           /* the line and its newline together */
    int result = fputs(text, stdout) == EOF || putc_unlocked('\n', stdout) == EOF ? EOF : 0;
    funlockfile(stdout);
    return result;
}
