/* kernel/ktest/net_tests.c - the stack's core, inside the kernel: the
 * checksum on known vectors, a ping over the loopback, ARP and DHCP
 * against a fake card whose frames the tests write and read, and
 * hundreds of malformed frames (truncated, wrong lengths, bad checksums,
 * fragments, random bytes) that must neither fault the kernel nor keep a
 * packet.
 *
 * The fake card "fake0" (10.9.0.1/24) is registered once and left down
 * after each test, so it routes nothing for the tests that follow. Its
 * peers are made-up machines 10.9.0.x with made-up Ethernet addresses:
 * nothing leaves the kernel. Each test holds the kernel lock, as protocol
 * code requires (net_interface.h), so the network task does not run in
 * the middle of one. */
#include "ktest.h"

#include "lib/string.h"
#include "mm/heap.h"
#include "net/arp.h"
#include "net/checksum.h"
#include "net/dhcp.h"
#include "net/ethernet.h"
#include "net/icmp.h"
#include "net/ipv4.h"
#include "net/net_interface.h"
#include "net/udp.h"
#include "sched/scheduler.h"
#include "sched/sleep.h"
#include "sched/task.h"
#include "uapi/errno.h"

#define FAKE_ADDRESS     0x0a090001u   /* 10.9.0.1 */
#define FAKE_NETMASK     0xffffff00u
#define PEER_ADDRESS     0x0a090002u   /* 10.9.0.2: answers ARP at the start of a test */
#define SILENT_ADDRESS   0x0a090003u   /* 10.9.0.3: answers only when a test says so */
#define ASKING_ADDRESS   0x0a090004u   /* 10.9.0.4: asks for our Ethernet address */
#define OTHER_ADDRESS    0x0a09004du   /* 10.9.0.77: not ours */
#define SUBNET_BROADCAST 0x0a0900ffu
#define LOOPBACK_ADDRESS 0x7f000001u
#define FAKE_MTU         1500
#define MAX_FRAME        1514
#define ARP_LENGTH       28
#define UDP_PAYLOAD      12
#define TCP_HEADER_LENGTH 20
#define CLOSED_PORT      9             /* discard: nobody listens in a test boot */
#define RANDOM_FRAMES    600
#define RANDOM_SEED      0x2545f491u
#define PING_IDENTIFIER  0xbeef        /* no ping socket has it */
#define DHCP_SERVER      0x0a0900feu   /* 10.9.0.254 */
#define DHCP_GATEWAY     0x0a090001u

static const uint8_t fake_mac[ETHERNET_ADDRESS_LENGTH] = { 0x02, 0, 0, 0, 0, 0x01 };
static const uint8_t peer_mac[ETHERNET_ADDRESS_LENGTH] = { 0x02, 0, 0, 0, 0, 0x02 };
static const uint8_t silent_mac[ETHERNET_ADDRESS_LENGTH] = { 0x02, 0, 0, 0, 0, 0x03 };

/* What the fake card was given to send: the count, and the last frame. */
static unsigned frames_sent;
static uint8_t last_frame[MAX_FRAME];
static uint32_t last_frame_length;

static int fake_transmit(struct net_interface *interface, struct packet *packet)
{
    interface->sent_packets++;
    frames_sent++;
    last_frame_length = packet->length < MAX_FRAME ? packet->length : MAX_FRAME;
    memcpy(last_frame, packet->data, last_frame_length);
    packet_free(packet);
    return 0;
}

static struct net_interface fake = { .name = "fake0", .transmit = fake_transmit };

/* Registers the fake card (once) and sets it up as 10.9.0.1/24. */
static void fake_up(void)
{
    static int registered;
    if (!registered) {
        memcpy(fake.mac, fake_mac, sizeof fake_mac);
        fake.mtu = FAKE_MTU;
        net_interface_register(&fake);
        registered = 1;
    }
    fake.address = FAKE_ADDRESS;
    fake.netmask = FAKE_NETMASK;
    fake.gateway = 0;
    fake.configured_by_dhcp = 0;
    fake.up = 1;
}

/* A frame received by the fake card, processed at once. */
static void receive_frame(const uint8_t *bytes, uint32_t length)
{
    struct packet *packet = packet_alloc();
    if (!packet)
        return;
    memcpy(packet_put(packet, length), bytes, length);
    ethernet_receive(&fake, packet);
    net_run_pending();                 /* whatever went to the loopback meanwhile */
}

