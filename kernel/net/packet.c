/* kernel/net/packet.c - allocating packets and moving their data pointer
 * as headers go on and come off (packet.h draws the buffer). Each packet
 * is one kmalloc block; a count of the live ones bounds the memory the
 * network may hold and lets tests see a leak. */
#include "packet.h"

#include "lib/string.h"
#include "mm/heap.h"

static unsigned packets_alive;

struct packet *packet_alloc(void)
{
    if (packets_alive >= PACKET_LIMIT)
        return NULL;
    struct packet *packet = kmalloc(sizeof *packet);
    if (!packet)
        return NULL;
    packets_alive++;
    packet->link.next = packet->link.previous = NULL;
    packet->interface = NULL;
    packet->data = packet->buffer + PACKET_HEADROOM;
    packet->length = 0;
    packet->source_address = 0;
    packet->destination_address = 0;
    return packet;
}

struct packet *packet_copy(const struct packet *packet)
{
    struct packet *copy = packet_alloc();
    if (!copy)
        return NULL;
    uint32_t offset = (uint32_t)(packet->data - packet->buffer);
    copy->interface = packet->interface;
    copy->data = copy->buffer + offset;
    copy->length = packet->length;
    copy->source_address = packet->source_address;
    copy->destination_address = packet->destination_address;
    memcpy(copy->data, packet->data, packet->length);
    return copy;
}

void packet_free(struct packet *packet)
{
    if (!packet)
        return;
    packets_alive--;
    kfree(packet);
}

uint8_t *packet_push(struct packet *packet, uint32_t size)
{
    if (size > (uint32_t)(packet->data - packet->buffer))
        return NULL;
    packet->data -= size;
    packet->length += size;
    return packet->data;
}

uint8_t *packet_pull(struct packet *packet, uint32_t size)
{
    if (size > packet->length)
        return NULL;
    uint8_t *header = packet->data;
    packet->data += size;
    packet->length -= size;
    return header;
}

uint8_t *packet_put(struct packet *packet, uint32_t size)
{
    uint32_t used_end = (uint32_t)(packet->data - packet->buffer) + packet->length;
    if (size > PACKET_SIZE - used_end)
        return NULL;
    uint8_t *tail = packet->data + packet->length;
    packet->length += size;
    return tail;
}

void packet_trim(struct packet *packet, uint32_t length)
{
    if (length < packet->length)
        packet->length = length;
}

unsigned packet_count(void)
{
    return packets_alive;
}
