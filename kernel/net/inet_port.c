/* kernel/net/inet_port.c - the table of bound ports: which socket a
 * packet belongs to, and who may bind what.
 *
 * One table per protocol (TCP, UDP, ICMP ping sockets each have ports of
 * their own), each a small hash of lists by local port:
 *
 *   udp table: bucket[5000 % 64] --> socket 0.0.0.0:5000
 *                                --> socket 127.0.0.1:5064 -> 127.0.0.1:40000
 *
 * The rules, and where they live:
 *  - Ports below 1024 are root's (EACCES), as on Linux; ping sockets'
 *    "ports" are echo identifiers, free for all.             -> inet_port_bind
 *  - The address must be INADDR_ANY or one of ours (EADDRNOTAVAIL).
 *  - A port is taken (EADDRINUSE) when another socket of the protocol
 *    holds it on the same address or on INADDR_ANY (either side), unless
 *    both set SO_REUSEADDR (or SO_REUSEPORT, the same here) and, for TCP,
 *    the holder is not listening: a server restarted while its old
 *    connections wait in TIME_WAIT binds again.               -> port_conflict
 *  - Port 0 picks a free port from 32768-60999, as Linux: one that no
 *    socket of the protocol holds on any address.            -> pick_ephemeral
 *  - A packet goes to the socket connected to exactly its sender, else to
 *    one bound to its port and connected nowhere: a listener before a
 *    socket only bound, an exact address before INADDR_ANY. -> inet_port_lookup */
#include "inet_socket.h"

#include "net_interface.h"
#include "proc/credentials.h"
#include "sched/task.h"
#include "uapi/errno.h"

#define PORT_BUCKETS           64     /* lists per protocol's table */
#define PRIVILEGED_PORT_LIMIT  1024   /* ports below are root's */
#define PORT_TABLES            3      /* TCP, UDP, ICMP */

struct port_table {
    int protocol;                     /* IPPROTO_* */
    struct list buckets[PORT_BUCKETS];
    uint16_t next_ephemeral;          /* where the search for a free port starts */
    int ready;                        /* buckets initialized */
};

static struct port_table tables[PORT_TABLES] = {
    { .protocol = IPPROTO_TCP }, { .protocol = IPPROTO_UDP }, { .protocol = IPPROTO_ICMP },
};

/* The table of `protocol` (NULL for one without ports). */
static struct port_table *table_of(int protocol)
{
    for (unsigned i = 0; i < PORT_TABLES; i++) {
        struct port_table *table = &tables[i];
        if (table->protocol != protocol)
            continue;
        if (!table->ready) {
            for (unsigned b = 0; b < PORT_BUCKETS; b++)
                list_init(&table->buckets[b]);
            table->next_ephemeral = INET_EPHEMERAL_FIRST;
            table->ready = 1;
        }
        return table;
    }
    return 0;
}

static struct list *bucket_of(struct port_table *table, uint16_t port)
{
    return &table->buckets[port % PORT_BUCKETS];
}

/* Would `socket` binding `address`:`port` clash with `holder`? */
static int port_conflict(const struct inet_socket *socket, const struct inet_socket *holder, uint32_t address,
                         uint16_t port)
{
    if (holder == socket || holder->local.port != port)
        return 0;
    if (holder->local.address != address && holder->local.address != INADDR_ANY && address != INADDR_ANY)
        return 0;                     /* two different addresses of ours */
    int reuse = socket->reuse_address && holder->reuse_address;
    if (reuse && !(holder->type == SOCK_STREAM && holder->listening))
        return 0;
    return 1;
}

/* Is `port` free for `socket` at `address`? */
static int port_free(struct port_table *table, const struct inet_socket *socket, uint32_t address, uint16_t port)
{
    list_for_each(node, bucket_of(table, port)) {
        if (port_conflict(socket, list_entry(node, struct inet_socket, port_link), address, port))
            return 0;
    }
    return 1;
}

/* Is `port` held by no socket of the table at all? */
static int port_unused(struct port_table *table, uint16_t port)
{
    list_for_each(node, bucket_of(table, port)) {
        if (list_entry(node, struct inet_socket, port_link)->local.port == port)
            return 0;
    }
    return 1;
}

