/* Each task keeps its own x87 registers, though the switch no longer
 * puts them aside and back every time (docs/scheduler.md, "The FPU"): it
 * saves them only when the task leaving used them, and a task's registers
 * come back at its first x87 instruction after a switch, which traps
 * (CR0.TS, kernel/sched/x87_lazy.h). Checked here:
 *   - two processes, and two threads of one process, each with all eight
 *     x87 registers full of its own values, hand a byte to each other
 *     through pipes ROUNDS times: every value comes back, in every round.
 *     On several CPUs the child moves to the other CPU every round, so
 *     its registers follow it from one CPU's FPU to the other's;
 *   - a fork's child starts with its parent's registers, even when the
 *     parent slept between loading them and forking (its registers then
 *     come back inside the kernel, at the fork's copy);
 *   - kinfo's x87_loads: at least one load a round above, and none at all
 *     while two processes that never use the FPU make ROUNDS round trips.
 * The x87 loads and stores sit in asm statements around raw `int 0x80`
 * calls, so no C code runs between them and the call. */
#include <pthread.h>
#include <stdint.h>
#include <sys/wait.h>
#include <time.h>
#include <uapi/syscall.h>

#include "boot_test.h"
#include "boot_x87.h"

#define ROUNDS 300

static long raw_call(long number, long a, long b, long c)
{
    long result;
    __asm__ volatile("int $0x80" : "=a"(result) : "a"(number), "b"(a), "c"(b), "d"(c) : "memory");
    return result;
}

/* One side of the exchange: ROUNDS times its eight values loaded, a byte
 * written to `out` and one read from `in` (the other side runs between),
 * the eight popped and compared. `first` writes before it reads. With
 * `move` on a machine of several CPUs it changes CPU every round. How
 * many values came back changed, or -1 if a call failed. */
static int exchange(int in, int out, int32_t base, int first, int move, int cpus)
{
    int32_t values[8];
    for (int i = 0; i < 8; i++)
        values[i] = base + i;
    int changed = 0;
    char byte = 'x';
    for (int round = 0; round < ROUNDS; round++) {
        if (move && cpus > 1)
            keep_to_cpu(round % 2);
        x87_load_eight(values);
        long wrote = 1, got = 1;
        if (first)
            wrote = raw_call(SYS_write, out, (long)&byte, 1);
        got = raw_call(SYS_read, in, (long)&byte, 1);
        if (!first)
            wrote = raw_call(SYS_write, out, (long)&byte, 1);
        changed += x87_changed_of_eight(values);
        if (wrote != 1 || got != 1)
            return -1;
    }
    return changed;
}

struct side {
    int in, out;
    int32_t base;
    int cpus;
    int changed;
};

static void *thread_side(void *argument)
{
    struct side *side = argument;
    side->changed = exchange(side->in, side->out, side->base, 0, 0, side->cpus);
    return 0;
}

static void two_processes(int cpus)
{
    int to_child[2], to_parent[2];
    CHECK_EQ(0, pipe(to_child), "pipe");
    CHECK_EQ(0, pipe(to_parent), "pipe");
    unsigned loads_before = read_counters().x87_loads;
    pid_t pid = fork();
    if (pid == 0) {
        int changed = exchange(to_child[0], to_parent[1], 1000, 0, 1, cpus);
        _exit(changed < 0 ? 99 : changed > 90 ? 90 : changed);
    }
    int changed = exchange(to_parent[0], to_child[1], 2000, 1, 0, cpus);
    int status = -1;
    waitpid(pid, &status, 0);
    unsigned loads = read_counters().x87_loads - loads_before;
    CHECK_EQ(0, changed, "the parent's x87 values that came back changed");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the child's x87 values: status 0x%x (exit N: N came back changed; 99: a call failed)", status);
    CHECK(loads >= ROUNDS, "%u x87 loads for %d rounds of two processes using the FPU", loads, ROUNDS);
    close(to_child[0]);
    close(to_child[1]);
    close(to_parent[0]);
    close(to_parent[1]);
}

static void two_threads(int cpus)
{
    int to_thread[2], to_main[2];
    CHECK_EQ(0, pipe(to_thread), "pipe");
    CHECK_EQ(0, pipe(to_main), "pipe");
    struct side side = { to_thread[0], to_main[1], 3000, cpus, -1 };
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, 0, thread_side, &side), "pthread_create");
    int changed = exchange(to_main[0], to_thread[1], 4000, 1, 0, cpus);
    CHECK_EQ(0, pthread_join(thread, 0), "pthread_join");
    CHECK_EQ(0, changed, "the first thread's x87 values that came back changed");
    CHECK_EQ(0, side.changed, "the second thread's x87 values that came back changed");
    close(to_thread[0]);
    close(to_thread[1]);
    close(to_main[0]);
    close(to_main[1]);
}

/* The parent loads its eight, sleeps (another task runs: its registers go
 * aside), and forks with raw calls: the child pops the parent's values. */
static void fork_copies_the_registers(void)
{
    static const int32_t values[8] = { 11, 22, 33, 44, 55, 66, 77, 88 };
    struct timespec a_millisecond = { 0, 1000000 };
    x87_load_eight(values);
    raw_call(SYS_nanosleep, (long)&a_millisecond, 0, 0);
    long pid = raw_call(SYS_fork, 0, 0, 0);
    int changed = x87_changed_of_eight(values);
    if (pid == 0)
        _exit(changed);
    int status = -1;
    CHECK(pid > 0, "fork: %ld", pid);
    waitpid((pid_t)pid, &status, 0);
    CHECK_EQ(0, changed, "the parent's own x87 values that came back changed across its fork");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the child's copy of its parent's x87 values: status 0x%x (exit N: N differ)", status);
}

/* Two processes that never execute an x87 instruction: no load at all. */
static void no_loads_without_the_fpu(void)
{
    int to_child[2], to_parent[2];
    CHECK_EQ(0, pipe(to_child), "pipe");
    CHECK_EQ(0, pipe(to_parent), "pipe");
    pid_t pid = fork();
    if (pid == 0) {
        char byte;
        close(to_child[1]);
        close(to_parent[0]);
        while (read(to_child[0], &byte, 1) == 1 && write(to_parent[1], &byte, 1) == 1)
            continue;
        _exit(0);
    }
    close(to_child[0]);
    close(to_parent[1]);
    char byte = 'y';
    int trips = 0;
    unsigned loads_before = read_counters().x87_loads;
    for (int i = 0; i < ROUNDS; i++)
        trips += write(to_child[1], &byte, 1) == 1 && read(to_parent[0], &byte, 1) == 1;
    unsigned loads = read_counters().x87_loads - loads_before;
    close(to_child[1]);
    waitpid(pid, 0, 0);
    close(to_parent[0]);
    CHECK_EQ(ROUNDS, trips, "pipe round trips");
    CHECK_EQ(0, loads, "x87 loads while two processes that never use the FPU made round trips");
}

static void cases(void)
{
    int cpus = (int)read_counters().cpus;
    two_processes(cpus);
    two_threads(cpus);
    fork_copies_the_registers();
    no_loads_without_the_fpu();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("sched_x87_registers_follow_their_task_and_load_only_when_used");
}
