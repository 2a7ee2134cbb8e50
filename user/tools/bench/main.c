/* user/tools/bench/main.c - /bin/bench: guest instructions per IPC operation.
 *
 * Run it under QEMU with `-icount shift=0` (tools/bench does; `make bench`),
 * where rdtsc counts guest instructions. It prints
 *
 *   BEGIN_RESULTS
 *   getpid 63 63                    name, upper median, minimum
 *   ...
 *   pipe_throughput 1.52 1.52       (instructions per byte, two decimals)
 *   END_RESULTS
 *
 * and `NA NA` for an operation whose mechanism the kernel does not have
 * (yet). Lines starting with '#' are notes for the person reading.
 * How each operation is timed: bench.h; the method and the figures:
 * docs/performance.md. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

enum unit {
    PER_OPERATION,                  /* samples are instructions */
    PER_BYTE,                       /* samples are hundredths of an instruction per byte */
};

struct benchmark {
    const char *name;               /* the result line's first word (tools/bench knows them) */
    benchmark_function run;
    int parameter;
    enum unit unit;
    int timed_runs;                 /* 0: TIMED_RUNS after WARMUP_RUNS; else this many after 10 */
};

/* Runs of the benchmarks with a hog beside them: Linux's baseline took
 * 200 after 10 warm-ups, and before the scheduling policy each took ten
 * million instructions. */
#define HOG_TIMED_RUNS 200
#define HOG_WARMUP_RUNS 10

/* The cold 1 MiB read: each run unmounts and mounts /home first and reads
 * 2,048 sectors one interrupt at a time, so fewer runs. */
#define COLD_TIMED_RUNS 20

