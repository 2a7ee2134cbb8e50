/* kernel/ipc/ipc_names.c - names of mailboxes and POSIX message queues,
 * and the rule of their lives (ipc_names.h). */
#include "ipc_names.h"

#include "kernel/panic.h"
#include "lib/string.h"

struct named_ipc_object *ipc_names_find(struct ipc_names *names, const char *name)
{
    list_for_each(node, &names->objects) {
        struct named_ipc_object *object = list_entry(node, struct named_ipc_object, link);
        if (object->named && !strcmp(object->name, name))
            return object;
    }
    return 0;
}

int ipc_names_full(const struct ipc_names *names)
{
    return names->count >= names->limit;
}

void ipc_names_add(struct ipc_names *names, struct named_ipc_object *object, const char *name)
{
    strlcpy(object->name, name, sizeof object->name);
    object->named = 1;
    object->references = 0;
    list_push_back(&names->objects, &object->link);
    names->count++;
}

int ipc_names_unlink(struct named_ipc_object *object)
{
    object->named = 0;
    return object->references == 0;
}

int ipc_names_release(struct named_ipc_object *object)
{
    ASSERT(object->references > 0);
    object->references--;
    return !object->named && object->references == 0;
}

void ipc_names_remove(struct ipc_names *names, struct named_ipc_object *object)
{
    ASSERT(!object->named && object->references == 0);
    list_remove(&object->link);
    names->count--;
}
