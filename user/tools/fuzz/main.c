/* user/tools/fuzz/main.c - the supervisor: the system-call fuzzer's entry
 * point.
 *
 *   fuzz SEED COUNT [--workers N] [--seconds S] [--trace] [--no-check] [--low-memory] [--list-after]
 *        COUNT system calls, made by N workers (default 4) and the children
 *        they fork, all drawn from SEED; then the clean-up, a check that the
 *        kernel still works, and that its counters are back where they were.
 *        --low-memory: the machine was booted with little memory, and a
 *        page fault that finds no free frame kills with SIGSEGV (the
 *        kernel's way): deaths by fault signals are not judged then
 *   fuzz --check        only the clean-up sweep and the check (tests/boot/fuzz_short)
 *   fuzz --exit N       exits with N at once (what a fuzzed exec may run)
 *
 * Exit status: 0 all well; 1 an unexpected event (its calls were printed);
 * 2 usage; 3 the kernel failed the check after the run; 4 the counters did
 * not come back. A kernel panic or hang is seen from outside (tools/fuzz). */
#include <errno.h>
#include <kernel.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fuzz.h"

struct shared *shared;

static unsigned seconds_allowed = 600;
static unsigned generations[WORKERS_MAX];

static void on_alarm(int signal)
{
    (void)signal;
}

