/* kernel/ipc/ipc_names.h - the kernel-wide names of the IPC objects that
 * are found by a name outside the file system: mailboxes ("printer",
 * mbox.c) and POSIX message queues ("/jobs", posix_mq.c). One registry
 * per kind, and one rule for the lives of its objects:
 *
 *   open(O_CREAT) --> [ named, references ] <-- open: references + 1
 *   close         --> references - 1          unlink --> named = 0
 *   an object lives while it is named or open: the last of the two to go
 *   frees it (its kind's free function, after ipc_names_remove)
 *
 * A name is found only while its object is named: after an unlink, a new
 * object may take the name while the old one lives on for those who have
 * it open. Context: the kernel lock (a system call). */
#ifndef KERNEL_IPC_IPC_NAMES_H
#define KERNEL_IPC_IPC_NAMES_H

#include "lib/list.h"

#define IPC_NAME_MAX 257              /* the longest kind's name with its NUL: "/" + 255 + NUL */

/* The part of a named object the registry keeps: first in the object's
 * structure, or anywhere (ipc_names_entry finds the object). */
struct named_ipc_object {
    struct list_node link;            /* in its registry, from creation until freed */
    char name[IPC_NAME_MAX];
    int named;                        /* found by its name (until unlinked) */
    unsigned references;              /* open descriptors */
};

struct ipc_names {
    struct list objects;              /* every live object, named or not (ipcs lists them all) */
    unsigned count;                   /* how many: kinfo's counters, and the limit */
    unsigned limit;                   /* objects at most */
};

#define IPC_NAMES_INITIALIZER(names, max_objects) { { { &(names).objects.head, &(names).objects.head } }, 0, \
                                                    (max_objects) }

/* The object named `name` now, or NULL. */
struct named_ipc_object *ipc_names_find(struct ipc_names *names, const char *name);

/* Whether the registry holds `limit` objects already: a new one would be
 * refused (ENFILE for mailboxes, ENOSPC for queues, as their man pages say). */
int ipc_names_full(const struct ipc_names *names);

/* Enters a new object under `name`, named, with no reference yet. */
void ipc_names_add(struct ipc_names *names, struct named_ipc_object *object, const char *name);

/* The unlink: the name stops finding `object`. Returns whether the object
 * is now unused (no descriptor either): then the caller frees it. */
int ipc_names_unlink(struct named_ipc_object *object);

/* A descriptor closed. Returns whether the object is now unused (and
 * unnamed): then the caller frees it. */
int ipc_names_release(struct named_ipc_object *object);

/* Takes an unused object out of the registry, before its kind frees it. */
void ipc_names_remove(struct ipc_names *names, struct named_ipc_object *object);

#endif
