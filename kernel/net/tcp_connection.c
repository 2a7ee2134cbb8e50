/* kernel/net/tcp_connection.c - making, finding and freeing TCP
 * connections, and their states.
 *
 * Every connection with a remote end or a listening port is in one table,
 * a list searched by its four values (local address and port, remote
 * address and port). A short list is what a teaching kernel has; the
 * connection found last is moved to the front, so a busy connection is
 * found at once.
 *
 * Who owns a connection (and frees it):
 *
 *   user's socket --protocol_state--> connection --socket--> the socket
 *
 *  - While the socket's file is open, the socket owns it: tcp_destroy
 *    (the socket's last reference) frees it.
 *  - Once the file is closed (tcp_close) the connection may still have
 *    work: a FIN to deliver, TIME_WAIT. It then holds a reference to the
 *    socket (`orphaned`), and drops it when it ends: the socket is
 *    destroyed, which frees the connection.
 *  - A connection a listener made (SYN_RECEIVED, or established and not
 *    yet accepted) has no socket: the listener's queues hold it, and it
 *    is freed when it ends or the listener closes. */
#include "tcp_internal.h"

#include "ipv4.h"
#include "arch/x86/cpu.h"
#include "kernel/trace.h"
#include "lib/kprintf.h"
#include "lib/siphash.h"
#include "mm/heap.h"
#include "sched/clock.h"
#include "sched/sleep.h"

#define TCP_ISS_CLOCK_NS 4000   /* RFC 793: the ISS clock ticks every 4 microseconds */
#define TCP_DRAIN_STEP_NS 10000000ull   /* tcp_wait_until_sent looks again every 10 ms */

static struct list connections = { { &connections.head, &connections.head } };
static unsigned connection_count;

unsigned tcp_connection_count(void)
{
    return connection_count;
}

struct tcp_connection *tcp_connection_create(void)
{
    struct tcp_connection *connection = kzalloc(sizeof *connection);
    if (!connection)
        return 0;
    connection->state = TCP_CLOSED;
    connection->link.next = connection->link.previous = 0;
    list_init(&connection->pending);
    list_init(&connection->ready);
    connection->rto_ns = TCP_RTO_INITIAL_NS;
    connection->send_mss = connection->receive_mss = TCP_MSS_DEFAULT;
    tcp_timers_init(connection);
    connection_count++;
    return connection;
}

void tcp_connection_insert(struct tcp_connection *connection)
{
    if (!connection->link.next)
        list_push_front(&connections, &connection->link);
}

void tcp_connection_remove(struct tcp_connection *connection)
{
    if (connection->link.next) {
        list_remove(&connection->link);
        connection->link.next = connection->link.previous = 0;
    }
}

void tcp_connection_free(struct tcp_connection *connection)
{
    tcp_timers_stop(connection);
    tcp_connection_remove(connection);
    for (unsigned i = 0; i < TCP_REORDER_MAX; i++)
        if (connection->held[i].packet)
            packet_free(connection->held[i].packet);
    byte_ring_destroy(&connection->send_buffer);
    byte_ring_destroy(&connection->receive_buffer);
    kfree(connection);
    connection_count--;
}

struct tcp_connection *tcp_connection_find(const struct inet_endpoint *local, const struct inet_endpoint *remote)
{
    struct tcp_connection *listener = 0;
    list_for_each(node, &connections) {
        struct tcp_connection *connection = list_entry(node, struct tcp_connection, link);
        if (connection->local.port != local->port)
            continue;
        if (connection->state == TCP_LISTEN) {
            if (connection->local.address == local->address ||
                (connection->local.address == INADDR_ANY && !listener))
                listener = connection;
            continue;
        }
        if (connection->remote.port == remote->port && connection->remote.address == remote->address &&
            connection->local.address == local->address) {
            if (node != connections.head.next) {      /* the busy one first next time */
                list_remove(node);
                list_push_front(&connections, node);
            }
            return connection;
        }
    }
    return listener;
}

int tcp_connection_exists(const struct inet_endpoint *local, const struct inet_endpoint *remote)
{
    struct tcp_connection *connection = tcp_connection_find(local, remote);
    return connection && connection->state != TCP_LISTEN;
}

