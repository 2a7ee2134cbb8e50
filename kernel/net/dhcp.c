/* kernel/net/dhcp.c - the kernel's DHCP client (RFC 2131): how a card
 * with no address gets one. Four messages, broadcast both ways since we
 * have no address yet:
 *
 *   us                                    server (QEMU: 10.0.2.2)
 *   DISCOVER  0.0.0.0 -> 255.255.255.255  ---->
 *             <----  OFFER   "10.0.2.15 is free; mask, router, lease"
 *   REQUEST   "I take 10.0.2.15 from you" ---->
 *             <----  ACK     "it is yours for the lease"
 *
 * A message is a BOOTP header (fixed fields: our card's address in
 * chaddr, a transaction number that pairs answers with questions, the
 * offered address in yiaddr), a magic cookie, then options as
 * code/length/value. We build the UDP header ourselves and send through
 * ipv4_send, and ipv4_receive hands us UDP datagrams to port 68 while an
 * exchange runs: DHCP needs no socket. A message without answer is sent
 * again every DHCP_RETRY_INTERVAL, DHCP_TRIES times; at half the lease we
 * ask again. One card at a time (the e1000 is the only one). */
#include "dhcp.h"

#include "checksum.h"
#include "ipv4.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "sched/clock.h"
#include "udp.h"

#define NS_PER_SECOND          1000000000ull
#define DHCP_RETRY_INTERVAL    (2 * NS_PER_SECOND)
#define DHCP_TRIES             4
#define DHCP_INFINITE_LEASE    0xffffffffu
/* The soonest a lease is renewed: a server's lease of a second or two
 * would otherwise have the client ask again at once, for ever. */
#define DHCP_RENEW_MIN_SECONDS 10u
#define DHCP_DEFAULT_NETMASK   0xffffff00u   /* /24, when the server names none */

/* The BOOTP header: offsets of its fields */
#define BOOTP_OP_OFFSET        0
#define BOOTP_HTYPE_OFFSET     1
#define BOOTP_HLEN_OFFSET      2
#define BOOTP_XID_OFFSET       4
#define BOOTP_FLAGS_OFFSET     10
#define BOOTP_YIADDR_OFFSET    16
#define BOOTP_CHADDR_OFFSET    28
#define BOOTP_COOKIE_OFFSET    236
#define BOOTP_OPTIONS_OFFSET   240
#define BOOTP_MINIMUM_MESSAGE  300           /* what old servers expect at least */
#define BOOTP_REQUEST          1
#define BOOTP_REPLY            2
#define BOOTP_ETHERNET         1
#define BOOTP_FLAG_BROADCAST   0x8000        /* "answer by broadcast: I cannot receive yet" */
#define DHCP_MAGIC_COOKIE      0x63825363u

/* Options (RFC 2132) */
#define OPTION_PAD             0
#define OPTION_SUBNET_MASK     1
#define OPTION_ROUTER          3
#define OPTION_REQUESTED_ADDRESS 50
#define OPTION_LEASE_TIME      51
#define OPTION_MESSAGE_TYPE    53
#define OPTION_SERVER          54
#define OPTION_PARAMETER_LIST  55
#define OPTION_END             255
#define OPTION_HEADER          2             /* code and length */
#define ADDRESS_LENGTH         4

/* Message types (option 53) */
#define DHCP_DISCOVER          1
#define DHCP_OFFER             2
#define DHCP_REQUEST           3
#define DHCP_ACK               5
#define DHCP_NAK               6

#define UDP_SOURCE_PORT_OFFSET      0
#define UDP_DESTINATION_PORT_OFFSET 2
#define UDP_LENGTH_OFFSET           4
#define UDP_CHECKSUM_OFFSET         6

enum dhcp_state {
    DHCP_IDLE,          /* no exchange going on */
    DHCP_SELECTING,     /* DISCOVER sent, waiting for an OFFER */
    DHCP_REQUESTING,    /* REQUEST sent, waiting for an ACK */
};

static struct dhcp_client {
    struct net_interface *interface;
    enum dhcp_state state;
    uint32_t transaction;            /* xid: answers carry it back */
    unsigned tries;                  /* messages sent in this state */
    uint32_t offered_address, server;
    struct net_timer retry;          /* the next try, or giving up */
    struct net_timer renew;          /* half the lease */
} client;

/* What an OFFER, ACK or NAK said. */
struct dhcp_answer {
    uint8_t type;
    uint32_t netmask, router, server, lease_seconds;
};

