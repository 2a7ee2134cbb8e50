/* tests/boot/sysv_shm_counter_under_semaphore_reaches_exact_total.c - four
 * processes each add 1 to a counter in a System V shared segment, 1000
 * times, inside P() and V() on a System V semaphore used as a mutex (with
 * SEM_UNDO), yielding inside the critical section now and then to invite
 * interleaving. Since they share the segment's memory, and the semaphore
 * lets one in at a time, no update is lost: the counter ends at exactly
 * 4000, each worker's own tally at 1000, and the mutex is free. */
#include <sched.h>
#include <sys/sem.h>
#include <sys/shm.h>

#include "boot_test.h"

#define WORKERS    4
#define INCREMENTS 1000

struct shared {
    volatile int counter;
    volatile int tally[WORKERS];     /* each worker's own increments */
    volatile int inside;             /* processes inside the critical section now */
    volatile int overlaps;           /* times someone found another one inside */
};

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
};

static void P(int mutex)
{
    struct sembuf operation = { 0, -1, SEM_UNDO };
    if (semop(mutex, &operation, 1) != 0)
        _exit(2);
}

static void V(int mutex)
{
    struct sembuf operation = { 0, 1, SEM_UNDO };
    if (semop(mutex, &operation, 1) != 0)
        _exit(3);
}

static void worker(int segment, int mutex, int number)
{
    struct shared *shared = shmat(segment, NULL, 0);  /* each attaches on its own */
    if (shared == (void *)-1)
        _exit(4);
    for (int i = 0; i < INCREMENTS; i++) {
        P(mutex);
        if (shared->inside++)
            shared->overlaps++;
        int value = shared->counter;
        if ((i + number) % 7 == 0)
            sched_yield();                   /* let the others try to get in */
        shared->counter = value + 1;
        shared->tally[number]++;
        shared->inside--;
        V(mutex);
    }
    _exit(0);
}

int main(void)
{
    int segment = shmget(IPC_PRIVATE, sizeof(struct shared), 0600);
    int mutex = semget(IPC_PRIVATE, 1, 0600);
    CHECK(segment >= 0 && mutex >= 0, "shmget and semget: got %d and %d (%s)", segment, mutex, strerror(errno));
    union semun one = { .val = 1 };
    CHECK_EQ(0, semctl(mutex, 0, SETVAL, one), "SETVAL 1: the mutex is free");

    pid_t workers[WORKERS];
    for (int w = 0; w < WORKERS; w++)
        if ((workers[w] = fork()) == 0)
            worker(segment, mutex, w);
    for (int w = 0; w < WORKERS; w++) {
        int status;
        CHECK_EQ(workers[w], waitpid(workers[w], &status, 0), "waitpid");
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "worker %d: expected exit 0, got status 0x%x", w, status);
    }

    struct shared *shared = shmat(segment, NULL, SHM_RDONLY);
    CHECK(shared != (void *)-1, "shmat to read the result: %s", strerror(errno));
    if (shared != (void *)-1) {
        CHECK_EQ(WORKERS * INCREMENTS, shared->counter, "the counter");
        for (int w = 0; w < WORKERS; w++)
            CHECK_EQ(INCREMENTS, shared->tally[w], "a worker's tally");
        CHECK_EQ(0, shared->overlaps, "times two processes were inside the critical section");
        shmdt(shared);
    }
    CHECK_EQ(1, semctl(mutex, 0, GETVAL), "the mutex is free at the end");
    struct shmid_ds status;
    shmctl(segment, IPC_STAT, &status);
    CHECK_EQ(0, status.shm_nattch, "shm_nattch once every worker exited");
    CHECK_EQ(0, shmctl(segment, IPC_RMID, NULL), "shmctl IPC_RMID");
    CHECK_EQ(0, semctl(mutex, 0, IPC_RMID), "semctl IPC_RMID");
    return test_finish("sysv_shm_counter_under_semaphore_reaches_exact_total");
}
