/* kernel/net/tcp_timer.c - TCP's clocks: retransmission, zero-window
 * probes, delayed ACKs and TIME_WAIT. Each is a net_timer (net_interface.h)
 * that the network task runs once its deadline passes.
 *
 * Retransmission (RFC 6298). One segment at a time is timed (never one sent
 * twice: Karn's rule); each sample R updates
 *
 *     srtt   = 7/8 srtt + 1/8 R              (the first: srtt = R)
 *     rttvar = 3/4 rttvar + 1/4 |srtt - R|   (the first: rttvar = R/2)
 *     RTO    = srtt + 4 rttvar, within [TCP_RTO_MIN_NS, TCP_RTO_MAX_NS]
 *
 * When the timer goes off, the oldest unacknowledged segment is sent again
 * and the RTO doubles (exponential backoff). After TCP_SYN_RETRIES (a
 * handshake) or TCP_DATA_RETRIES (data) such retries without progress the
 * connection ends with ETIMEDOUT: with the numbers of tcp_internal.h,
 * connect() to an address that never answers fails after 25 s.
 *
 * Loss is mostly repaired sooner: three duplicate ACKs resend the missing
 * segment at once (fast retransmit, tcp_input.c), and until everything
 * sent when the loss was seen (`recover`) is acknowledged, each ACK that
 * moves forward only part of the way resends the next hole (NewReno's
 * partial ACK, RFC 6582), so several losses in one window cost one round
 * trip each, not one timeout each.
 *
 * The persist timer: a peer whose window is zero tells us when it opens
 * with an ACK, which may be lost. So while the window is shut and data
 * waits, we send a probe now and then (backing off like the RTO): a
 * segment with an old sequence number, which the peer must answer with
 * an ACK carrying its current window. */
#include "tcp_internal.h"

#include "sched/clock.h"

static uint64_t smaller(uint64_t a, uint64_t b)
{
    return a < b ? a : b;
}

/* The RTO once a round-trip `sample` was measured. */
static void tcp_rtt_sample(struct tcp_connection *connection, uint64_t sample)
{
    if (!connection->srtt_ns) {
        connection->srtt_ns = sample ? sample : 1;
        connection->rttvar_ns = sample / 2;
    } else {
        uint64_t delta = connection->srtt_ns > sample ? connection->srtt_ns - sample : sample - connection->srtt_ns;
        connection->rttvar_ns = (3 * connection->rttvar_ns + delta) / 4;
        connection->srtt_ns = (7 * connection->srtt_ns + sample) / 8;
    }
    uint64_t rto = connection->srtt_ns + 4 * connection->rttvar_ns;
    if (rto < TCP_RTO_MIN_NS)
        rto = TCP_RTO_MIN_NS;
    connection->rto_ns = smaller(rto, TCP_RTO_MAX_NS);
}

void tcp_retransmit_timer_start(struct tcp_connection *connection)
{
    if (!connection->retransmit_timer.armed)
        net_timer_start(&connection->retransmit_timer, connection->rto_ns);
}

void tcp_acknowledged(struct tcp_connection *connection, uint32_t acknowledgment)
{
    if (connection->rtt_timing && sequence_before_or_equal(connection->rtt_sequence, acknowledgment)) {
        tcp_rtt_sample(connection, clock_tick_ns() - connection->rtt_start_ns);
        connection->rtt_timing = 0;
    }
    connection->retries = 0;
    if (connection->snd_una == connection->snd_nxt) {
        if (connection->retransmit_timer.armed)
            net_timer_stop(&connection->retransmit_timer);
    } else {
        net_timer_start(&connection->retransmit_timer, connection->rto_ns);
    }
}

void tcp_retransmit_first(struct tcp_connection *connection)
{
    switch (connection->state) {
    case TCP_SYN_SENT:
        tcp_send_segment(connection, connection->iss, TCP_FLAG_SYN, 0);
        return;
    case TCP_SYN_RECEIVED:
        tcp_send_segment(connection, connection->iss, TCP_FLAG_SYN | TCP_FLAG_ACK, 0);
        return;
    default:
        break;
    }
    uint32_t data_in_flight = connection->snd_nxt - connection->snd_una - (connection->fin_sent ? 1 : 0);
    uint32_t length = data_in_flight < connection->send_mss ? data_in_flight : connection->send_mss;
    int fin = connection->fin_sent && length == data_in_flight;
    if (!length && !fin) {
        tcp_output(connection);                     /* nothing in flight: what could not go out, now */
        return;
    }
    tcp_send_segment(connection, connection->snd_una, TCP_FLAG_ACK | (fin ? TCP_FLAG_FIN : 0), length);
}

