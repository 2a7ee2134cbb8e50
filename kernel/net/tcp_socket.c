/* kernel/net/tcp_socket.c - the calls of a SOCK_STREAM Internet socket
 * that make, wait for and end connections: create, connect, listen,
 * accept, close, destroy, the IPPROTO_TCP options and netstat's view.
 * The calls that move bytes are in tcp_transfer.c.
 *
 * inet_socket_calls.c checks the arguments first (binds an unbound socket
 * to a free port, picks connect's local address, caps the backlog), then
 * calls these. The rules, Linux's, and where they live:
 *  - connect() sends a SYN and waits for the handshake to end (SO_SNDTIMEO
 *    bounds the wait: EINPROGRESS); non-blocking it answers EINPROGRESS,
 *    and poll's POLLOUT then SO_ERROR tell the end. A RST is
 *    ECONNREFUSED, no answer ETIMEDOUT (25 s: tcp_timer.c). Again while
 *    connecting: EALREADY; connected: EISCONN.          -> tcp_connect
 *  - listen() sets the backlog (again on a listener: only that). A SYN
 *    that finds more than `backlog` connections waiting (in the handshake
 *    or for accept) is dropped: the client's retry may find room. Over
 *    every listener at most TCP_READY_CHILDREN_MAX connections wait for
 *    accept; at the cap the handshake's last ACK is dropped.
 *                                                       -> tcp_listen, tcp_input.c
 *  - accept() waits for an established connection; the new socket has
 *    the listener's TCP_NODELAY and TCP_MAXSEG.         -> tcp_accept
 *  - close() sends a FIN after what is queued; the connection lives on
 *    (FIN_WAIT, TIME_WAIT) holding the socket. With bytes unread, or
 *    SO_LINGER on with 0 s, it resets the connection instead. A linger
 *    time other than 0 is not waited for: close never sleeps here.
 *    Closing a listener resets the connections it had not handed out.
 *                                                       -> tcp_close */
#include "tcp_internal.h"

#include "lib/string.h"
#include "sched/clock.h"
#include "uapi/in.h"

static int tcp_create(struct inet_socket *socket)
{
    struct tcp_connection *connection = tcp_connection_create();
    if (!connection)
        return -ENOMEM;
    connection->socket = socket;
    socket->protocol_state = connection;
    return 0;
}

/* A fresh connection for `socket` in place of `old`, which ended before
 * it was established, with the same options; NULL when memory is short. */
static struct tcp_connection *tcp_connection_renew(struct inet_socket *socket, struct tcp_connection *old)
{
    struct tcp_connection *connection = tcp_connection_create();
    if (!connection)
        return 0;
    connection->nodelay = old->nodelay;
    connection->user_mss = old->user_mss;
    connection->socket = socket;
    socket->protocol_state = connection;
    old->socket = 0;
    tcp_connection_free(old);
    return connection;
}

/* Waits until the handshake of `socket`'s connection is over: 0 once
 * established, else -errno. May sleep. */
static int tcp_wait_connected(struct inet_socket *socket, struct tcp_connection *connection)
{
    uint64_t deadline = inet_socket_deadline(socket->send_timeout_ns);
    while (connection->state == TCP_SYN_SENT || connection->state == TCP_SYN_RECEIVED) {
        int status = inet_socket_wait(socket, &socket->readable, 0, deadline, "tcp connect");
        connection = socket->protocol_state;  /* another thread's connect may have renewed it meanwhile */
        if (status == -EAGAIN)
            return -EINPROGRESS;              /* SO_SNDTIMEO passed: it goes on without us */
        if (status < 0)
            return status;
    }
    if (connection->state != TCP_CLOSED)
        return 0;
    int error = inet_socket_take_error(socket);
    return -(error ? error : ECONNREFUSED);
}

static int tcp_connect(struct inet_socket *socket, const struct inet_endpoint *remote, int nonblocking)
{
    struct tcp_connection *connection = socket->protocol_state;
    switch (connection->state) {
    case TCP_SYN_SENT: case TCP_SYN_RECEIVED:
        return nonblocking ? -EALREADY : tcp_wait_connected(socket, connection);
    case TCP_CLOSED:
        if (!connection->opened)
            break;
        if (socket->pending_error)             /* a non-blocking connect that failed */
            return -inet_socket_take_error(socket);
        if (connection->was_established)
            return -EISCONN;
        connection = tcp_connection_renew(socket, connection);   /* a failed connect may be tried again */
        if (!connection)
            return -ENOMEM;
        break;
    default:
        return -EISCONN;
    }
    if (remote->port == 0)
        return -ECONNREFUSED;                  /* nobody listens on port 0 */
    if (tcp_connection_exists(&socket->local, remote))
        return -EADDRNOTAVAIL;                 /* that four-tuple is still in use (TIME_WAIT) */
    if (!connection->receive_buffer.bytes && byte_ring_create(&connection->receive_buffer, TCP_RING_SIZE) < 0)
        return -ENOMEM;
    socket->remote = *remote;
    connection->local = socket->local;
    connection->remote = *remote;
    connection->receive_mss = tcp_mss_for(remote->address, &connection->loopback);
    connection->send_mss = connection->receive_mss;
    connection->iss = tcp_choose_iss(&connection->local, remote);
    connection->snd_una = connection->iss;
    connection->snd_nxt = connection->iss + 1;
    connection->opened = 1;
    tcp_set_state(connection, TCP_SYN_SENT);
    tcp_connection_insert(connection);
    tcp_send_segment(connection, connection->iss, TCP_FLAG_SYN, 0);
    connection->rtt_timing = 1;                /* the handshake gives the first round-trip sample */
    connection->rtt_sequence = connection->snd_nxt;
    connection->rtt_start_ns = clock_tick_ns();
    tcp_retransmit_timer_start(connection);
    if (nonblocking)
        return -EINPROGRESS;
    return tcp_wait_connected(socket, connection);
}

