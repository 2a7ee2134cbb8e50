/* kernel/drivers/e1000.c - the Intel 82540EM network card (e1000), QEMU's
 * default card for the pc machine, as the interface "eth0".
 *
 * The card moves frames to and from memory itself (DMA) through two rings
 * of descriptors, each ring an array in memory that the card and the
 * driver share, with a head the card moves and a tail the driver moves:
 *
 *   receive ring:  [ empty | empty | FRAME | FRAME | empty ... ]
 *                            head^ card fills   rx_next^ we take   tail^
 *   The card fills descriptors from head up to (not including) tail and
 *   sets DONE in each; we take filled ones from rx_next, give each back
 *   by moving tail onto it. Buffers are the driver's own, 2048 bytes,
 *   two to a page; a received frame is copied into a new packet, so a
 *   descriptor is given back at once and a stack short of packets drops
 *   frames instead of starving the ring.
 *
 *   transmit ring: [ sent | sent | queued | queued | free ... ]
 *                  tx_oldest^      head^ card sends  tx_next^ = tail
 *   We put a frame at tail and move tail; the card sends from head and
 *   sets DONE in each; we free sent packets from tx_oldest on. The frame
 *   is sent straight from the packet's buffer (a kmalloc block in the
 *   direct map, so physically contiguous): no copy.
 *
 * Registers. The card's registers are memory-mapped (BAR0), at an address
 * above 3 GiB that the direct map does not reach; device_map
 * (kernel/mm/device_map.c) maps them. (The card also has an I/O-port BAR
 * with an address/data register pair, but QEMU's e1000 does not implement
 * it: reads answer 0.)
 *
 * Interrupts come on the PCI line the firmware assigned (IRQ 11 in QEMU).
 * The handler reads ICR, which says why and lowers the line, moves every
 * received frame to the stack with net_receive (which only queues it and
 * wakes the network task: no protocol work runs here, see
 * kernel/net/net_interface.h), gives the descriptors back, and frees the
 * packets that were sent.
 *
 * Locking: the kernel lock (interrupts off) guards the card and its
 * rings; the handler holds it by running, transmit takes it.
 *
 * QEMU's card takes no frame during the second after RCTL is written (it
 * keeps them, and they come once the second is over): the first answer
 * to the boot's DHCP request arrives a second late.
 *
 * Test mode: frames go both ways through netloss.h, which can lose and
 * reorder them (the command line's netloss=). */
#include "e1000.h"

#include "arch/x86/trap.h"
#include "e1000_registers.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/device_map.h"
#include "mm/frame.h"
#include "mm/memory_layout.h"
#include "net/net_interface.h"
#include "net/packet.h"
#include "netloss.h"
#include "pci.h"
#include "sched/scheduler.h"
#include "uapi/errno.h"

#define RX_RING_SIZE        32
#define TX_RING_SIZE        32
#define RX_BUFFER_SIZE      2048                     /* RCTL's BSIZE */
#define RX_BUFFERS_PER_PAGE (PAGE_SIZE / RX_BUFFER_SIZE)
#define ETHERNET_HEADER_LENGTH 14
#define ETHERNET_FRAME_MIN  60                       /* without the CRC the card adds */
#define ETHERNET_MTU        1500
#define ETHERNET_FRAME_MAX  (ETHERNET_HEADER_LENGTH + ETHERNET_MTU)
#define RESET_POLL_LIMIT    100000                   /* CTRL reads before a reset counts as failed */
#define EEPROM_POLL_LIMIT   100000
#define PCI_BAR_IO_SPACE    0x1u                     /* bit 0 of a BAR: I/O ports, not memory */
#define PCI_BAR_ADDRESS_MASK 0xFFFFFFF0u
#define PCI_IRQ_LIMIT       16                       /* lines the PIC has; 0xFF means none */

#define RECEIVE_INTERRUPTS (E1000_INTERRUPT_RX_TIMER | E1000_INTERRUPT_RX_OVERRUN | E1000_INTERRUPT_RX_LOW)