static double now_seconds(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

static int usage(void)
{
    fprintf(stderr, "usage: fuzz SEED COUNT [--workers N] [--seconds S] [--trace] [--no-check] [--low-memory]\n"
                    "       fuzz --check | fuzz --exit N\n");
    return 2;
}

static pid_t spawn(unsigned slot)
{
    pid_t pid = fork();
    if (pid == 0)
        worker_main(slot, generations[slot]);
    if (pid > 0) {
        shared->worker_pids[slot] = pid;
        /* the new worker may have run first, registered itself and even
         * finished (a run at its end): registering it again here would
         * undo its "finished" (fuzz_short, seed 303, with every lab cut
         * but four: "exited with 0 without finishing its loop") */
        if (!record_of(pid))
            register_process(pid, KIND_WORKER);
    }
    return pid;
}

static int slot_of(pid_t pid)
{
    for (unsigned slot = 0; slot < shared->workers; slot++)
        if (shared->worker_pids[slot] == pid)
            return (int)slot;
    return -1;
}

/* A worker ended: was it the kernel's doing? */
static void judge_worker(pid_t pid, int status, unsigned slot)
{
    char who[32];
    snprintf(who, sizeof who, "worker %u", slot);
    if (check_wait_status(pid, status, who))
        return;
    struct process_record *record = record_of(pid);
    if (WIFEXITED(status) && (WEXITSTATUS(status) != 0 || (record && !record->finished))) {
        char why[96];
        snprintf(why, sizeof why, "(%s) exited with %d without finishing its loop", who, WEXITSTATUS(status));
        ring_print(pid, why);
        atomic_add(&shared->unexpected, 1);
    }
}

/* Starts the workers and the ticker, replaces workers that die (by a
 * signal a fuzzer sent, as happens) until COUNT calls are made or time is
 * up, then stops everyone. */
static void run(void)
{
    double start = now_seconds();
    extern void ticker_main(void) __attribute__((noreturn));
    pid_t ticker = fork();
    if (ticker == 0)
        ticker_main();
    shared->ticker_pid = ticker;
    for (unsigned slot = 0; slot < shared->workers; slot++)
        spawn(slot);

    struct sigaction action = { .sa_handler = on_alarm };
    sigaction(SIGALRM, &action, 0);
    unsigned live = shared->workers;
    double stop_time = 0;
    int killed_everyone = 0;
    while (live > 0) {
        alarm(1);
        int status;
        pid_t pid = waitpid(-1, &status, 0);
        alarm(0);
        double now = now_seconds();
        if (!shared->stop && (shared->calls_made >= shared->count || now - start > seconds_allowed)) {
            if (now - start > seconds_allowed)
                printf("fuzz: time is up after %u s, %u calls made\n", seconds_allowed, shared->calls_made);
            shared->stop = 1;
            stop_time = now;
        }
        if (shared->stop && now - stop_time > 5)
            for (unsigned slot = 0; slot < shared->workers; slot++)
                if (shared->worker_pids[slot] > 1)
                    kill(shared->worker_pids[slot], SIGKILL);
        /* A worker killed may still not die: it needs a CPU to, and a
         * process of ours that loops for good at a real-time priority on
         * the one CPU their affinities allow (a risky child jumping
         * through a handler address of its own making, say; worker.c ends
         * the loops through our own handler) keeps every task of its
         * priority and below off that CPU. Its parent, which kills a
         * child older than 3 s, may be one of them. So everyone goes;
         * the looper first frees the CPU. (Linux would wait for ever too.) */
        if (shared->stop && now - stop_time > 10) {
            if (!killed_everyone)
                printf("fuzz: workers still alive 10 s after the stop: every process of the run is killed\n");
            killed_everyone = 1;
            kill_everyone_of_ours();
        }
        if (pid < 0 && errno == ECHILD) {
            printf("fuzz: BUG in the supervisor: %u workers thought alive, no child left\n", live);
            break;
        }
        if (pid <= 0 || WIFSTOPPED(status))
            continue;
        int slot = slot_of(pid);
        if (shared->trace)
            say("fuzz: child %d of the supervisor ended (status 0x%x), worker slot %d\n", pid, status, slot);
        if (slot < 0)
            continue;                       /* the ticker or an orphan of ours */
        judge_worker(pid, status, (unsigned)slot);
        shared->worker_pids[slot] = 0;
        if (!shared->stop) {
            generations[slot]++;
            if (spawn((unsigned)slot) > 0)
                continue;
        }
        live--;
    }
    if (ticker > 0) {                       /* never kill(-1, ...): a fork may have failed */
        kill(ticker, SIGKILL);
        waitpid(ticker, 0, 0);
    }
    unsigned started = 0;
    for (unsigned slot = 0; slot < shared->workers; slot++)
        started += generations[slot] + 1;
    printf("fuzz: %u calls in %.1f s by %u workers over their lives\n", shared->calls_made,
           now_seconds() - start, started);
}

static struct kinfo_counters settle(void)
{
    struct kinfo_counters previous, now;
    kinfo(KINFO_COUNTERS, &previous, sizeof previous);
    for (int i = 0; i < 100; i++) {
        usleep(20000);
        kinfo(KINFO_COUNTERS, &now, sizeof now);
        if (!memcmp(&now, &previous, sizeof now))
            break;
        previous = now;
    }
    return now;
}

/* The counters as they are now, settled, but for the counts since boot
 * of calls with and without the big lock on several CPUs, taken from
 * `before`, of signals delivered without it and of x87 loads: they count
 * calls made, signals delivered and traps taken, not things that exist,
 * and never come back. */
static struct kinfo_counters settle_as(const struct kinfo_counters *before)
{
    struct kinfo_counters now = settle();
    now.calls_without_big_lock = before->calls_without_big_lock;
    now.calls_given_to_big_lock = before->calls_given_to_big_lock;
    now.signals_delivered_without_big_lock = before->signals_delivered_without_big_lock;
    now.calls_done_after_taking_big_lock = before->calls_done_after_taking_big_lock;
    now.x87_loads = before->x87_loads;
    return now;
}

/* The newest memory object's serial now (0: none), so that those made
 * during the run can be told from those that were there before. */
static unsigned newest_memory_object(void)
{
    int count = 0;
    struct kinfo_memory_object *objects = kinfo_table(KINFO_MEMORY_OBJECTS, sizeof *objects, &count);
    unsigned newest = objects && count > 0 ? objects[0].serial : 0;   /* newest first */
    free(objects);
    return newest;
}

/* Prints every memory object made after `baseline` that is still there:
 * when the counters did not come back, the one left over and what made
 * it (kernel/mm/memory_object.h). */
static void list_memory_objects_since(unsigned baseline)
{
    int count = 0;
    struct kinfo_memory_object *objects = kinfo_table(KINFO_MEMORY_OBJECTS, sizeof *objects, &count);
    for (int i = 0; objects && i < count; i++)
        if (objects[i].serial > baseline)
            printf("fuzz: memory object %u still there: made by %s in pid %d, %u references, %u pages, "
                   "file inode %u\n", objects[i].serial, objects[i].origin, objects[i].creator_pid,
                   objects[i].references, objects[i].pages, objects[i].file_inode);
    free(objects);
}

/* Every counter back where it was before the run; mismatches printed. */
static int counters_back(const struct kinfo_counters *before)
{
    struct kinfo_counters after = settle_as(before);
    for (int i = 0; i < 50 && memcmp(before, &after, sizeof after); i++) {
        usleep(100000);
        after = settle_as(before);
    }
    /* in the order of struct kinfo_counters; a counter added later is
     * compared too, and shown by its number */
    static const char *const names[] = {
        "free frames", "total frames", "kernel heap bytes", "processes", "tasks", "open files", "inodes",
        "pipes", "mailboxes", "held messages", "memory objects", "message queues", "semaphore sets",
        "shared memory segments", "POSIX message queues", "sockets", "Internet sockets", "TCP connections",
        "network packets", "network timers", "epoll instances", "epoll entries",
    };
    const unsigned *a = (const unsigned *)before, *b = (const unsigned *)&after;
    int good = 1;
    for (unsigned i = 0; i < sizeof after / sizeof(unsigned); i++)
        if (a[i] != b[i]) {
            if (i < sizeof names / sizeof names[0])
                printf("fuzz: COUNTER %s: %u before, %u after\n", names[i], a[i], b[i]);
            else
                printf("fuzz: COUNTER number %u: %u before, %u after\n", i, a[i], b[i]);
            good = 0;
        }
    return good;
}

/* The supervisor's own memory must be the same at both counts: so its
 * stack, heap (opendir), and the page tables of what it maps are all made
 * before the first count, and the shared page set stays mapped to the end. */
static void __attribute__((noinline)) touch_stack(void)
{
    volatile char deep[128 * 1024];
    for (unsigned i = 0; i < sizeof deep; i += 4096)
        deep[i] = 0;
}

static void warm_up(void)
{
    touch_stack();
    size_t heap = 512 * 1024;
    char *volatile block = malloc(heap);    /* the heap never shrinks: reused later */
    for (size_t i = 0; block && i < heap; i += 4096)
        block[i] = 0;
    free(block);
    mkdir(FUZZ_DIRECTORY, 0777);
    mkdir(FUZZ_DIRECTORY "/a", 0777);
    mkdir(FUZZ_DIRECTORY "/a/b", 0777);
    mkdir(FUZZ_DIRECTORY "/a/b/c", 0777);
    mkdir(FUZZ_DIRECTORY "/a/b/c/d", 0777);
    remove_tree(FUZZ_DIRECTORY);
    remove_fuzz_names();
    home_clean_up();
    check_kernel_still_works();
    home_warm_up();
    memset(shared, 0, sizeof *shared);
}

static int check_only(void)
{
    int swept = sweep_new_ipc_objects(0, 0);
    remove_tree(FUZZ_DIRECTORY);
    remove_fuzz_names();
    home_clean_up();
    if (swept)
        printf("fuzz: swept %d IPC objects left behind\n", swept);
    int works = check_kernel_still_works();
    printf("fuzz: the kernel %s\n", works ? "still works" : "FAILED the check");
    return works ? 0 : 3;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "--exit"))
        return atoi(argv[2]);
    dup2(1, REPORT_FD);
    if (argc >= 2 && !strcmp(argv[1], "--check"))
        return check_only();
    if (argc < 3 || !argv[1][0] || !argv[2][0])
        return usage();
    unsigned seed = (unsigned)strtoul(argv[1], 0, 0), count = (unsigned)strtoul(argv[2], 0, 0), workers = 4;
    int trace = 0, check = 1, list_after = 0, low_memory = 0;
    for (int i = 3; i < argc; i++) {
        if (!strcmp(argv[i], "--workers") && i + 1 < argc)
            workers = (unsigned)atoi(argv[++i]);
        else if (!strcmp(argv[i], "--seconds") && i + 1 < argc)
            seconds_allowed = (unsigned)atoi(argv[++i]);
        else if (!strcmp(argv[i], "--trace"))
            trace = 1;
        else if (!strcmp(argv[i], "--no-check"))
            check = 0;
        else if (!strcmp(argv[i], "--list-after"))
            list_after = 1;
        else if (!strcmp(argv[i], "--low-memory"))
            low_memory = 1;
        else
            return usage();
    }
    if (workers < 1 || workers > WORKERS_MAX)
        return usage();

    shared = mmap(0, sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) {
        perror("fuzz: mmap");
        return 3;
    }
    static char baseline_objects[64 * 1024];
    int baseline_size = 0;
    unsigned baseline_memory_object = 0;
    struct kinfo_counters before;
    memset(&before, 0, sizeof before);
    if (check) {
        warm_up();
        before = settle();
        baseline_size = snapshot_ipc_objects(baseline_objects, sizeof baseline_objects);
        baseline_memory_object = newest_memory_object();
    }
    mkdir(FUZZ_DIRECTORY, 0777);
    mkdir(HOME_FUZZ_DIRECTORY, 0777);
    memset(shared, 0, sizeof *shared);
    shared->magic = SHARED_MAGIC;
    shared->seed = seed;
    shared->count = count;
    shared->workers = workers;
    shared->trace = trace;
    shared->low_memory = low_memory;
    shared->supervisor_pid = getpid();
    printf("fuzz: seed %u, %u calls, %u workers (replay: fuzz %u %u --workers %u)\n", seed, count, workers,
           seed, count, workers);
    fflush(stdout);

    run();
    cleanup_run(check);
    unsigned unexpected = shared->unexpected;
    if (unexpected)
        printf("fuzz: %u UNEXPECTED event(s) with seed %u\n", unexpected, seed);
    if (!check)
        return unexpected ? 1 : 0;

    int swept = sweep_new_ipc_objects(baseline_objects, baseline_size);
    if (swept)
        printf("fuzz: swept %d IPC objects the registry missed\n", swept);
    int works = check_kernel_still_works();
    printf("fuzz: the kernel %s\n", works ? "still works" : "FAILED the check");
    int back = counters_back(&before);
    if (!back)
        list_memory_objects_since(baseline_memory_object);
    if (list_after || !back)
        list_tree("/", 0);
    printf("fuzz: counters %s\n", back ? "are back" : "DID NOT come back");
    fflush(stdout);
    return unexpected ? 1 : !works ? 3 : !back ? 4 : 0;
}
