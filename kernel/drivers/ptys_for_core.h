/* kernel/drivers/ptys_for_core.h - what the terminals (tty.c, a core
 * file) ask of the pseudoterminals (the subsystem ptys, pty.c): the
 * slave terminals, numbered after the five fixed ones, and the room in
 * their master's ring. A kernel without it has no such terminals. */
#ifndef KERNEL_DRIVERS_PTYS_FOR_CORE_H
#define KERNEL_DRIVERS_PTYS_FOR_CORE_H

#include <stdint.h>

struct tty;

#define PTY_COUNT 16   /* pseudoterminal pairs at most: /dev/pts/0 .. /dev/pts/15 */

#ifdef SUBSYSTEM_PTYS
/* The slave of pair `number` (0 .. PTY_COUNT-1) while the pair exists,
 * else NULL. Its terminal index is TTY_COUNT + number. Context: any. */
struct tty *pty_slave(int number);

/* Bytes of output the slave's master can take now: a write waits for
 * room rather than lose bytes. Context: kernel lock held. */
uint32_t pty_output_room(struct tty *slave);

/* The last open file on a slave closed (tty.c's release). Context: a
 * task, kernel lock held. */
void pty_slave_closed(struct tty *slave);
#else
static inline struct tty *pty_slave(int number)
{
    (void)number;
    return 0;
}
static inline uint32_t pty_output_room(struct tty *slave)   /* never called: no slaves */
{
    (void)slave;
    return 0;
}
static inline void pty_slave_closed(struct tty *slave)
{
    (void)slave;
}
#endif

#endif
