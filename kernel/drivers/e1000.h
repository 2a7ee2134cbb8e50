/* kernel/drivers/e1000.h - the Intel 82540EM (e1000), QEMU's default card
 * for the pc machine: found on the PCI bus, registered as "eth0". */
#ifndef KERNEL_DRIVERS_E1000_H
#define KERNEL_DRIVERS_E1000_H

/* Finds and starts the card, if QEMU has one, and registers its
 * interface: 1 if it did, 0 if there is none. The command line's
 * `netloss=PERCENT[:SEED]` makes it drop that share of frames both ways
 * and hold back some received frames for one more to reorder them, a
 * seeded test mode for TCP's retransmission (kernel/drivers/netloss.h).
 * Context: boot (net_init). */
int e1000_init(void);

#endif
