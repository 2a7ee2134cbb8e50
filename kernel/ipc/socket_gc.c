/* kernel/ipc/socket_gc.c - the collector of local sockets that only their
 * own messages keep alive.
 *
 * A socket's file can travel in an SCM_RIGHTS message, and the message
 * waits in some socket's queue. If that queue is the socket's own, or its
 * peer's, and every descriptor is then closed, nothing can ever receive
 * the message, yet the message holds the file, which holds the socket,
 * which holds the message:
 *
 *   socketpair(a, b); sendmsg(a, SCM_RIGHTS {b}); close(a); close(b);
 *
 *      b's queue: [ message: rights { file of b } ]
 *           ^                              |
 *           +------------------------------+   (no descriptor left)
 *
 * The rule, as Linux's unix_gc: a socket is a candidate when every
 * reference to its file is held by messages in flight (references ==
 * in_flight). A candidate is still reachable if a message in the queue
 * of a socket that is not a candidate (or is reachable) carries it: a
 * process could still receive it. Candidates left unreachable are
 * garbage: the descriptors their queues carry are released, which closes
 * them. It runs after any descriptor of a local socket is closed, and
 * only while some socket's file is in flight. A run reads each queue once
 * (a list of sockets found reachable and not read yet, as Linux's
 * gc_candidates): its time grows with the sockets and the descriptors in
 * flight, not with how deep they are carried in one another.
 *
 * A connection not yet accepted has no file: it is reachable if its
 * listener is (a process may still accept it), and part of its
 * listener's garbage if the listener is garbage (Linux's scan_children):
 * a listener sent into the queue of a connection it never accepted is
 * collected too.
 * Context: a system call (kernel lock held); never sleeps itself, but
 * the files it releases close. */
#include "socket_internal.h"


enum { GC_REACHABLE, GC_CANDIDATE, GC_PENDING };   /* pending: as its listener, once known */

static unsigned files_in_flight;      /* local sockets' files held by messages, all told */

/* Every file in flight, whatever it is, by the user who sent it (Linux's
 * user_struct.unix_inflight): a user may not fill the kernel's heap with
 * files no process holds. A few users at a time send descriptors. A slot
 * keeps its user when its count falls to 0 and is given to another only
 * then, so a user has at most one slot, and the last one used is looked
 * at first: a send and its receive touch one slot, not the table. */
#define IN_FLIGHT_USERS 32
static struct {
    uint32_t key;                     /* the uid + 1; 0: never used */
    unsigned files;
} in_flight_users[IN_FLIGHT_USERS];
static unsigned last_slot;

/* `uid`'s count; if it has no slot, a free one given to it (when `take`),
 * or NULL. */
static unsigned *user_files(uint32_t uid, int take)
{
    uint32_t key = uid + 1;
    if (in_flight_users[last_slot].key == key)
        return &in_flight_users[last_slot].files;
    int free_slot = -1;
    for (unsigned i = 0; i < IN_FLIGHT_USERS; i++) {
        if (in_flight_users[i].key == key) {
            last_slot = i;
            return &in_flight_users[i].files;
        }
        if (!in_flight_users[i].files && free_slot < 0)
            free_slot = (int)i;
    }
    if (!take || free_slot < 0)
        return 0;
    in_flight_users[free_slot].key = key;
    last_slot = (unsigned)free_slot;
    return &in_flight_users[free_slot].files;
}

int socket_gc_user_may_send(uint32_t uid, uint32_t limit)
{
    unsigned *files = user_files(uid, 1);   /* a slot to count them in, or no */
    return files && *files <= limit;  /* Linux: refused once over the limit */
}

void socket_gc_in_flight(struct file *file, uint32_t uid, int delta)
{
    unsigned *files = user_files(uid, delta > 0);
    if (files && (delta > 0 || *files))   /* (root past every slot: not counted) */
        *files += (unsigned)delta;
    struct socket *socket = socket_of_unix_file(file);
    if (!socket)
        return;
    socket->in_flight += (unsigned)delta;
    files_in_flight += (unsigned)delta;
}

