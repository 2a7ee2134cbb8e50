/* libc/include/search.h - searching tables (POSIX): a linear search of an
 * array (lsearch, lfind), a binary search tree (tsearch, tfind, tdelete,
 * twalk; tdestroy is GNU) and one hash table per process (hcreate,
 * hsearch, hdestroy). The code is libc/stdlib/search_linear.c,
 * search_tree.c and search_hash.c. */
#ifndef LIBC_INCLUDE_SEARCH_H
#define LIBC_INCLUDE_SEARCH_H

#include <stddef.h>

/* Linear search: the element of the `*count` elements of `size` bytes at
 * `base` that `compare` finds equal to `key` (returns 0), or NULL (lfind)
 * / `key` appended and *count grown (lsearch). */
void *lfind(const void *key, const void *base, size_t *count, size_t size,
            int (*compare)(const void *, const void *));
void *lsearch(const void *key, void *base, size_t *count, size_t size,
              int (*compare)(const void *, const void *));

/* Binary search trees. A tree is a `void *` root, NULL when empty; a node
 * found or made is returned as a pointer whose first member is the key
 * pointer given (so `*(T **)node` is the element). */
typedef enum { preorder, postorder, endorder, leaf } VISIT;
void *tsearch(const void *key, void **root, int (*compare)(const void *, const void *));
void *tfind(const void *key, void *const *root, int (*compare)(const void *, const void *));
void *tdelete(const void *restrict key, void **restrict root, int (*compare)(const void *, const void *));
void twalk(const void *root, void (*action)(const void *node, VISIT visit, int depth));
void tdestroy(void *root, void (*free_key)(void *key));   /* GNU */

/* The one hash table: at most `capacity` entries (hcreate); hsearch
 * FINDs an entry by its key string or ENTERs it (NULL with ENOMEM when
 * full). */
typedef struct entry {
    char *key;
    void *data;
} ENTRY;
typedef enum { FIND, ENTER } ACTION;
int hcreate(size_t capacity);
ENTRY *hsearch(ENTRY item, ACTION action);
void hdestroy(void);

#endif