/* Every result line, in the order printed. */
static const struct benchmark benchmarks[] = {
    { "getpid",                    bench_getpid,                   0,   PER_OPERATION, 0 },
    { "getpid_int80",              bench_getpid_int80,             0,   PER_OPERATION, 0 },
    { "getpid_sysenter",           bench_getpid_sysenter,          0,   PER_OPERATION, 0 },
    { "clock_gettime",             bench_clock_gettime,            0,   PER_OPERATION, 0 },
    { "pipe_round_trip",           bench_pipe_round_trip,          0,   PER_OPERATION, 0 },
    { "fifo_round_trip",           bench_fifo_round_trip,          0,   PER_OPERATION, 0 },
    { "socket_round_trip",         bench_socket_round_trip,        0,   PER_OPERATION, 0 },
    { "socket_dgram_round_trip",   bench_socket_dgram_round_trip,  0,   PER_OPERATION, 0 },
    { "socket_seqpacket_round_trip", bench_socket_seqpacket_round_trip, 0, PER_OPERATION, 0 },
    { "sendmsg_rights_round_trip", bench_sendmsg_rights_round_trip, 0,  PER_OPERATION, 0 },
    { "udp_round_trip",            bench_udp_round_trip,           0,   PER_OPERATION, 0 },
    { "tcp_round_trip",            bench_tcp_round_trip,           0,   PER_OPERATION, 0 },
    { "sysv_msg_round_trip",       bench_sysv_msg_round_trip,      0,   PER_OPERATION, 0 },
    { "posix_mq_round_trip",       bench_posix_mq_round_trip,      0,   PER_OPERATION, 0 },
    { "sysv_sem_round_trip",       bench_sysv_sem_round_trip,      0,   PER_OPERATION, 0 },
    { "posix_sem_round_trip",      bench_posix_sem_round_trip,     0,   PER_OPERATION, 0 },
    { "signal_round_trip",         bench_signal_round_trip,        0,   PER_OPERATION, 0 },
    { "sigqueue_round_trip",       bench_sigqueue_round_trip,      0,   PER_OPERATION, 0 },
    { "sigwaitinfo_round_trip",    bench_sigwaitinfo_round_trip,   0,   PER_OPERATION, 0 },
    { "sigqueue_handler_round_trip", bench_sigqueue_handler_round_trip, 0, PER_OPERATION, 0 },
    { "timer_expiry_to_handler",   bench_timer_expiry_to_handler,  0,   PER_OPERATION, 0 },
    { "sched_yield_ping",          bench_sched_yield_ping,         0,   PER_OPERATION, 0 },
    { "fork_exit_wait",            bench_fork_exit_wait,           0,   PER_OPERATION, 0 },
    { "vfork_exit_wait",           bench_vfork_exit_wait,          0,   PER_OPERATION, 0 },
    { "pipe_throughput",           bench_pipe_throughput,          0,   PER_BYTE, 0 },
    { "tcp_throughput",            bench_tcp_throughput,           0,   PER_BYTE, 0 },
    /* threads of one process */
    { "thread_create_join",        bench_thread_create_join,       0,   PER_OPERATION, 0 },
    { "mutex_lock_unlock",         bench_mutex_lock_unlock,        0,   PER_OPERATION, 0 },
    { "mutex_handoff_threads",     bench_mutex_handoff_threads,    0,   PER_OPERATION, 0 },
    { "cond_pingpong_threads",     bench_cond_pingpong_threads,    0,   PER_OPERATION, 0 },
    { "posix_sem_round_trip_threads", bench_posix_sem_round_trip_threads, 0, PER_OPERATION, 0 },
    { "sched_yield_threads",       bench_sched_yield_threads,      0,   PER_OPERATION, 0 },
    { "msg_send_recv_round_trip",  bench_msg_send_recv_round_trip, 0,   PER_OPERATION, 0 },
    { "msg_call_16",               bench_msg_call,                 16,  PER_OPERATION, 0 },
    { "msg_call_240",              bench_msg_call,                 240, PER_OPERATION, 0 },
    { "msg_call_16_reply_recv",    bench_msg_call_reply_recv,      16,  PER_OPERATION, 0 },
    { "msg_call_240_reply_recv",   bench_msg_call_reply_recv,      240, PER_OPERATION, 0 },
    { "mbox_round_trip_0",         bench_mbox_round_trip,          0,   PER_OPERATION, 0 },
    { "mbox_round_trip_16",        bench_mbox_round_trip,          16,  PER_OPERATION, 0 },
    { "poll_1",                    bench_poll,                     1,   PER_OPERATION, 0 },
    { "poll_64",                   bench_poll,                     64,  PER_OPERATION, 0 },
    { "epoll_wait_1_of_64",        bench_epoll_wait,               64,  PER_OPERATION, 0 },
    { "epoll_wait_1_of_100",       bench_epoll_wait,               100, PER_OPERATION, 0 },
    { "sigio_pipe_notify",         bench_sigio_pipe_notify,        0,   PER_OPERATION, 0 },
    /* descriptors that are events (event_files.c) */
    { "eventfd_round_trip",        bench_eventfd_round_trip,       0,   PER_OPERATION, 0 },
    { "signalfd_read",             bench_signalfd_read,            0,   PER_OPERATION, 0 },
    /* pseudoterminals (pty.c) */
    { "pty_round_trip",            bench_pty_round_trip,           0,   PER_OPERATION, 0 },
    /* file locks (record_lock.c) */
    { "record_lock_unlock",        bench_record_lock_unlock,       0,   PER_OPERATION, 0 },
    { "ofd_lock_unlock",           bench_record_lock_unlock,       1,   PER_OPERATION, 0 },
    { "record_getlk",              bench_record_getlk,             0,   PER_OPERATION, 0 },
    { "flock_lock_unlock",         bench_flock_lock_unlock,        0,   PER_OPERATION, 0 },
    /* asynchronous I/O (aio.c) */
    { "aio_read_suspend",          bench_aio_read_suspend,         0,   PER_OPERATION, 0 },
    { "lio_listio_8",              bench_lio_listio_8,             0,   PER_OPERATION, 0 },
    /* the pipe, msg_call and signal round trips while a CPU-bound process
     * spins (hog.c); "ping-pong" is the round trip's other name */
    { "pipe_pingpong_hog",         bench_pipe_round_trip_hog,      0,   PER_OPERATION, HOG_TIMED_RUNS },
    { "msg_call_16_hog",           bench_msg_call_hog,             16,  PER_OPERATION, HOG_TIMED_RUNS },
    { "signal_pingpong_hog",       bench_signal_round_trip_hog,    0,   PER_OPERATION, HOG_TIMED_RUNS },
    /* the parent on CPU 0, its partner on CPU 1 (cross_cpu.c; NA on one CPU) */
    { "cross_cpu_pipe_round_trip", bench_pipe_round_trip_cross_cpu, 0,  PER_OPERATION, 0 },
    { "cross_cpu_msg_call_16",     bench_msg_call_cross_cpu,       16,  PER_OPERATION, 0 },
    { "cross_cpu_msg_call_16_same", bench_msg_call_cross_cpu_same, 16,  PER_OPERATION, 0 },   /* both on CPU 0 */
    { "cross_cpu_msg_call_16_free", bench_msg_call_cross_cpu_free, 16,  PER_OPERATION, 0 },   /* the server may move */
    /* scaling: other processes alive and blocked (the table holds 64) */
    { "pipe_round_trip_blocked_2",  bench_pipe_round_trip_blocked, 2,   PER_OPERATION, 0 },
    { "pipe_round_trip_blocked_8",  bench_pipe_round_trip_blocked, 8,   PER_OPERATION, 0 },
    { "pipe_round_trip_blocked_32", bench_pipe_round_trip_blocked, 32,  PER_OPERATION, 0 },
    { "pipe_round_trip_blocked_56", bench_pipe_round_trip_blocked, 56,  PER_OPERATION, 0 },
    { "msg_call_16_blocked_2",      bench_msg_call_blocked,        2,   PER_OPERATION, 0 },
    { "msg_call_16_blocked_8",      bench_msg_call_blocked,        8,   PER_OPERATION, 0 },
    { "msg_call_16_blocked_32",     bench_msg_call_blocked,        32,  PER_OPERATION, 0 },
    { "msg_call_16_blocked_56",     bench_msg_call_blocked,        56,  PER_OPERATION, 0 },
    /* scaling: other objects of the same kind in existence */
    { "pipe_round_trip_objects_1",   bench_pipe_round_trip_objects, 1,   PER_OPERATION, 0 },
    { "pipe_round_trip_objects_16",  bench_pipe_round_trip_objects, 16,  PER_OPERATION, 0 },
    { "pipe_round_trip_objects_256", bench_pipe_round_trip_objects, 256, PER_OPERATION, 0 },
    { "msg_call_16_objects_1",       bench_msg_call_objects,        1,   PER_OPERATION, 0 },
    { "msg_call_16_objects_16",      bench_msg_call_objects,        16,  PER_OPERATION, 0 },
    { "msg_call_16_objects_256",     bench_msg_call_objects,        256, PER_OPERATION, 0 },
    /* files (disk.c): last, so that nothing the disk leaves behind (cached
     * blocks, the heap they took) is there for the rows above */
    { "tmp_read_4k_cached",        bench_read_4k_cached,           0,   PER_OPERATION, 0 },
    { "disk_read_4k_cached",       bench_read_4k_cached,           1,   PER_OPERATION, 0 },
    { "disk_write_4k_fsync",       bench_write_4k_fsync,           0,   PER_OPERATION, 0 },
    { "disk_create_unlink",        bench_create_unlink,            0,   PER_OPERATION, 0 },
    { "disk_read_1m_cold",         bench_read_1m_cold,             0,   PER_OPERATION, COLD_TIMED_RUNS },
};