/* Calls visit(rights, context) for every message in `socket`'s queues
 * that carries descriptors. A datagram socket's queue is walked under
 * its lock: on several CPUs sends into it and receives change the queue
 * without the big lock (socket_datagram_without_big_lock.c). A stream's
 * marks change with the big lock only. */
static void for_each_rights(struct socket *socket, void (*visit)(struct socket_ancillary *, void *), void *context)
{
    if (socket->connection_lock)
        spinlock_take(socket->connection_lock);
    list_for_each(node, &socket->datagrams) {
        struct datagram *datagram = list_entry(node, struct datagram, link);
        if (datagram->ancillary.rights)
            visit(&datagram->ancillary, context);
    }
    if (socket->connection_lock)
        spinlock_give(socket->connection_lock);
    list_for_each(node, &socket->marks) {
        struct stream_mark *mark = list_entry(node, struct stream_mark, link);
        if (mark->ancillary.rights)
            visit(&mark->ancillary, context);
    }
}

/* The reachable sockets whose queues are still to be read, linked
 * through gc_next: each socket is put there once, when it becomes
 * reachable, so one run reads every queue at most once however long a
 * chain of sockets carried in each other's queues is. */
static struct socket *to_read;

static void make_reachable(struct socket *socket)
{
    socket->gc_state = GC_REACHABLE;
    socket->gc_next = to_read;
    to_read = socket;
}

/* Marks the candidates `ancillary` carries reachable. */
static void reach(struct socket_ancillary *ancillary, void *unused)
{
    (void)unused;
    struct socket_rights *rights = ancillary->rights;
    for (unsigned i = 0; i < rights->count; i++) {
        struct socket *carried = socket_of_unix_file(rights->files[i]);
        if (carried && carried->gc_state == GC_CANDIDATE)
            make_reachable(carried);
    }
}

/* Marks the connections `listener` has not accepted yet reachable. */
static void reach_pending(struct socket *listener)
{
    list_for_each(node, &listener->pending) {
        struct socket *connection = list_entry(node, struct socket, pending_link);
        if (connection->gc_state == GC_PENDING)
            make_reachable(connection);
    }
}

/* Chains the rights of `ancillary` onto the list of what is released,
 * through their own link: the collector allocates nothing, so it still
 * works when the heap is exhausted. */
static void collect(struct socket_ancillary *ancillary, void *garbage)
{
    struct socket_rights **list = garbage;
    ancillary->rights->next_released = *list;
    *list = ancillary->rights;
    ancillary->rights = 0;
}

void socket_gc_run(void)
{
    if (!files_in_flight)
        return;
    list_for_each(node, &socket_all) {
        struct socket *socket = list_entry(node, struct socket, link);
        socket->gc_state = socket->file && socket->in_flight &&
                           socket->file->references == socket->in_flight ? GC_CANDIDATE : GC_REACHABLE;
    }
    list_for_each(node, &socket_all) {   /* not accepted yet: as their listener, once known */
        struct socket *listener = list_entry(node, struct socket, link);
        if (listener->pending_count)
            list_for_each(child, &listener->pending)
                list_entry(child, struct socket, pending_link)->gc_state = GC_PENDING;
    }
    to_read = 0;
    list_for_each(node, &socket_all) {
        struct socket *socket = list_entry(node, struct socket, link);
        if (socket->gc_state == GC_REACHABLE)
            make_reachable(socket);
    }
    while (to_read) {                 /* what a reachable queue carries is reachable */
        struct socket *socket = to_read;
        to_read = socket->gc_next;
        for_each_rights(socket, reach, 0);
        if (socket->pending_count)
            reach_pending(socket);
    }
    struct socket_rights *garbage = 0;
    list_for_each(node, &socket_all) {
        struct socket *socket = list_entry(node, struct socket, link);
        if (socket->gc_state != GC_REACHABLE)   /* a pending one left: its listener is garbage */
            for_each_rights(socket, collect, &garbage);
    }
    /* only now, with no list being walked: releasing closes sockets */
    while (garbage) {
        struct socket_rights *rights = garbage;
        garbage = rights->next_released;
        socket_ancillary_release_rights(rights, 0);
    }
}