/* A free ephemeral port, or 0 when all are taken. */
static uint16_t pick_ephemeral(struct port_table *table)
{
    const unsigned range = INET_EPHEMERAL_LAST - INET_EPHEMERAL_FIRST + 1;
    for (unsigned tried = 0; tried < range; tried++) {
        uint16_t port = table->next_ephemeral;
        table->next_ephemeral = port == INET_EPHEMERAL_LAST ? INET_EPHEMERAL_FIRST : port + 1;
        if (port_unused(table, port))
            return port;
    }
    return 0;
}

/* Puts `socket`, its local endpoint set, into its table. */
static void add(struct port_table *table, struct inet_socket *socket)
{
    list_push_back(bucket_of(table, socket->local.port), &socket->port_link);
    socket->bound = 1;
}

int inet_port_bind(struct inet_socket *socket, uint32_t address, uint16_t port)
{
    struct port_table *table = table_of(socket->protocol->protocol);
    if (!table)
        return -EOPNOTSUPP;
    if (socket->bound)
        return -EINVAL;
    if (address != INADDR_ANY && !net_address_is_local(address))
        return -EADDRNOTAVAIL;
    if (port == 0) {
        port = pick_ephemeral(table);
        if (port == 0)
            return -EADDRINUSE;       /* Linux says EAGAIN for connect, EADDRINUSE for bind */
    } else {
        int privileged = port < PRIVILEGED_PORT_LIMIT && socket->protocol->protocol != IPPROTO_ICMP;
        if (privileged && !(current_task->process && credentials_is_root(current_task->process)))
            return -EACCES;
        if (!port_free(table, socket, address, port))
            return -EADDRINUSE;
    }
    socket->local.address = address;
    socket->local.port = port;
    socket->bound_address = address;
    add(table, socket);
    return 0;
}

void inet_port_add_connected(struct inet_socket *socket)
{
    struct port_table *table = table_of(socket->protocol->protocol);
    if (table && !socket->bound)
        add(table, socket);
}

void inet_port_unbind(struct inet_socket *socket)
{
    if (!socket->bound)
        return;
    list_remove(&socket->port_link);
    socket->bound = 0;
}

/* How well `socket` fits a packet to `local` from `remote`: 0 not at all,
 * higher is better (see the rules at the top). */
enum {
    MATCH_NONE = 0,
    MATCH_ANY_ADDRESS = 1,            /* bound to INADDR_ANY */
    MATCH_EXACT_ADDRESS = 2,          /* bound to the packet's destination */
    MATCH_LISTENING = 4,              /* added to the above for a listener */
    MATCH_CONNECTED = 8,              /* connected to the sender: the best */
};

static int match(const struct inet_socket *socket, const struct inet_endpoint *local,
                 const struct inet_endpoint *remote)
{
    if (socket->local.port != local->port)
        return MATCH_NONE;
    int address_fits = socket->local.address == INADDR_ANY || local->address == INADDR_ANY ||
                       socket->local.address == local->address;
    if (!address_fits)
        return MATCH_NONE;
    if (socket->remote.port) {        /* connected: only to its peer */
        if (socket->remote.port == remote->port && socket->remote.address == remote->address)
            return MATCH_CONNECTED;
        return MATCH_NONE;
    }
    if (socket->closed)
        return MATCH_NONE;            /* an unconnected socket whose file is gone takes nothing */
    int score = socket->local.address == INADDR_ANY ? MATCH_ANY_ADDRESS : MATCH_EXACT_ADDRESS;
    return socket->listening ? score + MATCH_LISTENING : score;
}

struct inet_socket *inet_port_lookup(int protocol, const struct inet_endpoint *local,
                                     const struct inet_endpoint *remote)
{
    struct port_table *table = table_of(protocol);
    if (!table)
        return 0;
    struct inet_socket *best = 0;
    int best_score = MATCH_NONE;
    list_for_each(node, bucket_of(table, local->port)) {
        struct inet_socket *socket = list_entry(node, struct inet_socket, port_link);
        int score = match(socket, local, remote);
        if (score == MATCH_CONNECTED)
            return socket;
        if (score > best_score) {
            best = socket;
            best_score = score;
        }
    }
    return best;
}
