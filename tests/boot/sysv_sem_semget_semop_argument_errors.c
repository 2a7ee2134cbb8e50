/* tests/boot/sysv_sem_semget_semop_argument_errors.c - the errors semget(2)
 * and semop(2) list for their arguments: nsems below 0 or above SEMMSL, 0
 * for a new set, or above an existing set's size: EINVAL; IPC_CREAT|
 * IPC_EXCL on a used key: EEXIST; an unused key without IPC_CREAT: ENOENT;
 * past SEMMNI sets: ENOSPC; nsops 0: EINVAL; above SEMOPM: E2BIG; a
 * sem_num outside the set: EFBIG; a bad array: EFAULT; a bad id: EINVAL. */
#include <sys/sem.h>

#include "boot_test.h"

int main(void)
{
    key_t key = ftok("/tmp", 'm');
    CHECK_ERROR(semget(key, 1, 0600), ENOENT);
    CHECK_ERROR(semget(key, -1, IPC_CREAT | 0600), EINVAL);
    CHECK_ERROR(semget(key, SEMMSL + 1, IPC_CREAT | 0600), EINVAL);
    CHECK_ERROR(semget(key, 0, IPC_CREAT | 0600), EINVAL);
    CHECK_ERROR(semget(IPC_PRIVATE, 0, 0600), EINVAL);
    int id = semget(key, 3, IPC_CREAT | 0600);
    CHECK(id >= 0, "semget of 3: %s", strerror(errno));
    CHECK_EQ(id, semget(key, 3, IPC_CREAT | 0600), "the same key again");
    CHECK_EQ(id, semget(key, 2, 0), "fewer semaphores than the set has");
    CHECK_EQ(id, semget(key, 0, 0), "nsems 0 for an existing set");
    CHECK_ERROR(semget(key, 4, 0), EINVAL);
    CHECK_ERROR(semget(key, 3, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
    int big = semget(IPC_PRIVATE, SEMMSL, 0600);
    CHECK(big >= 0 && big != id, "a set of SEMMSL semaphores: %s", strerror(errno));

    struct sembuf operations[SEMOPM + 1];
    memset(operations, 0, sizeof operations);
    for (int i = 0; i <= SEMOPM; i++)
        operations[i].sem_op = 1;
    CHECK_ERROR(semop(id, operations, 0), EINVAL);
    CHECK_ERROR(semop(id, operations, SEMOPM + 1), E2BIG);
    CHECK_EQ(0, semop(id, operations, SEMOPM), "SEMOPM operations at once");
    CHECK_EQ(SEMOPM, semctl(id, 0, GETVAL), "value after SEMOPM times +1");
    operations[0].sem_num = 3;
    CHECK_ERROR(semop(id, operations, 1), EFBIG);
    operations[0].sem_num = 0;
    CHECK_ERROR(semop(id, NULL, 1), EFAULT);
    CHECK_ERROR(semop(id, (struct sembuf *)0xBFFFFFFE, 2), EFAULT);
    CHECK_ERROR(semop(-1, operations, 1), EINVAL);
    CHECK_ERROR(semop(id + 1000, operations, 1), EINVAL);
    CHECK_ERROR(semctl(-1, 0, GETVAL), EINVAL);
    CHECK_ERROR(semctl(-1, 0, IPC_INFO, NULL), EINVAL);
    CHECK_ERROR(semctl(id, 0, 1234), EINVAL);

    /* SEMMNI sets at most */
    int ids[SEMMNI];
    int made = 0;
    while (made < SEMMNI && (ids[made] = semget(IPC_PRIVATE, 1, 0600)) >= 0)
        made++;
    CHECK_EQ(ENOSPC, errno, "errno once no set is left");
    CHECK_EQ(SEMMNI - 2, made, "new sets next to the 2 we have");
    for (int i = 0; i < made; i++)
        semctl(ids[i], 0, IPC_RMID);

    semctl(big, 0, IPC_RMID);
    semctl(id, 0, IPC_RMID);
    return test_finish("sysv_sem_semget_semop_argument_errors");
}
