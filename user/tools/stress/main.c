/* user/tools/stress/main.c - runs the stress runs (docs/robustness.md).
 *
 *   stress [MECHANISM ... | all | mixed | list] [--records N] [--scale PERCENT]
 *          [--threads T] [--seed S] [--watchdog SECONDS]
 *
 *   MECHANISM  one of `stress list`: pipe fifo msgq sem shm+sem mbox-0 mbox-1
 *              mbox-16 mbox-unbounded msg-sync msg-async msg-call (and
 *              posix-mq, socket, aio-pipe when the libc has them), each
 *              run alone
 *   all        every mechanism in turn, then `mixed` (the default)
 *   mixed      every mechanism at once, fewer processes each, and a
 *              process sending SIGUSR1 (handled, SA_RESTART) to everyone
 *   --records  records per mechanism (default 20000)
 *   --scale    percent of the usual process counts (default 100: 32 per run)
 *   --threads  T threads in each of 8 processes per run (4 producers and 4
 *              consumers, or 8 producers), each thread a producer or a
 *              consumer of its own; 2 per process in the mixed run
 *
 * One line per run; exit status 0 when every record arrived exactly once,
 * whole, in order where promised, and no run stopped moving. */
#include <errno.h>
#include <kernel.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "stress.h"

#define RUNS_MAX 20
#define MIXED_PROCESSES 58          /* the process table holds 64: init, us, the signaller */
#define THREADED_PROCESSES 8        /* per run with --threads */
#define MIXED_THREADS_MAX 2         /* the thread table holds 256 in all */

struct active {
    const struct mechanism *mechanism;
    struct run run;
    pid_t producers[PRODUCERS_MAX], consumers[PRODUCERS_MAX];
    unsigned producers_left;
    int bad_exits;
};

static unsigned records_per_run = 20000, scale = 100, watchdog_seconds = 60, threads_per_process = 1;
static volatile int watchdog_fired;
void stress_set_seed(uint32_t seed);

static void on_watchdog(int signal)
{
    (void)signal;
    watchdog_fired = 1;
}

static void on_usr1(int signal)
{
    (void)signal;
    signals_taken++;
}

static double now(void)
{
    struct timespec time;
    clock_gettime(CLOCK_MONOTONIC, &time);
    return (double)time.tv_sec + (double)time.tv_nsec / 1e9;
}

/* Every mechanism this build has. */
static unsigned all_mechanisms(const struct mechanism **list)
{
    unsigned count = 0;
    const struct mechanism *tables[] = { byte_stream_mechanisms, sysv_mechanisms, message_mechanisms,
                                         posix_mechanisms, async_io_mechanisms };
    const unsigned counts[] = { byte_stream_count, sysv_count, message_count, posix_count, async_io_count };
    for (unsigned t = 0; t < 5; t++)
        for (unsigned i = 0; i < counts[t]; i++)
            list[count++] = &tables[t][i];
    return count;
}

static void run_program(const char *path)
{
    pid_t child = fork();
    if (child == 0) {
        char *argv[] = { (char *)path, 0 };
        execv(path, argv);
        _exit(127);
    }
    if (child > 0)
        waitpid(child, 0, 0);
}

/* One thread of a producer or consumer process with --threads: its role,
 * under its own number. */
struct role {
    struct run *run;
    const struct mechanism *mechanism;
    unsigned number;
    int consumer;
};

static void *play_role(void *argument)
{
    struct role *role = argument;
    if (role->consumer) {
        role->run->board->consumer_pids[role->number] = gettid();   /* messages go to this thread */
        role->mechanism->consume(role->run, role->number);
    } else {
        role->mechanism->produce(role->run, role->number);
    }
    return 0;
}

/* In a forked child: process `index` of its kind, as one producer or
 * consumer, or as run->threads of them; returns when its producing is
 * done (consuming never is). */
static void play(struct run *run, const struct mechanism *mechanism, unsigned index, int consumer)
{
    if (run->threads == 1) {
        if (consumer)
            mechanism->consume(run, index);
        else
            mechanism->produce(run, index);
        return;
    }
    static struct role roles[PRODUCERS_MAX];
    static pthread_t threads[PRODUCERS_MAX];
    for (unsigned t = 0; t < run->threads; t++) {
        roles[t] = (struct role){ run, mechanism, index * run->threads + t, consumer };
        int error = pthread_create(&threads[t], 0, play_role, &roles[t]);
        if (error)
            note_error(run, "pthread_create", error);
    }
    for (unsigned t = 0; t < run->threads; t++)
        pthread_join(threads[t], 0);
}

/* Waits until every consumer thread has said its tid (--threads): the
 * producers of direct messages send to them. */
