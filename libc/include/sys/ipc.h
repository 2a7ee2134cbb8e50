/* libc/include/sys/ipc.h - what System V message queues, semaphores and
 * shared memory share: keys (key_t, IPC_PRIVATE, ftok), the flags of the
 * *get calls (IPC_CREAT, IPC_EXCL, IPC_NOWAIT), the commands IPC_STAT,
 * IPC_SET, IPC_RMID and struct ipc_perm, all from kernel/uapi/sysv_ipc.h
 * with Linux's values. */
#ifndef LIBC_INCLUDE_SYS_IPC_H
#define LIBC_INCLUDE_SYS_IPC_H

#include <sys/types.h>
#include <uapi/sysv_ipc.h>

/* A key made from an existing file and a project number, the same for
 * every program that names the same file and number: the low 16 bits of
 * the file's inode number, the low 8 of its device, and the low 8 of
 * `project` on top, as glibc does. -1 with errno when stat() fails. */
key_t ftok(const char *path, int project);

#endif
