/* libc/stdio/perror.c - reporting errno on stderr. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Prints "prefix: message for errno" (just the message when `prefix` is
 * NULL or empty) and a newline to stderr. */
void perror(const char *prefix)
{
    const char *message = strerror(errno);
    if (prefix && *prefix)
        fprintf(stderr, "%s: %s\n", prefix, message);
    else
        fprintf(stderr, "%s\n", message);
}