static int tcp_listen(struct inet_socket *socket, unsigned backlog)
{
    struct tcp_connection *connection = socket->protocol_state;
    if (backlog > TCP_BACKLOG_MAX)
        backlog = TCP_BACKLOG_MAX;
    if (connection->state == TCP_LISTEN) {
        connection->backlog = backlog;
        return 0;
    }
    if (connection->state != TCP_CLOSED || connection->opened)
        return -EINVAL;
    connection->local = socket->local;
    connection->backlog = backlog;
    connection->opened = 1;
    tcp_set_state(connection, TCP_LISTEN);
    tcp_connection_insert(connection);
    return 0;
}

/* Established children not yet accepted, over every listener. */
static unsigned ready_children;

int tcp_listener_child_may_become_ready(void)
{
    return ready_children < TCP_READY_CHILDREN_MAX;
}

void tcp_listener_child_ready(struct tcp_connection *child)
{
    struct tcp_connection *listener = child->listener;
    list_remove(&child->listener_link);
    listener->pending_count--;
    list_push_back(&listener->ready, &child->listener_link);
    listener->ready_count++;
    ready_children++;
    child->ready_for_accept = 1;
    tcp_connection_wake(listener);             /* accept(), and poll's POLLIN */
}

void tcp_listener_child_drop(struct tcp_connection *child)
{
    struct tcp_connection *listener = child->listener;
    if (!listener)
        return;
    list_remove(&child->listener_link);
    if (child->ready_for_accept) {
        listener->ready_count--;
        ready_children--;
    } else {
        listener->pending_count--;
    }
    child->listener = 0;
}

static int tcp_accept(struct inet_socket *socket, struct inet_socket **accepted, int nonblocking)
{
    struct tcp_connection *listener = socket->protocol_state;
    uint64_t deadline = inet_socket_deadline(socket->receive_timeout_ns);
    while (!listener->ready_count) {
        if (listener->state != TCP_LISTEN)
            return -EINVAL;
        int status = inet_socket_wait(socket, &socket->readable, nonblocking, deadline, "tcp accept");
        if (status < 0)
            return status;
    }
    /* The new socket comes with a connection of its own (tcp_create):
     * the child takes its place. */
    struct inet_socket *child_socket = inet_socket_create(SOCK_STREAM, &tcp_protocol);
    if (!child_socket)
        return -ENOMEM;
    tcp_connection_free(child_socket->protocol_state);
    struct tcp_connection *child = list_entry(list_first(&listener->ready), struct tcp_connection, listener_link);
    tcp_listener_child_drop(child);
    child->socket = child_socket;
    child_socket->protocol_state = child;
    child_socket->local = child->local;
    child_socket->remote = child->remote;
    inet_port_add_connected(child_socket);
    *accepted = child_socket;
    return 0;
}

/* A listener closes: the connections it never handed out are reset. */
static void tcp_listener_close(struct tcp_connection *listener)
{
    struct list *queues[] = { &listener->pending, &listener->ready };
    for (unsigned i = 0; i < sizeof queues / sizeof queues[0]; i++)
        while (!list_empty(queues[i])) {
            struct tcp_connection *child =
                list_entry(list_first(queues[i]), struct tcp_connection, listener_link);
            tcp_listener_child_drop(child);
            tcp_send_reset(child);
            tcp_connection_free(child);
        }
    tcp_set_state(listener, TCP_CLOSED);
    tcp_connection_remove(listener);
}