struct e1000_card {
    volatile uint8_t *registers;
    volatile struct e1000_receive_descriptor *rx_ring;
    uint8_t *rx_buffers[RX_RING_SIZE];              /* virtual addresses of the buffers */
    unsigned rx_next;                               /* the next descriptor to take */
    int rx_discarding;                              /* dropping the pieces of an oversized frame */
    volatile struct e1000_transmit_descriptor *tx_ring;
    struct packet *tx_packets[TX_RING_SIZE];        /* the packet in each queued descriptor */
    unsigned tx_next, tx_oldest;
    struct net_interface interface;
};

static struct e1000_card card;

static uint32_t read_register(uint32_t offset)
{
    return *(volatile uint32_t *)(card.registers + offset);
}

static void write_register(uint32_t offset, uint32_t value)
{
    *(volatile uint32_t *)(card.registers + offset) = value;
}

/* -------------------------------------------------------------- receive */

/* A new packet holding a copy of the `length` bytes of receive buffer
 * `index`, or NULL (counted) when none can be had. Context: kernel lock
 * held. */
static struct packet *copy_frame(unsigned index, uint32_t length)
{
    struct net_interface *interface = &card.interface;
    struct packet *packet = packet_alloc();
    if (!packet) {
        interface->received_dropped++;
        return NULL;
    }
    uint8_t *room = packet_put(packet, length);
    if (!room) {
        interface->received_errors++;
        packet_free(packet);
        return NULL;
    }
    memcpy(room, card.rx_buffers[index], length);
    packet->interface = interface;
    return packet;
}

/* Takes every frame the card has put in the ring and gives the
 * descriptors back. At most one ring's worth per call; if more is
 * waiting, the card is asked to interrupt again (ICS), so a flood cannot
 * keep the handler running nor leave frames behind. Context: kernel lock
 * held (the handler). */
static void receive_frames(void)
{
    struct net_interface *interface = &card.interface;
    for (unsigned taken = 0; taken < RX_RING_SIZE; taken++) {
        unsigned index = card.rx_next;
        volatile struct e1000_receive_descriptor *descriptor = &card.rx_ring[index];
        uint8_t status = descriptor->status;
        if (!(status & E1000_RX_STATUS_DONE))
            return;
        uint32_t length = descriptor->length;
        struct packet *packet = NULL;
        if (!(status & E1000_RX_STATUS_END_OF_PACKET)) {
            /* the frame goes on in the next buffer: too big for us */
            if (!card.rx_discarding)
                interface->received_errors++;
            card.rx_discarding = 1;
        } else if (card.rx_discarding) {
            card.rx_discarding = 0;                  /* the oversized frame's last piece */
        } else if ((descriptor->errors & E1000_RX_ERRORS_FRAME) || length < ETHERNET_HEADER_LENGTH ||
                   length > RX_BUFFER_SIZE) {
            interface->received_errors++;
        } else {
            packet = copy_frame(index, length);
        }
        /* The descriptor is finished before the frame goes up, so the
         * ring is consistent whatever delivering it leads to. */
        descriptor->status = 0;
        card.rx_next = (index + 1) % RX_RING_SIZE;
        write_register(E1000_RDT, index);            /* the card may fill it again */
        if (packet)
            netloss_receive(interface, packet);   /* net_receive, unless testing losses */
    }
    if (card.rx_ring[card.rx_next].status & E1000_RX_STATUS_DONE)
        write_register(E1000_ICS, E1000_INTERRUPT_RX_TIMER);
}

/* ------------------------------------------------------------- transmit */

/* Frees the packets the card has sent, counting them. Context: kernel
 * lock held. */
