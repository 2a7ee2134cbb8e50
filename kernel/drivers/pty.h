/* kernel/drivers/pty.h - the pseudoterminals' start (pty.c; the subsystem
 * ptys). What the terminals ask of them is ptys_for_core.h. */
#ifndef KERNEL_DRIVERS_PTY_H
#define KERNEL_DRIVERS_PTY_H

/* Makes /dev/pts and /dev/ptmx. Context: boot, /dev made. */
void pty_init(void);

#endif
