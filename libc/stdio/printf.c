/* libc/stdio/printf.c - the printf family, on the formatting engine shared
 * with the kernel (kernel/lib/format.c): it produces one character at a
 * time, and each function here decides where the characters go. */
#include <lib/format.h>
#include <limits.h>
#include <stdio.h>

#define PRINTF_CHUNK 256   /* characters gathered before handing them to the stream */

/* Output to a stream: characters gather in a chunk on the stack so that
 * even an unbuffered stream gets whole pieces, not one write per character. */
struct stream_output {
    FILE *stream;
    int failed;
    size_t used;
    char chunk[PRINTF_CHUNK];
};

/* Hands the gathered characters to the stream; notes a failure. */
static void flush_chunk(struct stream_output *out)
{
    if (out->used > 0 && fwrite(out->chunk, 1, out->used, out->stream) != out->used)
        out->failed = 1;
    out->used = 0;
}

/* format() callback: adds one character to the chunk, flushing it when full. */
static void emit_to_stream(void *context, char c)
{
    struct stream_output *out = context;
    if (out->used == sizeof out->chunk)
        flush_chunk(out);
    out->chunk[out->used++] = c;
}

/* Output to memory: keeps the first size-1 characters, counts them all. */
struct string_output {
    char *out;
    size_t size;
    size_t length;
};

/* format() callback: stores one character if it fits, counts it always. */
static void emit_to_string(void *context, char c)
{
    struct string_output *out = context;
    if (out->length + 1 < out->size)
        out->out[out->length] = c;
    out->length++;
}

/* Returns the characters written, or -1 if the stream failed. */
int vfprintf(FILE *stream, const char *format_string, va_list args)
{
    struct stream_output out = { .stream = stream, .failed = 0, .used = 0 };
    flockfile(stream);                           /* one printf's text stays together */
    int count = format(emit_to_stream, &out, format_string, args);
    flush_chunk(&out);
    funlockfile(stream);
    return out.failed ? -1 : count;
}

/* vfprintf to stdout. */
int vprintf(const char *format_string, va_list args)
{
    return vfprintf(stdout, format_string, args);
}

/* Writes at most size-1 characters and a NUL into `out` (nothing when size
 * is 0); returns the length the whole output would have had. */
int vsnprintf(char *out, size_t size, const char *format_string, va_list args)
{
    struct string_output string = { .out = out, .size = size, .length = 0 };
    format(emit_to_string, &string, format_string, args);
    if (size > 0)
        out[string.length < size ? string.length : size - 1] = '\0';
    return (int)string.length;
}

/* vsnprintf without a limit: `out` must be big enough. */
int vsprintf(char *out, const char *format_string, va_list args)
{
    return vsnprintf(out, INT_MAX, format_string, args);   /* no int result is longer */
}

/* Formats to stdout; returns the characters written, or -1 on an error. */
int printf(const char *format_string, ...)
{
    va_list args;
    va_start(args, format_string);
    int count = vfprintf(stdout, format_string, args);
    va_end(args);
    return count;
}

/* Formats to `stream`; returns the characters written, or -1 on an error. */
int fprintf(FILE *stream, const char *format_string, ...)
{
    va_list args;
    va_start(args, format_string);
    int count = vfprintf(stream, format_string, args);
    va_end(args);
    return count;
}

/* Formats into `out`, which must be big enough; returns the length. */
int sprintf(char *out, const char *format_string, ...)
{
    va_list args;
    va_start(args, format_string);
    int count = vsprintf(out, format_string, args);
    va_end(args);
    return count;
}

/* Formats into `out` of `size` bytes; returns the length the whole output has. */
int snprintf(char *out, size_t size, const char *format_string, ...)
{
    va_list args;
    va_start(args, format_string);
    int count = vsnprintf(out, size, format_string, args);
    va_end(args);
    return count;
}