static void wait_for_consumer_tids(struct run *run)
{
    for (int tries = 0; tries < 5000; tries++) {
        unsigned known = 0;
        for (unsigned c = 0; c < run->consumers; c++)
            known += run->board->consumer_pids[c] != 0;
        if (known == run->consumers)
            return;
        usleep(2000);
    }
    note_error(run, "consumer threads that never started", ESRCH);
}

/* Forks the consumers, then the producers (which may need the consumers'
 * pids), of one run. */
static int start(struct active *active, const struct mechanism *mechanism, unsigned percent, int signals)
{
    memset(active, 0, sizeof *active);
    active->mechanism = mechanism;
    struct run *run = &active->run;
    run->name = mechanism->name;
    run->threads = signals && threads_per_process > MIXED_THREADS_MAX ? MIXED_THREADS_MAX : threads_per_process;
    run->producers = mechanism->producers * percent / 100;
    run->consumers = mechanism->consumers * percent / 100;
    if (run->threads > 1) {                 /* 8 processes, each of `threads` producers or consumers */
        run->producers = (mechanism->consumers ? THREADED_PROCESSES / 2 : THREADED_PROCESSES) * run->threads;
        run->consumers = (mechanism->consumers ? THREADED_PROCESSES / 2 : 0) * run->threads;
    }
    if (signals) {                          /* the mixed run: a few of each, all at once */
        run->producers = (mechanism->consumers ? 2 : 3) * run->threads;
        run->consumers = (mechanism->consumers ? 2 : 0) * run->threads;
    }
    if (run->producers < 1)
        run->producers = 1;
    if (mechanism->consumers && run->consumers < 1)
        run->consumers = 1;
    run->per_producer = records_per_run / run->producers;
    if (run->per_producer > SEQUENCE_MAX)
        run->per_producer = SEQUENCE_MAX;
    if (run->per_producer < 1)
        run->per_producer = 1;
    run->ordered = mechanism->ordered;
    run->signals = signals;
    run->board = mmap(0, sizeof *run->board, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (run->board == MAP_FAILED) {
        printf("stress: %s: mmap: %s\n", run->name, strerror(errno));
        return -1;
    }
    memset(run->board, 0, sizeof *run->board);
    if (mechanism->setup(run) < 0) {
        printf("stress: %s: setting up failed: %s\n", run->name, strerror(errno));
        return -1;
    }
    /* the children inherit the handler: the signaller may reach a child
     * as soon as it exists, on another CPU before it ran at all */
    struct sigaction restart = { .sa_handler = on_usr1, .sa_flags = SA_RESTART };
    if (signals)
        sigaction(SIGUSR1, &restart, 0);
    for (unsigned c = 0; c < run->consumers / run->threads; c++) {
        pid_t pid = fork();
        if (pid == 0) {
            play(run, mechanism, c, 1);
            _exit(0);
        }
        active->consumers[c] = pid;
        if (run->threads == 1)
            run->board->consumer_pids[c] = pid;
    }
    if (run->threads > 1)
        wait_for_consumer_tids(run);
    for (unsigned p = 0; p < run->producers / run->threads; p++) {
        pid_t pid = fork();
        if (pid == 0) {
            play(run, mechanism, p, 0);
            _exit(0);
        }
        active->producers[p] = pid;
        active->producers_left += pid > 0;
        if (pid < 0)
            note_error(run, "fork", errno);
    }
    return 0;
}

static struct active *owner_of(struct active *runs, unsigned count, pid_t pid, int *is_producer)
{
    for (unsigned r = 0; r < count; r++)
        for (unsigned i = 0; i < PRODUCERS_MAX; i++) {
            if (runs[r].producers[i] == pid) {
                *is_producer = 1;
                return &runs[r];
            }
            if (runs[r].consumers[i] == pid) {
                *is_producer = 0;
                return &runs[r];
            }
        }
    return 0;
}

static uint32_t total_progress(struct active *runs, unsigned count)
{
    uint32_t sum = 0;
    for (unsigned r = 0; r < count; r++)
        sum += runs[r].run.board->progress;
    return sum;
}

static int finished(struct active *runs, unsigned count)
{
    for (unsigned r = 0; r < count; r++) {
        struct run *run = &runs[r].run;
        if (runs[r].producers_left ||
            (run->board->received < run->producers * run->per_producer && !run->board->errors))
            return 0;
    }
    return 1;
}

/* Waits until every run is done or none moves for watchdog_seconds. */
static int wait_for(struct active *runs, unsigned count)
{
    struct sigaction action = { .sa_handler = on_watchdog };
    sigaction(SIGALRM, &action, 0);
    watchdog_fired = 0;
    uint32_t seen = total_progress(runs, count);
    alarm(watchdog_seconds);
    while (!finished(runs, count)) {
        int status;
        pid_t pid;
        while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
            int is_producer;
            struct active *active = owner_of(runs, count, pid, &is_producer);
            if (!active)
                continue;
            if (is_producer)
                active->producers_left--;
            if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !is_producer) {
                active->bad_exits++;
                printf("stress: %s: %s %d ended early: status 0x%x\n", active->run.name,
                       is_producer ? "producer" : "consumer", pid, status);
            }
        }
        uint32_t progress = total_progress(runs, count);
        if (progress != seen) {
            seen = progress;
            alarm(watchdog_seconds);        /* moving: the watchdog starts again */
        }
        if (watchdog_fired) {
            printf("stress: WATCHDOG: nothing moved for %u s; who waits on what:\n", watchdog_seconds);
            fflush(stdout);
            run_program("/bin/ps");
            run_program("/bin/ipcs");
            return -1;
        }
        usleep(5000);
    }
    alarm(0);
    return 0;
}

