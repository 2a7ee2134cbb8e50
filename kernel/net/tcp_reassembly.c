/* kernel/net/tcp_reassembly.c - putting the peer's bytes back in order.
 *
 * Bytes that start at rcv_nxt go straight into the receive ring
 * (tcp_deliver). A segment that comes early, after a hole left by a lost
 * or delayed one, is held as it came, packet and all, in one of
 * TCP_REORDER_MAX slots; when the hole is filled, the held segments that
 * now start at or before rcv_nxt are delivered and freed:
 *
 *   rcv_nxt
 *     |   hole    | held A  |   | held B |
 *     v           v         v   v        v
 *   --+-----------+---------+---+--------+----->  sequence space
 *     ^ the missing segment arrives: A follows at once; B waits for
 *       the bytes between A and B
 *
 * With every slot taken, a further early segment is dropped: the sender
 * sends it again. The peer's FIN may come early too; it counts only once
 * every byte before it has come (tcp_fin_input). */
#include "tcp_internal.h"

static uint32_t smaller(uint32_t a, uint32_t b)
{
    return a < b ? a : b;
}

/* Holds an out-of-order segment: 1 if `packet` was kept, 0 if there was no
 * room (or it is held already) and the caller frees it. */
int tcp_hold_segment(struct tcp_connection *connection, struct packet *packet, uint32_t sequence,
                     const uint8_t *data, uint32_t length, int fin)
{
    struct tcp_held_segment *free_slot = 0;
    for (unsigned i = 0; i < TCP_REORDER_MAX; i++) {
        struct tcp_held_segment *held = &connection->held[i];
        if (!held->packet)
            free_slot = free_slot ? free_slot : held;
        else if (held->sequence == sequence)
            return 0;                               /* a copy of one held */
    }
    if (!free_slot || packet_count() >= PACKET_LIMIT / 2)
        return 0;                                   /* full, or packets are short: the peer sends it again */
    *free_slot = (struct tcp_held_segment){ packet, sequence, data, length, fin };
    connection->held_count++;
    return 1;
}

/* The peer's FIN, in order: end of file for the reader. */
static void tcp_fin_input(struct tcp_connection *connection)
{
    connection->rcv_nxt++;
    connection->fin_received = 1;
    switch (connection->state) {
    case TCP_ESTABLISHED:
        tcp_set_state(connection, TCP_CLOSE_WAIT);
        break;
    case TCP_FIN_WAIT_1:                            /* our FIN is not acknowledged yet */
        tcp_set_state(connection, TCP_CLOSING);
        break;
    case TCP_FIN_WAIT_2:
        tcp_send_ack(connection);
        tcp_enter_time_wait(connection);
        return;
    default:
        break;
    }
    tcp_send_ack(connection);
    tcp_connection_wake(connection);
}

/* Bytes (and maybe the FIN) that start at rcv_nxt: into the ring. */
void tcp_deliver(struct tcp_connection *connection, const uint8_t *data, uint32_t length, int fin)
{
    length = smaller(length, byte_ring_room(&connection->receive_buffer));
    if (length) {
        byte_ring_write_from_kernel(&connection->receive_buffer, data, length);
        if (connection->urgent == TCP_URGENT_COMING)
            tcp_urgent_delivered(connection, connection->rcv_nxt, data, length);   /* the urgent byte? */
        connection->rcv_nxt += length;
    }
    if (fin)
        tcp_fin_input(connection);
}

/* After the hole before them was filled: delivers the held segments that
 * now start at or before rcv_nxt, and frees those that are covered. */
void tcp_deliver_held(struct tcp_connection *connection)
{
    for (int delivered = 1; delivered && connection->held_count;) {
        delivered = 0;
        for (unsigned i = 0; i < TCP_REORDER_MAX; i++) {
            struct tcp_held_segment *held = &connection->held[i];
            if (!held->packet || sequence_before(connection->rcv_nxt, held->sequence))
                continue;
            uint32_t skip = connection->rcv_nxt - held->sequence;   /* already delivered */
            if (skip < held->length || (skip == held->length && held->fin)) {
                if (!connection->fin_received)
                    tcp_deliver(connection, held->data + skip, held->length - skip, held->fin);
                delivered = 1;
            }
            packet_free(held->packet);
            held->packet = 0;
            connection->held_count--;
        }
    }
}
