/* tests/boot/futex_pairs_on_two_cpus_keep_every_turn.c - two pairs take
 * turns through POSIX semaphores, which sleep and wake on futexes, a
 * client on one CPU and its server on the other, so that both CPUs wait
 * and wake on each pair's words at once: the client posts "request" and
 * waits for "answer", the server waits for "request", counts the turn and
 * posts "answer". Pair 0 is two threads of one process (unshared
 * semaphores: a word known by its address space and address); pair 1 is
 * two processes (semaphores in MAP_SHARED memory: a word known by its
 * frame). Every turn is taken exactly once, in order, while the futex
 * calls go both ways they can go on several CPUs (docs/smp.md, "Futexes
 * without the big lock"): under a lane's lock, and with the big lock,
 * when something sends them there:
 *   - pair 0's server waits with sem_timedwait (a deadline far away) one
 *     turn in four: a wait with a timeout takes the big lock, and while
 *     it waits, so does every wake;
 *   - pair 1's client and server are stopped and continued (SIGSTOP,
 *     SIGCONT) again and again: a wait without the big lock ends, and the
 *     call goes the big lock's way, to be restarted there;
 *   - pair 0's process gets SIGUSR1 every 0.5 ms, which one of its two
 *     threads takes in a handler: a wait ends in EINTR and is made again.
 * The client checks the count after each turn; at the end both
 * semaphores are 0 and the count is exact. On one CPU the four share it,
 * every call takes the usual way, and the same holds. At the end the
 * kernel's counters (tasks, pages) are back. */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "boot_pairs.h"

#define TURNS 3000

struct pair {
    sem_t request, answer;
    volatile unsigned turns;
    int cpus;
    int timed;                          /* the server waits with a deadline one turn in four */
    char padding[64];                   /* each pair's words on their own line */
};

static struct pair *pairs;

static void on_sigusr1(int signal)
{
    (void)signal;
}

/* One wait, again after EINTR (a handler ran; a stop and continue may end
 * a wait the same way, as on Linux); with a deadline 10 s away if
 * `timed`. 0, or -1 when it failed otherwise. */
static int wait_for(sem_t *semaphore, int timed)
{
    int result;
    do {
        if (timed) {
            struct timespec deadline;
            clock_gettime(CLOCK_REALTIME, &deadline);
            deadline.tv_sec += 10;
            result = sem_timedwait(semaphore, &deadline);
        } else {
            result = sem_wait(semaphore);
        }
    } while (result < 0 && errno == EINTR);
    return result;
}

/* The server: takes each request, counts the turn, answers. 0, or 255
 * when a call failed. */
static int serve(struct pair *pair)
{
    for (unsigned turn = 0; turn < TURNS; turn++) {
        if (wait_for(&pair->request, pair->timed && turn % 4 == 0) < 0) {
            printf("server: turn %u: %s\n", turn, strerror(errno));
            return 255;
        }
        pair->turns += 1;
        if (sem_post(&pair->answer) < 0)
            return 255;
    }
    return 0;
}

/* The client: asks for each turn and checks it was taken once. 0, 1 +
 * the first bad turn's low bits, or 255. */
static int call(struct pair *pair)
{
    for (unsigned turn = 0; turn < TURNS; turn++) {
        if (sem_post(&pair->request) < 0 || wait_for(&pair->answer, 0) < 0) {
            printf("client: turn %u: %s\n", turn, strerror(errno));
            return 255;
        }
        if (pair->turns != turn + 1) {
            printf("client: after turn %u the server counted %u\n", turn, pair->turns);
            return 1 + (int)(turn & 0x7f);
        }
    }
    return 0;
}

static void *server_thread(void *argument)
{
    struct pair *pair = argument;
    keep_to_cpu(1 % pair->cpus);               /* this thread alone */
    return (void *)(long)serve(pair);
}

/* Pair 0: a process of two threads, the client on CPU 0 and the server
 * on CPU 1. Exit status: the client's, else the server's. */
static void two_threads(struct pair *pair)
{
    keep_to_cpu(0);
    pthread_t server;
    if (pthread_create(&server, 0, server_thread, pair) != 0)
        _exit(255);
    int status = call(pair);
    void *served;
    pthread_join(server, &served);
    _exit(status ? status : (int)(long)served);
}

static void two_processes_take_turns(struct pair *pair, pid_t *server, pid_t *client)
{
    if ((*server = fork()) == 0) {
        keep_to_cpu(1 % pair->cpus);
        _exit(serve(pair));
    }
    if ((*client = fork()) == 0) {
        keep_to_cpu(0);
        _exit(call(pair));
    }
}

static void pairs_take_every_turn_once_whichever_way_they_go(void)
{
    int cpus = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
    struct kinfo_counters before = read_counters();
    pairs = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(pairs != MAP_FAILED, "mmap of the pairs' semaphores and counts");
    for (int index = 0; index < 2; index++) {
        struct pair *pair = &pairs[index];
        CHECK_EQ(0, sem_init(&pair->request, index, 0), "sem_init request");
        CHECK_EQ(0, sem_init(&pair->answer, index, 0), "sem_init answer");
        pair->turns = 0;
        pair->cpus = cpus;
        pair->timed = index == 0;
    }
    struct sigaction action, old_action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_sigusr1;            /* no SA_RESTART: the waits end in EINTR */
    sigaction(SIGUSR1, &action, &old_action);  /* before the fork: pair 0 has it from its start */
    fflush(stdout);
    pid_t threads = fork();
    if (threads == 0)
        two_threads(&pairs[0]);
    pid_t server, client;
    two_processes_take_turns(&pairs[1], &server, &client);
    pid_t interrupter = start_interrupting(threads);
    pid_t pester = start_stopping_and_continuing(client, server);

    int status;
    CHECK_EQ(threads, waitpid(threads, &status, 0), "waitpid for pair 0");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "pair 0 (two threads): every turn right (status 0x%x)",
          status);
    expect_pair_done(1, client, server);
    end_helpers(interrupter, pester);
    sigaction(SIGUSR1, &old_action, 0);
    for (int index = 0; index < 2; index++) {
        struct pair *pair = &pairs[index];
        int value = -1;
        CHECK(pair->turns == TURNS, "pair %d: every turn counted once (%u)", index, pair->turns);
        CHECK(sem_getvalue(&pair->request, &value) == 0 && value == 0, "pair %d: no request left (%d)", index,
              value);
        CHECK(sem_getvalue(&pair->answer, &value) == 0 && value == 0, "pair %d: no answer left (%d)", index,
              value);
        sem_destroy(&pair->request);
        sem_destroy(&pair->answer);
    }
    munmap(pairs, 4096);
    /* both ways: pair 0's server waits with a deadline one turn in four,
     * the big lock's way */
    expect_calls_both_ways("futex pairs: 3000 turns each, every turn counted once", before, cpus, TURNS / 4);
}

int main(void)
{
    alarm(200);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    run_cases_checking_leaks(pairs_take_every_turn_once_whichever_way_they_go);
    return test_finish("futex_pairs_on_two_cpus_keep_every_turn");
}
