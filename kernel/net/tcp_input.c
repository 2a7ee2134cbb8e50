/* kernel/net/tcp_input.c - a TCP segment arrives: RFC 793 section 3.9,
 * "SEGMENT ARRIVES", step by step.
 *
 *   tcp_receive: header checks (lengths, data offset, checksum over the
 *                pseudo-header), options (MSS), find the connection
 *     no connection           -> answer with a reset (tcp_send_reset_for)
 *     LISTEN                  -> tcp_listen_input: a SYN makes a child
 *     SYN_SENT                -> tcp_syn_sent_input: our SYN's answer
 *     every other state       -> tcp_segment_input:
 *        1. sequence number acceptable? (else ACK and drop), trimmed
 *           to the window
 *        2. RST: the connection ends
 *        3. SYN in the window: an error, reset
 *        4. ACK: the handshake's end; our data acknowledged; duplicate
 *           ACKs; the peer's window; our FIN acknowledged
 *        5. URG: the peer's urgent byte announced (tcp_urgent.c)
 *        6. payload: in order into the receive ring, else held
 *           until the hole is filled (tcp_reassembly.c)
 *        7. FIN: end of file for the reader; the closing states
 *
 * Every length is checked before a byte of the header is read: a packet
 * from the network may be anything. */
#include "tcp_internal.h"

#include "checksum.h"
#include "ipv4.h"
#include "kernel/trace.h"

#define TCP_DUPLICATE_ACK_THRESHOLD 3   /* fast retransmit (RFC 5681) */

/* One segment, as tcp_parse found it (host byte order). */
struct tcp_segment {
    const uint8_t *header;
    uint32_t segment_length;          /* header and payload */
    uint32_t sequence, acknowledgment;
    uint8_t flags;
    uint32_t window;
    uint32_t mss;                     /* the MSS option, 0 if absent */
    const uint8_t *data;              /* the payload ... */
    uint32_t length;                  /* ... and its length */
};

static uint32_t smaller(uint32_t a, uint32_t b)
{
    return a < b ? a : b;
}

/* Checks the header of the segment in `packet` and fills `segment`: 0, or
 * -1 for a segment to drop. */
static int tcp_parse(const struct packet *packet, struct tcp_segment *segment)
{
    const uint8_t *header = packet->data;
    if (packet->length < TCP_HEADER_LENGTH)
        return -1;
    uint32_t header_length = (uint32_t)(header[12] >> 4) * 4;
    if (header_length < TCP_HEADER_LENGTH || header_length > packet->length)
        return -1;
    int from_loopback = packet->interface && packet->interface->loopback;
    if (!from_loopback) {
        uint32_t sum = checksum_pseudo_header(packet->source_address, packet->destination_address,
                                              IPV4_PROTOCOL_TCP, packet->length);
        if (checksum_finish(checksum_add(sum, header, packet->length)) != 0)
            return -1;
    }
    segment->header = header;
    segment->segment_length = packet->length;
    segment->sequence = get_be32(header + 4);
    segment->acknowledgment = get_be32(header + 8);
    segment->flags = header[13];
    segment->window = get_be16(header + 14);
    segment->mss = 0;
    segment->data = header + header_length;
    segment->length = packet->length - header_length;
    for (uint32_t at = TCP_HEADER_LENGTH; at < header_length;) {
        uint8_t kind = header[at];
        if (kind == TCP_OPTION_END)
            break;
        if (kind == TCP_OPTION_NOP) {
            at++;
            continue;
        }
        if (at + 1 >= header_length || header[at + 1] < 2 || at + header[at + 1] > header_length)
            break;                                  /* a broken option: ignore the rest */
        if (kind == TCP_OPTION_MSS && header[at + 1] == TCP_MSS_OPTION_LENGTH)
            segment->mss = get_be16(header + at + 2);
        at += header[at + 1];
    }
    return 0;
}

/* The MSS we send with: the peer's option (536 without), our route's, and TCP_MAXSEG's. */
static void tcp_take_peer_mss(struct tcp_connection *connection, const struct tcp_segment *segment)
{
    uint32_t mss = segment->mss ? segment->mss : TCP_MSS_DEFAULT;
    mss = smaller(mss, connection->receive_mss);
    if (connection->user_mss)
        mss = smaller(mss, connection->user_mss);
    connection->send_mss = mss < TCP_MSS_MINIMUM ? TCP_MSS_MINIMUM : mss;
}

