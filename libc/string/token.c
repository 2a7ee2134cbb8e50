/* libc/string/token.c - splitting a string into tokens: strtok, strtok_r,
 * and BSD's strsep, which keeps empty fields. */
#include <string.h>

/* Returns the next token of `s` (or, when s is NULL, of the string an
 * earlier call was working on, as *saved records), ending it with a NUL in
 * place of the delimiter that follows it. Returns NULL when none is left. */
char *strtok_r(char *s, const char *delimiters, char **saved)
{
    if (!s)
        s = *saved;
    if (!s)
        return NULL;                     /* no string was ever given */
    s += strspn(s, delimiters);          /* skip delimiters before the token */
    if (*s == '\0') {
        *saved = s;
        return NULL;
    }
    char *token = s;
    s += strcspn(s, delimiters);
    if (*s != '\0')
        *s++ = '\0';
    *saved = s;
    return token;
}

/* strtok_r with one hidden position: a single string at a time. */
char *strtok(char *s, const char *delimiters)
{
    static char *saved;
    return strtok_r(s, delimiters, &saved);
}

/* Returns the field *string starts with, ending it with a NUL in place of
 * the first of `delimiters` after it, and moves *string past that
 * delimiter (to NULL after the last field). Unlike strtok, two delimiters
 * in a row give an empty field. NULL once *string is NULL. */
char *strsep(char **string, const char *delimiters)
{
    char *field = *string;
    if (!field)
        return NULL;
    char *end = field + strcspn(field, delimiters);
    if (*end) {
        *end = '\0';
        *string = end + 1;
    } else {
        *string = NULL;
    }
    return field;
}
