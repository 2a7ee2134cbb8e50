/* kernel/ipc/sysv_sem_internal.h - what sysv_sem.c (the sets and semop) and
 * sysv_sem_undo.c (the SEM_UNDO records) share; nothing outside them uses it. */
#ifndef KERNEL_IPC_SYSV_SEM_INTERNAL_H
#define KERNEL_IPC_SYSV_SEM_INTERNAL_H

#include "lib/list.h"
#include "ipc/ipc_key.h"

struct process;

struct sysv_semaphore {
    int value;                          /* semval: 0 .. SEMVMX */
    int last_pid;                       /* sempid: the last process that operated on it */
};

struct sysv_sem_set {
    struct ipc_object object;           /* key, id, mode: first, for the key table */
    unsigned count;                     /* sem_nsems */
    long operation_time, change_time;   /* sem_otime, sem_ctime */
    struct list waiters;                /* sleeping semop calls (struct semop_waiter), oldest first */
    struct sysv_sem_undo *undos;             /* every process's undo record for this set */
    struct sysv_semaphore semaphores[];      /* `count` of them */
};

/* A record is on two lists at once, on purpose: its process's, to be
 * applied when the process exits, and its set's, to be cleared by SETVAL
 * and SETALL and freed when the set is removed. Both free it together. */
struct sysv_sem_undo {
    struct sysv_sem_undo *next_of_process;   /* process->sysv_sem_undo_list */
    struct sysv_sem_undo *next_of_set;       /* set->undos */
    struct process *process;
    struct sysv_sem_set *set;
    int adjustments[];                  /* semadj: what exit adds back, one per semaphore */
};

#define ALL_SEMAPHORES (-1)             /* sysv_sem_undo_clear: every semaphore of the set */

/* After values changed: completes, oldest first, every waiter whose whole
 * array now goes through (or now fails), on its behalf (sysv_sem.c). */
void sysv_sem_serve_waiters(struct sysv_sem_set *set);

/* The process's undo record for `set`, made (all zeros) on first use;
 * NULL when memory ran out (sysv_sem_undo.c). */
struct sysv_sem_undo *sysv_sem_undo_for(struct sysv_sem_set *set, struct process *process);

/* SETVAL and SETALL: semaphore `number` (or ALL_SEMAPHORES) was set
 * outright, so no process has anything left to undo on it (semctl(2)). */
void sysv_sem_undo_clear(struct sysv_sem_set *set, int number);

/* IPC_RMID: frees every process's undo record for the set. */
void sysv_sem_undo_forget_set(struct sysv_sem_set *set);

#endif
