/* tests/boot/sysv_sem_rmid_frees_everything_no_leak.c - IPC_RMID frees a
 * set, its waiters' records and every process's SEM_UNDO record for it;
 * exit frees a process's undo records: afterwards the kernel's heap,
 * frames, tasks and files, and its count of semaphore sets, are as they
 * were. */
#include <sys/sem.h>

#include "boot_test.h"
#include "boot_wait.h"

int main(void)
{
    run_on_one_cpu();                       /* a thread or waiter that has not run yet (boot_test.h) */
    /* warm up: the first fork and semget grow our own pages */
    warm_up_copy_on_write();
    semctl(semget(IPC_PRIVATE, 1, 0600), 0, IPC_RMID);
    usleep(20000);                          /* the cleaner frees the child's task */
    struct kinfo_counters before = settled_counters(read_counters().tasks);

    for (int round = 0; round < 20; round++) {
        int small = semget(IPC_PRIVATE, 1, 0600);
        int large = semget(IPC_PRIVATE, SEMMSL, 0600);
        CHECK_EQ(before.sysv_sem_sets + 2, read_counters().sysv_sem_sets, "sysv_sem_sets with two more sets");
        /* our own undo record on `large`, freed by IPC_RMID */
        struct sembuf add = { SEMMSL - 1, 1, SEM_UNDO };
        semop(large, &add, 1);
        /* a child with an undo record on `small` that exits, and one that waits when the set goes */
        pid_t child = fork();
        if (child == 0) {
            struct sembuf add_undo = { 0, 2, SEM_UNDO };
            _exit(semop(small, &add_undo, 1) == 0 ? 0 : 1);
        }
        waitpid(child, NULL, 0);
        child = fork();
        if (child == 0) {
            struct sembuf take = { 0, -1, SEM_UNDO };
            _exit(semop(large, &take, 1) == -1 && errno == EIDRM ? 0 : 1);
        }
        CHECK(wait_until_blocked(child, "semop"), "round %d: the child never fell asleep", round);
        CHECK_EQ(0, semctl(small, 0, IPC_RMID), "IPC_RMID of the small set");
        CHECK_EQ(0, semctl(large, 0, IPC_RMID), "IPC_RMID of the large set");
        int status;
        waitpid(child, &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "round %d: the waiter did not get EIDRM", round);
    }

    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    CHECK_EQ(before.sysv_sem_sets, after.sysv_sem_sets, "semaphore sets");
    return test_finish("sysv_sem_rmid_frees_everything_no_leak");
}
