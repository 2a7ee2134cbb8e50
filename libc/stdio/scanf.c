/* libc/stdio/scanf.c - the scanf family: the engine in scan.c reading from
 * a stream or from a string. */
#include <stdio.h>

#include "scan.h"

/* The stream source: the next character of the FILE in `context`. */
static int stream_next(void *context)
{
    return getc_unlocked(context);
}

/* Pushes `c` back into the FILE with ungetc. */
static void stream_give_back(void *context, int c)
{
    ungetc(c, context);
}

/* The string source: the next character of the string, EOF at its end. */
static int string_next(void *context)
{
    const char **cursor = context;
    if (**cursor == '\0')
        return EOF;
    return (unsigned char)*(*cursor)++;
}

/* Steps the cursor back over the character just read. */
static void string_give_back(void *context, int c)
{
    const char **cursor = context;
    (void)c;
    (*cursor)--;
}

/* Scans from `stream`; returns the assignments made, or EOF. */
int vfscanf(FILE *stream, const char *format, va_list args)
{
    struct scan_source source = { stream_next, stream_give_back, stream };
    flockfile(stream);
    int assigned = __libc_scan(&source, format, args);
    funlockfile(stream);
    return assigned;
}

/* vfscanf from stdin. */
int vscanf(const char *format, va_list args)
{
    return vfscanf(stdin, format, args);
}

/* Scans from the string `input`; returns the assignments made, or EOF. */
int vsscanf(const char *input, const char *format, va_list args)
{
    const char *cursor = input;
    struct scan_source source = { string_next, string_give_back, &cursor };
    return __libc_scan(&source, format, args);
}

/* Scans from stdin; returns the assignments made, or EOF. */
int scanf(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int result = vfscanf(stdin, format, args);
    va_end(args);
    return result;
}

/* Scans from `stream`; returns the assignments made, or EOF. */
int fscanf(FILE *stream, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int result = vfscanf(stream, format, args);
    va_end(args);
    return result;
}

/* Scans from the string `input`; returns the assignments made, or EOF. */
int sscanf(const char *input, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int result = vsscanf(input, format, args);
    va_end(args);
    return result;
}
