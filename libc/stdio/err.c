/* libc/stdio/err.c - BSD's err, errx, warn, warnx and their v- forms:
 *
 *     warn:  "prog: message: No such file or directory\n"
 *     warnx: "prog: message\n"
 *
 * where prog is the program's name (the last part of argv[0]). A NULL
 * format leaves out the message and its ": ". err and errx then exit
 * with `status`. The line is written with stderr's lock held, so threads
 * do not mix their lines. */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Writes "prog: message[: error text]\n"; `error` < 0 leaves out the
 * error text. */
static void complain(const char *format, va_list args, int error)
{
    flockfile(stderr);
    fprintf(stderr, "%s: ", program_invocation_short_name);
    if (format) {
        vfprintf(stderr, format, args);
        if (error >= 0)
            fprintf(stderr, ": ");
    }
    if (error >= 0)
        fprintf(stderr, "%s", strerror(error));
    fprintf(stderr, "\n");
    funlockfile(stderr);
}

/* warn with the arguments in a va_list. */
void vwarn(const char *format, va_list args)
{
    complain(format, args, errno);
}

/* warnx with the arguments in a va_list. */
void vwarnx(const char *format, va_list args)
{
    complain(format, args, -1);
}

/* err with the arguments in a va_list. */
void verr(int status, const char *format, va_list args)
{
    complain(format, args, errno);
    exit(status);
}

/* errx with the arguments in a va_list. */
void verrx(int status, const char *format, va_list args)
{
    complain(format, args, -1);
    exit(status);
}

/* The message, ": " and errno's text. */
void warn(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vwarn(format, args);
    va_end(args);
}

/* The message alone. */
void warnx(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vwarnx(format, args);
    va_end(args);
}

/* warn, then exit(status). */
void err(int status, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    verr(status, format, args);
}

/* warnx, then exit(status). */
void errx(int status, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    verrx(status, format, args);
}
