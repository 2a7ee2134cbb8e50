/* kernel/subsystems/file_locks_calls.h - the system-call handler of file
 * locks (kernel/subsystems/file_locks.c puts it in the table), with its
 * real type; fcntl's lock commands come through the core's fcntl.
 * Context: as every handler's (kernel/syscall.h). */
#ifndef KERNEL_SUBSYSTEMS_FILE_LOCKS_CALLS_H
#define KERNEL_SUBSYSTEMS_FILE_LOCKS_CALLS_H

int sys_flock(int fd, int operation);

#endif