/* A SYN to a listener: a child connection in SYN_RECEIVED answers it,
 * unless the backlog is full: then, as Linux, the SYN is dropped and the
 * client's retry may find room. */
static void tcp_listen_input(struct tcp_connection *listener, const struct packet *packet,
                             const struct tcp_segment *segment)
{
    if (segment->flags & TCP_FLAG_RST)
        return;
    if (segment->flags & TCP_FLAG_ACK) {
        tcp_send_reset_for(packet->destination_address, packet->source_address, segment->header,
                           segment->segment_length);
        return;
    }
    if (!(segment->flags & TCP_FLAG_SYN) || listener->pending_count + listener->ready_count > listener->backlog)
        return;
    struct tcp_connection *child = tcp_connection_create();
    if (!child)
        return;
    child->local.address = packet->destination_address;
    child->local.port = get_be16(segment->header + 2);
    child->remote.address = packet->source_address;
    child->remote.port = get_be16(segment->header);
    child->nodelay = listener->nodelay;
    child->user_mss = listener->user_mss;
    child->receive_mss = tcp_mss_for(child->remote.address, &child->loopback);
    tcp_take_peer_mss(child, segment);
    child->irs = segment->sequence;
    child->rcv_nxt = segment->sequence + 1;
    child->rcv_adv = child->rcv_nxt;                /* nothing offered yet */
    child->iss = tcp_choose_iss(&child->local, &child->remote);
    child->snd_una = child->iss;
    child->snd_nxt = child->iss + 1;
    child->snd_wnd = segment->window;
    child->snd_wl1 = segment->sequence;
    child->listener = listener;
    child->opened = 1;
    list_push_back(&listener->pending, &child->listener_link);
    listener->pending_count++;
    tcp_set_state(child, TCP_SYN_RECEIVED);
    tcp_connection_insert(child);
    tcp_send_segment(child, child->iss, TCP_FLAG_SYN | TCP_FLAG_ACK, 0);
    tcp_retransmit_timer_start(child);
}

/* The answer to our SYN: a SYN-ACK completes the handshake, a RST refuses it. */
static void tcp_syn_sent_input(struct tcp_connection *connection, const struct packet *packet,
                               const struct tcp_segment *segment)
{
    int has_ack = segment->flags & TCP_FLAG_ACK;
    if (has_ack && (sequence_before_or_equal(segment->acknowledgment, connection->iss) ||
                    sequence_before(connection->snd_nxt, segment->acknowledgment))) {
        tcp_send_reset_for(packet->destination_address, packet->source_address, segment->header,
                           segment->segment_length);
        return;                                     /* an answer to some other SYN */
    }
    if (segment->flags & TCP_FLAG_RST) {
        if (has_ack)
            tcp_connection_end(connection, ECONNREFUSED);
        return;
    }
    if (!(segment->flags & TCP_FLAG_SYN))
        return;
    connection->irs = segment->sequence;
    connection->rcv_nxt = segment->sequence + 1;
    connection->rcv_adv = connection->rcv_nxt;      /* nothing offered yet */
    tcp_take_peer_mss(connection, segment);
    connection->snd_wnd = segment->window;
    connection->snd_wl1 = segment->sequence;
    connection->snd_wl2 = segment->acknowledgment;
    if (!has_ack) {                                 /* both sent a SYN at once: simultaneous open */
        tcp_set_state(connection, TCP_SYN_RECEIVED);
        tcp_send_segment(connection, connection->iss, TCP_FLAG_SYN | TCP_FLAG_ACK, 0);
        return;
    }
    connection->snd_una = segment->acknowledgment;
    tcp_set_state(connection, TCP_ESTABLISHED);
    tcp_acknowledged(connection, segment->acknowledgment);
    tcp_send_ack(connection);
    tcp_connection_wake(connection);                /* connect() returns */
}

/* An ACK in a synchronized state (step 4). 0, or -1 when the connection
 * ended (it may be freed) or the segment must go no further. */
