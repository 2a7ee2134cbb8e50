/* tests/boot/sysv_sem_undo_is_applied_when_a_process_exits.c - SEM_UNDO
 * (semop(2)): what a process did with SEM_UNDO is undone when it exits;
 * operations without it stay; a fork child does not inherit the parent's
 * adjustments; SETVAL clears every process's adjustment of that
 * semaphore; the undone value is clamped to 0..SEMVMX. */
#include <sys/sem.h>

#include "boot_test.h"

static int value(int id, int number)
{
    return semctl(id, number, GETVAL);
}

/* Runs `operations` in a child that then exits; returns its exit status. */
static int child_does(int id, struct sembuf *operations, int count)
{
    pid_t child = fork();
    if (child == 0)
        _exit(semop(id, operations, (size_t)count) == 0 ? 0 : 1);
    int status;
    waitpid(child, &status, 0);
    return status;
}

int main(void)
{
    int id = semget(IPC_PRIVATE, 2, 0600);

    /* +3 and -1 with SEM_UNDO, +5 without: only the +5 stays */
    struct sembuf mixed[3] = { { 0, 3, SEM_UNDO }, { 0, -1, SEM_UNDO }, { 1, 5, 0 } };
    CHECK_EQ(0, child_does(id, mixed, 3), "the child's semop");
    CHECK_EQ(0, value(id, 0), "#0 after the child exited: its SEM_UNDO +2 undone");
    CHECK_EQ(5, value(id, 1), "#1 after the child exited: +5 without SEM_UNDO stays");

    /* a decrement is given back */
    struct sembuf take = { 1, -2, SEM_UNDO };
    CHECK_EQ(0, child_does(id, &take, 1), "the child's -2");
    CHECK_EQ(5, value(id, 1), "#1 after the child's -2 with SEM_UNDO was undone");

    /* a fork child does not inherit adjustments: only the parent's own exit undoes them */
    int pipe_fds[2];
    pipe(pipe_fds);
    pid_t parent = fork();
    if (parent == 0) {
        struct sembuf add = { 0, 4, SEM_UNDO };
        semop(id, &add, 1);
        pid_t grandchild = fork();
        if (grandchild == 0)
            _exit(0);                       /* nothing of its own to undo */
        waitpid(grandchild, NULL, 0);
        int seen = semctl(id, 0, GETVAL);
        write(pipe_fds[1], &seen, sizeof seen);
        _exit(0);
    }
    int seen = -1;
    read(pipe_fds[0], &seen, sizeof seen);
    CHECK_EQ(4, seen, "#0 after the grandchild exited: the child's +4 was not the grandchild's to undo");
    waitpid(parent, NULL, 0);
    CHECK_EQ(0, value(id, 0), "#0 after the child itself exited");

    /* SETVAL clears the adjustment: the child's +4 is not undone later */
    pid_t child = fork();
    if (child == 0) {
        struct sembuf add = { 0, 4, SEM_UNDO };
        semop(id, &add, 1);
        char go;
        read(pipe_fds[0], &go, 1);          /* wait until the parent has run SETVAL */
        _exit(0);
    }
    while (value(id, 0) != 4)
        usleep(1000);
    CHECK_EQ(0, semctl(id, 0, SETVAL, 1), "SETVAL 1 while the child holds +4 with SEM_UNDO");
    write(pipe_fds[1], "g", 1);
    waitpid(child, NULL, 0);
    CHECK_EQ(1, value(id, 0), "#0 after the child exited: SETVAL had cleared its adjustment");

    /* clamped at SEMVMX: the child took 3 with SEM_UNDO, then #0 was filled up */
    semctl(id, 0, SETVAL, 3);
    child = fork();
    if (child == 0) {
        struct sembuf take3 = { 0, -3, SEM_UNDO };
        semop(id, &take3, 1);
        char go;
        read(pipe_fds[0], &go, 1);
        _exit(0);
    }
    while (value(id, 0) != 0)
        usleep(1000);
    struct sembuf fill = { 0, SEMVMX, 0 };
    CHECK_EQ(0, semop(id, &fill, 1), "fill #0 to SEMVMX without SEM_UNDO");
    write(pipe_fds[1], "g", 1);
    waitpid(child, NULL, 0);
    CHECK_EQ(SEMVMX, value(id, 0), "#0 after undoing -3 at SEMVMX: clamped to SEMVMX");
    CHECK_EQ(child, semctl(id, 0, GETPID), "GETPID: the exiting process whose undo changed it");

    /* clamped at 0: the child added 2 with SEM_UNDO, then #1 was emptied */
    semctl(id, 1, SETVAL, 0);
    child = fork();
    if (child == 0) {
        struct sembuf add2 = { 1, 2, SEM_UNDO };
        semop(id, &add2, 1);
        char go;
        read(pipe_fds[0], &go, 1);
        _exit(0);
    }
    while (value(id, 1) != 2)
        usleep(1000);
    struct sembuf empty = { 1, -1, 0 };
    semop(id, &empty, 1);
    write(pipe_fds[1], "g", 1);
    waitpid(child, NULL, 0);
    CHECK_EQ(0, value(id, 1), "#1 after undoing +2 at 1: clamped to 0");

    CHECK_EQ(0, semctl(id, 0, IPC_RMID), "IPC_RMID");
    return test_finish("sysv_sem_undo_is_applied_when_a_process_exits");
}
