/* kernel/net/tcp_internal.h - one TCP connection, and what the tcp_*.c
 * files share about it. The rest of the kernel sees only tcp.h.
 *
 *   tcp_connection.c  making, finding and freeing connections; the states
 *   tcp_input.c       a segment arrives: RFC 793's "SEGMENT ARRIVES"
 *   tcp_reassembly.c  the bytes that came in, back in order
 *   tcp_output.c      building and sending segments; the window we offer
 *   tcp_timer.c       retransmission, zero-window probes, delayed ACKs,
 *                     TIME_WAIT
 *   tcp_socket.c      the socket calls: connect, listen, accept, close ...
 *   tcp_transfer.c    the socket calls that move bytes: send, receive,
 *                     shutdown, poll
 *   tcp_urgent.c      urgent data: MSG_OOB, the mark, SIGURG
 *
 * The sequence space of one direction (RFC 793 section 3.2), ours:
 *
 *        acknowledged  |  sent, not acked  |  may send now  |  beyond the window
 *   -------------------+-------------------+----------------+------------------
 *                   snd_una             snd_nxt      snd_una + snd_wnd
 *
 *   The send ring holds the bytes from snd_una on. The SYN and the FIN
 *   each take one sequence number and no byte of the ring.
 *
 * and the peer's, as we receive it:
 *
 *        read or in the receive ring  |  may come now  |  beyond what we offered
 *   ----------------------------------+----------------+-----------------------
 *                                  rcv_nxt     rcv_nxt + rcv_wnd
 *
 * Simplifications, said once: no window scaling (the rings are 64 KiB, so
 * the 16-bit window field covers them), no congestion window (a sender
 * sends what the peer's window allows; loss is repaired by fast
 * retransmit and the timer), no timestamps or SACK. Urgent data is
 * tcp_urgent.c's.
 *
 * Context for everything here: kernel lock held (a system call, or the
 * network task); nothing sleeps unless it says so. */
#ifndef KERNEL_NET_TCP_INTERNAL_H
#define KERNEL_NET_TCP_INTERNAL_H

#include <stdint.h>

#include "inet_socket.h"
#include "lib/byte_ring.h"
#include "lib/list.h"
#include "net_interface.h"
#include "tcp.h"

/* The header (RFC 793 section 3.1) */
#define TCP_HEADER_LENGTH       20     /* without options */
#define TCP_HEADER_LENGTH_MAX   60     /* data offset 15 words */
#define TCP_MSS_OPTION_LENGTH   4      /* kind 2, length 4, two bytes of MSS */
#define TCP_OPTION_END          0
#define TCP_OPTION_NOP          1
#define TCP_OPTION_MSS          2

/* The rings behind a connection's send and receive buffers
 * (lib/byte_ring.h), each allocated when first needed:
 *  - The send ring holds every byte from snd_una on: sent but not yet
 *    acknowledged, then not yet sent. A segment is copied out of the
 *    middle (byte_ring_copy_out) and may have to be sent again; bytes
 *    leave only when the peer acknowledges them (byte_ring_discard).
 *  - The receive ring holds the bytes that came in order and were not yet
 *    read; its free room is the window we advertise. */
#define TCP_RING_SIZE 65536            /* bytes: 64 KiB each way (a power of two) */

#define TCP_FLAG_FIN 0x01
#define TCP_FLAG_SYN 0x02
#define TCP_FLAG_RST 0x04
#define TCP_FLAG_PSH 0x08
#define TCP_FLAG_ACK 0x10
#define TCP_FLAG_URG 0x20

/* Sizes */
#define TCP_MSS_DEFAULT      536       /* what a peer takes when the SYN has no MSS option (RFC 1122) */
#define TCP_MSS_MINIMUM      64        /* TCP_MAXSEG below this is EINVAL */
#define TCP_IP_HEADERS       40        /* IPv4 20 + TCP 20: an MTU less this is the MSS */
#define TCP_WINDOW_MAX       65535     /* the 16-bit window field, without scaling */
#define TCP_BACKLOG_MAX      SOMAXCONN /* listen()'s backlog is cut to this */
#define TCP_REORDER_MAX      16        /* out-of-order segments held per connection; more are dropped */
/* Connections established but not yet accepted, over every listener: each
 * has its receive ring (64 KiB), so without a cap a peer that completes
 * handshakes and never waits for accept() could fill the kernel heap
 * (128 per listener). At the cap the handshake's last ACK is dropped, as
 * Linux drops it at a full accept queue: the connection stays in
 * SYN_RECEIVED and the peer's ACK of the SYN-ACK sent again may find room
 * (tcp_listener_child_may_become_ready). 64 rings: 4 MiB of the heap. */