#define BENCHMARK_COUNT (sizeof benchmarks / sizeof benchmarks[0])

/* Scaling across CPUs (scaling_cpus.c): wall time on two CPUs, not
 * instructions, so run only when asked for by name (`bench smp_scaling`,
 * tools/bench's second boot, without -icount). Each line gives the round
 * trips of 1 pair and of 2 pairs in SCALING_WINDOW_MS, the best of
 * SCALING_TRIES tries each, the tries of 1 and 2 pairs taking turns. */
#define SCALING_PREFIX "smp_scaling"
#define SCALING_TRIES  3

static const struct benchmark scaling_rows[] = {
    /* the control: user-mode loops, no kernel (how much of two CPUs the host gave) */
    { "smp_scaling_spin",          bench_scaling_spin,             0,   PER_OPERATION, 0 },
    { "smp_scaling_syscall",       bench_scaling_syscall,          0,   PER_OPERATION, 0 },
    { "smp_scaling_syscall_int80", bench_scaling_syscall_int80,    0,   PER_OPERATION, 0 },
    { "smp_scaling_pipe",          bench_scaling_pipe,             0,   PER_OPERATION, 0 },
    { "smp_scaling_pipe_thread",   bench_scaling_pipe_thread,      0,   PER_OPERATION, 0 },
    { "smp_scaling_sysv_msg",      bench_scaling_sysv_msg,         0,   PER_OPERATION, 0 },
    { "smp_scaling_sysv_sem",      bench_scaling_sysv_sem,         0,   PER_OPERATION, 0 },
    { "smp_scaling_posix_mq",      bench_scaling_posix_mq,         0,   PER_OPERATION, 0 },
    { "smp_scaling_mailbox",       bench_scaling_mailbox,          0,   PER_OPERATION, 0 },
    { "smp_scaling_mailbox_bounded", bench_scaling_mailbox_bounded, 0,  PER_OPERATION, 0 },
    { "smp_scaling_msg_call_16",   bench_scaling_msg_call,         0,   PER_OPERATION, 0 },
    { "smp_scaling_msg_call_thread", bench_scaling_msg_call_thread, 0,  PER_OPERATION, 0 },
    { "smp_scaling_mutex_handoff", bench_scaling_mutex_handoff,    0,   PER_OPERATION, 0 },
    { "smp_scaling_socket",        bench_scaling_socket,           0,   PER_OPERATION, 0 },
    { "smp_scaling_socket_dgram",  bench_scaling_socket_dgram,     0,   PER_OPERATION, 0 },
    { "smp_scaling_socket_dgram_named", bench_scaling_socket_dgram_named, 0, PER_OPERATION, 0 },
    { "smp_scaling_sigqueue",      bench_scaling_sigqueue,         0,   PER_OPERATION, 0 },
    { "smp_scaling_sigqueue_thread", bench_scaling_sigqueue_thread, 0,  PER_OPERATION, 0 },
    { "smp_scaling_signal",        bench_scaling_signal,           0,   PER_OPERATION, 0 },
    { "smp_scaling_tcp",           bench_scaling_tcp,              0,   PER_OPERATION, 0 },
    /* one object used by both CPUs' pairs at once */
    { "smp_scaling_shared_pipe",   bench_scaling_shared_pipe,      0,   PER_OPERATION, 0 },
    { "smp_scaling_shared_sysv_msg", bench_scaling_shared_sysv_msg, 0,  PER_OPERATION, 0 },
    /* one pair, its partner on the same CPU (the 1st count) or the other (the 2nd) */
    { "smp_scaling_pipe_across",   bench_scaling_pipe_across,      0,   PER_OPERATION, 0 },
};

