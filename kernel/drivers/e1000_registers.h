/* kernel/drivers/e1000_registers.h - the registers and descriptors of the
 * Intel 82540EM that kernel/drivers/e1000.c uses: a small part of the
 * 8254x family's register set. Offsets are from the start of BAR0; every
 * register is 32 bits wide and read or written whole. */
#ifndef KERNEL_DRIVERS_E1000_REGISTERS_H
#define KERNEL_DRIVERS_E1000_REGISTERS_H

#include <stdint.h>

#define E1000_VENDOR_INTEL    0x8086
#define E1000_DEVICE_82540EM  0x100E
#define E1000_REGISTER_BYTES  0x20000   /* the size of BAR0: 128 KiB */

/* Register offsets. */
enum {
    E1000_CTRL = 0x0000,       /* device control */
    E1000_STATUS = 0x0008,     /* device status */
    E1000_EERD = 0x0014,       /* EEPROM read: one 16-bit word at a time */
    E1000_ICR = 0x00C0,        /* interrupt causes; reading clears them */
    E1000_IMS = 0x00D0,        /* interrupt mask set: a 1 enables that cause */
    E1000_IMC = 0x00D8,        /* interrupt mask clear: a 1 disables that cause */
    E1000_ICS = 0x00C8,        /* interrupt cause set: raises causes by hand */
    E1000_RCTL = 0x0100,       /* receive control */
    E1000_TCTL = 0x0400,       /* transmit control */
    E1000_TIPG = 0x0410,       /* transmit inter-packet gap */
    E1000_RDBAL = 0x2800,      /* receive ring: physical base, low 32 bits */
    E1000_RDBAH = 0x2804,      /* ... high 32 bits */
    E1000_RDLEN = 0x2808,      /* ... its size in bytes (a multiple of 128) */
    E1000_RDH = 0x2810,        /* ... head: the next descriptor the card fills */
    E1000_RDT = 0x2818,        /* ... tail: one past the last one it may fill */
    E1000_RDTR = 0x2820,       /* receive interrupt delay */
    E1000_TDBAL = 0x3800,      /* transmit ring, as the receive ring */
    E1000_TDBAH = 0x3804,
    E1000_TDLEN = 0x3808,
    E1000_TDH = 0x3810,        /* head: the next descriptor the card sends */
    E1000_TDT = 0x3818,        /* tail: one past the last one we filled */
    E1000_MTA = 0x5200,        /* multicast table: 128 registers */
    E1000_RAL0 = 0x5400,       /* receive address 0: MAC bytes 0-3 */
    E1000_RAH0 = 0x5404,       /* ... bytes 4-5, and "address valid" */
};

#define E1000_MTA_ENTRIES 128

/* CTRL bits. */
enum {
    E1000_CTRL_LINK_RESET = 1u << 3,          /* LRST */
    E1000_CTRL_AUTO_SPEED = 1u << 5,          /* ASDE: take the speed the PHY found */
    E1000_CTRL_SET_LINK_UP = 1u << 6,         /* SLU */
    E1000_CTRL_INVERT_LOSS_OF_SIGNAL = 1u << 7,   /* ILOS */
    E1000_CTRL_RESET = 1u << 26,              /* RST: clears itself when the reset is done */
    E1000_CTRL_VLAN_MODE = 1u << 30,          /* VME */
    E1000_CTRL_PHY_RESET = 1u << 31,
};

#define E1000_STATUS_LINK_UP 0x2

/* EERD: write the word's address with START, wait for DONE, read DATA. */
enum {
    E1000_EERD_START = 1u << 0,
    E1000_EERD_DONE = 1u << 4,
    E1000_EERD_ADDRESS_SHIFT = 8,
    E1000_EERD_DATA_SHIFT = 16,
};

#define E1000_RAH_ADDRESS_VALID (1u << 31)

/* Interrupt causes (ICR, IMS, IMC, ICS). */
enum {
    E1000_INTERRUPT_TX_WRITTEN_BACK = 1u << 0,   /* TXDW: a descriptor was sent */
    E1000_INTERRUPT_LINK_CHANGE = 1u << 2,       /* LSC */
    E1000_INTERRUPT_RX_LOW = 1u << 4,            /* RXDMT0: few free receive descriptors left */
    E1000_INTERRUPT_RX_OVERRUN = 1u << 6,        /* RXO: a frame came with none left */
    E1000_INTERRUPT_RX_TIMER = 1u << 7,          /* RXT0: frames were received */
};
#define E1000_INTERRUPTS_ALL 0xFFFFFFFFu

/* RCTL bits. Buffer size 2048 is BSIZE 00 with BSEX clear; the free
 * descriptor threshold for RXDMT0 is half the ring at RDMTS 00. */
enum {
    E1000_RCTL_ENABLE = 1u << 1,
    E1000_RCTL_BROADCAST_ACCEPT = 1u << 15,      /* BAM */
    E1000_RCTL_BUFFER_2048 = 0u << 16,
    E1000_RCTL_STRIP_CRC = 1u << 26,             /* SECRC: the card keeps the 4-byte FCS */
};

/* TCTL fields; the collision values are the manual's for full duplex. */
enum {
    E1000_TCTL_ENABLE = 1u << 1,
    E1000_TCTL_PAD_SHORT = 1u << 3,              /* PSP */
    E1000_TCTL_COLLISION_THRESHOLD = 0x0Fu << 4, /* CT */
    E1000_TCTL_COLLISION_DISTANCE = 0x40u << 12, /* COLD */
    E1000_TCTL_RETRANSMIT_LATE = 1u << 24,       /* RTLC */
};

/* TIPG: the gaps between frames, the manual's values for copper. */
enum {
    E1000_TIPG_TRANSMIT = 10,                    /* IPGT */
    E1000_TIPG_RECEIVE_1 = 8u << 10,             /* IPGR1 */
    E1000_TIPG_RECEIVE_2 = 6u << 20,             /* IPGR2 */
};

/* A receive descriptor, as the card reads and writes it (16 bytes). We
 * fill `buffer`; the card fills the rest and sets DONE. */
struct e1000_receive_descriptor {
    uint64_t buffer;            /* physical address of a 2048-byte buffer */
    uint16_t length;            /* bytes the card put there */
    uint16_t checksum;
    uint8_t status;
    uint8_t errors;
    uint16_t special;
} __attribute__((packed));

enum {
    E1000_RX_STATUS_DONE = 1u << 0,              /* DD: the card is done with it */
    E1000_RX_STATUS_END_OF_PACKET = 1u << 1,     /* EOP: the frame's last buffer */
};
/* errors: CRC, symbol, sequence, carrier extension, RX data error. */
#define E1000_RX_ERRORS_FRAME 0x97u

/* A transmit descriptor in the legacy format (16 bytes). We fill all but
 * `status`, where the card sets DONE once the frame is sent (when asked
 * to report it with REPORT_STATUS). */
struct e1000_transmit_descriptor {
    uint64_t buffer;            /* physical address of the frame */
    uint16_t length;
    uint8_t checksum_offset;
    uint8_t command;
    uint8_t status;
    uint8_t checksum_start;
    uint16_t special;
} __attribute__((packed));

enum {
    E1000_TX_COMMAND_END_OF_PACKET = 1u << 0,    /* EOP: the frame ends in this descriptor */
    E1000_TX_COMMAND_INSERT_FCS = 1u << 1,       /* IFCS: the card appends the CRC */
    E1000_TX_COMMAND_REPORT_STATUS = 1u << 3,    /* RS: set DONE when sent */
    E1000_TX_STATUS_DONE = 1u << 0,
};

#endif