static uint32_t put_ethernet(uint8_t *frame, const uint8_t *to, const uint8_t *from, uint16_t type)
{
    memcpy(frame, to, ETHERNET_ADDRESS_LENGTH);
    memcpy(frame + ETHERNET_ADDRESS_LENGTH, from, ETHERNET_ADDRESS_LENGTH);
    put_be16(frame + 2 * ETHERNET_ADDRESS_LENGTH, type);
    return ETHERNET_HEADER_LENGTH;
}

/* An ARP message from `sender_mac`/`sender` about `target`; its length. */
static uint32_t build_arp(uint8_t *frame, uint16_t operation, const uint8_t *sender_mac, uint32_t sender,
                          uint32_t target)
{
    const uint8_t *to = operation == 1 ? ethernet_broadcast : fake_mac;
    uint8_t *message = frame + put_ethernet(frame, to, sender_mac, ETHERNET_TYPE_ARP);
    put_be16(message, 1);
    put_be16(message + 2, ETHERNET_TYPE_IPV4);
    message[4] = ETHERNET_ADDRESS_LENGTH;
    message[5] = 4;
    put_be16(message + 6, operation);
    memcpy(message + 8, sender_mac, ETHERNET_ADDRESS_LENGTH);
    put_be32(message + 14, sender);
    memcpy(message + 18, operation == 1 ? (const uint8_t *)"\0\0\0\0\0\0" : fake_mac, ETHERNET_ADDRESS_LENGTH);
    put_be32(message + 24, target);
    return ETHERNET_HEADER_LENGTH + ARP_LENGTH;
}

static void fix_ip_checksum(uint8_t *ip, uint32_t header_length)
{
    put_be16(ip + IPV4_CHECKSUM_OFFSET, 0);
    put_be16(ip + IPV4_CHECKSUM_OFFSET, checksum_finish(checksum_add(0, ip, header_length)));
}

/* An IPv4 frame from the peer with `payload`; its length. */
static uint32_t build_ipv4(uint8_t *frame, uint32_t source, uint32_t destination, uint8_t protocol,
                           const uint8_t *payload, uint32_t payload_length)
{
    uint8_t *ip = frame + put_ethernet(frame, fake_mac, peer_mac, ETHERNET_TYPE_IPV4);
    memset(ip, 0, IPV4_HEADER_LENGTH);
    ip[IPV4_VERSION_OFFSET] = 0x45;
    put_be16(ip + IPV4_TOTAL_LENGTH_OFFSET, (uint16_t)(IPV4_HEADER_LENGTH + payload_length));
    ip[IPV4_TTL_OFFSET] = IPV4_DEFAULT_TTL;
    ip[IPV4_PROTOCOL_OFFSET] = protocol;
    put_be32(ip + IPV4_SOURCE_OFFSET, source);
    put_be32(ip + IPV4_DESTINATION_OFFSET, destination);
    memcpy(ip + IPV4_HEADER_LENGTH, payload, payload_length);
    fix_ip_checksum(ip, IPV4_HEADER_LENGTH);
    return ETHERNET_HEADER_LENGTH + IPV4_HEADER_LENGTH + payload_length;
}

/* A UDP datagram from the peer to a closed port (no checksum); its length. */
static uint32_t build_udp_to_closed_port(uint8_t *frame)
{
    uint8_t udp[UDP_HEADER_LENGTH + UDP_PAYLOAD] = { 0 };
    put_be16(udp, 5555);
    put_be16(udp + 2, CLOSED_PORT);
    put_be16(udp + 4, sizeof udp);
    memcpy(udp + UDP_HEADER_LENGTH, "hello, kern", UDP_PAYLOAD);
    return build_ipv4(frame, PEER_ADDRESS, FAKE_ADDRESS, IPV4_PROTOCOL_UDP, udp, sizeof udp);
}

/* The fake card learns the peer's Ethernet address (an ARP reply). */
static void introduce_peer(void)
{
    uint8_t frame[MAX_FRAME];
    receive_frame(frame, build_arp(frame, 2, peer_mac, PEER_ADDRESS, FAKE_ADDRESS));
}

/* xorshift32: the same "random" frames on every run */
static uint32_t random_state;
static uint32_t next_random(void)
{
    random_state ^= random_state << 13;
    random_state ^= random_state >> 17;
    random_state ^= random_state << 5;
    return random_state;
}

