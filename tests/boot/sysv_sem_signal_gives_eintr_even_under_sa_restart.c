/* tests/boot/sysv_sem_signal_gives_eintr_even_under_sa_restart.c - a
 * signal whose handler runs while semop waits makes it fail with EINTR,
 * and semop is not restarted even under SA_RESTART (as on Linux); the
 * operation did not happen, and the process no longer counts as waiting.
 * A stop and a continue run no handler, so they do not end the wait. */
#include <signal.h>
#include <sys/sem.h>

#include "boot_test.h"
#include "boot_wait.h"

static void check_interrupted(int id, const char *what, int use_sigaction)
{
    pid_t child = fork();
    if (child == 0) {
        count_sigusr1_restarting(!use_sigaction);
        struct sembuf take = { 0, -1, SEM_UNDO };
        int result = semop(id, &take, 1);
        _exit(result == -1 && errno == EINTR && handled == 1 ? 0 : result == 0 ? 10 : 20);
    }
    CHECK(wait_until_blocked(child, "semop"), "%s: the child did not wait", what);
    CHECK_EQ(1, semctl(id, 0, GETNCNT), "GETNCNT while the child waits");
    kill(child, SIGUSR1);
    int status;
    CHECK_EQ(child, waitpid(child, &status, 0), what);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "%s: expected EINTR after the handler (exit 0), got status 0x%x (10: the semop succeeded)",
          what, status);
    CHECK_EQ(0, semctl(id, 0, GETNCNT), "GETNCNT after the interruption");
    CHECK_EQ(0, semctl(id, 0, GETVAL), "value after the interruption");
}

int main(void)
{
    int id = semget(IPC_PRIVATE, 1, 0600);
    check_interrupted(id, "handler by signal()", 0);
    check_interrupted(id, "handler by sigaction(SA_RESTART)", 1);
    /* SIGSTOP and SIGCONT: the waiter goes on waiting, and gets the semaphore */
    pid_t child = fork();
    if (child == 0) {
        struct sembuf take = { 0, -1, 0 };
        _exit(semop(id, &take, 1) == 0 ? 0 : 1);
    }
    CHECK(wait_until_blocked(child, "semop"), "stop/continue: the child did not wait");
    stop_and_continue_waiter(child, "semop");
    CHECK_EQ(1, semctl(id, 0, GETNCNT), "GETNCNT after the stop and continue");
    struct sembuf give = { 0, 1, 0 };
    CHECK_EQ(0, semop(id, &give, 1), "post for the continued waiter");
    int exit_status;
    CHECK_EQ(child, waitpid(child, &exit_status, 0), "waitpid");
    CHECK(WIFEXITED(exit_status) && WEXITSTATUS(exit_status) == 0,
          "the continued waiter did not get the semaphore: status 0x%x", exit_status);
    CHECK_EQ(0, semctl(id, 0, GETVAL), "value after the continued waiter took it");

    /* a post after the interruptions reaches no ghost waiter */
    struct sembuf post = { 0, 1, 0 };
    CHECK_EQ(0, semop(id, &post, 1), "post");
    CHECK_EQ(1, semctl(id, 0, GETVAL), "value after the post");
    CHECK_EQ(0, semctl(id, 0, IPC_RMID), "IPC_RMID");
    return test_finish("sysv_sem_signal_gives_eintr_even_under_sa_restart");
}