/* RFC 6528's initial sequence number: RFC 793's clock plus a keyed hash
 * of the two ends. The clock keeps a new connection's numbers ahead of an
 * earlier one's between the same ends; the hash keeps whoever does not
 * know the key from guessing a connection's numbers from another's, which
 * a reset or bytes slipped into it from off the path would need. The key
 * is made at the first connection from the time-stamp counter and the
 * clocks: this machine has no other source of chance (Linux takes its key
 * from its random pool), so the key is as unknown as the instant of the
 * first connection, to the nanosecond (under -icount, as `make bench`
 * runs, it is the same every run). */
static uint64_t iss_key[2];
static int iss_key_made;

uint32_t tcp_choose_iss(const struct inet_endpoint *local, const struct inet_endpoint *remote)
{
    if (!iss_key_made) {
        iss_key[0] = cpu_read_timestamp();
        iss_key[1] = (uint64_t)clock_realtime_ns() ^ clock_tick_ns() << 32;
        iss_key_made = 1;
    }
    uint32_t ends[3] = { local->address, remote->address, (uint32_t)local->port << 16 | remote->port };
    return (uint32_t)(clock_tick_ns() / TCP_ISS_CLOCK_NS) + (uint32_t)siphash_2_4(iss_key, ends, sizeof ends);
}

#define TCP_MSS_LARGEST (TCP_RING_SIZE / 2)   /* why: tcp_mss_for */

uint32_t tcp_mss_for(uint32_t remote, int *loopback)
{
    uint32_t next_hop;
    struct net_interface *interface = net_route(remote, &next_hop);
    uint32_t mss = interface ? interface->mtu - TCP_IP_HEADERS : TCP_MSS_DEFAULT;
    /* A segment must fit one packet (tcp_send_segment allocates it to
     * size, up to PACKET_DATA_MAX bytes), with the MSS option's room left
     * when the header carries it. */
    if (mss > PACKET_DATA_MAX - TCP_IP_HEADERS - TCP_MSS_OPTION_LENGTH)
        mss = PACKET_DATA_MAX - TCP_IP_HEADERS - TCP_MSS_OPTION_LENGTH;
    /* And at most half the ring (the loopback's 65535-byte MTU would allow
     * more): the receiver opens its window in steps of half the ring at
     * most (tcp_receive_window) and the sender waits for a whole segment's
     * window, so a bigger segment waits for a timer every time (the
     * loopback's throughput fell from 1.1 to 600 instructions a byte). */
    if (mss > TCP_MSS_LARGEST)
        mss = TCP_MSS_LARGEST;
    *loopback = interface && interface->loopback;
    return mss;
}

static const char *const state_names[] = {
    [TCP_CLOSED] = "CLOSED",           [TCP_LISTEN] = "LISTEN",
    [TCP_SYN_SENT] = "SYN_SENT",       [TCP_SYN_RECEIVED] = "SYN_RECEIVED",
    [TCP_ESTABLISHED] = "ESTABLISHED", [TCP_FIN_WAIT_1] = "FIN_WAIT_1",
    [TCP_FIN_WAIT_2] = "FIN_WAIT_2",   [TCP_CLOSE_WAIT] = "CLOSE_WAIT",
    [TCP_CLOSING] = "CLOSING",         [TCP_LAST_ACK] = "LAST_ACK",
    [TCP_TIME_WAIT] = "TIME_WAIT",
};

const char *tcp_state_name(enum tcp_state state)
{
    return state_names[state];
}

void tcp_set_state(struct tcp_connection *connection, enum tcp_state state)
{
    connection->state = state;
    if (state == TCP_ESTABLISHED)
        connection->was_established = 1;
}

void tcp_connection_wake(struct tcp_connection *connection)
{
    if (connection->socket)
        inet_socket_wake(connection->socket);
}

void tcp_connection_end(struct tcp_connection *connection, int error)
{
    tcp_set_state(connection, TCP_CLOSED);
    tcp_timers_stop(connection);
    tcp_connection_remove(connection);
    if (error && !connection->error)
        connection->error = error;
    struct inet_socket *socket = connection->socket;
    if (!socket) {                                   /* a listener's child: nobody will accept it now */
        tcp_listener_child_drop(connection);
        tcp_connection_free(connection);
        return;
    }
    if (error && !connection->orphaned)
        socket->pending_error = error;               /* SO_ERROR, and the next call's answer */
    inet_socket_wake(socket);
    if (connection->orphaned) {                      /* the file is gone: let the socket go, and us with it */
        connection->socket = 0;
        socket->protocol_state = 0;
        tcp_connection_free(connection);
        inet_socket_put(socket);
    }
}

