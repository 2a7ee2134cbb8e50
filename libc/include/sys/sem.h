/* libc/include/sys/sem.h - System V semaphore sets (semget(2) and the
 * others; docs/semaphores.md). union semun, semctl's fourth argument, is
 * declared by the program itself, as on Linux:
 *     union semun { int val; struct semid_ds *buf; unsigned short *array; }; */
#ifndef LIBC_INCLUDE_SYS_SEM_H
#define LIBC_INCLUDE_SYS_SEM_H

#include <sys/ipc.h>
#include <sys/types.h>

/* The set of `key` (IPC_PRIVATE: a new one) with at least `count`
 * semaphores, new ones at 0; IPC_CREAT, IPC_EXCL and permission bits in
 * `flags`. Returns its id, or -1 with errno. */
int semget(key_t key, int count, int flags);

/* Applies the `count` operations of `operations` all at once, or none:
 * waits until all can go through unless the one that would wait has
 * IPC_NOWAIT (EAGAIN). SEM_UNDO operations are undone when the process
 * exits. */
int semop(int id, struct sembuf *operations, size_t count);

/* `command` on the set (IPC_STAT, IPC_SET, IPC_RMID, GETALL, SETALL), on
 * semaphore `number` of it (GETVAL, SETVAL, GETPID, GETNCNT, GETZCNT), on
 * the set in slot `id` (SEM_STAT, SEM_STAT_ANY: returns its id), or on
 * all sets (IPC_INFO, SEM_INFO: struct seminfo). A fourth argument, a
 * union semun, comes with SETVAL, SETALL, GETALL, IPC_STAT, IPC_SET and
 * those four. */
int semctl(int id, int number, int command, ...);

#endif