#define TCP_READY_CHILDREN_MAX 64

/* Times (nanoseconds). The retransmission timeout starts at 1 s and is
 * then srtt + 4 * rttvar (RFC 6298), kept within [200 ms, 10 s]. */
#define TCP_NS_PER_MS         1000000ull
#define TCP_RTO_INITIAL_NS    (1000 * TCP_NS_PER_MS)
#define TCP_RTO_MIN_NS        (200 * TCP_NS_PER_MS)
#define TCP_RTO_MAX_NS        (10000 * TCP_NS_PER_MS)
/* A SYN is sent again after 1, 2, 4 and 8 s, and connect() gives up
 * (ETIMEDOUT) 10 s after the fifth: 25 s after it began. */
#define TCP_SYN_RETRIES       4
/* Data (and a FIN) is sent again up to 8 times, the wait doubling each
 * time up to 10 s: the connection gives up (ETIMEDOUT) when the ninth
 * wait ends without an acknowledgment, 42.6 s after the first send when
 * the timeout was at its 200 ms floor, 65 s when it was 1 s. */
#define TCP_DATA_RETRIES      8
#define TCP_DELAYED_ACK_NS    (40 * TCP_NS_PER_MS)   /* as Linux's shortest */
/* The maximum segment lifetime, short so that tests wait little: TIME_WAIT
 * lasts 2 * MSL = 2 s (RFC 793 says 2 minutes; Linux waits 60 s). */
#define TCP_MSL_NS            (1000 * TCP_NS_PER_MS)
#define TCP_TIME_WAIT_NS      (2 * TCP_MSL_NS)
/* A closed socket's connection waits this long in FIN_WAIT_2 for the
 * peer's FIN, then is dropped (Linux's tcp_fin_timeout, shorter). */
#define TCP_FIN_WAIT_2_NS     (10000 * TCP_NS_PER_MS)

/* The states of RFC 793 section 3.2, in its order. */
enum tcp_state {
    TCP_CLOSED,
    TCP_LISTEN,
    TCP_SYN_SENT,
    TCP_SYN_RECEIVED,
    TCP_ESTABLISHED,
    TCP_FIN_WAIT_1,
    TCP_FIN_WAIT_2,
    TCP_CLOSE_WAIT,
    TCP_CLOSING,
    TCP_LAST_ACK,
    TCP_TIME_WAIT,
};

/* The peer's urgent byte (tcp_urgent.c), Linux's urg_data. */
enum tcp_urgent {
    TCP_URGENT_NONE,                   /* none, or a read has passed its mark */
    TCP_URGENT_COMING,                 /* its pointer came, the byte not yet */
    TCP_URGENT_HERE,                   /* in urgent_byte: recv(MSG_OOB) may take it */
    TCP_URGENT_TAKEN,                  /* recv(MSG_OOB) took it; the mark stays */
};

/* A segment that came in out of order, held until the bytes before it come. */
struct tcp_held_segment {
    struct packet *packet;             /* owns the bytes; NULL: the slot is free */
    uint32_t sequence;                 /* of its first byte */
    const uint8_t *data;               /* inside packet */
    uint32_t length;                   /* payload bytes */
    int fin;                           /* the peer's FIN follows the payload */
};

struct tcp_connection {
    struct list_node link;             /* in the table of connections (tcp_connection.c) */
    enum tcp_state state;
    /* The socket that owns it: the user's, or NULL for a connection a
     * listener made and accept() has not taken yet. */
    struct inet_socket *socket;
    int orphaned;                      /* the socket's file is closed: we hold a reference to it */
    int opened;                        /* connect or listen began it: CLOSED now means it ended */
    int was_established;               /* it got as far as ESTABLISHED once */
    struct inet_endpoint local, remote;
    int loopback;                      /* its packets go through the loopback: no checksums */