static int tcp_ack_input(struct tcp_connection *connection, const struct tcp_segment *segment)
{
    uint32_t acknowledgment = segment->acknowledgment;
    if (sequence_before(connection->snd_nxt, acknowledgment)) {
        tcp_send_ack(connection);                   /* acknowledges what we never sent */
        return -1;
    }
    int fin_acknowledged = 0;
    if (sequence_before(connection->snd_una, acknowledgment)) {
        uint32_t acknowledged = acknowledgment - connection->snd_una;
        byte_ring_discard(&connection->send_buffer, smaller(acknowledged, connection->send_buffer.count));
        fin_acknowledged = connection->fin_sent && acknowledgment == connection->snd_nxt;
        connection->snd_una = acknowledgment;
        connection->duplicate_acks = 0;
        tcp_acknowledged(connection, acknowledgment);
        if (connection->recovering) {
            if (sequence_before(acknowledgment, connection->recover))
                tcp_retransmit_first(connection);  /* a partial ACK: the next hole */
            else
                connection->recovering = 0;
        }
        tcp_connection_wake(connection);            /* writers: room in the send ring */
    } else if (acknowledgment == connection->snd_una && !segment->length &&
               !(segment->flags & (TCP_FLAG_FIN | TCP_FLAG_SYN)) && segment->window == connection->snd_wnd &&
               connection->snd_una != connection->snd_nxt) {
        if (++connection->duplicate_acks == TCP_DUPLICATE_ACK_THRESHOLD && !connection->recovering) {
            connection->recovering = 1;             /* the segment after the ACK was lost: resend now */
            connection->recover = connection->snd_nxt;
            connection->rtt_timing = 0;
            tcp_retransmit_first(connection);
        }
    }
    if (sequence_before(connection->snd_wl1, segment->sequence) ||
        (connection->snd_wl1 == segment->sequence && sequence_before_or_equal(connection->snd_wl2, acknowledgment))) {
        connection->snd_wnd = segment->window;
        connection->snd_wl1 = segment->sequence;
        connection->snd_wl2 = acknowledgment;
        if (connection->snd_wnd) {
            connection->persist_backoff = 0;
            if (connection->persist_timer.armed)
                net_timer_stop(&connection->persist_timer);
        }
    }
    if (!fin_acknowledged)
        return 0;
    switch (connection->state) {
    case TCP_FIN_WAIT_1:
        tcp_set_state(connection, TCP_FIN_WAIT_2);
        if (connection->orphaned)                   /* nobody reads: do not wait for ever */
            net_timer_start(&connection->time_wait_timer, TCP_FIN_WAIT_2_NS);
        tcp_connection_wake(connection);
        return 0;
    case TCP_CLOSING:
        tcp_enter_time_wait(connection);
        return 0;
    case TCP_LAST_ACK:
        tcp_connection_end(connection, 0);
        return -1;
    default:
        return 0;
    }
}

/* The handshake's last ACK at a SYN_RECEIVED connection: established,
 * or -1 with nothing changed when the connections waiting for accept()
 * are at their cap (TCP_READY_CHILDREN_MAX): the ACK is dropped. */
static int tcp_established_by(struct tcp_connection *connection, const struct tcp_segment *segment)
{
    if (connection->listener && !tcp_listener_child_may_become_ready())
        return -1;
    if (!connection->receive_buffer.bytes && byte_ring_create(&connection->receive_buffer, TCP_RING_SIZE) < 0) {
        tcp_send_reset(connection);
        tcp_connection_end(connection, ENOMEM);
        return -1;
    }
    connection->snd_una = segment->acknowledgment;
    connection->snd_wnd = segment->window;
    connection->snd_wl1 = segment->sequence;
    connection->snd_wl2 = segment->acknowledgment;
    tcp_set_state(connection, TCP_ESTABLISHED);
    tcp_acknowledged(connection, segment->acknowledgment);
    if (connection->listener)
        tcp_listener_child_ready(connection);
    tcp_connection_wake(connection);
    return 0;
}

/* TIME_WAIT, and a segment with FIN whose FIN is `fin_sequence`: if it is
 * the peer's FIN again (its number rcv_nxt - 1: our ACK of it was lost),
 * the wait starts over, as RFC 793 says. Not for any other FIN: a segment
 * with FIN and some other number every 2 s would keep the connection in
 * TIME_WAIT, its port taken, for as long as someone sent them. */
