/* kernel/net/loopback.h - the loopback interface "lo" (127.0.0.1/8):
 * what it sends it receives, through net_receive_later, so a program can
 * talk to another of the same machine with no card. */
#ifndef KERNEL_NET_LOOPBACK_H
#define KERNEL_NET_LOOPBACK_H

/* Registers "lo", up, 127.0.0.1/8. Context: boot (net_init). */
void loopback_init(void);

#endif
