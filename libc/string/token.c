/* libc/string/token.c - splitting a string into tokens: strtok, strtok_r. */
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