static void time_wait_fin_again(struct tcp_connection *connection, uint32_t fin_sequence)
{
    if (fin_sequence == connection->rcv_nxt - 1)
        net_timer_start(&connection->time_wait_timer, TCP_TIME_WAIT_NS);
}

/* Steps 1 to 6 for every state but LISTEN and SYN_SENT. 1 if `packet` is
 * now held (out of order), else 0 and the caller frees it. */
static int tcp_segment_input(struct tcp_connection *connection, struct packet *packet, struct tcp_segment *segment)
{
    uint32_t window = connection->receive_buffer.bytes ? smaller(byte_ring_room(&connection->receive_buffer),
                                                                 TCP_WINDOW_MAX)
                                                       : TCP_WINDOW_MAX;
    uint8_t flags = segment->flags;
    uint32_t sequence = segment->sequence, length = segment->length;
    const uint8_t *data = segment->data;
    uint32_t occupied = length + ((flags & TCP_FLAG_SYN) ? 1 : 0) + ((flags & TCP_FLAG_FIN) ? 1 : 0);
    uint32_t rcv_nxt = connection->rcv_nxt;
    int sent_fin = (flags & TCP_FLAG_FIN) != 0;
    uint32_t fin_sequence = sequence + occupied - 1;   /* (if sent_fin: after the SYN and the bytes) */

    /* 1. Is any of it inside the window? */
    uint32_t start_offset = sequence - rcv_nxt, end_offset = sequence + occupied - 1 - rcv_nxt;
    int acceptable = occupied == 0 ? (window ? start_offset < window : sequence == rcv_nxt)
                                   : window && (start_offset < window || end_offset < window);
    if (!acceptable && window == 0 && sequence == rcv_nxt) {
        acceptable = 1;                             /* a shut window still takes ACKs and RSTs */
        length = 0;
        flags &= (uint8_t)~TCP_FLAG_FIN;
    }
    if (!acceptable) {
        if (connection->state == TCP_SYN_RECEIVED && (flags & TCP_FLAG_SYN) && !(flags & TCP_FLAG_ACK)) {
            tcp_retransmit_first(connection);       /* the SYN again: our SYN-ACK was lost */
        } else if (!(flags & TCP_FLAG_RST)) {
            tcp_send_ack(connection);               /* a duplicate, or a probe: say where we are */
            if (connection->state == TCP_TIME_WAIT && sent_fin)
                time_wait_fin_again(connection, fin_sequence);
        }
        return 0;
    }
    if (sequence_before(sequence, rcv_nxt)) {       /* trim what came before */
        uint32_t old = rcv_nxt - sequence;
        if (flags & TCP_FLAG_SYN) {
            flags &= (uint8_t)~TCP_FLAG_SYN;
            old--;
        }
        uint32_t cut = smaller(old, length);
        data += cut;
        length -= cut;
        sequence = rcv_nxt;
    }
    if (length > window - (sequence - rcv_nxt)) {   /* and what goes past the window */
        length = window - (sequence - rcv_nxt);
        flags &= (uint8_t)~TCP_FLAG_FIN;
    }

    /* 2. A reset ends the connection, if its number is exactly the one
     * expected next. Another inside the window may be a guess from off
     * the path (RFC 5961, 3.2): it gets a "challenge" ACK, which a peer
     * that really reset answers with a RST at the right number. */
    if (flags & TCP_FLAG_RST) {
        if (segment->sequence != rcv_nxt) {
            tcp_send_ack(connection);
            return 0;
        }
        int error = 0;
        if (connection->state == TCP_SYN_RECEIVED)
            error = connection->listener ? 0 : ECONNREFUSED;
        else if (connection->state == TCP_CLOSE_WAIT)
            error = EPIPE;                          /* as Linux: the peer had said it was done */
        else if (connection->state == TCP_ESTABLISHED || connection->state == TCP_FIN_WAIT_1 ||
                 connection->state == TCP_FIN_WAIT_2)
            error = ECONNRESET;
        tcp_connection_end(connection, error);
        return 0;
    }
    /* 3. A SYN inside the window: once a reset of the connection, now a
     * challenge ACK as for a RST (RFC 5961, 4.2), unless in TIME_WAIT,
     * where it is the peer starting again. */
    if (flags & TCP_FLAG_SYN) {
        if (connection->state != TCP_TIME_WAIT) {
            tcp_send_ack(connection);
            return 0;
        }
        tcp_send_reset(connection);
        tcp_connection_end(connection, ECONNRESET);
        return 0;
    }
    /* 4. The ACK. */
    if (!(flags & TCP_FLAG_ACK))
        return 0;
    if (!connection->orphaned)
        connection->probes = 0;                     /* the peer is alive (an orphan's probes still end) */
    if (connection->state == TCP_SYN_RECEIVED) {
        if (!sequence_before(connection->snd_una, segment->acknowledgment) ||
            sequence_before(connection->snd_nxt, segment->acknowledgment)) {
            tcp_send_reset_for(packet->destination_address, packet->source_address, segment->header,
                               segment->segment_length);
            return 0;
        }
        if (tcp_established_by(connection, segment) < 0)
            return 0;
    } else if (tcp_ack_input(connection, segment) < 0) {
        return 0;
    }

    /* 5. The URG bit (RFC 793's sixth step): a new urgent byte is
     * announced (tcp_urgent.c). 6. The payload, and 7. the FIN. */
    if ((flags & TCP_FLAG_URG) && (connection->state == TCP_ESTABLISHED || connection->state == TCP_FIN_WAIT_1 ||
                                   connection->state == TCP_FIN_WAIT_2))
        tcp_urgent_input(connection, segment->sequence, get_be16(segment->header + 18));   /* the pointer */
    int fin = (flags & TCP_FLAG_FIN) != 0;
    int held = 0;
    if ((length || fin) && (connection->state == TCP_ESTABLISHED || connection->state == TCP_FIN_WAIT_1 ||
                            connection->state == TCP_FIN_WAIT_2)) {
        if (length && connection->orphaned) {       /* data for a closed socket: Linux resets */
            tcp_send_reset(connection);
            tcp_connection_end(connection, 0);
            return 0;
        }
        if (sequence == connection->rcv_nxt) {
            int had_held = connection->held_count != 0;
            tcp_deliver(connection, data, length, fin);
            if (had_held)
                tcp_deliver_held(connection);
            if (length && !fin)
                tcp_schedule_ack(connection, had_held);   /* (a FIN was acknowledged at once) */
            if (length)
                tcp_connection_wake(connection);    /* readers */
        } else {
            held = tcp_hold_segment(connection, packet, sequence, data, length, fin);
            tcp_send_ack(connection);               /* a duplicate ACK: the sender learns of the hole */
        }
    } else if (occupied && !length && !fin && connection->state == TCP_TIME_WAIT) {
        tcp_send_ack(connection);                   /* the peer's FIN again: our ACK was lost */
        if (sent_fin)
            time_wait_fin_again(connection, fin_sequence);
    }
    tcp_output(connection);
    return held;
}

