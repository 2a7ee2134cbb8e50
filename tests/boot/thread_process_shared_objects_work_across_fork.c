/* tests/boot/thread_process_shared_objects_work_across_fork.c - the
 * process-shared attribute (pthread_mutexattr_setpshared(3) and the
 * others): each attribute object keeps PTHREAD_PROCESS_SHARED and gives
 * it back, an unknown value is EINVAL, and a mutex, a condition variable,
 * a read-write lock and a barrier placed in a MAP_SHARED mapping work
 * between three processes: increments under the mutex are exact, a
 * condition signalled in one process wakes a waiter in another, a writer
 * in one process keeps a reader in another out until it unlocks, and a
 * barrier of three processes lets nobody through a round before all are
 * there, one of them the serial one. Nothing leaks. */
#include <errno.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "boot_test.h"

#define PROCESSES 3
#define INCREMENTS 3000
#define ROUNDS 5

struct shared {
    pthread_mutex_t mutex;
    pthread_cond_t condition;
    pthread_rwlock_t rwlock;
    pthread_barrier_t barrier;
    volatile int counter, flag, writer_inside, serial_count;
    volatile int arrived[ROUNDS];
    volatile int early[PROCESSES];
};

static void attributes_keep_process_shared(void)
{
    int shared = -1;
    pthread_mutexattr_t m;
    pthread_condattr_t c;
    pthread_rwlockattr_t r;
    pthread_barrierattr_t b;
    pthread_mutexattr_init(&m);
    pthread_condattr_init(&c);
    pthread_rwlockattr_init(&r);
    pthread_barrierattr_init(&b);
    CHECK(pthread_mutexattr_getpshared(&m, &shared) == 0 && shared == PTHREAD_PROCESS_PRIVATE, "mutex: private at first");
    CHECK(pthread_condattr_getpshared(&c, &shared) == 0 && shared == PTHREAD_PROCESS_PRIVATE, "cond: private at first");
    CHECK(pthread_rwlockattr_getpshared(&r, &shared) == 0 && shared == PTHREAD_PROCESS_PRIVATE, "rwlock: private at first");
    CHECK(pthread_barrierattr_getpshared(&b, &shared) == 0 && shared == PTHREAD_PROCESS_PRIVATE, "barrier: private at first");
    CHECK_EQ(EINVAL, pthread_mutexattr_setpshared(&m, 7), "mutexattr_setpshared(7)");
    CHECK_EQ(EINVAL, pthread_condattr_setpshared(&c, -1), "condattr_setpshared(-1)");
    CHECK_EQ(EINVAL, pthread_rwlockattr_setpshared(&r, 2), "rwlockattr_setpshared(2)");
    CHECK_EQ(EINVAL, pthread_barrierattr_setpshared(&b, 99), "barrierattr_setpshared(99)");
    CHECK_EQ(0, pthread_mutexattr_setpshared(&m, PTHREAD_PROCESS_SHARED), "mutexattr_setpshared");
    CHECK_EQ(0, pthread_condattr_setpshared(&c, PTHREAD_PROCESS_SHARED), "condattr_setpshared");
    CHECK_EQ(0, pthread_rwlockattr_setpshared(&r, PTHREAD_PROCESS_SHARED), "rwlockattr_setpshared");
    CHECK_EQ(0, pthread_barrierattr_setpshared(&b, PTHREAD_PROCESS_SHARED), "barrierattr_setpshared");
    CHECK(pthread_mutexattr_getpshared(&m, &shared) == 0 && shared == PTHREAD_PROCESS_SHARED, "mutex: shared");
    CHECK(pthread_condattr_getpshared(&c, &shared) == 0 && shared == PTHREAD_PROCESS_SHARED, "cond: shared");
    CHECK(pthread_rwlockattr_getpshared(&r, &shared) == 0 && shared == PTHREAD_PROCESS_SHARED, "rwlock: shared");
    CHECK(pthread_barrierattr_getpshared(&b, &shared) == 0 && shared == PTHREAD_PROCESS_SHARED, "barrier: shared");
    pthread_mutexattr_destroy(&m);
    pthread_condattr_destroy(&c);
    pthread_rwlockattr_destroy(&r);
    pthread_barrierattr_destroy(&b);
}