    /* Sending (RFC 793 names) */
    uint32_t iss;                      /* initial send sequence number */
    uint32_t snd_una;                  /* oldest unacknowledged */
    uint32_t snd_nxt;                  /* next to send */
    uint32_t snd_wnd;                  /* the peer's window, from snd_una */
    uint32_t snd_wl1, snd_wl2;         /* the segment's seq and ack the window was last taken from */
    uint32_t send_mss;                 /* the largest payload we send */
    struct byte_ring send_buffer;      /* bytes from snd_una on (allocated by the first send) */
    int fin_wanted;                    /* close or SHUT_WR: a FIN follows the last byte */
    int fin_sent;                      /* ... and went out (it is at snd_nxt - 1) */
    int nodelay;                       /* TCP_NODELAY: no Nagle */
    uint32_t user_mss;                 /* TCP_MAXSEG, 0 if not set */

    /* Receiving */
    uint32_t irs;                      /* initial receive sequence number */
    uint32_t rcv_nxt;                  /* next expected */
    uint32_t rcv_wnd;                  /* the window last offered ... */
    uint32_t rcv_adv;                  /* ... its right edge, which never moves back */
    uint32_t receive_mss;              /* the MSS we offered */
    struct byte_ring receive_buffer;   /* in-order bytes not yet read */
    int fin_received;                  /* the peer's FIN came in order: end of file after the ring */
    struct tcp_held_segment held[TCP_REORDER_MAX];
    unsigned held_count;
    unsigned unacknowledged_segments;  /* received since our last ACK */
    int error;                         /* positive errno the connection ended with (ECONNRESET ...) */

    /* Urgent data (tcp_urgent.c) */
    int urgent_to_send;                /* segments before snd_up carry URG ... */
    uint32_t snd_up;                   /* ... and point here, just past our last urgent byte */
    enum tcp_urgent urgent;            /* the peer's urgent byte ... */
    uint32_t urgent_sequence;          /* ... its sequence number: the mark ... */
    uint8_t urgent_byte;               /* ... and itself, once HERE */

    /* Timers (tcp_timer.c) */
    struct net_timer retransmit_timer;  /* SYN, data and FIN not acknowledged */
    struct net_timer persist_timer;     /* the peer's window is zero: probe it */
    struct net_timer delayed_ack_timer;
    struct net_timer time_wait_timer;   /* TIME_WAIT, and an orphan's FIN_WAIT_2 */
    uint64_t rto_ns;                    /* the retransmission timeout, backoff included */
    uint64_t srtt_ns, rttvar_ns;        /* smoothed round trip and its variation; srtt 0: no sample yet */
    int rtt_timing;                     /* one segment is being timed ... */
    uint32_t rtt_sequence;              /* ... the one that ends before this ... */
    uint64_t rtt_start_ns;              /* ... sent at this time (Karn: never a retransmitted one) */
    unsigned retries;                   /* retransmissions without progress */
    unsigned probes;                    /* zero-window probes without an answer */
    unsigned persist_backoff;           /* probes while the window stays shut: the wait doubles */
    unsigned duplicate_acks;
    uint32_t recover;                   /* snd_nxt when loss was seen: acks below it repair the next hole */
    int recovering;

    /* A listener's queues: connections SYN_RECEIVED, and those established
     * and waiting for accept(). A child is on one of them through
     * listener_link, never on both. */
    struct tcp_connection *listener;    /* for a child not yet accepted */
    struct list_node listener_link;
    int ready_for_accept;               /* the child is on `ready`, not `pending` */
    struct list pending, ready;
    unsigned pending_count, ready_count;
    unsigned backlog;
};

/* Sequence numbers wrap: a comes before b when b - a, as signed, is positive. */
static inline int sequence_before(uint32_t a, uint32_t b)
{
    return (int32_t)(a - b) < 0;
}
static inline int sequence_before_or_equal(uint32_t a, uint32_t b)
{
    return (int32_t)(a - b) <= 0;
}

/* The connection a timer is part of. */
#define tcp_connection_of_timer(timer, member) list_entry(timer, struct tcp_connection, member)

