/* tests/boot/sysv_sem_pairs_on_two_cpus_keep_every_turn.c
 * - two pairs of processes, each with a System V semaphore set of its
 * own, a client on one CPU and its server on the other, so that both
 * CPUs work on each set at once, take turns: the client raises "request" and
 * waits to take "answer", the server takes "request" (in the same semop
 * as a wait for "gate" to be zero, an array of two), counts the turn in
 * memory the pair shares, and raises "answer". Every turn is taken
 * exactly once, in order, while the semop calls go both ways one can go
 * on several CPUs (docs/smp.md, "System V semaphores without the big
 * lock"): without the big kernel lock, under the set's own lock, and
 * with it, when something sends them there:
 *   - pair 0's server has a second thread (asleep): its semop is a
 *     process of several threads' (a cancellation point too), which goes
 *     without the big lock as one thread's does (docs/smp.md, "Threads
 *     without the big lock");
 *   - a watcher reads pair 1's set with semctl (GETVAL, GETNCNT) every
 *     0.5 ms: while it looks, the calls on the set take the big lock;
 *   - pair 1's client and server are stopped and continued (SIGSTOP,
 *     SIGCONT) again and again: a wait without the big lock ends, and the
 *     call goes the big lock's way, to be restarted there.
 * The client checks the count after each turn; at the end the values and
 * the waiter counts are 0 and the count is exact. On one CPU both pairs
 * share it, every call takes the usual way, and the same holds. At the
 * end the kernel's counters (tasks, sets, pages) are back. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sem.h>

#include "boot_pairs.h"

#define TURNS 3000
#define REQUEST 0
#define ANSWER 1
#define GATE 2                          /* always 0: the server's semop waits for zero on it too */

/* One semop, again after a stop and a continue (no handler: the call is
 * restarted by the kernel, but a wait that a signal ended may also come
 * back as EINTR, as on Linux). */
static int operate(int set, struct sembuf *operations, unsigned count)
{
    int result;
    while ((result = semop(set, operations, count)) < 0 && errno == EINTR)
        ;
    return result;
}

/* The server: takes each request, counts the turn, answers. Exit status
 * 0, or 255 when a call failed. */
static void serve(int set, volatile unsigned *turns, int threads)
{
    pthread_t sleeper;
    if (threads && pthread_create(&sleeper, 0, pair_thread_sleeping_for_ever, 0) != 0)
        _exit(255);
    for (unsigned turn = 0; turn < TURNS; turn++) {
        struct sembuf take[2] = { { REQUEST, -1, 0 }, { GATE, 0, 0 } };
        struct sembuf answer = { ANSWER, 1, 0 };
        if (operate(set, take, 2) < 0) {
            printf("server: turn %u: %s\n", turn, strerror(errno));
            _exit(255);
        }
        *turns += 1;
        if (operate(set, &answer, 1) < 0)
            _exit(255);
    }
    _exit(0);
}

/* The client: asks for each turn and checks it was taken once. Exit
 * status 0, 1 + the first bad turn's low bits, or 255. */
static void call(int set, volatile unsigned *turns)
{
    for (unsigned turn = 0; turn < TURNS; turn++) {
        struct sembuf request = { REQUEST, 1, 0 };
        struct sembuf take = { ANSWER, -1, 0 };
        if (operate(set, &request, 1) < 0 || operate(set, &take, 1) < 0) {
            printf("client: turn %u: %s\n", turn, strerror(errno));
            _exit(255);
        }
        if (*turns != turn + 1) {
            printf("client: after turn %u the server counted %u\n", turn, *turns);
            _exit(1 + (int)(turn & 0x7f));
        }
    }
    _exit(0);
}

/* A child that reads `set`'s values and waiters every 0.5 ms until killed. */
static pid_t start_watching(int set)
{
    pid_t watcher = fork();
    if (watcher == 0) {
        struct timespec pause = { 0, 500000 };
        for (;;) {
            semctl(set, REQUEST, GETVAL);
            semctl(set, ANSWER, GETNCNT);
            nanosleep(&pause, 0);
        }
    }
    return watcher;
}

static void pairs_take_every_turn_once_whichever_way_they_go(void)
{
    int cpus = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
    struct kinfo_counters before = read_counters();
    volatile unsigned *turns = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(turns != MAP_FAILED, "mmap of the shared counts");
    int set[2];
    pid_t server[2], client[2];
    for (int pair = 0; pair < 2; pair++) {
        set[pair] = semget(IPC_PRIVATE, 3, 0600);
        CHECK(set[pair] >= 0, "semget for pair %d: %s", pair, strerror(errno));
        turns[pair * 16] = 0;
        fflush(stdout);
        if ((server[pair] = fork()) == 0) {
            keep_to_cpu(pair % cpus);
            serve(set[pair], &turns[pair * 16], pair == 0);
        }
        if ((client[pair] = fork()) == 0) {
            keep_to_cpu((pair + 1) % cpus);       /* each turn wakes a task on the other CPU */
            call(set[pair], &turns[pair * 16]);
        }
    }
    pid_t watcher = start_watching(set[1]);
    pid_t pester = start_stopping_and_continuing(client[1], server[1]);   /* pair 1 */

    for (int pair = 0; pair < 2; pair++)
        expect_pair_done(pair, client[pair], server[pair]);
    end_helpers(watcher, pester);
    for (int pair = 0; pair < 2; pair++) {
        CHECK(turns[pair * 16] == TURNS, "pair %d: every turn counted once (%u)", pair, turns[pair * 16]);
        CHECK_EQ(0, semctl(set[pair], REQUEST, GETVAL), "no request left");
        CHECK_EQ(0, semctl(set[pair], ANSWER, GETVAL), "no answer left");
        CHECK_EQ(0, semctl(set[pair], ANSWER, GETNCNT), "nobody waits");
        CHECK_EQ(0, semctl(set[pair], 0, IPC_RMID), "IPC_RMID at the end");
    }
    munmap((void *)turns, 4096);
    /* both ways: pair 1's watcher and stops send some calls the big
     * lock's way (2,041 to 5,525 in four runs, three of them at a time;
     * pair 0's server of two threads took it for every call before
     * threads went without it, and the check asked 1,000) */
    expect_calls_both_ways("semaphore pairs: 3000 turns each, every turn counted once", before, cpus, TURNS / 10);
}

int main(void)
{
    alarm(200);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    run_cases_checking_leaks(pairs_take_every_turn_once_whichever_way_they_go);   /* sets too (boot_test.h) */
    return test_finish("sysv_sem_pairs_on_two_cpus_keep_every_turn");
}