/* Sends the message of the current state (DISCOVER or REQUEST). */
static void send_message(void)
{
    struct net_interface *interface = client.interface;
    uint8_t type = client.state == DHCP_SELECTING ? DHCP_DISCOVER : DHCP_REQUEST;
    struct packet *packet = packet_alloc();
    if (!packet)
        return;
    uint32_t udp_length = UDP_HEADER_LENGTH + BOOTP_MINIMUM_MESSAGE;
    uint8_t *udp = packet_put(packet, udp_length);
    memset(udp, 0, udp_length);
    uint8_t *message = udp + UDP_HEADER_LENGTH;
    message[BOOTP_OP_OFFSET] = BOOTP_REQUEST;
    message[BOOTP_HTYPE_OFFSET] = BOOTP_ETHERNET;
    message[BOOTP_HLEN_OFFSET] = ETHERNET_ADDRESS_LENGTH;
    put_be32(message + BOOTP_XID_OFFSET, client.transaction);
    put_be16(message + BOOTP_FLAGS_OFFSET, BOOTP_FLAG_BROADCAST);
    memcpy(message + BOOTP_CHADDR_OFFSET, interface->mac, ETHERNET_ADDRESS_LENGTH);
    put_be32(message + BOOTP_COOKIE_OFFSET, DHCP_MAGIC_COOKIE);

    uint8_t *option = message + BOOTP_OPTIONS_OFFSET;
    *option++ = OPTION_MESSAGE_TYPE;
    *option++ = 1;
    *option++ = type;
    if (type == DHCP_REQUEST) {
        *option++ = OPTION_REQUESTED_ADDRESS;
        *option++ = ADDRESS_LENGTH;
        put_be32(option, client.offered_address);
        option += ADDRESS_LENGTH;
        *option++ = OPTION_SERVER;
        *option++ = ADDRESS_LENGTH;
        put_be32(option, client.server);
        option += ADDRESS_LENGTH;
    }
    *option++ = OPTION_PARAMETER_LIST;
    *option++ = 2;
    *option++ = OPTION_SUBNET_MASK;
    *option++ = OPTION_ROUTER;
    *option++ = OPTION_END;

    /* The UDP header, its checksum over the pseudo-header with the source
     * ipv4_send will choose: 0.0.0.0 at first, our address when renewing */
    uint32_t source = interface->address;
    put_be16(udp + UDP_SOURCE_PORT_OFFSET, DHCP_CLIENT_PORT);
    put_be16(udp + UDP_DESTINATION_PORT_OFFSET, DHCP_SERVER_PORT);
    put_be16(udp + UDP_LENGTH_OFFSET, (uint16_t)udp_length);
    uint32_t sum = checksum_pseudo_header(source, IPV4_BROADCAST, IPV4_PROTOCOL_UDP, udp_length);
    uint16_t checksum = checksum_finish(checksum_add(sum, udp, udp_length));
    put_be16(udp + UDP_CHECKSUM_OFFSET, checksum ? checksum : 0xffff);   /* 0 would mean "none" */

    client.tries++;
    packet->interface = interface;
    ipv4_send(packet, source, IPV4_BROADCAST, IPV4_PROTOCOL_UDP, IPV4_DEFAULT_TTL);
    net_timer_start(&client.retry, DHCP_RETRY_INTERVAL);
}

/* Enters `state` and sends its first message. */
static void enter(enum dhcp_state state)
{
    client.state = state;
    client.tries = 0;
    send_message();
}

static void retry_expired(struct net_timer *timer)
{
    (void)timer;
    if (client.tries < DHCP_TRIES) {
        send_message();
        return;
    }
    kprintf("dhcp: %s: no answer after %u tries; it stays without an address\n", client.interface->name,
            DHCP_TRIES);
    client.state = DHCP_IDLE;
}

static void renew_expired(struct net_timer *timer)
{
    (void)timer;
    dhcp_start(client.interface);
}

void dhcp_start(struct net_interface *interface)
{
    net_timer_stop(&client.renew);
    client.interface = interface;
    client.retry.expire = retry_expired;
    client.renew.expire = renew_expired;
    client.transaction = (uint32_t)interface->mac[2] << 24 ^ (uint32_t)interface->mac[3] << 16 ^
                         (uint32_t)interface->mac[4] << 8 ^ interface->mac[5] ^ (uint32_t)clock_tick_ns();
    enter(DHCP_SELECTING);
}

int dhcp_in_progress(const struct net_interface *interface)
{
    return client.state != DHCP_IDLE && client.interface == interface;
}

/* Reads the options (`length` bytes at `options`) into *answer, stopping
 * at the end option or at the first option that does not fit. */
