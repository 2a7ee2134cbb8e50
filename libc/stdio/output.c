/* libc/stdio/output.c - writing characters, strings and blocks to streams. */
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
    if (total / size != count) {                 /* more bytes than memory holds */
        stream->has_error = 1;
        return 0;
    }
    if (put_bytes(stream, data, total) == EOF || end_line(stream, data, total) == EOF)
        return 0;
    return count;
}

/* Writes the character `c`; returns it, or EOF on an error. */
int fputc(int c, FILE *stream)
{
    char byte = (char)c;
    if (put_bytes(stream, &byte, 1) == EOF || end_line(stream, &byte, 1) == EOF)
        return EOF;
    return (unsigned char)byte;
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
    if (fputs(text, stdout) == EOF)
        return EOF;
    return fputc('\n', stdout) == EOF ? EOF : 0;
}
