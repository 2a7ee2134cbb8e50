/* tests/boot/sysv_sem_semop_applies_all_operations_or_none.c - semop
 * applies its whole array at once or not at all (semop(2)): when one
 * operation would wait or fail, none of the others has changed anything;
 * operations on the same semaphore apply in order; and a waiter re-checks
 * its whole array when values change, going on only when all of it can. */
#include <sys/sem.h>

#include "boot_test.h"
#include "boot_wait.h"

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
};

static void set_values(int id, unsigned short first, unsigned short second)
{
    unsigned short values[2] = { first, second };
    CHECK_EQ(0, semctl(id, 0, SETALL, (union semun){ .array = values }), "SETALL");
}

static void check_values(int id, int first, int second, const char *what)
{
    unsigned short values[2] = { 999, 999 };
    semctl(id, 0, GETALL, (union semun){ .array = values });
    CHECK(values[0] == first && values[1] == second, "%s: expected values {%d, %d}, got {%d, %d}",
          what, first, second, values[0], values[1]);
}

int main(void)
{
    int id = semget(IPC_PRIVATE, 2, 0600);
    CHECK(id >= 0, "semget: %s", strerror(errno));

    /* the second operation would wait: the first is not applied either */
    set_values(id, 1, 0);
    struct sembuf take_both[2] = { { 0, -1, IPC_NOWAIT }, { 1, -1, IPC_NOWAIT } };
    CHECK_ERROR(semop(id, take_both, 2), EAGAIN);
    check_values(id, 1, 0, "after a semop whose second operation would wait");

    /* the second operation would pass SEMVMX: the first is not applied either */
    set_values(id, 0, SEMVMX);
    struct sembuf add_both[2] = { { 0, 1, 0 }, { 1, 1, 0 } };
    CHECK_ERROR(semop(id, add_both, 2), ERANGE);
    check_values(id, 0, SEMVMX, "after a semop whose second operation is out of range");

    /* operations on one semaphore apply in order: +2 then -3 from 1 is fine ... */
    set_values(id, 1, 0);
    struct sembuf add_then_take[2] = { { 0, 2, 0 }, { 0, -3, 0 } };
    CHECK_EQ(0, semop(id, add_then_take, 2), "semop {+2, -3} on a semaphore at 1");
    check_values(id, 0, 0, "after {+2, -3}");
    /* ... but -1 then +1 from 0 must wait for the -1 */
    struct sembuf take_then_add[2] = { { 0, -1, IPC_NOWAIT }, { 0, 1, 0 } };
    CHECK_ERROR(semop(id, take_then_add, 2), EAGAIN);
    check_values(id, 0, 0, "after {-1, +1} on a semaphore at 0");

    /* a waiter for both goes on only when both are there */
    set_values(id, 0, 0);
    pid_t child = fork();
    if (child == 0) {
        struct sembuf both[2] = { { 0, -1, 0 }, { 1, -1, 0 } };
        _exit(semop(id, both, 2) == 0 ? 0 : 1);
    }
    CHECK(wait_until_blocked(child, "semop"), "the child did not wait for both semaphores");
    struct sembuf post_second = { 1, 1, 0 };
    CHECK_EQ(0, semop(id, &post_second, 1), "post semaphore 1");
    CHECK(wait_until_blocked(child, "semop"), "the child went on with semaphore 0 still at 0");
    check_values(id, 0, 1, "with only semaphore 1 posted, nothing is taken");
    set_values(id, 1, 0);                   /* now the other one only */
    CHECK(wait_until_blocked(child, "semop"), "the child went on with semaphore 1 at 0");
    check_values(id, 1, 0, "with only semaphore 0 set, nothing is taken");
    CHECK_EQ(0, semop(id, &post_second, 1), "post semaphore 1 again");
    check_values(id, 0, 0, "right after the post, the waiter has taken both");
    int status;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the waiter's semop failed: status 0x%x", status);

    CHECK_EQ(0, semctl(id, 0, IPC_RMID), "IPC_RMID");
    return test_finish("sysv_sem_semop_applies_all_operations_or_none");
}
