/* kernel/drivers/netloss.h - a card's test mode: the command line's
 * `netloss=PERCENT[:SEED]` makes the card lose that share of the frames
 * it sends and receives, and hold back that share of the frames it
 * receives until the next one has gone up (so they arrive out of order).
 * A seeded pseudo-random sequence decides, so a run can be repeated: the
 * ground for testing TCP's retransmission on a link that behaves. */
#ifndef KERNEL_DRIVERS_NETLOSS_H
#define KERNEL_DRIVERS_NETLOSS_H

#include "net/net_interface.h"
#include "net/packet.h"

/* Reads the option; says in one log line that the mode is on (or that
 * the option cannot be read). Context: boot. */
void netloss_init(void);

/* Whether the frame about to be sent is lost: true for PERCENT in a
 * hundred while the mode is on, never otherwise. The caller counts it in
 * sent_dropped and frees it. Context: kernel lock held. */
int netloss_loses_sent_frame(void);

/* Hands a received frame up (net_receive, taking the packet over),
 * unless the mode loses it (freed, counted in received_dropped) or holds
 * it back to go up right after the next frame. At most one frame is held
 * back at any time. Context: kernel lock held; an interrupt handler. */
void netloss_receive(struct net_interface *interface, struct packet *packet);

#endif