/* The trace line of one segment, e.g.
 *   [trace] 123 tcp dir=out src=127.0.0.1:40000 dst=127.0.0.1:7 flags=SYN seq=1 ack=0 len=0 win=65535 state=SYN_SENT */
void tcp_trace_segment(const char *direction, uint32_t source, uint16_t source_port, uint32_t destination,
                       uint16_t destination_port, uint8_t flags, uint32_t sequence, uint32_t acknowledgment,
                       uint32_t length, uint32_t window, uint32_t urgent_pointer, enum tcp_state state)
{
    static const struct { uint8_t flag; const char *name; } names[] = {
        { TCP_FLAG_SYN, "SYN" }, { TCP_FLAG_FIN, "FIN" }, { TCP_FLAG_RST, "RST" },
        { TCP_FLAG_PSH, "PSH" }, { TCP_FLAG_ACK, "ACK" }, { TCP_FLAG_URG, "URG" },
    };
    char flag_text[32] = "";
    unsigned used = 0;
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
        if (flags & names[i].flag)
            used += (unsigned)ksnprintf(flag_text + used, sizeof flag_text - used, "%s%s", used ? "|" : "",
                                        names[i].name);
    if (!used)
        ksnprintf(flag_text, sizeof flag_text, "-");
    char urgent_text[16] = "";                 /* with URG: where its pointer points, from seq */
    if (flags & TCP_FLAG_URG)
        ksnprintf(urgent_text, sizeof urgent_text, " urg=%u", urgent_pointer);
    trace_write("tcp dir=%s src=%u.%u.%u.%u:%u dst=%u.%u.%u.%u:%u flags=%s seq=%u ack=%u len=%u win=%u%s state=%s",
                direction, source >> 24, (source >> 16) & 0xff, (source >> 8) & 0xff, source & 0xff,
                source_port, destination >> 24, (destination >> 16) & 0xff, (destination >> 8) & 0xff,
                destination & 0xff, destination_port, flag_text, sequence, acknowledgment, length, window,
                urgent_text, tcp_state_name(state));
}

/* ICMP destination unreachable codes (RFC 792) */
#define ICMP_UNREACHABLE_NETWORK  0
#define ICMP_UNREACHABLE_PROTOCOL 2
#define ICMP_UNREACHABLE_PORT     3

/* Only a connection still connecting gives up: for one established, an
 * unreachable is a passing trouble (RFC 1122 4.2.3.9). */
void tcp_report_unreachable(uint32_t remote, uint16_t remote_port, uint16_t local_port, uint8_t code)
{
    list_for_each(node, &connections) {
        struct tcp_connection *connection = list_entry(node, struct tcp_connection, link);
        if (connection->state != TCP_SYN_SENT || connection->remote.address != remote ||
            connection->remote.port != remote_port || connection->local.port != local_port)
            continue;
        int error = code == ICMP_UNREACHABLE_PORT || code == ICMP_UNREACHABLE_PROTOCOL ? ECONNREFUSED
                    : code == ICMP_UNREACHABLE_NETWORK                                 ? ENETUNREACH
                                                                                       : EHOSTUNREACH;
        tcp_connection_end(connection, error);
        return;
    }
}

/* Whether some connection still has bytes or a FIN on its way. */
static int tcp_anything_unacknowledged(void)
{
    list_for_each(node, &connections) {
        const struct tcp_connection *connection = list_entry(node, struct tcp_connection, link);
        if (connection->state == TCP_LISTEN || connection->state == TCP_SYN_SENT ||
            connection->state == TCP_TIME_WAIT)
            continue;
        if (connection->snd_una != connection->snd_nxt || connection->send_buffer.count ||
            (connection->fin_wanted && !connection->fin_sent))
            return 1;
    }
    return 0;
}

void tcp_wait_until_sent(uint64_t limit_ns)
{
    uint64_t deadline = clock_tick_ns() + limit_ns;
    for (;;) {
        net_run_pending();
        if (!tcp_anything_unacknowledged() || clock_tick_ns() >= deadline)
            return;
        nano_sleep(TCP_DRAIN_STEP_NS);      /* the network task retransmits meanwhile */
    }
}