/* tcp_connection.c */

/* A new connection in CLOSED, not in the table, or NULL. */
struct tcp_connection *tcp_connection_create(void);
/* Stops its timers, takes it out of the table and frees it and its rings
 * and held segments. The socket, if any, must have let go of it. */
void tcp_connection_free(struct tcp_connection *connection);
/* Puts it in the table, where tcp_connection_find sees it. */
void tcp_connection_insert(struct tcp_connection *connection);
void tcp_connection_remove(struct tcp_connection *connection);
/* The connection a segment from `remote` to `local` is for: the one whose
 * four values match, else a listener on the port (on that address or any),
 * else NULL. */
struct tcp_connection *tcp_connection_find(const struct inet_endpoint *local, const struct inet_endpoint *remote);
/* Whether a connection with these four values exists. */
int tcp_connection_exists(const struct inet_endpoint *local, const struct inet_endpoint *remote);
/* An initial sequence number (RFC 6528: RFC 793's clock plus a keyed hash
 * of the two ends). */
uint32_t tcp_choose_iss(const struct inet_endpoint *local, const struct inet_endpoint *remote);
/* The MSS for the interface a packet to `remote` leaves by, and whether
 * that is the loopback. */
uint32_t tcp_mss_for(uint32_t remote, int *loopback);
const char *tcp_state_name(enum tcp_state state);
void tcp_set_state(struct tcp_connection *connection, enum tcp_state state);
/* The connection is over (CLOSED): stops its timers and leaves the table,
 * records `error` (positive errno, 0 for none) for the socket and wakes
 * its waiters. A connection no socket uses any more (an orphan, or a
 * listener's child) is freed: the caller must not touch it after. */
void tcp_connection_end(struct tcp_connection *connection, int error);
/* Wakes whoever waits on the connection's socket (readers, writers,
 * connect, poll). */
void tcp_connection_wake(struct tcp_connection *connection);

/* tcp_input.c */
/* (tcp_receive, tcp_report_unreachable: tcp.h) */

/* tcp_reassembly.c */

/* Holds a segment that came before the bytes ahead of it: 1 if `packet`
 * was kept (it now belongs to the connection), 0 if there was no room or
 * it is held already, and the caller frees it. */
int tcp_hold_segment(struct tcp_connection *connection, struct packet *packet, uint32_t sequence,
                     const uint8_t *data, uint32_t length, int fin);
/* Bytes (and maybe the FIN) that start at rcv_nxt: into the receive ring. */
void tcp_deliver(struct tcp_connection *connection, const uint8_t *data, uint32_t length, int fin);
/* After a hole was filled: delivers the held segments that now follow. */
void tcp_deliver_held(struct tcp_connection *connection);

/* tcp_output.c */

/* Sends what the window and Nagle allow, and the FIN when it is due. */
void tcp_output(struct tcp_connection *connection);
/* Sends a segment with `flags` (SYN, FIN, ACK, RST...) and `length` bytes
 * of the send ring from `sequence`, stamped with our ACK and window.
 * 0 or -errno (the packet is lost: the timers send it again). */
int tcp_send_segment(struct tcp_connection *connection, uint32_t sequence, uint8_t flags, uint32_t length);
/* An ACK now (and any delayed one is off). */
void tcp_send_ack(struct tcp_connection *connection);
/* A RST for the connection (seq snd_nxt), as abort and close-with-unread-data do. */
void tcp_send_reset(struct tcp_connection *connection);
/* A RST answering a segment that has no connection (RFC 793 "Reset
 * Generation"). */
void tcp_send_reset_for(uint32_t local_address, uint32_t remote_address, const uint8_t *header,
                        uint32_t segment_length);
/* The window to offer now: the receive ring's room, at most 65535. */
uint32_t tcp_receive_window(const struct tcp_connection *connection);
/* After a read made room: tells the peer if the window grew enough. */
void tcp_window_update(struct tcp_connection *connection);
/* Data came in: ACK now (every second segment, or `now`) or arm the delayed ACK. */
void tcp_schedule_ack(struct tcp_connection *connection, int now);

/* tcp_timer.c */