/* Ends every process of the runs (consumers wait forever by design). */
static void stop_all(struct active *runs, unsigned count, pid_t signaller)
{
    for (unsigned r = 0; r < count; r++)
        for (unsigned i = 0; i < PRODUCERS_MAX; i++) {
            if (runs[r].consumers[i] > 0)
                kill(runs[r].consumers[i], SIGKILL);
            if (runs[r].producers[i] > 0)
                kill(runs[r].producers[i], SIGKILL);
        }
    if (signaller > 0)
        kill(signaller, SIGKILL);
    while (waitpid(-1, 0, 0) > 0)
        ;
}

/* The verdicts of the runs that failed, printed again at the end: a log
 * cut to its last lines (make test's report) still says which run failed
 * and how. */
static char failed_runs[1024];

/* The verdict on one run, printed; 0 if all is well. */
static int report(struct active *active, double seconds)
{
    struct run *run = &active->run;
    struct scoreboard *board = run->board;
    int mechanism_check = active->mechanism->check ? active->mechanism->check(run) : 0;
    unsigned total = run->producers * run->per_producer;
    unsigned lost = total > board->received ? total - board->received : 0;
    int good = !lost && !board->duplicates && !board->corrupt && !board->out_of_order && !board->errors &&
               !active->bad_exits && mechanism_check == 0;
    unsigned processes = (run->producers + run->consumers) / run->threads;
    char threads[24] = "";
    if (run->threads > 1)
        snprintf(threads, sizeof threads, " x %u threads", run->threads);
    char verdict[200];
    snprintf(verdict, sizeof verdict,
             "stress: %-15s %s: %2u processes%s, %6u records: %u lost, %u duplicated, %u damaged, %u out of order"
             "%s, %.1f s\n", run->name, good ? "ok  " : "FAIL", processes, threads, total, lost,
             board->duplicates, board->corrupt, board->out_of_order, board->errors ? ", errors" : "", seconds);
    fputs(verdict, stdout);
    if (run->signals)
        printf("stress: %-15s %u calls interrupted by signals (and made again)\n", run->name, board->interrupted);
    char errors[160] = "";
    if (board->errors)
        snprintf(errors, sizeof errors, "stress: %-15s %u error(s), the last in %s: %s\n", run->name, board->errors,
                 (const char *)board->last_error_where, strerror(board->last_error));
    if (mechanism_check)
        snprintf(errors + strlen(errors), sizeof errors - strlen(errors), "stress: %-15s its own check: %d\n",
                 run->name, mechanism_check);
    if (active->bad_exits)
        snprintf(errors + strlen(errors), sizeof errors - strlen(errors),
                 "stress: %-15s %d process(es) ended early (their status above)\n", run->name, active->bad_exits);
    fputs(errors, stdout);
    if (!good && strlen(failed_runs) + strlen(verdict) + strlen(errors) < sizeof failed_runs) {
        strcat(failed_runs, verdict);
        strcat(failed_runs, errors);
    }
    if (active->mechanism->teardown)
        active->mechanism->teardown(run);
    munmap(board, sizeof *board);
    fflush(stdout);
    return good ? 0 : 1;
}

static int run_alone(const struct mechanism *mechanism)
{
    static struct active active;
    double started = now();
    if (start(&active, mechanism, scale, 0) < 0)
        return 1;
    int stuck = wait_for(&active, 1);
    stop_all(&active, 1, 0);
    return report(&active, now() - started) | (stuck ? 1 : 0);
}

