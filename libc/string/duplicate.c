/* libc/string/duplicate.c - copies of strings in malloc'd memory. */
#include <stdlib.h>
#include <string.h>

/* Returns a malloc'd copy of `s`, or NULL with ENOMEM. */
char *strdup(const char *s)
{
    return strndup(s, strlen(s));
}

/* Returns a malloc'd copy of at most `max` characters of `s`, terminated. */
char *strndup(const char *s, size_t max)
{
    size_t length = strnlen(s, max);
    char *copy = malloc(length + 1);
    if (copy) {
        memcpy(copy, s, length);
        copy[length] = '\0';
    }
    return copy;
}
