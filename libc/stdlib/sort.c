/* libc/stdlib/sort.c - qsort and bsearch.
 *
 * qsort is a heapsort: O(n log n) comparisons on every input, sorted or
 * not, with no recursion and no extra memory. (A quicksort is usually a
 * little faster, but has a quadratic worst case that needs care to avoid.)
 * Like every qsort it is not stable: equal elements may change order. */
#include <stdlib.h>

/* Exchanges the `size`-byte elements at `a` and `b`. */
static void swap(char *a, char *b, size_t size)
{
    while (size-- > 0) {
        char t = *a;
        *a++ = *b;
        *b++ = t;
    }
}

/* Moves element `root` down the heap of `count` elements until both its
 * children are no bigger than it. */
static void sift_down(char *base, size_t root, size_t count, size_t size,
                      int (*compare)(const void *, const void *))
{
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= count)
            return;
        if (child + 1 < count && compare(base + child * size, base + (child + 1) * size) < 0)
            child++;                                   /* the bigger child */
        if (compare(base + root * size, base + child * size) >= 0)
            return;
        swap(base + root * size, base + child * size, size);
        root = child;
    }
}

/* Sorts `count` elements of `size` bytes at `base` in the order `compare`
 * gives (negative: first argument goes first). */
void qsort(void *base, size_t count, size_t size,
           int (*compare)(const void *, const void *))
{
    char *elements = base;
    if (count < 2 || size == 0)
        return;
    for (size_t i = count / 2; i-- > 0;)               /* build a max-heap */
        sift_down(elements, i, count, size, compare);
    for (size_t end = count - 1; end > 0; end--) {     /* move the max to the end */
        swap(elements, elements + end * size, size);
        sift_down(elements, 0, end, size, compare);
    }
}

/* Finds an element equal to *key in the sorted array; returns it, or NULL. */
void *bsearch(const void *key, const void *base, size_t count, size_t size,
              int (*compare)(const void *, const void *))
{
    const char *low = base;
    while (count > 0) {
        const char *middle = low + (count / 2) * size;
        int order = compare(key, middle);
        if (order == 0)
            return (void *)middle;
        if (order > 0) {
            low = middle + size;
            count -= count / 2 + 1;
        } else {
            count /= 2;
        }
    }
    return NULL;
}
