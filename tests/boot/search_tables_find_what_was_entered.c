/* tests/boot/search_tables_find_what_was_entered.c - <search.h> as
 * POSIX and glibc: lfind finds an element or says NULL, lsearch appends a
 * missing one and grows the count; tsearch adds a key once (a second
 * tsearch of an equal key gives the same node), tfind finds it, tdelete
 * removes it (NULL for a key not there) and twalk visits every node,
 * leaves as `leaf` and the others three times, in order at `postorder`;
 * hcreate/hsearch/hdestroy enter and find string keys, FIND of a missing
 * key is NULL. */
#include <search.h>
#include <stdlib.h>

#include "boot_test.h"

static int compare_ints(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return x < y ? -1 : x > y;
}

static int in_order[16], in_order_count, leaves, visits;

static void record(const void *node, VISIT visit, int depth)
{
    (void)depth;
    visits++;
    if (visit == leaf)
        leaves++;
    if (visit == postorder || visit == leaf)
        in_order[in_order_count++] = **(int *const *)node;
}

static void linear(void)
{
    int array[8] = { 5, 3, 9 };
    size_t count = 3;
    int key = 9;
    CHECK(lfind(&key, array, &count, sizeof *array, compare_ints) == &array[2], "lfind of 9");
    key = 4;
    CHECK(lfind(&key, array, &count, sizeof *array, compare_ints) == NULL, "lfind of a missing 4");
    int *added = lsearch(&key, array, &count, sizeof *array, compare_ints);
    CHECK(added == &array[3] && array[3] == 4 && count == 4, "lsearch appends 4");
    CHECK(lsearch(&key, array, &count, sizeof *array, compare_ints) == &array[3] && count == 4,
          "lsearch of 4 again finds it");
}

static void tree(void)
{
    static int keys[] = { 50, 30, 70, 20, 40, 60, 80 };
    void *root = NULL;
    for (unsigned i = 0; i < sizeof keys / sizeof *keys; i++) {
        void *node = tsearch(&keys[i], &root, compare_ints);
        CHECK(node && *(int **)node == &keys[i], "tsearch adds %d", keys[i]);
    }
    int other_forty = 40;
    void *again = tsearch(&other_forty, &root, compare_ints);
    CHECK(again && *(int **)again == &keys[4], "tsearch of an equal key: the node already there");
    void *found = tfind(&other_forty, &root, compare_ints);
    CHECK(found && **(int **)found == 40, "tfind of 40");
    int missing = 45;
    CHECK(tfind(&missing, &root, compare_ints) == NULL, "tfind of a missing 45");

    twalk(root, record);
    CHECK_EQ(7, in_order_count, "twalk: nodes seen in order");
    for (int i = 1; i < in_order_count; i++)
        CHECK(in_order[i - 1] < in_order[i], "twalk's postorder visits in order: %d then %d", in_order[i - 1],
              in_order[i]);
    CHECK_EQ(4, leaves, "twalk: leaves of the balanced tree of 7");
    CHECK_EQ(4 + 3 * 3, visits, "twalk: visits (a leaf once, another node three times)");

    CHECK(tdelete(&keys[0], &root, compare_ints) != NULL, "tdelete of the root, 50");
    CHECK(tfind(&keys[0], &root, compare_ints) == NULL, "50 gone");
    CHECK(tdelete(&missing, &root, compare_ints) == NULL, "tdelete of a missing key");
    for (unsigned i = 1; i < sizeof keys / sizeof *keys; i++) {
        found = tfind(&keys[i], &root, compare_ints);
        CHECK(found && **(int **)found == keys[i], "%d still found after the root went", keys[i]);
    }
    for (unsigned i = 1; i < sizeof keys / sizeof *keys; i++)
        tdelete(&keys[i], &root, compare_ints);
    CHECK(root == NULL, "the tree is empty once every key is deleted");
}

static void hash(void)
{
    CHECK(hcreate(16) != 0, "hcreate(16)");
    static char *names[] = { "alpha", "beta", "gamma", "delta" };
    for (long i = 0; i < 4; i++) {
        ENTRY item = { names[i], (void *)(i + 1) };
        CHECK(hsearch(item, ENTER) != NULL, "hsearch ENTER %s", names[i]);
    }
    char beta[] = "beta";
    ENTRY *found = hsearch((ENTRY){ beta, NULL }, FIND);
    CHECK(found && (long)found->data == 2, "hsearch FIND beta");
    char nothing[] = "epsilon";
    CHECK(hsearch((ENTRY){ nothing, NULL }, FIND) == NULL, "hsearch FIND of a missing key");
    found = hsearch((ENTRY){ beta, (void *)99 }, ENTER);
    CHECK(found && (long)found->data == 2, "hsearch ENTER of a key there: the entry already there");
    hdestroy();
}

int main(void)
{
    linear();
    tree();
    hash();
    return test_finish("search_tables_find_what_was_entered");
}
