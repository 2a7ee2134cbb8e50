/* tests/boot/boot_test.h - the little harness of the tests that boot.
 * Each test is a program run by /bin/init as its only child; it exits 0
 * when every CHECK held. A failed check prints what was expected and what
 * came, and the test goes on, so one run shows every failure. Helpers of
 * one kind of test live next to it: boot_wait.h (processes that wait for
 * each other), boot_stress.h (stream stress tests), boot_memory.h (mapped
 * and shared memory), boot_socket.h and boot_x87.h (the x87 registers). */
#ifndef TESTS_BOOT_BOOT_TEST_H
#define TESTS_BOOT_BOOT_TEST_H

#include <errno.h>
#include <kernel.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int check_failures;

/* The calling process (and the children it forks from now on) runs on
 * CPU `cpu` alone, as `taskset` would put it on Linux. */
static inline void keep_to_cpu(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) < 0)
        perror("sched_setaffinity");
}

/* For the tests of what one CPU does: which task runs first, how a slice
 * is shared, who runs right after whom. On a machine with several CPUs
 * (tools/run-tests' smp kind) they run beside each other instead, so such
 * a test and its children keep to CPU 0, as `taskset 1 TEST` would run it
 * on Linux. Nothing to do on one CPU. */
static inline void run_on_one_cpu(void)
{
    keep_to_cpu(0);
}

#define CHECK(condition, ...)                                              \
    do {                                                                   \
        if (!(condition)) {                                                \
            printf("FAIL %s:%d: ", __FILE__, __LINE__);                    \
            printf(__VA_ARGS__);                                           \
            printf("\n");                                                  \
            fflush(stdout);                                                \
            check_failures++;                                              \
        }                                                                  \
    } while (0)

#define CHECK_EQ(expected, actual, what)                                   \
    do {                                                                   \
        long expected_ = (long)(expected), actual_ = (long)(actual);       \
        CHECK(expected_ == actual_, "%s: expected %ld, got %ld", what,     \
              expected_, actual_);                                         \
    } while (0)

/* A system call that must fail with `error`. */
#define CHECK_ERROR(call, error)                                           \
    do {                                                                   \
        errno = 0;                                                         \
        long result_ = (long)(call);                                       \
        CHECK(result_ == -1 && errno == (error),                           \
              "%s: expected -1 with errno %d (%s), got %ld with errno %d (%s)", \
              #call, error, strerror(error), result_, errno, strerror(errno)); \
    } while (0)

static inline int test_finish(const char *name)
{
    if (check_failures) {
        printf("%s: %d check(s) failed\n", name, check_failures);
        return 1;
    }
    printf("%s: all checks passed\n", name);
    return 0;
}

/* Runs `checks` in a child process (one that may change its ids or
 * limits for good) and counts its failed checks here. */
static inline void run_checks_in_child(void (*checks)(void))
{
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        check_failures = 0;
        checks();
        fflush(stdout);
        _exit(check_failures > 255 ? 255 : check_failures);
    }
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status), "the child running checks ended with status %#x", status);
    if (WIFEXITED(status))
        check_failures += WEXITSTATUS(status);
}

/* Reads `size` bytes from `fd`, as many reads as it takes (a pipe may
 * return fewer per read); returns how many came before end of file. */
static inline int read_fully(int fd, void *buffer, int size)
{
    int total = 0, count;
    while (total < size && (count = read(fd, (char *)buffer + total, size - total)) > 0)
        total += count;
    return total;
}

/* ---- clocks ------------------------------------------------------------- */

/* Nanoseconds on CLOCK_MONOTONIC: for measuring how long something took. */
static inline long long monotonic_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000ll + t.tv_nsec;
}

/* Nanoseconds on CLOCK_REALTIME: the clock of the absolute deadlines that
 * sem_timedwait and mq_timedsend/mq_timedreceive take. */
static inline long long realtime_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return (long long)t.tv_sec * 1000000000ll + t.tv_nsec;
}

/* ---- starting children -------------------------------------------------- */

/* Forks a child that runs `path` with `argv` (it exits 127 if the exec
 * fails); returns the child's pid. */
static inline pid_t start_program(const char *path, char *const argv[])
{
    pid_t pid = fork();
    if (pid == 0) {
        execv(path, argv);
        _exit(127);
    }
    return pid;
}

/* Forks a child that exits 5 once it reads a byte from `release_fd`:
 * something to wait for in waitpid for as long as a test needs. */
static inline pid_t fork_child_exiting_5_when_released(int release_fd)
{
    pid_t child = fork();
    if (child == 0) {
        char c;
        read(release_fd, &c, 1);
        _exit(5);
    }
    return child;
}

/* ---- the kernel's counters: nothing may leak ---------------------------- */

static inline struct kinfo_counters read_counters(void)
{
    struct kinfo_counters counters;
    memset(&counters, 0, sizeof counters);
    kinfo(KINFO_COUNTERS, &counters, sizeof counters);
    return counters;
}

/* The counters once every exited task has been freed by the cleaner and
 * every TCP connection a run left has ended (TIME_WAIT lasts 2 s:
 * kernel/net/tcp_internal.h), within 5 s. */
