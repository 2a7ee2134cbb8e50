/* tests/boot/sysv_sem_rmid_wakes_waiters_with_eidrm.c - IPC_RMID wakes
 * every process waiting in semop on the set, and each fails with EIDRM;
 * afterwards the id is EINVAL for semop and semctl (semctl(2)). A process
 * that used SEM_UNDO on the removed set still exits cleanly. */
#include <sys/sem.h>

#include "boot_test.h"
#include "boot_wait.h"

int main(void)
{
    int id = semget(IPC_PRIVATE, 2, 0600);
    semctl(id, 1, SETVAL, 1);
    struct sembuf waits[3][2] = {
        { { 0, -1, 0 } },                          /* to take #0 */
        { { 1, 0, 0 } },                           /* for #1 to be 0 */
        { { 1, -1, SEM_UNDO }, { 0, -1, SEM_UNDO } },  /* both, with SEM_UNDO */
    };
    int counts[3] = { 1, 1, 2 };
    pid_t children[3];
    for (int i = 0; i < 3; i++) {
        children[i] = fork();
        if (children[i] == 0) {
            int result = semop(id, waits[i], (size_t)counts[i]);
            _exit(result == -1 && errno == EIDRM ? 0 : result == -1 ? errno + 1 : 100);
        }
        CHECK(wait_until_blocked(children[i], "semop"), "child %d did not wait", i);
    }
    CHECK_EQ(0, semctl(id, 0, IPC_RMID), "IPC_RMID with three waiters");
    for (int i = 0; i < 3; i++) {
        int status;
        CHECK_EQ(children[i], waitpid(children[i], &status, 0), "waitpid");
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
              "waiter %d: expected EIDRM (exit 0), got exit %d (errno+1, or 100 for success)",
              i, WEXITSTATUS(status));
    }

    struct sembuf post = { 0, 1, 0 };
    CHECK_ERROR(semop(id, &post, 1), EINVAL);
    CHECK_ERROR(semctl(id, 0, GETVAL), EINVAL);
    CHECK_ERROR(semctl(id, 0, IPC_RMID), EINVAL);

    /* a process holding SEM_UNDO adjustments on a set that goes away */
    id = semget(IPC_PRIVATE, 1, 0600);
    int pipe_fds[2];
    pipe(pipe_fds);
    pid_t child = fork();
    if (child == 0) {
        struct sembuf add = { 0, 2, SEM_UNDO };
        semop(id, &add, 1);
        char go;
        read(pipe_fds[0], &go, 1);
        _exit(0);
    }
    while (semctl(id, 0, GETVAL) != 2)
        usleep(1000);
    CHECK_EQ(0, semctl(id, 0, IPC_RMID), "IPC_RMID of a set with an undo record");
    int new_id = semget(IPC_PRIVATE, 1, 0600);
    CHECK(new_id != id, "the new set got the removed set's id");
    write(pipe_fds[1], "g", 1);
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child's exit: status 0x%x", status);
    CHECK_EQ(0, semctl(new_id, 0, GETVAL), "a new set is not touched by the old set's undo");
    semctl(new_id, 0, IPC_RMID);
    return test_finish("sysv_sem_rmid_wakes_waiters_with_eidrm");
}
