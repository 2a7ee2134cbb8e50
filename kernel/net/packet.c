/* kernel/net/packet.c - allocating packets and moving their data pointer
 * as headers go on and come off (packet.h draws the buffer). Each packet
 * is one kmalloc block, its header then its buffer; a count of the live
 * ones, and of the bytes the large ones hold, bound the memory the
 * network may take and let tests see a leak. */
#include "packet.h"

#include "lib/string.h"
#include "mm/heap.h"

static unsigned packets_alive;
static uint32_t large_bytes_alive;     /* the buffers of packets bigger than PACKET_SIZE */

/* A packet whose buffer holds `capacity` bytes (PACKET_SIZE at least), or
 * NULL past a limit or when the heap is short. */
static struct packet *packet_alloc_capacity(uint32_t capacity)
{
    if (packets_alive >= PACKET_LIMIT)
        return NULL;
    int large = capacity > PACKET_SIZE;
    if (large && capacity > PACKET_LARGE_BYTES_LIMIT - large_bytes_alive)
        return NULL;
    struct packet *packet = kmalloc(sizeof *packet + capacity);
    if (!packet)
        return NULL;
    packets_alive++;
    if (large)
        large_bytes_alive += capacity;
    packet->capacity = capacity;
    packet->link.next = packet->link.previous = NULL;
    packet->interface = NULL;
    packet->data = packet->buffer + PACKET_HEADROOM;
    packet->length = 0;
    packet->source_address = 0;
    packet->destination_address = 0;
    return packet;
}

struct packet *packet_alloc(void)
{
    return packet_alloc_capacity(PACKET_SIZE);
}

struct packet *packet_alloc_size(uint32_t bytes)
{
    if (bytes > PACKET_DATA_MAX)
        return NULL;
    uint32_t capacity = PACKET_HEADROOM + bytes;
    return packet_alloc_capacity(capacity < PACKET_SIZE ? PACKET_SIZE : capacity);
}

struct packet *packet_copy(const struct packet *packet)
{
    struct packet *copy = packet_alloc_capacity(packet->capacity);
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
    if (packet->capacity > PACKET_SIZE)
        large_bytes_alive -= packet->capacity;
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
    if (size > packet->capacity - used_end)
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
