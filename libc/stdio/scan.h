/* libc/stdio/scan.h - the engine behind the scanf family (internal). */
#ifndef LIBC_STDIO_SCAN_H
#define LIBC_STDIO_SCAN_H

#include <stdarg.h>

/* Where scanned characters come from: a stream or a string. */
struct scan_source {
    int (*next)(void *context);               /* the next character, or EOF */
    void (*give_back)(void *context, int c);  /* undoes the last next(); called at most once */
    void *context;
};

/* Reads from `source` as `format` says, storing through the pointers in
 * `args`. Returns the number of assignments made, or EOF if the input ended
 * before any assignment. (The name is reserved for the implementation, so
 * that a program's own function called `scan` cannot take its place.) */
int __libc_scan(const struct scan_source *source, const char *format, va_list args);

#endif
