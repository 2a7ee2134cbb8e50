/* tests/boot/sysv_sem_zero_operation_waits_until_zero.c - sem_op 0 waits
 * until the semaphore is 0 (semop(2)): at once when it is, with EAGAIN
 * under IPC_NOWAIT when it is not, and otherwise until others bring it
 * down; decrements on the way that leave it above 0 do not release it. */
#include <sys/sem.h>

#include "boot_test.h"
#include "boot_wait.h"

int main(void)
{
    int id = semget(IPC_PRIVATE, 1, 0600);
    struct sembuf wait_zero = { 0, 0, 0 };
    CHECK_EQ(0, semop(id, &wait_zero, 1), "wait-for-zero on a new semaphore (0) returns at once");

    CHECK_EQ(0, semctl(id, 0, SETVAL, 2), "SETVAL 2");
    struct sembuf wait_zero_nowait = { 0, 0, IPC_NOWAIT };
    CHECK_ERROR(semop(id, &wait_zero_nowait, 1), EAGAIN);

    pid_t children[2];
    for (int i = 0; i < 2; i++) {
        children[i] = fork();
        if (children[i] == 0)
            _exit(semop(id, &wait_zero, 1) == 0 && semctl(id, 0, GETVAL) == 0 ? 0 : 1);
        CHECK(wait_until_blocked(children[i], "semop"), "child %d did not wait for zero", i);
    }
    CHECK_EQ(2, semctl(id, 0, GETZCNT), "GETZCNT with two waiting for zero");

    struct sembuf down = { 0, -1, 0 };
    CHECK_EQ(0, semop(id, &down, 1), "down to 1");
    CHECK(wait_until_blocked(children[0], "semop") && wait_until_blocked(children[1], "semop"),
          "a waiter for zero went on at 1");
    CHECK_EQ(2, semctl(id, 0, GETZCNT), "GETZCNT at 1");
    CHECK_EQ(0, semop(id, &down, 1), "down to 0");
    CHECK_EQ(0, semctl(id, 0, GETZCNT), "GETZCNT right after reaching 0: both are released");
    for (int i = 0; i < 2; i++) {
        int status;
        CHECK_EQ(children[i], waitpid(children[i], &status, 0), "waitpid");
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child %d status 0x%x", i, status);
    }
    CHECK_EQ(0, semctl(id, 0, IPC_RMID), "IPC_RMID");
    return test_finish("sysv_sem_zero_operation_waits_until_zero");
}
