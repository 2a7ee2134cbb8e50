/* kernel/subsystems/mlock_calls.h - the system-call handlers of memory locking
 * (kernel/subsystems/mlock.c puts them in the table), with their real types.
 * Context: as every handler's (kernel/syscall.h). */
#ifndef KERNEL_SUBSYSTEMS_MLOCK_CALLS_H
#define KERNEL_SUBSYSTEMS_MLOCK_CALLS_H

#include <stdint.h>

int sys_mlock(uint32_t address, uint32_t length);
int sys_munlock(uint32_t address, uint32_t length);
int sys_mlockall(int flags);
int sys_munlockall(void);
int sys_mincore(uint32_t address, uint32_t length, uint8_t *vector);

#endif
