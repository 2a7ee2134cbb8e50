/* kernel/ipc/sysv_sem_undo.c - SEM_UNDO: what a process's semop calls with
 * SEM_UNDO took from (or gave to) each semaphore, given back when the
 * process exits, however it exits.
 *
 *   set 32: undos --> [pid 5 {+1, 0, 0}] --next_of_set--> [pid 9 {0, 0, -2}]
 *   process 9: sysv_sem_undo_list --> [set 32 ...] --next_of_process--> [set 40 ...]
 *
 * Each record is on its set's list and its process's list at once: the
 * process's, to be applied at exit; the set's, to be cleared by SETVAL and
 * SETALL and freed when the set is removed. docs/semaphores.md. */
#include "sysv_sem.h"
#include "sysv_sem_internal.h"

#include "mm/heap.h"
#include "proc/process.h"
#include "sched/scheduler.h"
#include "uapi/sysv_ipc.h"

struct sysv_sem_undo *sysv_sem_undo_for(struct sysv_sem_set *set, struct process *process)
{
    for (struct sysv_sem_undo *undo = process->sysv_sem_undo_list; undo; undo = undo->next_of_process)
        if (undo->set == set)
            return undo;
    struct sysv_sem_undo *undo = kzalloc(sizeof *undo + set->count * sizeof undo->adjustments[0]);
    if (!undo)
        return 0;
    undo->process = process;
    undo->set = set;
    undo->next_of_process = process->sysv_sem_undo_list;
    process->sysv_sem_undo_list = undo;
    undo->next_of_set = set->undos;
    set->undos = undo;
    return undo;
}

/* Takes `undo` off its set's list. */
static void unlink_from_set(struct sysv_sem_undo *undo)
{
    struct sysv_sem_undo **link = &undo->set->undos;
    while (*link != undo)
        link = &(*link)->next_of_set;
    *link = undo->next_of_set;
}

/* Takes `undo` off its process's list. */
static void unlink_from_process(struct sysv_sem_undo *undo)
{
    struct sysv_sem_undo **link = &undo->process->sysv_sem_undo_list;
    while (*link != undo)
        link = &(*link)->next_of_process;
    *link = undo->next_of_process;
}

void sysv_sem_undo_clear(struct sysv_sem_set *set, int number)
{
    for (struct sysv_sem_undo *undo = set->undos; undo; undo = undo->next_of_set)
        for (unsigned i = 0; i < set->count; i++)
            if (number == ALL_SEMAPHORES || (unsigned)number == i)
                undo->adjustments[i] = 0;
}

void sysv_sem_undo_exit(struct process *process)
{
    while (process->sysv_sem_undo_list) {
        struct sysv_sem_undo *undo = process->sysv_sem_undo_list;
        struct sysv_sem_set *set = undo->set;
        process->sysv_sem_undo_list = undo->next_of_process;
        sysv_sem_begin_big_lock_use(set);        /* semop without the big lock keeps off */
        for (unsigned i = 0; i < set->count; i++) {
            if (undo->adjustments[i] == 0)
                continue;
            /* clamped, as Linux does: a SETVAL since may have made the sum
             * negative, and the value must stay within 0..SEMVMX */
            struct sysv_semaphore *semaphore = &set->semaphores[i];
            int value = semaphore->value + undo->adjustments[i];
            semaphore->value = value < 0 ? 0 : value > SEMVMX ? SEMVMX : value;
            semaphore->last_pid = process->pid;
        }
        unlink_from_set(undo);
        kfree(undo);
        sysv_sem_lock_waiters(set);
        sysv_sem_serve_waiters(set);
        sysv_sem_unlock_waiters(set);
        sysv_sem_end_big_lock_use(set);
    }
}

void sysv_sem_undo_forget_set(struct sysv_sem_set *set)
{
    while (set->undos) {
        struct sysv_sem_undo *undo = set->undos;
        set->undos = undo->next_of_set;
        unlink_from_process(undo);
        kfree(undo);
    }
}
