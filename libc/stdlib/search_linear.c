/* libc/stdlib/search_linear.c - lfind and lsearch (lsearch(3)). */
#include <search.h>
#include <string.h>

void *lfind(const void *key, const void *base, size_t *count, size_t size,
            int (*compare)(const void *, const void *))
{
    const char *element = base;
    for (size_t i = 0; i < *count; i++, element += size)
        if (compare(key, element) == 0)
            return (void *)element;
    return NULL;
}

/* The array must have room for one more element. */
void *lsearch(const void *key, void *base, size_t *count, size_t size,
              int (*compare)(const void *, const void *))
{
    void *found = lfind(key, base, count, size, compare);
    if (found)
        return found;
    void *end = (char *)base + *count * size;
    memcpy(end, key, size);
    ++*count;
    return end;
}
