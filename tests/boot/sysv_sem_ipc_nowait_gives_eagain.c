/* tests/boot/sysv_sem_ipc_nowait_gives_eagain.c - an operation that would
 * wait fails with EAGAIN when it has IPC_NOWAIT, changing nothing and
 * leaving no waiter behind (semop(2)). The flag of the operation that
 * would wait is the one that counts. */
#include <signal.h>
#include <sys/sem.h>

#include "boot_test.h"
#include "boot_wait.h"

int main(void)
{
    int id = semget(IPC_PRIVATE, 2, 0600);
    struct sembuf take = { 0, -1, IPC_NOWAIT };
    CHECK_ERROR(semop(id, &take, 1), EAGAIN);
    CHECK_EQ(0, semctl(id, 0, GETVAL), "value after EAGAIN");
    CHECK_EQ(0, semctl(id, 0, GETNCNT), "GETNCNT after EAGAIN: nobody waits");

    struct sembuf take_two = { 0, -2, IPC_NOWAIT };
    semctl(id, 0, SETVAL, 1);
    CHECK_ERROR(semop(id, &take_two, 1), EAGAIN);
    CHECK_EQ(1, semctl(id, 0, GETVAL), "value after EAGAIN for -2 at 1");
    CHECK_EQ(0, semop(id, &take, 1), "-1 with IPC_NOWAIT at 1 goes through");
    CHECK_EQ(0, semctl(id, 0, GETVAL), "value after -1");

    /* IPC_NOWAIT on an operation that can go through does not stop the
     * one that must wait from waiting */
    pid_t child = fork();
    if (child == 0) {
        struct sembuf operations[2] = { { 1, 1, IPC_NOWAIT }, { 0, -1, 0 } };
        semop(id, operations, 2);
        _exit(0);
    }
    CHECK(wait_until_blocked(child, "semop"), "the child did not wait: its waiting operation has no IPC_NOWAIT");
    CHECK_EQ(0, semctl(id, 1, GETVAL), "semaphore 1 while the child waits");
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    CHECK_EQ(0, semctl(id, 0, GETNCNT), "GETNCNT after the waiter was killed");

    CHECK_EQ(0, semctl(id, 0, IPC_RMID), "IPC_RMID");
    return test_finish("sysv_sem_ipc_nowait_gives_eagain");
}
