/* libc/string/bsd.c - the old BSD names of <strings.h> that network code
 * (Stevens' UNP among it) still calls: bzero, bcopy, bcmp, index, rindex,
 * and ffs. */
#include <string.h>
#include <strings.h>

/* memset(s, 0, n). */
void bzero(void *s, size_t n)
{
    memset(s, 0, n);
}

/* memmove with source first: copies even when the areas overlap. */
void bcopy(const void *source, void *destination, size_t n)
{
    memmove(destination, source, n);
}

/* 0 if the `n` bytes are equal, else nonzero (memcmp's sign is not promised). */
int bcmp(const void *a, const void *b, size_t n)
{
    return memcmp(a, b, n);
}

/* strchr under its old name. */
char *index(const char *s, int c)
{
    return strchr(s, c);
}

/* strrchr under its old name. */
char *rindex(const char *s, int c)
{
    return strrchr(s, c);
}

/* The position, from 1, of the lowest bit set in `bits`; 0 if none is. */
int ffs(int bits)
{
    unsigned value = (unsigned)bits;
    if (value == 0)
        return 0;
    int position = 1;
    while (!(value & 1)) {
        value >>= 1;
        position++;
    }
    return position;
}
