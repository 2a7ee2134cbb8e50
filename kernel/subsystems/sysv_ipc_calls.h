/* kernel/subsystems/sysv_ipc_calls.h - the system-call handlers of System V IPC
 * (kernel/subsystems/sysv_ipc.c puts them in the table), with their real types.
 * Context: as every handler's (kernel/syscall.h). */
#ifndef KERNEL_SUBSYSTEMS_SYSV_IPC_CALLS_H
#define KERNEL_SUBSYSTEMS_SYSV_IPC_CALLS_H

#include <stdint.h>

struct msqid_ds;
struct sembuf;
struct shmid_ds;

int sys_msgget(int key, int flags);
int sys_msgsnd(int id, const void *message, int size, int flags);   /* sleeps */
int sys_msgrcv(int id, void *message, int size, long type, int flags);   /* sleeps */
int sys_msgctl(int id, int command, struct msqid_ds *buffer);
int sys_semget(int key, int count, int flags);
int sys_semop(int id, const struct sembuf *operations, unsigned count);   /* sleeps */
int sys_semctl(int id, int number, int command, uint32_t argument);
int sys_shmget(int key, uint32_t size, int flags);
uint32_t sys_shmat(int id, uint32_t address, int flags);
int sys_shmdt(uint32_t address);
int sys_shmctl(int id, int command, struct shmid_ds *buffer);

#endif