static inline struct kinfo_counters settled_counters(unsigned tasks_expected)
{
    struct kinfo_counters counters = read_counters();
    for (int i = 0; i < 2500 && (counters.tasks != tasks_expected || counters.tcp_connections != 0); i++) {
        usleep(2000);
        counters = read_counters();
    }
    return counters;
}

/* settled_counters(before.tasks), then until the processes are back to
 * before's too, within 5 s: an orphan's process outlives its last task
 * until init reaps it, which on two CPUs may come a little later. */
static inline struct kinfo_counters settled_as_before(struct kinfo_counters before)
{
    struct kinfo_counters counters = settled_counters(before.tasks);
    for (int i = 0; i < 2500 && counters.processes != before.processes; i++) {
        usleep(2000);
        counters = read_counters();
    }
    return counters;
}

#define CHECK_NO_LEAK(before, after)                                                    \
    do {                                                                                \
        CHECK_EQ((before).free_frames, (after).free_frames, "free frames");             \
        CHECK_EQ((before).heap_bytes_used, (after).heap_bytes_used, "kernel heap bytes"); \
        CHECK_EQ((before).processes, (after).processes, "processes");                   \
        CHECK_EQ((before).tasks, (after).tasks, "tasks");                               \
        CHECK_EQ((before).open_files, (after).open_files, "open files");                \
        CHECK_EQ((before).inodes, (after).inodes, "file system nodes");                 \
        CHECK_EQ((before).pipes, (after).pipes, "pipes");                               \
        CHECK_EQ((before).mailboxes, (after).mailboxes, "mailboxes");                   \
        CHECK_EQ((before).held_messages, (after).held_messages, "held messages");       \
        CHECK_EQ((before).memory_objects, (after).memory_objects, "memory objects");    \
        CHECK_EQ((before).sysv_msg_queues, (after).sysv_msg_queues, "message queues");            \
        CHECK_EQ((before).sysv_sem_sets, (after).sysv_sem_sets, "semaphore sets");    \
        CHECK_EQ((before).sysv_shm_segments, (after).sysv_shm_segments, "shared memory segments"); \
        CHECK_EQ((before).posix_message_queues, (after).posix_message_queues, "POSIX message queues"); \
        CHECK_EQ((before).sockets, (after).sockets, "sockets");                         \
        CHECK_EQ((before).epoll_instances, (after).epoll_instances, "epoll instances"); \
        CHECK_EQ((before).epoll_entries, (after).epoll_entries, "epoll entries");       \
        CHECK_EQ((before).posix_timers, (after).posix_timers, "POSIX timers");          \
    } while (0)

/* Forks a child that exits at once: the fork makes our pages copy-on-write
 * and the child's exit gives them back, so the pages a later fork or
 * write takes first are taken now, before a test counts frames. */
static inline void warm_up_copy_on_write(void)
{
    pid_t warm = fork();
    if (warm == 0)
        _exit(0);
    waitpid(warm, NULL, 0);
}

/* warm_up_copy_on_write, then the counters once its child is freed (the
 * tasks back at `tasks`, read before): the `before` that a test compares
 * with settled_counters(tasks) at its end by CHECK_NO_LEAK. */
static inline struct kinfo_counters counters_after_warm_up(unsigned tasks)
{
    warm_up_copy_on_write();
    return settled_counters(tasks);
}

/* Uses 32 KiB of our stack before the first count, so that the stack
 * growing later is not taken for a leak (fuzz_short, stress_short). Not
 * inlined, so that its frame lies below the caller's. */
static void __attribute__((noinline, unused)) use_the_stack_before_counting(void)
{
    volatile char deep[32 * 1024];
    for (unsigned i = 0; i < sizeof deep; i += 1024)
        deep[i] = 0;
}

/* Runs the program at `path` with `argv` (the stress runs), the kernel's
 * counters read before it and after it, once its tasks are freed: it must
 * exit 0 and leave every counter where it was. */
static inline void run_program_checking_leaks(const char *path, char *const argv[])
{
    use_the_stack_before_counting();
    struct kinfo_counters before = settled_counters(read_counters().tasks);
    pid_t child = start_program(path, argv);
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "%s %s: expected exit 0, got status 0x%x (the failing runs are printed above)", path, argv[1], status);
    struct kinfo_counters after = settled_as_before(before);
    CHECK_NO_LEAK(before, after);
}

/* Runs `cases` (the test's checks) in a child, so that the pages our own
 * code and data take as they are first touched are freed with it: the
 * counters then compare only the kernel's objects. Checks that the child's checks all held (their
 * failures are printed above) and that nothing leaked. */
static inline void run_cases_checking_leaks(void (*cases)(void))
{
    unsigned tasks = read_counters().tasks;
    warm_up_copy_on_write();
    struct kinfo_counters before = settled_counters(tasks);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        cases();
        fflush(stdout);
        _exit(check_failures ? 1 : 0);
    }
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the cases: status 0x%x (failures above)", status);
    struct kinfo_counters after = settled_as_before(before);
    CHECK_NO_LEAK(before, after);
}

#endif
