/* libc/include/err.h - BSD's error messages: "prog: message: errno's
 * text" on standard error, and for err/errx an exit. */
#ifndef LIBC_INCLUDE_ERR_H
#define LIBC_INCLUDE_ERR_H

#include <stdarg.h>

#define LIBC_ERR_PRINTF(f, a) __attribute__((__format__(__printf__, f, a)))

void warn(const char *format, ...) LIBC_ERR_PRINTF(1, 2);
void vwarn(const char *format, va_list args) LIBC_ERR_PRINTF(1, 0);
void warnx(const char *format, ...) LIBC_ERR_PRINTF(1, 2);
void vwarnx(const char *format, va_list args) LIBC_ERR_PRINTF(1, 0);
void err(int status, const char *format, ...) __attribute__((__noreturn__)) LIBC_ERR_PRINTF(2, 3);
void verr(int status, const char *format, va_list args) __attribute__((__noreturn__)) LIBC_ERR_PRINTF(2, 0);
void errx(int status, const char *format, ...) __attribute__((__noreturn__)) LIBC_ERR_PRINTF(2, 3);
void verrx(int status, const char *format, va_list args) __attribute__((__noreturn__)) LIBC_ERR_PRINTF(2, 0);

#undef LIBC_ERR_PRINTF

#endif