static int participant(const struct active *runs, unsigned count, int pid)
{
    for (unsigned r = 0; r < count; r++)
        for (unsigned i = 0; i < PRODUCERS_MAX; i++)
            if (runs[r].producers[i] == pid || runs[r].consumers[i] == pid)
                return 1;
    return 0;
}

/* Sends SIGUSR1 around, to blocked processes above all: their calls end
 * (EINTR, or a restart under SA_RESTART) in the middle of the exchange. */
static void signaller(const struct active *runs, unsigned count)
{
    static struct kinfo_process listed[64];
    unsigned state = stress_seed();
    struct timespec pause_between = { 0, 200000 };
    for (;;) {
        int bytes = kinfo(KINFO_PROCESSES, listed, sizeof listed);
        for (int i = 0; i < bytes / (int)sizeof listed[0]; i++) {
            state = state * 1103515245u + 12345u;
            int blocked = listed[i].state == 'B';
            if (participant(runs, count, listed[i].pid) && (blocked ? (state >> 16) % 2 : (state >> 16) % 16 == 0))
                kill(listed[i].pid, SIGUSR1);
        }
        nanosleep(&pause_between, 0);
    }
}

static int run_mixed(const struct mechanism **list, unsigned count)
{
    static struct active runs[RUNS_MAX];
    if (count * 4 > MIXED_PROCESSES)
        count = MIXED_PROCESSES / 4;        /* the process table holds 64 */
    double started = now();
    unsigned started_runs = 0;
    for (unsigned i = 0; i < count && i < RUNS_MAX; i++)
        if (start(&runs[started_runs], list[i], 100, 1) == 0)
            started_runs++;
    pid_t signals = fork();
    if (signals == 0)
        signaller(runs, started_runs);
    printf("stress: mixed: %u runs at once, SIGUSR1 flying\n", started_runs);
    fflush(stdout);
    int stuck = wait_for(runs, started_runs);
    stop_all(runs, started_runs, signals);
    int failures = stuck ? 1 : 0;
    for (unsigned r = 0; r < started_runs; r++)
        failures += report(&runs[r], now() - started);
    return failures;
}

static int usage(void)
{
    fprintf(stderr, "usage: stress [MECHANISM ... | all | mixed | list] [--records N] [--scale PERCENT] "
                    "[--threads T] [--seed S] [--watchdog SECONDS]\n");
    return 2;
}

int main(int argc, char **argv)
{
    const struct mechanism *list[RUNS_MAX];
    unsigned count = all_mechanisms(list);
    const char *wanted[RUNS_MAX + 2];
    unsigned wanted_count = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--records") && i + 1 < argc)
            records_per_run = (unsigned)atoi(argv[++i]);
        else if (!strcmp(argv[i], "--scale") && i + 1 < argc)
            scale = (unsigned)atoi(argv[++i]);
        else if (!strcmp(argv[i], "--threads") && i + 1 < argc)
            threads_per_process = (unsigned)atoi(argv[++i]);
        else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
            stress_set_seed((uint32_t)strtoul(argv[++i], 0, 0));
        else if (!strcmp(argv[i], "--watchdog") && i + 1 < argc)
            watchdog_seconds = (unsigned)atoi(argv[++i]);
        else if (argv[i][0] == '-' || wanted_count == RUNS_MAX + 1)
            return usage();
        else
            wanted[wanted_count++] = argv[i];
    }
    if (!wanted_count)
        wanted[wanted_count++] = "all";
    if (!records_per_run || !scale || scale > 200 || !threads_per_process ||
        threads_per_process * THREADED_PROCESSES > PRODUCERS_MAX)
        return usage();

    int failures = 0;
    double started = now();
    for (unsigned w = 0; w < wanted_count; w++) {
        if (!strcmp(wanted[w], "list")) {
            for (unsigned i = 0; i < count; i++)
                printf("%s\n", list[i]->name);
            continue;
        }
        int all = !strcmp(wanted[w], "all");
        if (all || !strcmp(wanted[w], "mixed")) {
            for (unsigned i = 0; all && i < count; i++)
                failures += run_alone(list[i]);
            failures += run_mixed(list, count);
            continue;
        }
        unsigned i = 0;
        while (i < count && strcmp(list[i]->name, wanted[w]))
            i++;
        if (i == count) {
            fprintf(stderr, "stress: no mechanism called %s (stress list)\n", wanted[w]);
            return 2;
        }
        failures += run_alone(list[i]);
    }
    if (failures)
        printf("stress: the runs that failed, again:\n%s", failed_runs);
    printf("stress: %s (%d failed), %.1f s\n", failures ? "FAILED" : "all runs passed", failures, now() - started);
    return failures ? 1 : 0;
}