static void reclaim_sent(void)
{
    while (card.tx_oldest != card.tx_next) {
        volatile struct e1000_transmit_descriptor *descriptor = &card.tx_ring[card.tx_oldest];
        if (!(descriptor->status & E1000_TX_STATUS_DONE))
            return;
        card.interface.sent_packets++;
        card.interface.sent_bytes += descriptor->length;
        packet_free(card.tx_packets[card.tx_oldest]);
        card.tx_packets[card.tx_oldest] = NULL;
        card.tx_oldest = (card.tx_oldest + 1) % TX_RING_SIZE;
    }
}

/* net_interface.transmit: queues one Ethernet frame (without its CRC,
 * which the card adds), taking the packet over. 0; -ENOBUFS when the
 * ring is full; -EMSGSIZE when the frame is longer than the MTU allows.
 * Both free the packet and count it in sent_dropped. Context: any; takes
 * the kernel lock; never sleeps. */
static int e1000_transmit(struct net_interface *interface, struct packet *packet)
{
    int result = 0;
    if (packet->length > ETHERNET_FRAME_MAX) {
        result = -EMSGSIZE;
    } else if (packet->length < ETHERNET_FRAME_MIN) {
        uint32_t padding = ETHERNET_FRAME_MIN - packet->length;
        uint8_t *tail = packet_put(packet, padding);
        if (tail)
            memset(tail, 0, padding);
        else
            result = -EMSGSIZE;                      /* no room at the end: cannot happen for a short frame */
    }
    kernel_lock();                                /* also keeps the padding before the card's read */
    if (result == 0 && netloss_loses_sent_frame()) {
        interface->sent_dropped++;                   /* lost "on the wire": the sender sees success */
        packet_free(packet);
        kernel_unlock();
        return 0;
    }
    if (result == 0) {
        reclaim_sent();
        unsigned index = card.tx_next;
        unsigned next = (index + 1) % TX_RING_SIZE;
        if (next == card.tx_oldest) {
            result = -ENOBUFS;
        } else {
            volatile struct e1000_transmit_descriptor *descriptor = &card.tx_ring[index];
            descriptor->buffer = virtual_to_physical(packet->data);
            descriptor->length = (uint16_t)packet->length;
            descriptor->checksum_offset = 0;
            descriptor->checksum_start = 0;
            descriptor->special = 0;
            descriptor->status = 0;
            descriptor->command = E1000_TX_COMMAND_END_OF_PACKET | E1000_TX_COMMAND_INSERT_FCS |
                                  E1000_TX_COMMAND_REPORT_STATUS;
            card.tx_packets[index] = packet;
            card.tx_next = next;
            write_register(E1000_TDT, next);         /* the card starts sending */
        }
    }
    if (result < 0) {
        interface->sent_dropped++;
        packet_free(packet);
    }
    kernel_unlock();
    return result;
}

/* ------------------------------------------------------------ interrupt */

/* The card's interrupt: reading ICR tells why and lowers the line. A
 * cause of 0 is another device's interrupt on a shared line; a link
 * change (LSC) needs nothing more, as the stack does not follow the link.
 *
 * lock_stuff, not just the lock: waking the network task (net_receive)
 * from the idle task switches to it at once, in the middle of this
 * handler; that task could let a second interrupt in, whose handler
 * would find the ring half walked. Postponed, the switch happens at
 * unlock_stuff, once the ring is in order. Context: interrupt handler
 * (kernel lock held). */
static void e1000_interrupt(struct trap_frame *frame)
{
    (void)frame;
    lock_stuff();
    uint32_t causes = read_register(E1000_ICR);
    if (causes & RECEIVE_INTERRUPTS)
        receive_frames();
    if (causes)
        reclaim_sent();
    unlock_stuff();                                  /* the switch to the network task, if any */
}

/* ---------------------------------------------------------------- setup */

/* Resets the card, leaving its interrupts masked: 0, or -EIO when the
 * reset never finishes. Context: boot. */
