/* libc/string/search.c - finding bytes and character sets in strings:
 * memchr, memrchr, strchrnul, strspn, strcspn, strpbrk. */
#include <string.h>

/* Returns the first of the `n` bytes at `s` equal to `c`, or NULL. */
void *memchr(const void *s, int c, size_t n)
{
    const unsigned char *p = s;
    for (size_t i = 0; i < n; i++)
        if (p[i] == (unsigned char)c)
            return (void *)(p + i);
    return NULL;
}

/* Length of the first stretch of `s` made only of characters in `accept`. */
size_t strspn(const char *s, const char *accept)
{
    size_t n = 0;
    while (s[n] && strchr(accept, s[n]))
        n++;
    return n;
}

/* Length of the first stretch of `s` made only of characters not in `reject`. */
size_t strcspn(const char *s, const char *reject)
{
    size_t n = 0;
    while (s[n] && !strchr(reject, s[n]))
        n++;
    return n;
}

/* Returns the first character of `s` that is in `accept`, or NULL. */
char *strpbrk(const char *s, const char *accept)
{
    s += strcspn(s, accept);
    return *s ? (char *)s : NULL;
}

/* Returns the last of the `n` bytes at `s` equal to `c`, or NULL (GNU). */
void *memrchr(const void *s, int c, size_t n)
{
    const unsigned char *p = s;
    while (n-- > 0)
        if (p[n] == (unsigned char)c)
            return (void *)(p + n);
    return NULL;
}

/* Returns the first `c` in `s`, or the NUL at its end if there is none
 * (GNU). */
char *strchrnul(const char *s, int c)
{
    while (*s && *s != (char)c)
        s++;
    return (char *)s;
}