static void parse_options(const uint8_t *options, uint32_t length, struct dhcp_answer *answer)
{
    uint32_t at = 0;
    while (at < length) {
        uint8_t code = options[at];
        if (code == OPTION_PAD) {
            at++;
            continue;
        }
        if (code == OPTION_END || length - at < OPTION_HEADER)
            break;
        uint32_t size = options[at + 1];
        if (length - at - OPTION_HEADER < size)
            break;
        const uint8_t *value = options + at + OPTION_HEADER;
        if (code == OPTION_MESSAGE_TYPE && size >= 1)
            answer->type = value[0];
        else if (code == OPTION_SUBNET_MASK && size >= ADDRESS_LENGTH)
            answer->netmask = get_be32(value);
        else if (code == OPTION_ROUTER && size >= ADDRESS_LENGTH)
            answer->router = get_be32(value);          /* the first router listed */
        else if (code == OPTION_SERVER && size >= ADDRESS_LENGTH)
            answer->server = get_be32(value);
        else if (code == OPTION_LEASE_TIME && size >= ADDRESS_LENGTH)
            answer->lease_seconds = get_be32(value);
        at += OPTION_HEADER + size;
    }
}

/* A netmask is ones then zeros: its complement plus one is a power of two. */
static int netmask_is_valid(uint32_t netmask)
{
    uint32_t host_bits = ~netmask;
    return netmask != 0 && (host_bits & (host_bits + 1)) == 0;
}

/* The ACK: the address is ours. */
static void configure(uint32_t address, const struct dhcp_answer *answer)
{
    struct net_interface *interface = client.interface;
    interface->address = address;
    interface->netmask = netmask_is_valid(answer->netmask) ? answer->netmask : DHCP_DEFAULT_NETMASK;
    interface->gateway = answer->router;
    interface->configured_by_dhcp = 1;
    interface->up = 1;
    client.state = DHCP_IDLE;
    net_timer_stop(&client.retry);
    net_interface_announce(interface);
    if (answer->lease_seconds && answer->lease_seconds != DHCP_INFINITE_LEASE) {
        uint32_t renew = answer->lease_seconds / 2;                  /* at half the lease (T1) */
        if (renew < DHCP_RENEW_MIN_SECONDS)
            renew = DHCP_RENEW_MIN_SECONDS;
        net_timer_start(&client.renew, renew * NS_PER_SECOND);
    }
}

/* Whether `address` may be a host's: not 0, broadcast, loopback or multicast. */
static int usable_address(uint32_t address)
{
    uint8_t first = (uint8_t)(address >> 24);
    return address != 0 && address != IPV4_BROADCAST && first != 127 && first < 224;
}

void dhcp_receive(struct net_interface *interface, struct packet *packet)
{
    const uint8_t *udp = packet->data;
    uint32_t udp_length = packet->length >= UDP_HEADER_LENGTH ? get_be16(udp + UDP_LENGTH_OFFSET) : 0;
    if (!dhcp_in_progress(interface) || udp_length < UDP_HEADER_LENGTH + BOOTP_OPTIONS_OFFSET ||
        udp_length > packet->length || get_be16(udp + UDP_SOURCE_PORT_OFFSET) != DHCP_SERVER_PORT) {
        packet_free(packet);
        return;
    }
    uint32_t sum = checksum_pseudo_header(packet->source_address, packet->destination_address, IPV4_PROTOCOL_UDP,
                                          udp_length);
    if (get_be16(udp + UDP_CHECKSUM_OFFSET) != 0 && checksum_finish(checksum_add(sum, udp, udp_length)) != 0) {
        packet_free(packet);
        return;
    }
    const uint8_t *message = udp + UDP_HEADER_LENGTH;
    uint32_t message_length = udp_length - UDP_HEADER_LENGTH;
    if (message[BOOTP_OP_OFFSET] != BOOTP_REPLY || get_be32(message + BOOTP_XID_OFFSET) != client.transaction ||
        get_be32(message + BOOTP_COOKIE_OFFSET) != DHCP_MAGIC_COOKIE ||
        memcmp(message + BOOTP_CHADDR_OFFSET, interface->mac, ETHERNET_ADDRESS_LENGTH) != 0) {
        packet_free(packet);
        return;
    }
    struct dhcp_answer answer = { 0, 0, 0, packet->source_address, 0 };
    parse_options(message + BOOTP_OPTIONS_OFFSET, message_length - BOOTP_OPTIONS_OFFSET, &answer);
    uint32_t offered = get_be32(message + BOOTP_YIADDR_OFFSET);
    packet_free(packet);

    if (client.state == DHCP_SELECTING && answer.type == DHCP_OFFER && usable_address(offered)) {
        client.offered_address = offered;
        client.server = answer.server;
        enter(DHCP_REQUESTING);
    } else if (client.state == DHCP_REQUESTING && answer.type == DHCP_ACK && offered == client.offered_address) {
        configure(offered, &answer);
    } else if (client.state == DHCP_REQUESTING && answer.type == DHCP_NAK) {
        enter(DHCP_SELECTING);
    }
}
