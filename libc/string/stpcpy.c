/* libc/string/stpcpy.c - copies that return where they ended (POSIX
 * 2008), for building a string piece by piece without strlen. */
#include <string.h>

/* Copies `source` with its NUL to `destination`; returns the address of
 * that NUL in destination. */
char *stpcpy(char *destination, const char *source)
{
    while ((*destination = *source++) != '\0')
        destination++;
    return destination;
}

/* Copies at most `n` bytes of `source`, filling the rest of the `n` with
 * NULs (as strncpy); returns the address of the first NUL written, or
 * destination + n if there is none (source was n bytes or longer). */
char *stpncpy(char *destination, const char *source, size_t n)
{
    size_t length = strnlen(source, n);
    memcpy(destination, source, length);
    memset(destination + length, 0, n - length);
    return destination + length;
}

/* memcpy that returns the byte after the last one written (GNU). */
void *mempcpy(void *destination, const void *source, size_t n)
{
    return (char *)memcpy(destination, source, n) + n;
}