#define SCALING_ROW_COUNT (sizeof scaling_rows / sizeof scaling_rows[0])

static struct samples samples;      /* reused by every benchmark: 4 KB, not on the stack */
int warmup_runs = WARMUP_RUNS, timed_runs = TIMED_RUNS;

/* A benchmark that hangs (a lost wake-up in a mechanism being written)
 * must not take the whole run with it. SIGALRM, caught without SA_RESTART,
 * makes the blocked call fail with EINTR, and benchmark_stopped ends
 * TIME_EACH's loop; the alarm is armed again in case the benchmark's
 * clean-up waits too. Guest seconds: with -icount shift=0 one second is
 * 10^9 instructions, and the longest benchmark takes under 10^8. */
#define WATCHDOG_SECONDS 20
volatile sig_atomic_t benchmark_stopped;

static void watchdog(int signal)
{
    (void)signal;
    benchmark_stopped = 1;
    alarm(1);
}

static int compare_counts(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Prints one figure: a count, or hundredths as "1.52". */
static void print_figure(uint32_t value, enum unit unit)
{
    if (unit == PER_BYTE)
        printf(" %u.%02u", value / 100, value % 100);
    else
        printf(" %u", value);
}

/* Runs one benchmark and prints its line: name, upper median
 * (sorted[n/2]) and minimum; NA NA if it could not run. */
static void measure(const struct benchmark *benchmark)
{
    warmup_runs = benchmark->timed_runs ? HOG_WARMUP_RUNS : WARMUP_RUNS;
    timed_runs = benchmark->timed_runs ? benchmark->timed_runs : TIMED_RUNS;
    samples.count = 0;
    benchmark_stopped = 0;
    alarm(WATCHDOG_SECONDS);
    int status = benchmark->run(benchmark->parameter, &samples);
    alarm(0);
    if (benchmark_stopped) {
        printf("# %s: stopped after %d s (guest time): it hung\n", benchmark->name, WATCHDOG_SECONDS);
        status = -ETIMEDOUT;
    }
    if (status < 0 || samples.count == 0) {
        if (status != -ENOSYS && status != -ETIMEDOUT)
            printf("# %s: %s\n", benchmark->name, status < 0 ? strerror(-status) : "no samples");
        printf("%s NA NA\n", benchmark->name);
    } else {
        qsort(samples.value, samples.count, sizeof samples.value[0], compare_counts);
        printf("%s", benchmark->name);
        print_figure(samples.value[samples.count / 2], benchmark->unit);
        print_figure(samples.value[0], benchmark->unit);
        printf("\n");
    }
    fflush(stdout);
}

/* Runs one scaling row and prints its line: name, the best count of 1
 * pair, the best of 2 pairs (NA NA if it could not run). */
static void measure_scaling(const struct benchmark *row)
{
    uint32_t best[2] = { 0, 0 }, tries[SCALING_TRIES][2] = { { 0 } };
    int status = 0;
    benchmark_stopped = 0;
    alarm(WATCHDOG_SECONDS);
    for (int try = 0; try < SCALING_TRIES && status == 0; try++)
        for (int pairs = 1; pairs <= 2 && status == 0; pairs++) {
            samples.count = 0;
            status = row->run(pairs, &samples);
            if (status == 0 && samples.count == 1) {
                tries[try][pairs - 1] = samples.value[0];
                if (samples.value[0] > best[pairs - 1])
                    best[pairs - 1] = samples.value[0];
            }
        }
    alarm(0);
    if (benchmark_stopped) {
        printf("# %s: stopped after %d s: it hung\n", row->name, WATCHDOG_SECONDS);
        status = -ETIMEDOUT;
    }
    if (status < 0 || best[0] == 0 || best[1] == 0) {
        if (status != -ENOSYS && status != -ETIMEDOUT)
            printf("# %s: %s\n", row->name, status < 0 ? strerror(-status) : "no round trips");
        printf("%s NA NA\n", row->name);
    } else {
        printf("# %s tries (1 pair, 2 pairs):", row->name);     /* how noisy the host was */
        for (int try = 0; try < SCALING_TRIES; try++)
            printf(" %u %u%s", tries[try][0], tries[try][1], try + 1 < SCALING_TRIES ? "," : "\n");
        printf("%s %u %u\n", row->name, best[0], best[1]);
    }
    fflush(stdout);
}

/* Runs one benchmark in a process of its own, forked for it. The
 * scheduling policy (docs/scheduler.md) moves a process that has used
 * much CPU down to a lower level, and /bin/bench uses a lot of it; a
 * benchmark run by /bin/bench itself would inherit the level that the
 * benchmarks before it earned, and its partner, a new process, would
 * start above it. Forked afresh, the process that times and its partner
 * start equal, at level 0, as two programs just started to talk would. */
static void run_one(const struct benchmark *benchmark, void (*how)(const struct benchmark *))
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        how(benchmark);
        fflush(stdout);
        _exit(0);
    }
    int status;
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        printf("# %s: the process that ran it failed\n", benchmark->name);
        printf("%s NA NA\n", benchmark->name);
        fflush(stdout);
    }
}

