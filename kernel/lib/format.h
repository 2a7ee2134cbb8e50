/* kernel/lib/format.h - printf-style formatting, shared by the kernel's
 * kprintf and the libc's printf family (the same file is compiled into both).
 * Output goes through a callback, so the caller decides where characters go:
 * a serial port, a FILE buffer, or a string. */
#ifndef KERNEL_LIB_FORMAT_H
#define KERNEL_LIB_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/* Called once per output character with the caller's context. */
typedef void (*format_emit)(void *context, char c);

/* Formats `fmt` with `args`, calling `emit` for each character, and returns
 * the number of characters produced.
 * Conversions: %d %i %u %x %X %o %p %s %c %% (and %f %e %g where
 * FORMAT_WITH_FLOAT is defined: the libc, never the kernel);
 * flags - 0 + space #; a width and a precision, either may be *;
 * length modifiers hh h l ll z t j. */
int format(format_emit emit, void *context, const char *fmt, va_list args);

#endif