KTEST(net_checksum_of_known_vectors)
{
    /* RFC 1071's example: the sum of 0001 f203 f4f5 f6f7 is ddf2 */
    static const uint8_t rfc1071[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
    KTEST_EXPECT_EQ(0xddf2, (uint16_t)~checksum_finish(checksum_add(0, rfc1071, sizeof rfc1071)), "RFC 1071 sum");
    /* an IPv4 header whose checksum field holds b861 */
    uint8_t header[] = { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
                         0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7 };
    KTEST_EXPECT_EQ(0, checksum_finish(checksum_add(0, header, sizeof header)), "intact header sums to 0");
    header[10] = header[11] = 0;
    KTEST_EXPECT_EQ(0xb861, checksum_finish(checksum_add(0, header, sizeof header)), "header checksum");
    /* an odd length pads the last byte with a zero */
    static const uint8_t odd[] = { 0x12, 0x34, 0x56 };
    KTEST_EXPECT_EQ((uint16_t)~(0x1234 + 0x5600), checksum_finish(checksum_add(0, odd, sizeof odd)), "odd length");
    /* pieces sum as the whole */
    uint32_t sum = checksum_add(checksum_add(0, header, 10), header + 10, sizeof header - 10);
    KTEST_EXPECT_EQ(0xb861, checksum_finish(sum), "checksum over two pieces");
    /* the pseudo-header: 192.168.0.1 -> 192.168.0.199, UDP, 95 bytes */
    uint32_t pseudo = checksum_pseudo_header(0xc0a80001u, 0xc0a800c7u, IPV4_PROTOCOL_UDP, 95);
    KTEST_EXPECT_EQ(0xc0a8 + 0x0001 + 0xc0a8 + 0x00c7 + 17 + 95, pseudo, "pseudo-header sum");
}

static void ping_over_loopback(void)
{
    unsigned packets_before = packet_count();
    unsigned requests = icmp_statistics.echo_requests, replies = icmp_statistics.echo_replies;
    struct packet *packet = packet_alloc();
    KTEST_EXPECT(packet, "packet_alloc failed");
    uint8_t *message = packet_put(packet, ICMP_HEADER_LENGTH + 4);
    message[0] = ICMP_ECHO_REQUEST;
    message[1] = 0;
    put_be16(message + 2, 0);
    put_be16(message + 4, PING_IDENTIFIER);
    put_be16(message + 6, 1);
    memcpy(message + ICMP_HEADER_LENGTH, "ping", 4);
    put_be16(message + 2, checksum_finish(checksum_add(0, message, packet->length)));
    int result = ipv4_send(packet, 0, LOOPBACK_ADDRESS, IPV4_PROTOCOL_ICMP, 0);
    KTEST_EXPECT_EQ(0, result, "ipv4_send to 127.0.0.1");
    net_run_pending();
    KTEST_EXPECT_EQ(requests + 1, icmp_statistics.echo_requests, "echo requests received");
    KTEST_EXPECT_EQ(replies + 1, icmp_statistics.echo_replies, "echo replies received");
    KTEST_EXPECT_EQ(packets_before, packet_count(), "packets alive after the exchange");
}

KTEST(net_loopback_ping_is_answered)
{
    kernel_lock();
    ping_over_loopback();
    kernel_unlock();
}

static void arp_exchange(void)
{
    uint8_t frame[MAX_FRAME];
    unsigned packets_before = packet_count(), timers_before = net_timer_count();
    /* a packet to an address not yet known waits while ARP asks */
    struct packet *packet = packet_alloc();
    KTEST_EXPECT(packet, "packet_alloc failed");
    memcpy(packet_put(packet, 4), "data", 4);
    unsigned sent_before = frames_sent;
    KTEST_EXPECT_EQ(0, ipv4_send(packet, 0, SILENT_ADDRESS, IPV4_PROTOCOL_UDP, 0), "ipv4_send to 10.9.0.3");
    KTEST_EXPECT_EQ(sent_before + 1, frames_sent, "frames sent (the ARP request)");
    KTEST_EXPECT_EQ(ETHERNET_TYPE_ARP, get_be16(last_frame + 12), "type of the frame sent");
    KTEST_EXPECT(memcmp(last_frame, ethernet_broadcast, ETHERNET_ADDRESS_LENGTH) == 0, "request not broadcast");
    KTEST_EXPECT_EQ(SILENT_ADDRESS, get_be32(last_frame + ETHERNET_HEADER_LENGTH + 24), "address asked for");
    KTEST_EXPECT_EQ(packets_before + 1, packet_count(), "packets alive while waiting");
    KTEST_EXPECT_EQ(timers_before + 1, net_timer_count(), "timers armed while waiting");
    /* the answer sends it */
    receive_frame(frame, build_arp(frame, 2, silent_mac, SILENT_ADDRESS, FAKE_ADDRESS));
    KTEST_EXPECT_EQ(sent_before + 2, frames_sent, "frames sent after the answer");
    KTEST_EXPECT_EQ(ETHERNET_TYPE_IPV4, get_be16(last_frame + 12), "type of the frame that waited");
    KTEST_EXPECT(memcmp(last_frame, silent_mac, ETHERNET_ADDRESS_LENGTH) == 0, "sent to the wrong address");
    KTEST_EXPECT_EQ(packets_before, packet_count(), "packets alive after the answer");
    KTEST_EXPECT_EQ(timers_before, net_timer_count(), "timers armed after the answer");
    /* a request for our address is answered */
    uint8_t asker_mac[ETHERNET_ADDRESS_LENGTH] = { 0x02, 0, 0, 0, 0, 0x04 };
    receive_frame(frame, build_arp(frame, 1, asker_mac, ASKING_ADDRESS, FAKE_ADDRESS));
    KTEST_EXPECT_EQ(sent_before + 3, frames_sent, "frames sent after a request");
    KTEST_EXPECT_EQ(2, get_be16(last_frame + ETHERNET_HEADER_LENGTH + 6), "operation (2: reply)");
    KTEST_EXPECT(memcmp(last_frame + ETHERNET_HEADER_LENGTH + 8, fake_mac, ETHERNET_ADDRESS_LENGTH) == 0,
                 "reply does not carry our address");
    KTEST_EXPECT(memcmp(last_frame, asker_mac, ETHERNET_ADDRESS_LENGTH) == 0, "reply to the wrong card");
    /* and a request for another machine is not */
    receive_frame(frame, build_arp(frame, 1, asker_mac, ASKING_ADDRESS, OTHER_ADDRESS));
    KTEST_EXPECT_EQ(sent_before + 3, frames_sent, "frames sent after a request for someone else");
    KTEST_EXPECT_EQ(packets_before, packet_count(), "packets alive at the end");
}

KTEST(net_arp_packet_waits_for_the_answer)
{
    kernel_lock();
    fake_up();
    arp_exchange();
    fake.up = 0;
    kernel_unlock();
}

/* The valid UDP frame, then every way its IPv4 header can be wrong. */
static void feed_bad_ipv4_headers(void)
{
    uint8_t frame[MAX_FRAME], good[MAX_FRAME];
    uint32_t length = build_udp_to_closed_port(good);
    uint8_t *ip = frame + ETHERNET_HEADER_LENGTH;
    unsigned sent_before = frames_sent;
    receive_frame(good, length);
    KTEST_EXPECT_EQ(sent_before + 1, frames_sent, "frames sent for a datagram to a closed port (ICMP)");
    KTEST_EXPECT_EQ(ICMP_DESTINATION_UNREACHABLE, last_frame[ETHERNET_HEADER_LENGTH + IPV4_HEADER_LENGTH],
                    "ICMP type sent");
    for (unsigned ihl = 0; ihl < 16; ihl++) {           /* every header length */
        memcpy(frame, good, length);
        ip[0] = (uint8_t)(0x40 | ihl);
        fix_ip_checksum(ip, ihl * 4 > IPV4_HEADER_LENGTH ? IPV4_HEADER_LENGTH : ihl * 4);
        receive_frame(frame, length);
    }
    for (unsigned version = 0; version < 16; version++) {
        memcpy(frame, good, length);
        ip[0] = (uint8_t)(version << 4 | 5);
        fix_ip_checksum(ip, IPV4_HEADER_LENGTH);
        receive_frame(frame, length);
    }
    static const uint16_t total_lengths[] = { 0, 1, 19, 20, 21, 27, 28, 41, 100, 1500, 65535 };
    for (unsigned i = 0; i < sizeof total_lengths / sizeof total_lengths[0]; i++) {
        memcpy(frame, good, length);
        put_be16(ip + IPV4_TOTAL_LENGTH_OFFSET, total_lengths[i]);
        fix_ip_checksum(ip, IPV4_HEADER_LENGTH);
        receive_frame(frame, length);
    }
    unsigned bad_checksums = ipv4_statistics.bad_checksum;
    for (unsigned byte = 0; byte < IPV4_HEADER_LENGTH; byte++) {   /* one bit wrong anywhere */
        memcpy(frame, good, length);
        ip[byte] ^= 0x10;
        receive_frame(frame, length);
    }
    KTEST_EXPECT(ipv4_statistics.bad_checksum > bad_checksums, "no bad checksum was counted");
    unsigned fragments = ipv4_statistics.fragments_dropped;
    static const uint16_t fragment_fields[] = { 0x2000, 0x0001, 0x2064, 0x6000 | 0x0fff };
    for (unsigned i = 0; i < sizeof fragment_fields / sizeof fragment_fields[0]; i++) {
        memcpy(frame, good, length);
        put_be16(ip + IPV4_FRAGMENT_OFFSET, fragment_fields[i]);
        fix_ip_checksum(ip, IPV4_HEADER_LENGTH);
        receive_frame(frame, length);
    }
    KTEST_EXPECT_EQ(fragments + 4, ipv4_statistics.fragments_dropped, "fragments dropped");
    unsigned not_ours = ipv4_statistics.not_for_us;
    memcpy(frame, good, length);
    put_be32(ip + IPV4_DESTINATION_OFFSET, OTHER_ADDRESS);
    fix_ip_checksum(ip, IPV4_HEADER_LENGTH);
    receive_frame(frame, length);
    put_be32(ip + IPV4_DESTINATION_OFFSET, LOOPBACK_ADDRESS);      /* 127.0.0.1 from a card */
    fix_ip_checksum(ip, IPV4_HEADER_LENGTH);
    receive_frame(frame, length);
    KTEST_EXPECT_EQ(not_ours + 2, ipv4_statistics.not_for_us, "packets for other addresses dropped");
    for (uint32_t cut = 0; cut < length; cut++)               /* every truncation */
        receive_frame(good, cut);
    memcpy(frame, good, length);                              /* Ethernet padding is cut off */
    memset(frame + length, 0, ETHERNET_MINIMUM_FRAME);
    receive_frame(frame, length + ETHERNET_MINIMUM_FRAME);
}

static void feed_bad_arp(void)
{
    uint8_t frame[MAX_FRAME], good[MAX_FRAME];
    uint32_t length = build_arp(good, 1, peer_mac, PEER_ADDRESS, FAKE_ADDRESS);
    for (uint32_t cut = 0; cut < length; cut++)
        receive_frame(good, cut);
    for (unsigned field = 0; field < 8; field++) {            /* hardware/protocol type and lengths */
        memcpy(frame, good, length);
        frame[ETHERNET_HEADER_LENGTH + field] ^= 0x5a;
        receive_frame(frame, length);
    }
    memcpy(frame, good, length);                              /* a sender claiming a broadcast address */
    memcpy(frame + ETHERNET_HEADER_LENGTH + 8, ethernet_broadcast, ETHERNET_ADDRESS_LENGTH);
    receive_frame(frame, length);
}

/* Makes a random payload pass the checks of its protocol (UDP's length,
 * the checksums), so that it reaches ICMP's, UDP's and TCP's own code. */
static void fix_transport_checksum(uint8_t *payload, uint32_t length, uint8_t protocol, uint32_t destination)
{
    uint32_t checksum_offset, sum = 0;
    if (protocol == IPV4_PROTOCOL_ICMP && length >= ICMP_HEADER_LENGTH) {
        checksum_offset = 2;
    } else if (protocol == IPV4_PROTOCOL_UDP && length >= UDP_HEADER_LENGTH) {
        put_be16(payload + 4, (uint16_t)length);
        checksum_offset = 6;
        sum = checksum_pseudo_header(PEER_ADDRESS, destination, protocol, length);
    } else if (protocol == IPV4_PROTOCOL_TCP && length >= TCP_HEADER_LENGTH) {
        checksum_offset = 16;
        sum = checksum_pseudo_header(PEER_ADDRESS, destination, protocol, length);
    } else {
        return;
    }
    put_be16(payload + checksum_offset, 0);
    put_be16(payload + checksum_offset, checksum_finish(checksum_add(sum, payload, length)));
}

/* Random frames: some wholly random, some to our card with random bytes
 * after the Ethernet header, some with a valid IPv4 header and a random
 * payload of a random protocol. */
static void feed_random_frames(void)
{
    uint8_t frame[MAX_FRAME], payload[MAX_FRAME];
    static const uint8_t protocols[] = { IPV4_PROTOCOL_ICMP, IPV4_PROTOCOL_TCP, IPV4_PROTOCOL_UDP, 99 };
    static const uint32_t destinations[] = { FAKE_ADDRESS, SUBNET_BROADCAST, IPV4_BROADCAST, OTHER_ADDRESS };
    random_state = RANDOM_SEED;
    for (unsigned i = 0; i < RANDOM_FRAMES; i++) {
        uint32_t length = next_random() % (MAX_FRAME + 1);
        for (uint32_t b = 0; b < length; b++)
            frame[b] = (uint8_t)next_random();
        switch (i % 3) {
        case 0:
            break;
        case 1:
            if (length >= ETHERNET_HEADER_LENGTH)
                put_ethernet(frame, fake_mac, peer_mac, i & 4 ? ETHERNET_TYPE_ARP : ETHERNET_TYPE_IPV4);
            break;
        case 2: {
            uint32_t payload_length = length % (FAKE_MTU - IPV4_HEADER_LENGTH);
            for (uint32_t b = 0; b < payload_length; b++)
                payload[b] = (uint8_t)next_random();
            uint8_t protocol = protocols[next_random() % sizeof protocols];
            uint32_t destination = destinations[next_random() % (sizeof destinations / sizeof destinations[0])];
            if (i & 8)                 /* now and then, a transport header that passes its checks */
                fix_transport_checksum(payload, payload_length, protocol, destination);
            length = build_ipv4(frame, PEER_ADDRESS, destination, protocol, payload, payload_length);
            break;
        }
        }
        receive_frame(frame, length);
    }
}

static void malformed_frames(void)
{
    unsigned packets_before = packet_count();
    introduce_peer();                  /* so that answers to it need no ARP wait */
    uint8_t nothing[1] = { 0 };
    receive_frame(nothing, 0);
    feed_bad_ipv4_headers();
    if (ktest_failed())
        return;
    feed_bad_arp();
    feed_random_frames();
    KTEST_EXPECT_EQ(packets_before, packet_count(), "packets alive after the malformed frames");
    KTEST_EXPECT_EQ(0, heap_check(), "heap_check after the malformed frames");
}

KTEST(net_malformed_frames_neither_fault_nor_leak)
{
    kernel_lock();
    fake_up();
    malformed_frames();
    fake.up = 0;
    kernel_unlock();
}

/* DHCP against the fake card: we play the server. */
#define BOOTP_XID      4
#define BOOTP_YIADDR   16
#define BOOTP_CHADDR   28
#define BOOTP_COOKIE   236
#define BOOTP_OPTIONS  240
#define DHCP_MESSAGE   300

/* The server's answer of `type` to the transaction `xid`; its length. */
static uint32_t build_dhcp_answer(uint8_t *frame, uint32_t xid, uint8_t type, uint32_t offered)
{
    uint8_t udp[UDP_HEADER_LENGTH + DHCP_MESSAGE] = { 0 };
    put_be16(udp, DHCP_SERVER_PORT);
    put_be16(udp + 2, DHCP_CLIENT_PORT);
    put_be16(udp + 4, sizeof udp);
    uint8_t *message = udp + UDP_HEADER_LENGTH;
    message[0] = 2;
    message[1] = 1;
    message[2] = ETHERNET_ADDRESS_LENGTH;
    put_be32(message + BOOTP_XID, xid);
    put_be32(message + BOOTP_YIADDR, offered);
    memcpy(message + BOOTP_CHADDR, fake_mac, ETHERNET_ADDRESS_LENGTH);
    put_be32(message + BOOTP_COOKIE, 0x63825363u);
    static const uint8_t options[] = {
        53, 1, 0,                      /* message type, filled below */
        54, 4, 10, 9, 0, 254,          /* server */
        1, 4, 255, 255, 255, 0,        /* netmask */
        3, 8, 10, 9, 0, 1, 10, 9, 0, 2, /* routers: the first counts */
        51, 4, 0xff, 0xff, 0xff, 0xff, /* lease: for ever (no renewal timer) */
        0, 0,                          /* padding */
        255,
    };
    memcpy(message + BOOTP_OPTIONS, options, sizeof options);
    message[BOOTP_OPTIONS + 2] = type;
    return build_ipv4(frame, DHCP_SERVER, IPV4_BROADCAST, IPV4_PROTOCOL_UDP, udp, sizeof udp);
}

/* The DHCP message type (option 53) of the frame the card sent last. */
static int last_dhcp_type(void)
{
    const uint8_t *udp = last_frame + ETHERNET_HEADER_LENGTH + IPV4_HEADER_LENGTH;
    if (last_frame_length < ETHERNET_HEADER_LENGTH + IPV4_HEADER_LENGTH + UDP_HEADER_LENGTH + BOOTP_OPTIONS + 3 ||
        get_be16(udp + 2) != DHCP_SERVER_PORT)
        return -1;
    const uint8_t *options = udp + UDP_HEADER_LENGTH + BOOTP_OPTIONS;
    return options[0] == 53 ? options[2] : -1;
}

static void dhcp_exchange(void)
{
    uint8_t frame[MAX_FRAME];
    unsigned packets_before = packet_count(), timers_before = net_timer_count();
    fake.address = fake.netmask = 0;
    dhcp_start(&fake);
    KTEST_EXPECT(dhcp_in_progress(&fake), "no exchange in progress after dhcp_start");
    KTEST_EXPECT_EQ(1, last_dhcp_type(), "message sent first (1: DISCOVER)");
    KTEST_EXPECT(memcmp(last_frame, ethernet_broadcast, ETHERNET_ADDRESS_LENGTH) == 0, "DISCOVER not broadcast");
    KTEST_EXPECT_EQ(0, get_be32(last_frame + ETHERNET_HEADER_LENGTH + IPV4_SOURCE_OFFSET), "DISCOVER's source");
    uint32_t xid = get_be32(last_frame + ETHERNET_HEADER_LENGTH + IPV4_HEADER_LENGTH + UDP_HEADER_LENGTH + BOOTP_XID);

    /* garbage first: options cut short, a wrong transaction, a short message */
    uint32_t length = build_dhcp_answer(frame, xid, 2, OTHER_ADDRESS);
    uint8_t *message = frame + ETHERNET_HEADER_LENGTH + IPV4_HEADER_LENGTH + UDP_HEADER_LENGTH;
    for (unsigned i = 0; i < 40; i++) {
        message[BOOTP_OPTIONS + i] = 0xfe;          /* an option whose length runs past the end */
        receive_frame(frame, length);
    }
    length = build_dhcp_answer(frame, xid + 1, 2, OTHER_ADDRESS);
    receive_frame(frame, length);
    for (uint32_t cut = ETHERNET_HEADER_LENGTH + IPV4_HEADER_LENGTH; cut < length; cut += 7)
        receive_frame(frame, cut);
    KTEST_EXPECT_EQ(1, last_dhcp_type(), "garbage was taken for an OFFER");

    length = build_dhcp_answer(frame, xid, 2, OTHER_ADDRESS);       /* OFFER */
    receive_frame(frame, length);
    KTEST_EXPECT_EQ(3, last_dhcp_type(), "answer to the OFFER (3: REQUEST)");
    length = build_dhcp_answer(frame, xid, 5, OTHER_ADDRESS);       /* ACK */
    receive_frame(frame, length);
    KTEST_EXPECT(!dhcp_in_progress(&fake), "exchange still in progress after the ACK");
    KTEST_EXPECT_EQ(OTHER_ADDRESS, fake.address, "address from DHCP");
    KTEST_EXPECT_EQ(0xffffff00u, fake.netmask, "netmask from DHCP");
    KTEST_EXPECT_EQ(DHCP_GATEWAY, fake.gateway, "gateway from DHCP");
    KTEST_EXPECT(fake.configured_by_dhcp, "configured_by_dhcp not set");
    KTEST_EXPECT_EQ(packets_before, packet_count(), "packets alive after DHCP");
    KTEST_EXPECT_EQ(timers_before, net_timer_count(), "timers armed after DHCP");
}

KTEST(net_dhcp_offer_and_ack_configure_the_card)
{
    kernel_lock();
    fake_up();
    dhcp_exchange();
    fake_up();
    fake.up = 0;
    kernel_unlock();
}

/* The protocol timers run in the network task; with none armed, the task
 * sleeps with no deadline (an idle network wakes nobody). */
#define TIMER_DELAY_NS 20000000ull     /* 20 ms */
#define TIMER_WAIT_NS  100000000ull    /* 100 ms: long past it */

static struct task *expired_in;
static void note_expiry(struct net_timer *timer)
{
    (void)timer;
    expired_in = current_task;
}

static struct task *find_task(const char *name)
{
    for (struct task *task = all_tasks; task; task = task->all_next)
        if (strcmp(task->name, name) == 0)
            return task;
    return NULL;
}

KTEST(net_timers_run_in_the_network_task_which_idles_without_deadline)
{
    struct task *network_task = find_task("net");
    KTEST_EXPECT(network_task, "no task called \"net\"");
    static struct net_timer fired, stopped;
    fired.expire = stopped.expire = note_expiry;
    expired_in = NULL;
    kernel_lock();
    net_timer_start(&stopped, TIMER_DELAY_NS);
    net_timer_start(&fired, TIMER_DELAY_NS);
    net_timer_stop(&stopped);
    kernel_unlock();
    nano_sleep(TIMER_WAIT_NS);
    KTEST_EXPECT(expired_in == network_task, "the timer did not run in the network task");
    KTEST_EXPECT(!fired.armed && !stopped.armed, "a timer is still armed");
    kernel_lock();
    int idle = network_task->state == TASK_BLOCKED, has_deadline = network_task->on_sleeping_list;
    unsigned timers = net_timer_count();
    kernel_unlock();
    KTEST_EXPECT(idle, "the network task is not waiting");
    KTEST_EXPECT(timers > 0 || !has_deadline, "the network task sleeps with a deadline while no timer is armed");
}

/* With an e1000 on QEMU's user network (`-netdev user,restrict=on`):
 * DHCP gives eth0 10.0.2.15/24, and QEMU's own address 10.0.2.2 answers
 * ARP and then a ping. Named only: other boots have no card. */
#define QEMU_GUEST_ADDRESS  0x0a00020fu   /* 10.0.2.15 */
#define QEMU_GATEWAY        0x0a000202u   /* 10.0.2.2 */
#define QEMU_SILENT_ADDRESS 0x0a000263u   /* 10.0.2.99: nobody */
#define CARD_WAIT_STEP_NS   10000000ull   /* 10 ms */
#define CARD_WAIT_STEPS     500           /* 5 s */

/* Sleeps in steps until `*counter` differs from `before` (or it is long). */
static void wait_for_change(const volatile unsigned *counter, unsigned before)
{
    for (unsigned step = 0; step < CARD_WAIT_STEPS && *counter == before; step++)
        nano_sleep(CARD_WAIT_STEP_NS);
}

static void send_ping(uint32_t destination)
{
    struct packet *packet = packet_alloc();
    if (!packet)
        return;
    uint8_t *message = packet_put(packet, ICMP_HEADER_LENGTH);
    memset(message, 0, ICMP_HEADER_LENGTH);
    message[0] = ICMP_ECHO_REQUEST;
    put_be16(message + 4, PING_IDENTIFIER);
    put_be16(message + 2, checksum_finish(checksum_add(0, message, ICMP_HEADER_LENGTH)));
    ipv4_send(packet, 0, destination, IPV4_PROTOCOL_ICMP, 0);
}

KTEST_NAMED_ONLY(net_card_gets_its_address_by_dhcp_and_the_gateway_answers)
{
    struct net_interface *card = net_interface_find("eth0");
    KTEST_EXPECT(card, "no eth0: boot with -device e1000 on -netdev user,restrict=on");
    for (unsigned step = 0; step < CARD_WAIT_STEPS && !card->configured_by_dhcp; step++)
        nano_sleep(CARD_WAIT_STEP_NS);
    KTEST_EXPECT(card->configured_by_dhcp, "no DHCP answer");
    KTEST_EXPECT_EQ(QEMU_GUEST_ADDRESS, card->address, "address");
    KTEST_EXPECT_EQ(0xffffff00u, card->netmask, "netmask");
    /* restrict=on: QEMU names no router (nothing lies beyond it); 10.0.2.2 is on the link anyway */
    KTEST_EXPECT(card->gateway == 0 || card->gateway == QEMU_GATEWAY, "gateway " NET_ADDRESS_FORMAT,
                 NET_ADDRESS_ARGUMENTS(card->gateway));
    unsigned replies = icmp_statistics.echo_replies, received = card->received_packets;
    kernel_lock();
    send_ping(QEMU_GATEWAY);
    kernel_unlock();
    wait_for_change(&icmp_statistics.echo_replies, replies);
    KTEST_EXPECT_EQ(replies + 1, icmp_statistics.echo_replies, "echo replies from the gateway");
    KTEST_EXPECT(card->received_packets >= received + 2, "the ARP answer and the echo reply were not counted");
    KTEST_EXPECT(arp_cache_count() >= 1, "the gateway is not in the ARP cache");

    /* QEMU answers ARP for its own addresses only: after three requests
     * for 10.0.2.99, the packet that waited comes back to us as ICMP host
     * unreachable, and the next send fails at once */
    unsigned packets_before = packet_count(), unreachable = icmp_statistics.unreachable_received;
    kernel_lock();
    send_ping(QEMU_SILENT_ADDRESS);
    kernel_unlock();
    wait_for_change(&icmp_statistics.unreachable_received, unreachable);
    KTEST_EXPECT_EQ(unreachable + 1, icmp_statistics.unreachable_received, "host unreachable reports");
    kernel_lock();
    struct packet *packet = packet_alloc();
    int result = packet ? ipv4_send(packet, 0, QEMU_SILENT_ADDRESS, IPV4_PROTOCOL_UDP, 0) : -1;
    kernel_unlock();
    KTEST_EXPECT_EQ(-EHOSTUNREACH, result, "send to an address that did not answer");
    KTEST_EXPECT_EQ(packets_before, packet_count(), "packets alive at the end");
}