/* Sets each timer's expire function (a new connection). */
void tcp_timers_init(struct tcp_connection *connection);
void tcp_timers_stop(struct tcp_connection *connection);
/* Arms the retransmission timer unless it already runs. */
void tcp_retransmit_timer_start(struct tcp_connection *connection);
/* An ACK for new data: a round-trip sample if the timed segment is
 * covered, the retries and backoff forgotten, the timer restarted or
 * stopped. */
void tcp_acknowledged(struct tcp_connection *connection, uint32_t acknowledgment);
/* Sends the oldest unacknowledged segment again. */
void tcp_retransmit_first(struct tcp_connection *connection);
/* The window is zero with data waiting and nothing in flight: probe. */
void tcp_persist_start(struct tcp_connection *connection);
void tcp_enter_time_wait(struct tcp_connection *connection);

/* tcp_socket.c: a listener's child became established (or left). */
int tcp_listener_child_may_become_ready(void);    /* 1 below TCP_READY_CHILDREN_MAX */
void tcp_listener_child_ready(struct tcp_connection *child);
void tcp_listener_child_drop(struct tcp_connection *child);

/* tcp_transfer.c: tcp_protocol's calls that move bytes (inet_socket.h
 * says what each does). */
struct poll_table;
int tcp_send(struct inet_socket *socket, const void *user_buffer, uint32_t size, int flags, int nonblocking,
             const struct inet_endpoint *to);
int tcp_receive_bytes(struct inet_socket *socket, void *user_buffer, uint32_t size, int flags, int nonblocking,
                      struct inet_endpoint *from);
int tcp_shutdown(struct inet_socket *socket, unsigned halves);
unsigned tcp_poll(struct inet_socket *socket, struct poll_table *table);

/* tcp_urgent.c (the file's opening comment tells the rules) */

/* send(MSG_OOB) put bytes into the send ring: the urgent pointer moves past them. */
void tcp_urgent_mark(struct tcp_connection *connection);
/* Whether urgent bytes wait to be sent (Nagle does not hold them). */
int tcp_urgent_unsent(const struct tcp_connection *connection);
/* The urgent pointer of a segment starting at `sequence`: 0 for none (no URG). */
uint32_t tcp_urgent_pointer(struct tcp_connection *connection, uint32_t sequence);
/* A segment from `sequence` with URG and `pointer`: a new one is noted
 * and signals SIGURG. */
void tcp_urgent_input(struct tcp_connection *connection, uint32_t sequence, uint32_t pointer);
/* `length` bytes from `sequence` went into the receive ring. */
void tcp_urgent_delivered(struct tcp_connection *connection, uint32_t sequence, const uint8_t *data,
                          uint32_t length);
/* How many of the ring's bytes are data for a read now, after the *skip
 * first ones (1 at the mark, out of line: the urgent byte). A read that
 * has copied bytes stops at the mark (tcp_urgent_at_mark). */
uint32_t tcp_urgent_readable(const struct tcp_connection *connection, int urgent_inline, uint32_t *skip);
/* FIONREAD, Linux's tcp_inq: the bytes before the mark while the urgent
 * byte is in the ring, out of line (0 at the mark); else every byte. */
uint32_t tcp_urgent_unread(const struct tcp_connection *connection, int urgent_inline);
/* SIOCATMARK: the next byte to read is at the mark. */
int tcp_urgent_at_mark(const struct tcp_connection *connection);
/* After a read took bytes: a mark it passed is gone. */
void tcp_urgent_passed(struct tcp_connection *connection);
/* recv(MSG_OOB): the urgent byte, 1; -EINVAL with none (or inline,
 * or taken), -EAGAIN while it is announced and not here. Never waits. */
int tcp_receive_urgent(struct inet_socket *socket, void *user_buffer, uint32_t size, int flags);

/* Trace: one line per segment in and out (docs/tracing.md), when on;
 * `urgent_pointer` is written with URG only. */
void tcp_trace_segment(const char *direction, uint32_t source, uint16_t source_port, uint32_t destination,
                       uint16_t destination_port, uint8_t flags, uint32_t sequence, uint32_t acknowledgment,
                       uint32_t length, uint32_t window, uint32_t urgent_pointer, enum tcp_state state)
    __attribute__((cold));

#endif
