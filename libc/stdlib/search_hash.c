/* libc/stdlib/search_hash.c - hcreate, hsearch, hdestroy (hsearch(3)):
 * the process's one hash table of string keys, open addressing with
 * linear probing in a table of the next power of two above the capacity
 * asked (so it is never more than half full), which hsearch fills up to
 * that capacity (then ENTER fails with ENOMEM, as glibc's when full). The
 * keys and data are the caller's; hdestroy frees only the table. */
#include <errno.h>
#include <search.h>
#include <stdlib.h>
#include <string.h>

static ENTRY *table;
static size_t slots, capacity, used;

int hcreate(size_t wanted)
{
    if (table) {
        errno = EINVAL;               /* glibc: one table at a time */
        return 0;
    }
    size_t size = 8;
    while (size < 2 * wanted && size < ((size_t)1 << 28))
        size *= 2;
    table = calloc(size, sizeof *table);
    if (!table) {
        errno = ENOMEM;
        return 0;
    }
    slots = size;
    capacity = wanted > size / 2 ? size / 2 : wanted;
    if (capacity == 0)
        capacity = 1;
    used = 0;
    return 1;
}

static size_t hash_of(const char *key)
{
    size_t hash = 2166136261u;        /* FNV-1a */
    for (; *key; key++)
        hash = (hash ^ (unsigned char)*key) * 16777619u;
    return hash;
}

ENTRY *hsearch(ENTRY item, ACTION action)
{
    if (!table || !item.key) {
        errno = ESRCH;
        return NULL;
    }
    size_t index = hash_of(item.key) & (slots - 1);
    while (table[index].key) {
        if (strcmp(table[index].key, item.key) == 0)
            return &table[index];
        index = (index + 1) & (slots - 1);
    }
    if (action == FIND) {
        errno = ESRCH;
        return NULL;
    }
    if (used == capacity) {
        errno = ENOMEM;
        return NULL;
    }
    table[index] = item;
    used++;
    return &table[index];
}

void hdestroy(void)
{
    free(table);
    table = NULL;
    slots = capacity = used = 0;
}