static void tcp_retransmit_expired(struct net_timer *timer)
{
    struct tcp_connection *connection = tcp_connection_of_timer(timer, retransmit_timer);
    if (connection->state == TCP_CLOSED || connection->state == TCP_LISTEN || connection->state == TCP_TIME_WAIT)
        return;
    int handshake = connection->state == TCP_SYN_SENT || connection->state == TCP_SYN_RECEIVED;
    if (connection->retries >= (handshake ? TCP_SYN_RETRIES : TCP_DATA_RETRIES)) {
        tcp_connection_end(connection, ETIMEDOUT);  /* may free it */
        return;
    }
    connection->retries++;
    connection->rtt_timing = 0;                     /* Karn: a resent segment gives no sample */
    connection->recover = connection->snd_nxt;
    connection->recovering = connection->snd_nxt != connection->snd_una;
    connection->duplicate_acks = 0;
    tcp_retransmit_first(connection);
    connection->rto_ns = smaller(connection->rto_ns * 2, TCP_RTO_MAX_NS);
    net_timer_start(&connection->retransmit_timer, connection->rto_ns);
}

void tcp_persist_start(struct tcp_connection *connection)
{
    if (!connection->persist_timer.armed && !connection->retransmit_timer.armed)
        net_timer_start(&connection->persist_timer, connection->rto_ns);
}

static void tcp_persist_expired(struct net_timer *timer)
{
    struct tcp_connection *connection = tcp_connection_of_timer(timer, persist_timer);
    uint32_t in_flight = connection->snd_nxt - connection->snd_una;
    int waiting = !connection->fin_sent && connection->send_buffer.count > in_flight;
    if (connection->snd_wnd || !waiting) {
        tcp_output(connection);                      /* the window opened meanwhile */
        return;
    }
    if (connection->probes >= TCP_DATA_RETRIES) {   /* the peer no longer answers */
        tcp_connection_end(connection, ETIMEDOUT);
        return;
    }
    connection->probes++;
    if (connection->persist_backoff < TCP_DATA_RETRIES)
        connection->persist_backoff++;
    tcp_send_segment(connection, connection->snd_una - 1, TCP_FLAG_ACK, 0);
    net_timer_start(&connection->persist_timer,
                    smaller(connection->rto_ns << connection->persist_backoff, TCP_RTO_MAX_NS));
}

static void tcp_delayed_ack_expired(struct net_timer *timer)
{
    struct tcp_connection *connection = tcp_connection_of_timer(timer, delayed_ack_timer);
    if (connection->unacknowledged_segments && connection->state != TCP_CLOSED)
        tcp_send_ack(connection);
}

void tcp_enter_time_wait(struct tcp_connection *connection)
{
    tcp_set_state(connection, TCP_TIME_WAIT);
    if (connection->retransmit_timer.armed)
        net_timer_stop(&connection->retransmit_timer);
    if (connection->persist_timer.armed)
        net_timer_stop(&connection->persist_timer);
    net_timer_start(&connection->time_wait_timer, TCP_TIME_WAIT_NS);
    /* Nothing is sent any more (our FIN was acknowledged: the send ring is
     * empty), and a closed socket reads nothing: the rings go now, not
     * after the wait. */
    byte_ring_destroy(&connection->send_buffer);
    if (connection->orphaned)
        byte_ring_destroy(&connection->receive_buffer);
    tcp_connection_wake(connection);
}

/* TIME_WAIT is over, or an orphan waited in FIN_WAIT_2 long enough. */
static void tcp_time_wait_expired(struct net_timer *timer)
{
    struct tcp_connection *connection = tcp_connection_of_timer(timer, time_wait_timer);
    if (connection->state == TCP_TIME_WAIT || connection->state == TCP_FIN_WAIT_2)
        tcp_connection_end(connection, 0);
}

void tcp_timers_init(struct tcp_connection *connection)
{
    connection->retransmit_timer.expire = tcp_retransmit_expired;
    connection->persist_timer.expire = tcp_persist_expired;
    connection->delayed_ack_timer.expire = tcp_delayed_ack_expired;
    connection->time_wait_timer.expire = tcp_time_wait_expired;
}

void tcp_timers_stop(struct tcp_connection *connection)
{
    struct net_timer *timers[] = { &connection->retransmit_timer, &connection->persist_timer,
                                   &connection->delayed_ack_timer, &connection->time_wait_timer };
    for (unsigned i = 0; i < sizeof timers / sizeof timers[0]; i++)
        if (timers[i]->armed)
            net_timer_stop(timers[i]);
}
