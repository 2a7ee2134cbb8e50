/* kernel/lib/list.h - an intrusive doubly linked list, as Pintos has one:
 * the list links live inside the objects listed (a struct list_node
 * member), so listing needs no allocation, and an object knows how to
 * leave its list in O(1).
 *
 *   struct held_message { struct list_node link; ... };
 *   struct list inbox;                                list_init(&inbox);
 *   list_push_back(&inbox, &message->link);           oldest first
 *   struct held_message *oldest =
 *       list_entry(list_pop_front(&inbox), struct held_message, link);
 *   list_for_each(node, &inbox) { ... list_entry(node, ...) ... }
 *
 * The list is a ring through a sentinel node, `head`: the first node is
 * head.next, the last head.previous, and an empty list is the sentinel
 * alone. So no operation has a special case for the ends. A node is on at
 * most one list at a time (a field that is on two lists is two nodes).
 * Context: the caller holds whatever protects the list (for the kernel's
 * lists, the kernel lock: kernel/sched/wait_queue.h). */
#ifndef KERNEL_LIB_LIST_H
#define KERNEL_LIB_LIST_H

#include <stddef.h>

struct list_node {
    struct list_node *next, *previous;
};

struct list {
    struct list_node head;            /* the sentinel: not an element */
};

/* The object of type `type` whose member `member` is `node`. */
#define list_entry(node, type, member) ((type *)((char *)(node) - offsetof(type, member)))

/* Every node of `list`, first to last; the body must not remove `node`
 * (use list_for_each_safe for that). */
#define list_for_each(node, list) \
    for (struct list_node *node = (list)->head.next; node != &(list)->head; node = node->next)

/* The same, where the body may remove `node` from the list. */
#define list_for_each_safe(node, list)                                                    \
    for (struct list_node *node = (list)->head.next, *node##_next = node->next;            \
         node != &(list)->head; node = node##_next, node##_next = node->next)

static inline void list_init(struct list *list)
{
    list->head.next = list->head.previous = &list->head;
}

static inline int list_empty(const struct list *list)
{
    return list->head.next == &list->head;
}

/* The first / last node, or NULL when the list is empty. */
static inline struct list_node *list_first(const struct list *list)
{
    return list_empty(list) ? NULL : list->head.next;
}

static inline struct list_node *list_last(const struct list *list)
{
    return list_empty(list) ? NULL : list->head.previous;
}

/* Puts `node` just before `position` (a node of a list, or its head: then
 * at the back). */
static inline void list_insert_before(struct list_node *position, struct list_node *node)
{
    node->previous = position->previous;
    node->next = position;
    position->previous->next = node;
    position->previous = node;
}

static inline void list_push_back(struct list *list, struct list_node *node)
{
    list_insert_before(&list->head, node);
}

static inline void list_push_front(struct list *list, struct list_node *node)
{
    list_insert_before(list->head.next, node);
}

/* Takes `node` off the list it is on. */
static inline void list_remove(struct list_node *node)
{
    node->previous->next = node->next;
    node->next->previous = node->previous;
    node->next = node->previous = NULL;
}

/* Takes the first node off `list` and returns it; NULL when empty. */
static inline struct list_node *list_pop_front(struct list *list)
{
    struct list_node *node = list_first(list);
    if (node)
        list_remove(node);
    return node;
}

#endif
