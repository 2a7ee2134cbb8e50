/* tests/boot/sysv_sem_undo_is_applied_when_a_process_is_killed.c - a
 * process killed by SIGKILL (or by any signal's default action) gets its
 * SEM_UNDO adjustments undone like one that exits, also when it dies
 * while waiting in semop; the operation it waited for never happens. */
#include <signal.h>
#include <sys/sem.h>

#include "boot_test.h"
#include "boot_wait.h"

/* A child that takes #0 with SEM_UNDO and then `then`s; killed by `signal`. */
static void take_then_die(int id, int signal, int wait_in_semop)
{
    semctl(id, 0, SETVAL, 1);
    semctl(id, 1, SETVAL, 0);
    pid_t child = fork();
    if (child == 0) {
        struct sembuf take = { 0, -1, SEM_UNDO };
        semop(id, &take, 1);
        if (wait_in_semop) {
            struct sembuf wait_for_1 = { 1, -1, SEM_UNDO };
            semop(id, &wait_for_1, 1);
        } else {
            for (;;)
                pause();
        }
        _exit(0);
    }
    CHECK(wait_until_blocked(child, wait_in_semop ? "semop" : "pause"), "the child did not get to wait");
    CHECK_EQ(0, semctl(id, 0, GETVAL), "#0 while the child holds it");
    kill(child, signal);
    int status;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == signal, "status 0x%x, expected death by %d", status, signal);
    CHECK_EQ(1, semctl(id, 0, GETVAL), "#0 after the child was killed: its -1 undone");
    CHECK_EQ(0, semctl(id, 1, GETVAL), "#1: the operation it waited for never happened");
    CHECK_EQ(0, semctl(id, 1, GETNCNT), "#1: nobody waits any more");
    CHECK_EQ(child, semctl(id, 0, GETPID), "GETPID #0: the killed process, whose undo changed it");
}

int main(void)
{
    int id = semget(IPC_PRIVATE, 2, 0600);
    take_then_die(id, SIGKILL, 0);
    take_then_die(id, SIGKILL, 1);
    take_then_die(id, SIGTERM, 0);
    take_then_die(id, SIGTERM, 1);
    CHECK_EQ(0, semctl(id, 0, IPC_RMID), "IPC_RMID");
    return test_finish("sysv_sem_undo_is_applied_when_a_process_is_killed");
}
