/* tests/boot/sysv_sem_value_beyond_semvmx_gets_erange.c - no semaphore
 * goes above SEMVMX (32767) and no undo adjustment beyond SEMAEM: semop
 * fails with ERANGE and changes nothing (semop(2)); SETVAL likewise. */
#include <sys/sem.h>

#include "boot_test.h"

int main(void)
{
    int id = semget(IPC_PRIVATE, 1, 0600);
    CHECK_EQ(32767, SEMVMX, "SEMVMX");

    struct sembuf fill = { 0, SEMVMX, 0 };
    CHECK_EQ(0, semop(id, &fill, 1), "semop +SEMVMX from 0");
    struct sembuf one_more = { 0, 1, 0 };
    CHECK_ERROR(semop(id, &one_more, 1), ERANGE);
    CHECK_ERROR(semop(id, &one_more, 1), ERANGE);
    CHECK_EQ(SEMVMX, semctl(id, 0, GETVAL), "value after ERANGE");
    struct sembuf one_less = { 0, -1, 0 };
    CHECK_EQ(0, semop(id, &one_less, 1), "-1 from SEMVMX");
    CHECK_EQ(0, semop(id, &one_more, 1), "+1 back to SEMVMX");
    CHECK_ERROR(semctl(id, 0, SETVAL, SEMVMX + 1), ERANGE);
    CHECK_EQ(SEMVMX, semctl(id, 0, GETVAL), "value after SETVAL's ERANGE");

    /* the undo adjustment may not leave -SEMAEM-1 .. SEMAEM */
    semctl(id, 0, SETVAL, 0);
    struct sembuf up_undo = { 0, SEMVMX, SEM_UNDO };    /* adjustment -32767 */
    CHECK_EQ(0, semop(id, &up_undo, 1), "+SEMVMX with SEM_UNDO");
    struct sembuf down = { 0, -1, 0 }, up_one_undo = { 0, 1, SEM_UNDO };
    semop(id, &down, 1);
    CHECK_EQ(0, semop(id, &up_one_undo, 1), "adjustment reaches -SEMAEM-1 = -32768");
    semop(id, &down, 1);
    CHECK_ERROR(semop(id, &up_one_undo, 1), ERANGE);
    CHECK_EQ(SEMVMX - 1, semctl(id, 0, GETVAL), "value after the adjustment's ERANGE");

    CHECK_EQ(0, semctl(id, 0, IPC_RMID), "IPC_RMID");
    return test_finish("sysv_sem_value_beyond_semvmx_gets_erange");
}