static struct shared *make_shared_objects(void)
{
    struct shared *s = mmap(NULL, sizeof *s, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(s != MAP_FAILED, "mmap MAP_SHARED");
    pthread_mutexattr_t m;
    pthread_condattr_t c;
    pthread_rwlockattr_t r;
    pthread_barrierattr_t b;
    pthread_mutexattr_init(&m);
    pthread_condattr_init(&c);
    pthread_rwlockattr_init(&r);
    pthread_barrierattr_init(&b);
    pthread_mutexattr_setpshared(&m, PTHREAD_PROCESS_SHARED);
    pthread_condattr_setpshared(&c, PTHREAD_PROCESS_SHARED);
    pthread_rwlockattr_setpshared(&r, PTHREAD_PROCESS_SHARED);
    pthread_barrierattr_setpshared(&b, PTHREAD_PROCESS_SHARED);
    CHECK_EQ(0, pthread_mutex_init(&s->mutex, &m), "pthread_mutex_init");
    CHECK_EQ(0, pthread_cond_init(&s->condition, &c), "pthread_cond_init");
    CHECK_EQ(0, pthread_rwlock_init(&s->rwlock, &r), "pthread_rwlock_init");
    CHECK_EQ(0, pthread_barrier_init(&s->barrier, &b, PROCESSES), "pthread_barrier_init");
    return s;
}

/* What each of the three processes does (`which` 0 is the parent). */
static void take_part(struct shared *s, int which)
{
    for (int round = 0; round < ROUNDS; round++) {
        __sync_fetch_and_add(&s->arrived[round], 1);
        int result = pthread_barrier_wait(&s->barrier);
        if (result == PTHREAD_BARRIER_SERIAL_THREAD)
            __sync_fetch_and_add(&s->serial_count, 1);
        else if (result != 0)
            s->early[which] = 100;
        if (s->arrived[round] != PROCESSES)
            s->early[which]++;
    }
    for (int i = 0; i < INCREMENTS; i++) {
        pthread_mutex_lock(&s->mutex);
        int seen = s->counter;
        if (i % 100 == 0)
            sched_yield();               /* another process finds it held */
        s->counter = seen + 1;
        pthread_mutex_unlock(&s->mutex);
    }
}

static void objects_work_between_processes(void)
{
    struct shared *s = make_shared_objects();
    pid_t children[PROCESSES - 1];
    for (int i = 1; i < PROCESSES; i++) {
        children[i - 1] = fork();
        if (children[i - 1] == 0) {
            take_part(s, i);
            if (i == 1) {
                /* the writer, then the condition's signaller */
                pthread_rwlock_wrlock(&s->rwlock);
                s->writer_inside = 1;
                usleep(100000);
                s->writer_inside = 0;
                pthread_rwlock_unlock(&s->rwlock);
                pthread_mutex_lock(&s->mutex);
                s->flag = 1;
                pthread_cond_signal(&s->condition);
                pthread_mutex_unlock(&s->mutex);
            }
            _exit(0);
        }
        CHECK(children[i - 1] > 0, "fork");
    }
    take_part(s, 0);
    for (int i = 0; i < PROCESSES; i++)
        CHECK_EQ(0, s->early[i], "rounds a process left before all had arrived");

    while (!s->writer_inside && !s->flag)
        usleep(1000);
    int got_in_while_writer = 0;
    if (s->writer_inside) {
        CHECK_EQ(EBUSY, pthread_rwlock_tryrdlock(&s->rwlock), "tryrdlock while another process writes");
        CHECK_EQ(0, pthread_rwlock_rdlock(&s->rwlock), "rdlock: waits for the writer of another process");
        got_in_while_writer = s->writer_inside;
        pthread_rwlock_unlock(&s->rwlock);
    }
    CHECK_EQ(0, got_in_while_writer, "the reader got in only once the writer had left");

    pthread_mutex_lock(&s->mutex);
    while (!s->flag)
        pthread_cond_wait(&s->condition, &s->mutex);
    pthread_mutex_unlock(&s->mutex);
    CHECK_EQ(1, s->flag, "the condition, signalled in another process, woke us");

    for (int i = 0; i < PROCESSES - 1; i++) {
        int status = -1;
        CHECK_EQ(children[i], waitpid(children[i], &status, 0), "waitpid");
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child %d: status 0x%x", i, status);
    }
    /* once all have ended: the serial thread of the last round may be a
     * child on another CPU, still on its way from the barrier */
    CHECK_EQ(ROUNDS, s->serial_count, "serial count");
    CHECK_EQ(PROCESSES * INCREMENTS, s->counter, "increments under the shared mutex");
    CHECK_EQ(0, pthread_rwlock_destroy(&s->rwlock), "rwlock_destroy");
    CHECK_EQ(0, pthread_barrier_destroy(&s->barrier), "barrier_destroy");
    CHECK_EQ(0, pthread_mutex_destroy(&s->mutex), "mutex_destroy");
    CHECK_EQ(0, munmap(s, sizeof *s), "munmap");
}

static void cases(void)
{
    attributes_keep_process_shared();
    objects_work_between_processes();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("thread_process_shared_objects_work_across_fork");
}
