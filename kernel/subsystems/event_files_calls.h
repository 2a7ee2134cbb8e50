/* kernel/subsystems/event_files_calls.h - the system-call handlers of
 * eventfd and signalfd (kernel/subsystems/event_files.c puts them in the
 * table), with their real types. Context: as every handler's
 * (kernel/syscall.h). */
#ifndef KERNEL_SUBSYSTEMS_EVENT_FILES_CALLS_H
#define KERNEL_SUBSYSTEMS_EVENT_FILES_CALLS_H

#include <stdint.h>

int sys_eventfd2(unsigned initial, int flags);
int sys_signalfd4(int fd, const uint64_t *mask, unsigned mask_size, int flags);

#endif