static void tcp_close(struct inet_socket *socket)
{
    struct tcp_connection *connection = socket->protocol_state;
    if (!connection)
        return;
    int unread = connection->receive_buffer.count != 0;
    int abort = unread || (socket->linger_on && socket->linger_seconds == 0);
    switch (connection->state) {
    case TCP_LISTEN:
        tcp_listener_close(connection);
        return;
    case TCP_CLOSED:
        tcp_connection_remove(connection);
        return;
    case TCP_SYN_SENT:
        tcp_connection_end(connection, 0);
        return;
    case TCP_SYN_RECEIVED:
        abort = 1;
        break;
    case TCP_ESTABLISHED:
        if (!abort)
            tcp_set_state(connection, TCP_FIN_WAIT_1);
        break;
    case TCP_CLOSE_WAIT:
        if (!abort)
            tcp_set_state(connection, TCP_LAST_ACK);
        break;
    case TCP_FIN_WAIT_1: case TCP_FIN_WAIT_2:
        break;
    default:                                   /* CLOSING, LAST_ACK, TIME_WAIT: our FIN is out */
        abort = 0;
        break;
    }
    if (abort) {
        tcp_send_reset(connection);
        tcp_connection_end(connection, 0);
        return;
    }
    connection->fin_wanted = 1;
    connection->orphaned = 1;                  /* it finishes on its own, holding the socket */
    inet_socket_get(socket);
    if (connection->state == TCP_FIN_WAIT_2)
        net_timer_start(&connection->time_wait_timer, TCP_FIN_WAIT_2_NS);
    tcp_output(connection);
}

static void tcp_destroy(struct inet_socket *socket)
{
    struct tcp_connection *connection = socket->protocol_state;
    if (!connection)
        return;
    socket->protocol_state = 0;
    connection->socket = 0;
    if (connection->state == TCP_LISTEN)
        tcp_listener_close(connection);
    tcp_connection_free(connection);
}

static int tcp_set_option(struct inet_socket *socket, int name, const void *value, socklen_t length)
{
    struct tcp_connection *connection = socket->protocol_state;
    int number;
    if (length < sizeof number)
        return -EINVAL;
    memcpy(&number, value, sizeof number);
    switch (name) {
    case TCP_NODELAY:
        connection->nodelay = number != 0;
        if (connection->nodelay)
            tcp_output(connection);            /* what Nagle held back goes now */
        return 0;
    case TCP_MAXSEG:
        if (number < TCP_MSS_MINIMUM || number > TCP_WINDOW_MAX)
            return -EINVAL;
        connection->user_mss = (uint32_t)number;
        if (connection->send_mss > connection->user_mss && connection->state != TCP_CLOSED)
            connection->send_mss = connection->user_mss;
        return 0;
    default:
        return -ENOPROTOOPT;
    }
}

static int tcp_get_option(struct inet_socket *socket, int name, void *value, socklen_t *length)
{
    const struct tcp_connection *connection = socket->protocol_state;
    int number;
    switch (name) {
    case TCP_NODELAY:
        number = connection->nodelay;
        break;
    case TCP_MAXSEG:                           /* before the handshake: what was asked, or 536 */
        number = (int)(connection->state >= TCP_ESTABLISHED ? connection->send_mss
                       : connection->user_mss                ? connection->user_mss
                                                             : TCP_MSS_DEFAULT);
        break;
    default:
        return -ENOPROTOOPT;
    }
    if (*length > sizeof number)
        *length = sizeof number;
    memcpy(value, &number, *length);
    return 0;
}

static void tcp_describe(const struct inet_socket *socket, struct kinfo_net_socket *entry)
{
    const struct tcp_connection *connection = socket->protocol_state;
    if (!connection)
        return;
    /* netstat's column is 12 bytes: SYN_RECEIVED shows as Linux's SYN_RECV */
    const char *name = connection->state == TCP_SYN_RECEIVED ? "SYN_RECV" : tcp_state_name(connection->state);
    unsigned i = 0;
    for (; name[i] && i + 1 < sizeof entry->state; i++)
        entry->state[i] = name[i];
    entry->state[i] = 0;
    if (connection->state == TCP_LISTEN) {     /* as Linux: waiting connections and the backlog */
        entry->receive_queue = connection->ready_count;
        entry->send_queue = connection->backlog;
    } else {
        entry->receive_queue = connection->receive_buffer.count;
        entry->send_queue = connection->send_buffer.count;
    }
}

/* FIONREAD: the bytes received and not yet read, up to the urgent mark
 * (tcp_urgent.c); -EINVAL while listening, as Linux's tcp_ioctl. */
static int tcp_unread(const struct inet_socket *socket)
{
    const struct tcp_connection *connection = socket->protocol_state;
    if (!connection)
        return 0;
    if (connection->state == TCP_LISTEN)
        return -EINVAL;
    return (int)tcp_urgent_unread(connection, socket->urgent_inline);
}

/* SIOCATMARK: whether the next byte read is at the urgent mark. */
static int tcp_at_mark(const struct inet_socket *socket)
{
    const struct tcp_connection *connection = socket->protocol_state;
    return connection ? tcp_urgent_at_mark(connection) : 0;
}

const struct inet_protocol tcp_protocol = {
    .name = "tcp",
    .protocol = IPPROTO_TCP,
    .create = tcp_create,
    .connect = tcp_connect,
    .listen = tcp_listen,
    .accept = tcp_accept,
    .send = tcp_send,
    .receive = tcp_receive_bytes,
    .shutdown = tcp_shutdown,
    .poll = tcp_poll,
    .set_option = tcp_set_option,
    .get_option = tcp_get_option,
    .close = tcp_close,
    .destroy = tcp_destroy,
    .describe = tcp_describe,
    .unread = tcp_unread,
    .at_mark = tcp_at_mark,
};
