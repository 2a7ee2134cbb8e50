/* kernel/net/ethernet.c - Ethernet II framing:
 *
 *   0                6                12     14
 *   | destination    | source         | type | payload (46..1500 bytes)
 *
 * A frame is for us when its destination is our card's address or the
 * broadcast address; the type says whether ARP or IPv4 is inside. */
#include "ethernet.h"

#include "arp.h"
#include "ipv4.h"
#include "lib/string.h"
#include "uapi/errno.h"

#define ETHERNET_DESTINATION_OFFSET 0
#define ETHERNET_SOURCE_OFFSET      6
#define ETHERNET_TYPE_OFFSET        12

const uint8_t ethernet_broadcast[ETHERNET_ADDRESS_LENGTH] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

void ethernet_receive(struct net_interface *interface, struct packet *packet)
{
    const uint8_t *header = packet_pull(packet, ETHERNET_HEADER_LENGTH);
    if (!header) {
        interface->received_errors++;
        packet_free(packet);
        return;
    }
    const uint8_t *destination = header + ETHERNET_DESTINATION_OFFSET;
    if (memcmp(destination, interface->mac, ETHERNET_ADDRESS_LENGTH) != 0 &&
        memcmp(destination, ethernet_broadcast, ETHERNET_ADDRESS_LENGTH) != 0) {
        packet_free(packet);              /* another machine's (or a multicast we never joined) */
        return;
    }
    switch (get_be16(header + ETHERNET_TYPE_OFFSET)) {
    case ETHERNET_TYPE_ARP:
        arp_receive(interface, packet);
        break;
    case ETHERNET_TYPE_IPV4:
        ipv4_receive(interface, packet);
        break;
    default:
        packet_free(packet);              /* IPv6 and the rest: not spoken here */
        break;
    }
}

int ethernet_send(struct net_interface *interface, const uint8_t destination[ETHERNET_ADDRESS_LENGTH],
                  uint16_t type, struct packet *packet)
{
    uint8_t *header = packet_push(packet, ETHERNET_HEADER_LENGTH);
    if (!header) {
        interface->sent_dropped++;
        packet_free(packet);
        return -ENOBUFS;
    }
    memcpy(header + ETHERNET_DESTINATION_OFFSET, destination, ETHERNET_ADDRESS_LENGTH);
    memcpy(header + ETHERNET_SOURCE_OFFSET, interface->mac, ETHERNET_ADDRESS_LENGTH);
    put_be16(header + ETHERNET_TYPE_OFFSET, type);
    /* A frame shorter than the minimum is padded with zeros (an ARP
     * message, a bare TCP acknowledgement). */
    if (packet->length < ETHERNET_MINIMUM_FRAME) {
        uint32_t missing = ETHERNET_MINIMUM_FRAME - packet->length;
        uint8_t *padding = packet_put(packet, missing);
        if (padding)
            memset(padding, 0, missing);
    }
    packet->interface = interface;
    return interface->transmit(interface, packet);
}
