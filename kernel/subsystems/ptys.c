/* kernel/subsystems/ptys.c - pseudoterminals (docs/terminals.md,
 * "Pseudoterminals"): /dev/ptmx opens a pair, a master that a program
 * such as script or a terminal emulator reads and writes, and a slave
 * /dev/pts/N that is a terminal like any other for the shell behind it.
 * Linux counts them among its ways of passing bytes between processes, as
 * The Linux Programming Interface does. It has no system call of its own:
 * open, read, write, poll and ioctl reach it through its devices.
 *
 * In the profiles: ipc, full (Makefile, PROFILE).
 *
 * Its files (the Makefile reads this list; subsystem.h says what a
 * subsystem is):
 *   kernel/drivers/pty.c
 */
#include "subsystem.h"

#include "drivers/pty.h"

/* Makes /dev/pts and /dev/ptmx. Context: boot (kernel/main.c, through
 * subsystems_start), after /dev. */
void ptys_start(void)
{
    pty_init();
}
