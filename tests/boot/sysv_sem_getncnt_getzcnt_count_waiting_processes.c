/* tests/boot/sysv_sem_getncnt_getzcnt_count_waiting_processes.c - GETNCNT
 * counts the processes waiting for a semaphore to grow, GETZCNT those
 * waiting for it to be 0 (semctl(2)). A semop waiting on several
 * operations counts only on the one it waits on now. When values change,
 * waiters that can go on are served at once, in arrival order. */
#include <sys/sem.h>

#include "boot_test.h"
#include "boot_wait.h"

static pid_t start_waiter(int id, struct sembuf *operations, int count)
{
    pid_t child = fork();
    if (child == 0)
        _exit(semop(id, operations, (size_t)count) == 0 ? 0 : 1);
    CHECK(wait_until_blocked(child, "semop"), "child %d did not wait", child);
    return child;
}

static void counts(int id, int ncnt0, int zcnt0, int ncnt1, int zcnt1, const char *when)
{
    int got[4] = { semctl(id, 0, GETNCNT), semctl(id, 0, GETZCNT), semctl(id, 1, GETNCNT), semctl(id, 1, GETZCNT) };
    CHECK(got[0] == ncnt0 && got[1] == zcnt0 && got[2] == ncnt1 && got[3] == zcnt1,
          "%s: expected GETNCNT/GETZCNT #0 %d/%d #1 %d/%d, got #0 %d/%d #1 %d/%d", when,
          ncnt0, zcnt0, ncnt1, zcnt1, got[0], got[1], got[2], got[3]);
}

int main(void)
{
    int id = semget(IPC_PRIVATE, 2, 0600);
    semctl(id, 1, SETVAL, 1);                       /* #0 = 0, #1 = 1 */
    counts(id, 0, 0, 0, 0, "nobody waiting");

    struct sembuf take0 = { 0, -1, 0 };
    pid_t a = start_waiter(id, &take0, 1);
    counts(id, 1, 0, 0, 0, "A waits to take #0");

    struct sembuf zero1 = { 1, 0, 0 };
    pid_t b = start_waiter(id, &zero1, 1);
    counts(id, 1, 0, 0, 1, "B waits for #1 to be 0");

    struct sembuf take0_zero1[2] = { { 0, -1, 0 }, { 1, 0, 0 } };
    pid_t c = start_waiter(id, take0_zero1, 2);
    counts(id, 2, 0, 0, 1, "C waits on #0 first: it counts there only");

    /* #0 = 2: A takes one; C can take the other but must wait for #1 */
    CHECK_EQ(0, semctl(id, 0, SETVAL, 2), "SETVAL #0 2");
    counts(id, 0, 0, 0, 2, "after SETVAL #0 2: A served, C now waits on #1");
    CHECK_EQ(1, semctl(id, 0, GETVAL), "#0 right after SETVAL: A took one, C took none");
    int status;
    CHECK_EQ(a, waitpid(a, &status, 0), "waitpid A");
    CHECK_EQ(0, WEXITSTATUS(status), "A's semop");

    /* #1 = 0: B and C go, C taking #0's last one */
    CHECK_EQ(0, semctl(id, 1, SETVAL, 0), "SETVAL #1 0");
    counts(id, 0, 0, 0, 0, "after SETVAL #1 0");
    CHECK_EQ(0, semctl(id, 0, GETVAL), "#0 after C went through");
    CHECK_EQ(b, waitpid(b, &status, 0), "waitpid B");
    CHECK_EQ(0, WEXITSTATUS(status), "B's semop");
    CHECK_EQ(c, waitpid(c, &status, 0), "waitpid C");
    CHECK_EQ(0, WEXITSTATUS(status), "C's semop");
    CHECK_EQ(c, semctl(id, 0, GETPID), "GETPID #0: C, on whose behalf the operation ran");

    CHECK_EQ(0, semctl(id, 0, IPC_RMID), "IPC_RMID");
    return test_finish("sysv_sem_getncnt_getzcnt_count_waiting_processes");
}