static int reset_card(void)
{
    write_register(E1000_IMC, E1000_INTERRUPTS_ALL);
    write_register(E1000_CTRL, read_register(E1000_CTRL) | E1000_CTRL_RESET);
    int polls = 0;
    while (read_register(E1000_CTRL) & E1000_CTRL_RESET)
        if (++polls == RESET_POLL_LIMIT)
            return -EIO;
    write_register(E1000_IMC, E1000_INTERRUPTS_ALL);
    (void)read_register(E1000_ICR);
    uint32_t control = read_register(E1000_CTRL);
    control |= E1000_CTRL_SET_LINK_UP | E1000_CTRL_AUTO_SPEED;
    control &= ~(E1000_CTRL_LINK_RESET | E1000_CTRL_PHY_RESET | E1000_CTRL_INVERT_LOSS_OF_SIGNAL |
                 E1000_CTRL_VLAN_MODE);
    write_register(E1000_CTRL, control);
    return 0;
}

/* EEPROM word `address`, or -1 when the read never finishes. */
static int read_eeprom(uint32_t address)
{
    write_register(E1000_EERD, E1000_EERD_START | address << E1000_EERD_ADDRESS_SHIFT);
    for (int polls = 0; polls < EEPROM_POLL_LIMIT; polls++) {
        uint32_t value = read_register(E1000_EERD);
        if (value & E1000_EERD_DONE)
            return (int)(value >> E1000_EERD_DATA_SHIFT);
    }
    return -1;
}

/* The card's MAC address into mac: from receive address 0, which the
 * card loads from its EEPROM at reset, else from the EEPROM's first three
 * words. 0, or -EIO. Context: boot. */
static int read_mac(uint8_t mac[ETHERNET_ADDRESS_LENGTH])
{
    uint32_t low = read_register(E1000_RAL0), high = read_register(E1000_RAH0);
    if (!(high & E1000_RAH_ADDRESS_VALID)) {
        for (uint32_t word = 0; word < ETHERNET_ADDRESS_LENGTH / 2; word++) {
            int value = read_eeprom(word);
            if (value < 0)
                return -EIO;
            mac[2 * word] = (uint8_t)value;
            mac[2 * word + 1] = (uint8_t)(value >> 8);
        }
        low = (uint32_t)mac[0] | (uint32_t)mac[1] << 8 | (uint32_t)mac[2] << 16 | (uint32_t)mac[3] << 24;
        high = (uint32_t)mac[4] | (uint32_t)mac[5] << 8;
        write_register(E1000_RAL0, low);             /* the card filters on it */
        write_register(E1000_RAH0, high | E1000_RAH_ADDRESS_VALID);
    }
    for (int i = 0; i < 4; i++)
        mac[i] = (uint8_t)(low >> (8 * i));
    mac[4] = (uint8_t)high;
    mac[5] = (uint8_t)(high >> 8);
    return 0;
}

/* Allocates the rings and the receive buffers: 0, or -ENOMEM (having
 * released what it took). Context: boot. */
static int allocate_rings(void)
{
    uint32_t frames[2 + RX_RING_SIZE / RX_BUFFERS_PER_PAGE];
    unsigned count = sizeof frames / sizeof frames[0];
    for (unsigned i = 0; i < count; i++) {
        frames[i] = frame_alloc();
        if (!frames[i]) {
            while (i > 0)
                frame_release(frames[--i]);
            return -ENOMEM;
        }
        memset(physical_to_virtual(frames[i]), 0, PAGE_SIZE);
    }
    card.rx_ring = physical_to_virtual(frames[0]);
    card.tx_ring = physical_to_virtual(frames[1]);
    for (unsigned i = 0; i < RX_RING_SIZE; i++) {
        uint32_t buffer = frames[2 + i / RX_BUFFERS_PER_PAGE] + (i % RX_BUFFERS_PER_PAGE) * RX_BUFFER_SIZE;
        card.rx_buffers[i] = physical_to_virtual(buffer);
        card.rx_ring[i].buffer = buffer;
    }
    return 0;
}

/* Points the card at the rings and turns receiving and sending on: the
 * card owns every receive descriptor but one (head 0, tail the last: a
 * ring whose head met its tail would read as empty). Context: boot. */