/* ---- for the benchmark files (bench.h) ---- */

pid_t start_child(int (*body)(int argument), int argument)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        bench_child_starts();            /* cross_cpu.c: on the partner's CPU */
        _exit(body(argument) == 0 ? 0 : 1);
    }
    return pid < 0 ? last_error() : pid;
}

int finish_child(pid_t pid, int status)
{
    int child_status;
    if (pid < 0)
        return status < 0 ? status : pid;
    if (status < 0)
        kill(pid, SIGKILL);
    if (waitpid(pid, &child_status, 0) < 0)
        return status < 0 ? status : last_error();
    if (status < 0)
        return status;
    return WIFEXITED(child_status) && WEXITSTATUS(child_status) == 0 ? 0 : -EIO;
}

int last_error(void)
{
    return errno ? -errno : -EIO;
}

int profile_run = -1;

/* Markers for GDB (tools/bench --profile): they do nothing, but must stay
 * real functions, so that a breakpoint can sit on each. */
__attribute__((noinline)) void profile_begin(void)
{
    __asm__ volatile("");
}

__attribute__((noinline)) void profile_end(void)
{
    __asm__ volatile("");
}

/*   bench                   every benchmark
 *   bench PREFIX            those whose names start with PREFIX (e.g. msg_call;
 *                           smp_scaling: the wall-time rows across CPUs)
 *   bench --profile NAME    only NAME, marking its middle timed run for GDB */
