/* tests/boot/sysv_sem_shared_counter_reaches_exact_total.c - four processes
 * each add 1 to a counter kept in a file (/tmp/counter: lseek, read, add,
 * lseek, write), 250 times, inside P() and V() on a semaphore used as a
 * mutex, yielding inside the critical section to invite interleaving. No
 * update is lost: the file ends at exactly 1000. */
#include <fcntl.h>
#include <sched.h>
#include <sys/sem.h>

#include "boot_test.h"

#define WORKERS    4
#define INCREMENTS 250
#define COUNTER_PATH "/tmp/counter"

static void P(int id)
{
    struct sembuf operation = { 0, -1, SEM_UNDO };
    if (semop(id, &operation, 1) != 0)
        _exit(2);
}

static void V(int id)
{
    struct sembuf operation = { 0, 1, SEM_UNDO };
    if (semop(id, &operation, 1) != 0)
        _exit(3);
}

static int read_counter(int fd)
{
    int value = -1;
    lseek(fd, 0, SEEK_SET);
    if (read(fd, &value, sizeof value) != sizeof value)
        return -1;
    return value;
}

static void worker(int id, int number)
{
    int fd = open(COUNTER_PATH, O_RDWR);
    if (fd < 0)
        _exit(4);
    for (int i = 0; i < INCREMENTS; i++) {
        P(id);
        int value = read_counter(fd);
        if ((i + number) % 3 == 0)
            sched_yield();                  /* let the others try to get in */
        value++;
        lseek(fd, 0, SEEK_SET);
        if (write(fd, &value, sizeof value) != sizeof value)
            _exit(5);
        V(id);
    }
    _exit(0);
}

int main(void)
{
    int fd = open(COUNTER_PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
    int zero = 0;
    CHECK_EQ(sizeof zero, write(fd, &zero, sizeof zero), "write the counter's 0");

    int id = semget(IPC_PRIVATE, 1, 0600);
    CHECK_EQ(0, semctl(id, 0, SETVAL, 1), "SETVAL 1: the mutex is free");
    pid_t workers[WORKERS];
    for (int w = 0; w < WORKERS; w++)
        if ((workers[w] = fork()) == 0)
            worker(id, w);
    for (int w = 0; w < WORKERS; w++) {
        int status;
        CHECK_EQ(workers[w], waitpid(workers[w], &status, 0), "waitpid");
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "worker %d status 0x%x", w, status);
    }
    CHECK_EQ(WORKERS * INCREMENTS, read_counter(fd), "the counter");
    CHECK_EQ(1, semctl(id, 0, GETVAL), "the mutex is free at the end");
    close(fd);
    unlink(COUNTER_PATH);
    CHECK_EQ(0, semctl(id, 0, IPC_RMID), "IPC_RMID");
    return test_finish("sysv_sem_shared_counter_reaches_exact_total");
}
