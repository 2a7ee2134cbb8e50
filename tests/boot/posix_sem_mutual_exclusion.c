/* tests/boot/posix_sem_mutual_exclusion.c - a semaphore of value 1 used as
 * a lock between processes. Four processes each add 1 to a counter in
 * shared memory 1000 times, with a read, a pause and a write back that
 * would lose updates if two were inside at once: under the semaphore the
 * counter ends at exactly 4000, nobody ever finds another process inside,
 * and the processes really did contend (some found the lock taken and
 * waited in the kernel; they start together, once all are forked, so a
 * busy host cannot run them one after another). The same holds for an unnamed semaphore placed in
 * MAP_SHARED|MAP_ANONYMOUS memory and for a named one that every process
 * opens by itself. Nothing stays behind. */
#include <fcntl.h>
#include <sched.h>
#include <semaphore.h>
#include <sys/mman.h>

#include "boot_test.h"
#include "boot_memory.h"

#define PROCESSES 4
#define INCREMENTS 1000
#define SEMAPHORE_NAME "/posix_sem_counter"

struct shared {
    sem_t lock;                     /* the unnamed semaphore (first run) */
    volatile int counter;
    volatile int inside;            /* pid of the process in the critical section, 0 if none */
    volatile int intrusions;        /* times a process found another inside */
    volatile int contended;         /* times sem_trywait found the lock taken */
    volatile int go;                /* set once every worker is forked: they start together */
};

static struct shared *shared;

/* The critical section: a read, a pause in which others may run, a write. */
static void add_one(int i)
{
    if (shared->inside != 0)
        __sync_fetch_and_add(&shared->intrusions, 1);
    shared->inside = getpid();
    int seen = shared->counter;
    if (i % 8 == 0)
        sched_yield();                        /* let the others try to get in now */
    shared->counter = seen + 1;
    if (shared->inside != getpid())
        __sync_fetch_and_add(&shared->intrusions, 1);
    shared->inside = 0;
}

/* One worker: INCREMENTS times lock, add_one, unlock. `lock` NULL: open
 * the named semaphore itself. Returns the exit status. */
static int worker(sem_t *lock)
{
    if (!lock && (lock = sem_open(SEMAPHORE_NAME, 0)) == SEM_FAILED)
        return 10;
    while (!shared->go)
        sched_yield();                /* a worker done before the next was forked would meet no one */
    for (int i = 0; i < INCREMENTS; i++) {
        if (sem_trywait(lock) != 0) {
            __sync_fetch_and_add(&shared->contended, 1);
            if (sem_wait(lock) != 0)
                return 11;
        }
        add_one(i);
        if (sem_post(lock) != 0)
            return 12;
        if (i % 16 == 0)
            sched_yield();
    }
    return 0;
}

static void run_workers(sem_t *lock, const char *what)
{
    shared->counter = shared->inside = shared->intrusions = shared->contended = shared->go = 0;
    pid_t workers[PROCESSES];
    for (int i = 0; i < PROCESSES; i++) {
        workers[i] = fork();
        if (workers[i] == 0)
            _exit(worker(lock));
    }
    shared->go = 1;
    for (int i = 0; i < PROCESSES; i++) {
        int status = -1;
        waitpid(workers[i], &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: worker %d: expected exit 0, got status 0x%x",
              what, i, status);
    }
    CHECK(shared->counter == PROCESSES * INCREMENTS, "%s: counter after %d x %d increments: expected %d, got %d",
          what, PROCESSES, INCREMENTS, PROCESSES * INCREMENTS, shared->counter);
    CHECK(shared->intrusions == 0, "%s: times a process found another in the critical section: expected 0, got %d",
          what, shared->intrusions);
    CHECK(shared->contended > 0, "%s: times a process found the lock taken: expected some, got 0 (no contention: "
          "the test proved nothing)", what);
    printf("%s: counter %d, %d waits for the lock\n", what, shared->counter, shared->contended);
}

static void an_unnamed_semaphore_in_shared_memory_excludes(void)
{
    CHECK_EQ(0, sem_init(&shared->lock, 1, 1), "sem_init(pshared = 1, value 1)");
    run_workers(&shared->lock, "unnamed semaphore");
    int value = -1;
    sem_getvalue(&shared->lock, &value);
    CHECK_EQ(1, value, "the lock's value at the end");
    sem_destroy(&shared->lock);
}

static void a_named_semaphore_opened_by_each_process_excludes(void)
{
    sem_t *lock = sem_open(SEMAPHORE_NAME, O_CREAT | O_EXCL, 0600, 1);
    CHECK(lock != SEM_FAILED, "sem_open O_CREAT|O_EXCL: %s", strerror(errno));
    if (lock == SEM_FAILED)
        return;
    run_workers(NULL, "named semaphore");
    int value = -1;
    sem_getvalue(lock, &value);
    CHECK_EQ(1, value, "the named lock's value at the end");
    sem_close(lock);
    CHECK_EQ(0, sem_unlink(SEMAPHORE_NAME), "sem_unlink");
}

int main(void)
{
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before;
    shared = shared_memory_after_warm_up(sizeof *shared, tasks, &before);
    if (!shared)
        return 1;

    an_unnamed_semaphore_in_shared_memory_excludes();
    a_named_semaphore_opened_by_each_process_excludes();

    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("posix_sem_mutual_exclusion");
}