int main(int argc, char **argv)
{
    const char *only = "";
    int exact = 0;
    if (argc > 2 && strcmp(argv[1], "--profile") == 0) {
        only = argv[2];
        exact = 1;
        profile_run = TIMED_RUNS / 2;
    } else if (argc > 1) {
        only = argv[1];
    }
    /* a partner that died makes our write fail with EPIPE (and that
     * benchmark NA) instead of killing the whole run with SIGPIPE */
    signal(SIGPIPE, SIG_IGN);
    struct sigaction action = { .sa_handler = watchdog };   /* no SA_RESTART */
    sigemptyset(&action.sa_mask);
    sigaction(SIGALRM, &action, 0);
    printf("BEGIN_RESULTS\n");
    for (unsigned i = 0; i < BENCHMARK_COUNT; i++)
        if (exact ? strcmp(benchmarks[i].name, only) == 0
                  : strncmp(benchmarks[i].name, only, strlen(only)) == 0)
            run_one(&benchmarks[i], measure);
    for (unsigned i = 0; i < SCALING_ROW_COUNT; i++)
        if (only[0] && (exact ? strcmp(scaling_rows[i].name, only) == 0
                              : strncmp(scaling_rows[i].name, only, strlen(only)) == 0))
            run_one(&scaling_rows[i], measure_scaling);
    if (!exact && strncmp("fairness", only, strlen(only)) == 0) {
        pid_t pid = fork();             /* fresh, at level 0, as run_one does */
        if (pid == 0) {
            bench_fairness();
            _exit(0);
        }
        waitpid(pid, 0, 0);
    }
    printf("END_RESULTS\n");
    return 0;
}
