/* libc/include/sys/shm.h - System V shared memory (kernel/uapi/shm.h). */
#ifndef LIBC_INCLUDE_SYS_SHM_H
#define LIBC_INCLUDE_SYS_SHM_H

#include <sys/ipc.h>
#include <sys/types.h>
#include <uapi/shm.h>

typedef unsigned long shmatt_t;   /* the type of shm_nattch */

int shmget(key_t key, size_t size, int flags);
void *shmat(int id, const void *address, int flags);
int shmdt(const void *address);
int shmctl(int id, int command, struct shmid_ds *buffer);

#endif
