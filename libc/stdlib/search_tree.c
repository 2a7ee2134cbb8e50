/* libc/stdlib/search_tree.c - tsearch, tfind, tdelete, twalk, tdestroy
 * (tsearch(3)): a plain binary search tree, not balanced (glibc's is a
 * red-black tree: the same answers, but keys inserted in order make this
 * one a list, so each call costs as many comparisons as there are keys).
 * A node's first member is the key pointer, which is what callers read
 * through the node pointer they get back. */
#include <search.h>
#include <stdlib.h>

struct node {
    const void *key;                  /* first: the caller reads *(void **)node */
    struct node *left, *right;
};

/* The link that holds `key`'s node, or the empty link where it would go. */
static struct node **link_of(const void *key, struct node **link, int (*compare)(const void *, const void *))
{
    while (*link) {
        int order = compare(key, (*link)->key);
        if (order == 0)
            break;
        link = order < 0 ? &(*link)->left : &(*link)->right;
    }
    return link;
}

void *tsearch(const void *key, void **root, int (*compare)(const void *, const void *))
{
    if (!root)
        return NULL;
    struct node **link = link_of(key, (struct node **)root, compare);
    if (!*link) {
        struct node *made = malloc(sizeof *made);
        if (!made)
            return NULL;
        *made = (struct node){ key, NULL, NULL };
        *link = made;
    }
    return *link;
}

void *tfind(const void *key, void *const *root, int (*compare)(const void *, const void *))
{
    if (!root)
        return NULL;
    return *link_of(key, (struct node **)root, compare);
}

/* Returns the deleted node's parent (some non-NULL pointer when it was the
 * root, as glibc), or NULL when the key is not there. */
void *tdelete(const void *restrict key, void **restrict root, int (*compare)(const void *, const void *))
{
    if (!root || !*root)
        return NULL;
    struct node *parent = *root;
    struct node **link = (struct node **)root;
    while (*link) {
        int order = compare(key, (*link)->key);
        if (order == 0)
            break;
        parent = *link;
        link = order < 0 ? &(*link)->left : &(*link)->right;
    }
    struct node *gone = *link;
    if (!gone)
        return NULL;
    if (!gone->left) {
        *link = gone->right;
    } else if (!gone->right) {
        *link = gone->left;
    } else {                          /* two children: the next key takes its place */
        struct node **next = &gone->right;
        while ((*next)->left)
            next = &(*next)->left;
        struct node *successor = *next;
        *next = successor->right;
        successor->left = gone->left;
        successor->right = gone->right;
        *link = successor;
    }
    free(gone);
    return parent;
}

static void walk(const struct node *node, void (*action)(const void *, VISIT, int), int depth)
{
    if (!node->left && !node->right) {
        action(node, leaf, depth);
        return;
    }
    action(node, preorder, depth);
    if (node->left)
        walk(node->left, action, depth + 1);
    action(node, postorder, depth);
    if (node->right)
        walk(node->right, action, depth + 1);
    action(node, endorder, depth);
}

void twalk(const void *root, void (*action)(const void *node, VISIT visit, int depth))
{
    if (root && action)
        walk(root, action, 0);
}

void tdestroy(void *root, void (*free_key)(void *key))
{
    struct node *node = root;
    if (!node)
        return;
    tdestroy(node->left, free_key);
    tdestroy(node->right, free_key);
    free_key((void *)node->key);
    free(node);
}
