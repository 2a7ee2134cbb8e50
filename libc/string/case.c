/* libc/string/case.c - comparing and finding strings without regard to
 * case (ASCII). */
#include <ctype.h>
#include <string.h>
#include <strings.h>

/* Like strcmp, with upper and lower case letters equal. */
int strcasecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int difference = tolower((unsigned char)*a) - tolower((unsigned char)*b);
        if (difference != 0 || *a == '\0')
            return difference;
    }
}

/* Like strncmp, with upper and lower case letters equal. */
int strncasecmp(const char *a, const char *b, size_t n)
{
    for (; n > 0; n--, a++, b++) {
        int difference = tolower((unsigned char)*a) - tolower((unsigned char)*b);
        if (difference != 0 || *a == '\0')
            return difference;
    }
    return 0;
}

/* Like strstr, with upper and lower case letters equal (GNU). */
char *strcasestr(const char *haystack, const char *needle)
{
    size_t length = strlen(needle);
    for (; *haystack; haystack++)
        if (strncasecmp(haystack, needle, length) == 0)
            return (char *)haystack;
    return length == 0 ? (char *)haystack : NULL;
}
