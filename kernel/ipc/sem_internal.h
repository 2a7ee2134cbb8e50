/* kernel/ipc/sem_internal.h - what sem.c (the sets and semop) and
 * sem_undo.c (the SEM_UNDO records) share; nothing outside them uses it. */
#ifndef KERNEL_IPC_SEM_INTERNAL_H
#define KERNEL_IPC_SEM_INTERNAL_H

#include "lib/list.h"
#include "ipc/ipc_key.h"

struct process;

struct semaphore {
    int value;                          /* semval: 0 .. SEMVMX */
    int last_pid;                       /* sempid: the last process that operated on it */
};

struct semaphore_set {
    struct ipc_object object;           /* key, id, mode: first, for the key table */
    unsigned count;                     /* sem_nsems */
    long operation_time, change_time;   /* sem_otime, sem_ctime */
    struct list waiters;                /* sleeping semop calls (struct semop_waiter), oldest first */
    struct sem_undo *undos;             /* every process's undo record for this set */
    struct semaphore semaphores[];      /* `count` of them */
};

/* A record is on two lists at once, on purpose: its process's, to be
 * applied when the process exits, and its set's, to be cleared by SETVAL
 * and SETALL and freed when the set is removed. Both free it together. */
struct sem_undo {
    struct sem_undo *next_of_process;   /* process->sem_undo_list */
    struct sem_undo *next_of_set;       /* set->undos */
    struct process *process;
    struct semaphore_set *set;
    int adjustments[];                  /* semadj: what exit adds back, one per semaphore */
};

#define ALL_SEMAPHORES (-1)             /* sem_undo_clear: every semaphore of the set */

/* After values changed: completes, oldest first, every waiter whose whole
 * array now goes through (or now fails), on its behalf (sem.c). */
void sem_serve_waiters(struct semaphore_set *set);

/* The process's undo record for `set`, made (all zeros) on first use;
 * NULL when memory ran out (sem_undo.c). */
struct sem_undo *sem_undo_for(struct semaphore_set *set, struct process *process);

/* SETVAL and SETALL: semaphore `number` (or ALL_SEMAPHORES) was set
 * outright, so no process has anything left to undo on it (semctl(2)). */
void sem_undo_clear(struct semaphore_set *set, int number);

/* IPC_RMID: frees every process's undo record for the set. */
void sem_undo_forget_set(struct semaphore_set *set);

#endif
