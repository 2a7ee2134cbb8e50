/* libc/string/collate.c - comparing strings by the locale's order: the
 * only locale is "C", where that order is the bytes' (strcmp). */
#include <string.h>

/* strcmp: the C locale's collation. */
int strcoll(const char *a, const char *b)
{
    return strcmp(a, b);
}

/* Copies `source` into `destination` (at most `size` bytes, NUL
 * included) in a form strcmp orders as strcoll does: in the C locale, the
 * string itself. Returns its length; if that is `size` or more, the
 * contents of destination are unspecified (ISO C). */
size_t strxfrm(char *destination, const char *source, size_t size)
{
    size_t length = strlen(source);
    if (length < size)
        memcpy(destination, source, length + 1);
    return length;
}