static void start_rings(void)
{
    write_register(E1000_RDBAL, virtual_to_physical((const void *)card.rx_ring));
    write_register(E1000_RDBAH, 0);
    write_register(E1000_RDLEN, RX_RING_SIZE * sizeof(struct e1000_receive_descriptor));
    write_register(E1000_RDH, 0);
    write_register(E1000_RDT, RX_RING_SIZE - 1);
    write_register(E1000_RDTR, 0);                   /* interrupt for each frame, no delay */
    write_register(E1000_TDBAL, virtual_to_physical((const void *)card.tx_ring));
    write_register(E1000_TDBAH, 0);
    write_register(E1000_TDLEN, TX_RING_SIZE * sizeof(struct e1000_transmit_descriptor));
    write_register(E1000_TDH, 0);
    write_register(E1000_TDT, 0);
    for (int i = 0; i < E1000_MTA_ENTRIES; i++)
        write_register(E1000_MTA + 4 * i, 0);        /* no multicast */
    write_register(E1000_RCTL, E1000_RCTL_ENABLE | E1000_RCTL_BROADCAST_ACCEPT | E1000_RCTL_BUFFER_2048 |
                               E1000_RCTL_STRIP_CRC);
    write_register(E1000_TIPG, E1000_TIPG_TRANSMIT | E1000_TIPG_RECEIVE_1 | E1000_TIPG_RECEIVE_2);
    write_register(E1000_TCTL, E1000_TCTL_ENABLE | E1000_TCTL_PAD_SHORT | E1000_TCTL_COLLISION_THRESHOLD |
                               E1000_TCTL_COLLISION_DISTANCE | E1000_TCTL_RETRANSMIT_LATE);
}

/* Maps the card's registers from BAR0: 0, or -ENODEV. */
static int map_registers(const struct pci_device *device)
{
    uint32_t bar = device->bar[0];
    if (bar & PCI_BAR_IO_SPACE)
        return -ENODEV;
    card.registers = device_map(bar & PCI_BAR_ADDRESS_MASK, E1000_REGISTER_BYTES);
    return card.registers ? 0 : -ENODEV;
}

int e1000_init(void)
{
    struct pci_device device;
    if (!pci_find_device(E1000_VENDOR_INTEL, E1000_DEVICE_82540EM, &device))
        return 0;                                    /* no card: most boots */
    kernel_lock();
    int result = 0;
    const char *failure = NULL;
    if (device.irq == 0 || device.irq >= PCI_IRQ_LIMIT)
        failure = "no interrupt line";
    pci_enable_bus_master(&device);
    if (!failure && map_registers(&device) < 0)
        failure = "cannot map its registers";
    if (!failure && reset_card() < 0)
        failure = "reset does not finish";
    if (!failure && read_mac(card.interface.mac) < 0)
        failure = "cannot read its MAC address";
    if (!failure && allocate_rings() < 0)
        failure = "out of memory for its rings";
    if (failure) {
        kprintf("e1000: card found but not used: %s\n", failure);
    } else {
        netloss_init();
        struct net_interface *interface = &card.interface;
        strlcpy(interface->name, "eth0", sizeof interface->name);
        interface->mtu = ETHERNET_MTU;
        interface->transmit = e1000_transmit;
        interface->driver = &card;
        net_interface_register(interface);
        start_rings();
        irq_set_handler(device.irq, e1000_interrupt);
        write_register(E1000_IMS, RECEIVE_INTERRUPTS | E1000_INTERRUPT_LINK_CHANGE |
                                  E1000_INTERRUPT_TX_WRITTEN_BACK);
        const uint8_t *mac = interface->mac;
        kprintf("e1000: %s MAC %02x:%02x:%02x:%02x:%02x:%02x, IRQ %u\n", interface->name, mac[0], mac[1],
                mac[2], mac[3], mac[4], mac[5], device.irq);
        result = 1;
    }
    kernel_unlock();
    return result;
}