void tcp_receive(struct packet *packet)
{
    struct tcp_segment segment;
    if (tcp_parse(packet, &segment) < 0) {
        packet_free(packet);
        return;
    }
    if (ipv4_is_broadcast(packet->interface, packet->destination_address)) {
        packet_free(packet);                        /* TCP is between two hosts (RFC 1122 4.2.3.10) */
        return;
    }
    struct inet_endpoint local = { packet->destination_address, get_be16(segment.header + 2) };
    struct inet_endpoint remote = { packet->source_address, get_be16(segment.header) };
    struct tcp_connection *connection = tcp_connection_find(&local, &remote);
    if (trace_on)
        tcp_trace_segment("in", remote.address, remote.port, local.address, local.port, segment.flags,
                          segment.sequence, segment.acknowledgment, segment.length, segment.window,
                          get_be16(segment.header + 18), connection ? connection->state : TCP_CLOSED);
    int held = 0;
    if (!connection || connection->state == TCP_CLOSED)
        tcp_send_reset_for(local.address, remote.address, segment.header, segment.segment_length);
    else if (connection->state == TCP_LISTEN)
        tcp_listen_input(connection, packet, &segment);
    else if (connection->state == TCP_SYN_SENT)
        tcp_syn_sent_input(connection, packet, &segment);
    else
        held = tcp_segment_input(connection, packet, &segment);
    if (!held)
        packet_free(packet);
}
