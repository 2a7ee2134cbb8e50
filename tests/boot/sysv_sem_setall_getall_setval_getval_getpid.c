/* tests/boot/sysv_sem_setall_getall_setval_getval_getpid.c - semctl's
 * value commands (semctl(2)): new semaphores start at 0; SETALL/GETALL and
 * SETVAL/GETVAL set and read them; GETPID names the last process that
 * operated on one; values above SEMVMX or below 0 are ERANGE and change
 * nothing; a semnum outside the set is EINVAL; bad arrays are EFAULT;
 * IPC_STAT reports the size, mode and times. */
#include <sys/sem.h>

#include "boot_test.h"

#define COUNT 5

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
};

int main(void)
{
    int id = semget(IPC_PRIVATE, COUNT, 0640);
    CHECK(id >= 0, "semget: %s", strerror(errno));
    unsigned short values[COUNT];
    memset(values, 0xff, sizeof values);
    union semun argument = { .array = values };
    CHECK_EQ(0, semctl(id, 0, GETALL, argument), "GETALL");
    for (int i = 0; i < COUNT; i++) {
        CHECK_EQ(0, values[i], "a new semaphore's value (GETALL)");
        CHECK_EQ(0, semctl(id, i, GETVAL), "a new semaphore's value (GETVAL)");
        CHECK_EQ(0, semctl(id, i, GETPID), "a new semaphore's GETPID");
    }

    unsigned short set[COUNT] = { 1, 2, 3, SEMVMX, 0 };
    argument.array = set;
    CHECK_EQ(0, semctl(id, 0, SETALL, argument), "SETALL");
    argument.array = values;
    semctl(id, 0, GETALL, argument);
    for (int i = 0; i < COUNT; i++) {
        CHECK_EQ(set[i], values[i], "GETALL after SETALL");
        CHECK_EQ(set[i], semctl(id, i, GETVAL), "GETVAL after SETALL");
        CHECK_EQ(getpid(), semctl(id, i, GETPID), "GETPID after SETALL");
    }

    argument.val = 42;
    CHECK_EQ(0, semctl(id, 4, SETVAL, argument), "SETVAL 42");
    CHECK_EQ(42, semctl(id, 4, GETVAL), "GETVAL after SETVAL");
    CHECK_EQ(3, semctl(id, 2, GETVAL), "a neighbour keeps its value");

    /* GETPID: the last process whose semop touched it */
    pid_t child = fork();
    if (child == 0) {
        struct sembuf operation = { 1, -1, 0 };
        _exit(semop(id, &operation, 1) == 0 ? 0 : 1);
    }
    waitpid(child, NULL, 0);
    CHECK_EQ(child, semctl(id, 1, GETPID), "GETPID after the child's semop");
    CHECK_EQ(1, semctl(id, 1, GETVAL), "the child took one");
    CHECK_EQ(getpid(), semctl(id, 0, GETPID), "GETPID of a semaphore the child did not touch");

    /* out of range: nothing changes */
    unsigned short too_big[COUNT] = { 5, 5, 5, SEMVMX + 1, 5 };
    argument.array = too_big;
    CHECK_ERROR(semctl(id, 0, SETALL, argument), ERANGE);
    CHECK_EQ(1, semctl(id, 0, GETVAL), "semaphore 0 after a SETALL with ERANGE");
    argument.val = SEMVMX + 1;
    CHECK_ERROR(semctl(id, 0, SETVAL, argument), ERANGE);
    argument.val = -1;
    CHECK_ERROR(semctl(id, 0, SETVAL, argument), ERANGE);
    argument.val = SEMVMX;
    CHECK_EQ(0, semctl(id, 0, SETVAL, argument), "SETVAL SEMVMX");

    /* a semaphore outside the set, a bad array */
    CHECK_ERROR(semctl(id, COUNT, GETVAL), EINVAL);
    CHECK_ERROR(semctl(id, -1, GETVAL), EINVAL);
    argument.val = 1;
    CHECK_ERROR(semctl(id, COUNT, SETVAL, argument), EINVAL);
    CHECK_ERROR(semctl(id, 0, GETNCNT + 100), EINVAL);
    argument.array = (unsigned short *)0xC0000000;
    CHECK_ERROR(semctl(id, 0, GETALL, argument), EFAULT);
    CHECK_ERROR(semctl(id, 0, SETALL, argument), EFAULT);

    /* IPC_STAT and IPC_SET */
    struct semid_ds status;
    memset(&status, 0xff, sizeof status);
    argument.buf = &status;
    CHECK_EQ(0, semctl(id, 0, IPC_STAT, argument), "IPC_STAT");
    CHECK_EQ(COUNT, status.sem_nsems, "sem_nsems");
    CHECK_EQ(0640, status.sem_perm.mode, "sem_perm.mode");
    CHECK_EQ(IPC_PRIVATE, status.sem_perm.__key, "sem_perm.__key");
    CHECK(status.sem_otime >= 0 && status.sem_otime >= status.sem_ctime - 1000,
          "sem_otime %ld, sem_ctime %ld", status.sem_otime, status.sem_ctime);
    status.sem_perm.mode = 0600;
    CHECK_EQ(0, semctl(id, 0, IPC_SET, argument), "IPC_SET mode 0600");
    memset(&status, 0, sizeof status);
    semctl(id, 0, IPC_STAT, argument);
    CHECK_EQ(0600, status.sem_perm.mode, "sem_perm.mode after IPC_SET");
    argument.buf = (struct semid_ds *)8;
    CHECK_ERROR(semctl(id, 0, IPC_STAT, argument), EFAULT);

    CHECK_EQ(0, semctl(id, 0, IPC_RMID), "IPC_RMID");
    return test_finish("sysv_sem_setall_getall_setval_getval_getpid");
}
