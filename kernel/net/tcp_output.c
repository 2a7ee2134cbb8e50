/* kernel/net/tcp_output.c - building and sending TCP segments.
 *
 * One segment, as tcp_send_segment lays it in a packet:
 *
 *   [ headroom (IP, Ethernet) | TCP header 20 (+4: MSS on a SYN) | payload ]
 *                               ports, seq, ack, offset, flags,
 *                               window, checksum (pseudo-header)
 *
 * The payload is copied straight from the send ring into the packet: a
 * segment is built again from the ring when it must be resent, so nothing
 * but the ring keeps unacknowledged data.
 *
 * What goes out when (tcp_output):
 *  - as many full segments as the peer's window allows;
 *  - a short segment only when it is all there is to send and nothing is
 *    in flight (Nagle, RFC 896), or TCP_NODELAY is set, or a FIN follows;
 *  - never a short segment only because the window is nearly full (the
 *    sender's half of silly-window avoidance, RFC 1122 4.2.3.4);
 *  - a window of zero with data waiting starts the persist timer.
 *
 * ACKs are delayed (RFC 1122 4.2.3.2): data that comes in is acknowledged
 * by the next segment we send anyway (a reply), by every second segment,
 * or after TCP_DELAYED_ACK_NS. A request and its reply then cost two
 * segments, not four; a bulk transfer half the ACKs. Out-of-order data,
 * a FIN and a window update are acknowledged at once.
 *
 * Checksums: a packet through the loopback never leaves memory, so, as
 * Linux does, its checksum is neither computed nor checked. */
#include "tcp_internal.h"

#include "checksum.h"
#include "ipv4.h"
#include "kernel/trace.h"
#include "sched/clock.h"

static uint32_t smaller(uint32_t a, uint32_t b)
{
    return a < b ? a : b;
}

uint32_t tcp_receive_window(const struct tcp_connection *connection)
{
    if (!connection->receive_buffer.bytes)
        return TCP_WINDOW_MAX;                       /* a SYN's: the ring comes with the connection */
    uint32_t room = smaller(byte_ring_room(&connection->receive_buffer), TCP_WINDOW_MAX);
    uint32_t offered = connection->rcv_adv - connection->rcv_nxt;
    if (sequence_before(connection->rcv_adv, connection->rcv_nxt))
        offered = 0;
    /* The receiver's half of silly-window avoidance: open the window by a
     * full segment (or half the ring) at least, else keep its right edge. */
    uint32_t step = smaller(connection->receive_mss, TCP_RING_SIZE / 2);
    return room >= offered + step ? room : offered;
}

int tcp_send_segment(struct tcp_connection *connection, uint32_t sequence, uint8_t flags, uint32_t length)
{
    struct packet *packet = packet_alloc_size(length);   /* the headers go in its headroom */
    if (!packet)
        return -ENOBUFS;
    uint32_t header_length = TCP_HEADER_LENGTH + ((flags & TCP_FLAG_SYN) ? TCP_MSS_OPTION_LENGTH : 0);
    if (length)
        byte_ring_copy_out(&connection->send_buffer, sequence - connection->snd_una, packet_put(packet, length),
                          length);
    uint8_t *header = packet_push(packet, header_length);
    uint32_t window = tcp_receive_window(connection);
    put_be16(header, connection->local.port);
    put_be16(header + 2, connection->remote.port);
    put_be32(header + 4, sequence);
    put_be32(header + 8, (flags & TCP_FLAG_ACK) ? connection->rcv_nxt : 0);
    uint32_t urgent = connection->urgent_to_send ? tcp_urgent_pointer(connection, sequence) : 0;   /* tcp_urgent.c */
    header[12] = (uint8_t)((header_length / 4) << 4);   /* data offset, in 32-bit words */
    header[13] = flags | (urgent ? TCP_FLAG_URG : 0);
    put_be16(header + 14, (uint16_t)window);
    put_be16(header + 16, 0);                           /* the checksum, below */
    put_be16(header + 18, (uint16_t)urgent);
    if (flags & TCP_FLAG_SYN) {
        header[20] = TCP_OPTION_MSS;
        header[21] = TCP_MSS_OPTION_LENGTH;
        put_be16(header + 22, (uint16_t)connection->receive_mss);
    }
    if (!connection->loopback) {
        uint32_t sum = checksum_pseudo_header(connection->local.address, connection->remote.address,
                                              IPV4_PROTOCOL_TCP, packet->length);
        put_be16(header + 16, checksum_finish(checksum_add(sum, header, packet->length)));
    }
    if (flags & TCP_FLAG_ACK) {                         /* this ACK is the one owed */
        connection->rcv_wnd = window;
        connection->rcv_adv = connection->rcv_nxt + window;
        connection->unacknowledged_segments = 0;
        if (connection->delayed_ack_timer.armed)
            net_timer_stop(&connection->delayed_ack_timer);
    }
    if (trace_on)
        tcp_trace_segment("out", connection->local.address, connection->local.port, connection->remote.address,
                          connection->remote.port, header[13], sequence,
                          (flags & TCP_FLAG_ACK) ? connection->rcv_nxt : 0, length, window, urgent, connection->state);
    uint8_t ttl = connection->socket && connection->socket->ttl ? connection->socket->ttl : IPV4_DEFAULT_TTL;
    return ipv4_send(packet, connection->local.address, connection->remote.address, IPV4_PROTOCOL_TCP, ttl);
}

