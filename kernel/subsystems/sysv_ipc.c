/* kernel/subsystems/sysv_ipc.c - System V IPC: message queues, semaphore sets and shared
 * memory segments, named by keys (docs/msgq.md, docs/semaphores.md,
 * docs/shm.md).
 *
 * In the profiles: ipc, full (Makefile, PROFILE).
 *
 * Its files (the Makefile reads this list; subsystem.h says what a
 * subsystem is):
 *   kernel/ipc/sysv_msgq.c
 *   kernel/ipc/sysv_msgq_transfer.c
 *   kernel/ipc/sysv_sem.c
 *   kernel/ipc/sysv_sem_undo.c
 *   kernel/ipc/sysv_shm.c
 *   kernel/ipc/ipc_key.c
 */
#include "subsystem.h"

#include "sysv_ipc_calls.h"

static const struct syscall_row calls[] = {
    SYSCALL_ROW(msgget),
    SYSCALL_ROW(msgsnd),
    SYSCALL_ROW(msgrcv),
    SYSCALL_ROW(msgctl),
    SYSCALL_ROW(semget),
    SYSCALL_ROW(semop),
    SYSCALL_ROW(semctl),
    SYSCALL_ROW(shmget),
    SYSCALL_ROW(shmat),
    SYSCALL_ROW(shmdt),
    SYSCALL_ROW(shmctl),
};

/* Puts the calls in the table, then starts what the subsystem needs.
 * Context: boot (kernel/main.c, through subsystems_start). */
void sysv_ipc_start(void)
{
    syscall_install(calls, ROW_COUNT(calls));
}