void tcp_output(struct tcp_connection *connection)
{
    switch (connection->state) {
    case TCP_ESTABLISHED: case TCP_CLOSE_WAIT: case TCP_FIN_WAIT_1: case TCP_CLOSING: case TCP_LAST_ACK:
        break;
    default:
        return;                                      /* no data goes out before the handshake or after the end */
    }
    while (!connection->fin_sent) {
        uint32_t in_flight = connection->snd_nxt - connection->snd_una;
        uint32_t unsent = connection->send_buffer.count - in_flight;
        uint32_t usable = connection->snd_wnd > in_flight ? connection->snd_wnd - in_flight : 0;
        uint32_t length = smaller(smaller(unsent, usable), connection->send_mss);
        int fin = connection->fin_wanted && length == unsent;
        if (length == 0 && !fin) {
            if (unsent && !in_flight)
                tcp_persist_start(connection);       /* the window is shut: ask now and then */
            return;
        }
        if (length < connection->send_mss && in_flight) {
            if (length < unsent)
                return;                              /* only a sliver of window: wait for more */
            if (!connection->nodelay && !fin && !tcp_urgent_unsent(connection))
                return;                              /* Nagle: one small segment in flight at a time */
        }
        uint8_t flags = TCP_FLAG_ACK | (length && length == unsent ? TCP_FLAG_PSH : 0) | (fin ? TCP_FLAG_FIN : 0);
        if (tcp_send_segment(connection, connection->snd_nxt, flags, length) < 0) {
            tcp_retransmit_timer_start(connection);  /* no packet now: the timer tries again */
            return;
        }
        if (!connection->rtt_timing) {
            connection->rtt_timing = 1;
            connection->rtt_sequence = connection->snd_nxt + length;
            connection->rtt_start_ns = clock_tick_ns();
        }
        connection->snd_nxt += length + (fin ? 1 : 0);
        connection->fin_sent = fin;
        tcp_retransmit_timer_start(connection);
    }
}

void tcp_send_ack(struct tcp_connection *connection)
{
    tcp_send_segment(connection, connection->snd_nxt, TCP_FLAG_ACK, 0);
}

void tcp_send_reset(struct tcp_connection *connection)
{
    tcp_send_segment(connection, connection->snd_nxt, TCP_FLAG_RST | TCP_FLAG_ACK, 0);
}

void tcp_schedule_ack(struct tcp_connection *connection, int now)
{
    connection->unacknowledged_segments++;
    if (now || connection->unacknowledged_segments >= 2)
        tcp_send_ack(connection);
    else if (!connection->delayed_ack_timer.armed)
        net_timer_start(&connection->delayed_ack_timer, TCP_DELAYED_ACK_NS);
}

void tcp_window_update(struct tcp_connection *connection)
{
    if (connection->state != TCP_ESTABLISHED && connection->state != TCP_FIN_WAIT_1 &&
        connection->state != TCP_FIN_WAIT_2)
        return;                                      /* the peer sends no more: no window to offer */
    uint32_t offered = connection->rcv_adv - connection->rcv_nxt;
    uint32_t window = tcp_receive_window(connection);
    /* Worth a segment of its own when the peer may be held back (less than
     * two segments offered) or a quarter of the ring more is open; else
     * the next ACK carries the new window. */
    if (window != offered && (offered < 2 * connection->receive_mss || window - offered >= TCP_RING_SIZE / 4))
        tcp_send_ack(connection);
}

void tcp_send_reset_for(uint32_t local_address, uint32_t remote_address, const uint8_t *header,
                        uint32_t segment_length)
{
    uint8_t flags = header[13];
    if (flags & TCP_FLAG_RST)
        return;                                      /* never answer a reset */
    struct packet *packet = packet_alloc();
    if (!packet)
        return;
    uint32_t header_length = (uint32_t)(header[12] >> 4) * 4;
    uint8_t *reply = packet_push(packet, TCP_HEADER_LENGTH);
    put_be16(reply, get_be16(header + 2));           /* the ports swap */
    put_be16(reply + 2, get_be16(header));
    if (flags & TCP_FLAG_ACK) {                      /* seq = their ack, no ACK of ours */
        put_be32(reply + 4, get_be32(header + 8));
        put_be32(reply + 8, 0);
        reply[13] = TCP_FLAG_RST;
    } else {                                         /* seq 0, ack what they sent */
        uint32_t occupied = segment_length - header_length + ((flags & TCP_FLAG_SYN) ? 1 : 0) +
                            ((flags & TCP_FLAG_FIN) ? 1 : 0);
        put_be32(reply + 4, 0);
        put_be32(reply + 8, get_be32(header + 4) + occupied);
        reply[13] = TCP_FLAG_RST | TCP_FLAG_ACK;
    }
    reply[12] = (TCP_HEADER_LENGTH / 4) << 4;
    put_be16(reply + 14, 0);
    put_be32(reply + 16, 0);
    uint32_t sum = checksum_pseudo_header(local_address, remote_address, IPV4_PROTOCOL_TCP, TCP_HEADER_LENGTH);
    put_be16(reply + 16, checksum_finish(checksum_add(sum, reply, TCP_HEADER_LENGTH)));
    if (trace_on)
        tcp_trace_segment("out", local_address, get_be16(reply), remote_address, get_be16(reply + 2), reply[13],
                          get_be32(reply + 4), get_be32(reply + 8), 0, 0, 0, TCP_CLOSED);
    ipv4_send(packet, local_address, remote_address, IPV4_PROTOCOL_TCP, IPV4_DEFAULT_TTL);
}
