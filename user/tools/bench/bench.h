/* user/tools/bench/bench.h - what the benchmark files share
 * (docs/performance.md).
 *
 * Every benchmark measures one operation the same way: WARMUP_RUNS untimed
 * runs, then TIMED_RUNS runs timed one at a time with `rdtsc` on either
 * side. Under QEMU's `-icount shift=0` the time stamp counter advances by
 * one per guest instruction, so each sample is the number of instructions
 * the machine executed for that one operation: ours in user mode, the
 * kernel's, the other process's, and any interrupt that came in between.
 * main.c sorts the samples and prints the upper median and the minimum. */
#ifndef USER_BENCH_BENCH_H
#define USER_BENCH_BENCH_H

#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/types.h>

#define WARMUP_RUNS 100
#define TIMED_RUNS  1000

/* The runs of the benchmark being measured: WARMUP_RUNS and TIMED_RUNS,
 * unless its entry in main.c asks for fewer (the ones with a CPU hog
 * beside them, which took ten million instructions each before the
 * scheduling policy). Set before the benchmark starts its partners, so
 * they know too. */
extern int warmup_runs, timed_runs;
#define ROUNDS (warmup_runs + timed_runs)   /* how many a partner process answers */

/* The samples one benchmark hands back to main.c. */
struct samples {
    int count;                      /* how many were taken (TIMED_RUNS, or fewer for throughput) */
    uint32_t value[TIMED_RUNS];     /* instructions each (throughput: hundredths per byte) */
};

/* The time stamp counter's low half. A difference of two readings is right
 * modulo 2^32, and no single operation here comes near 2^32 instructions. */
static inline uint32_t read_tsc(void)
{
    uint32_t low, high;
    __asm__ volatile("rdtsc" : "=a"(low), "=d"(high) : : "memory");
    (void)high;
    return low;
}

/* `tools/bench --profile NAME` runs `bench --profile NAME`, which sets
 * profile_run to one timed run; GDB single-steps that run from
 * profile_begin to profile_end, outside the rdtsc pair, and counts the
 * instructions of each function on the way. -1: not profiling. */
extern int profile_run;
void profile_begin(void);
void profile_end(void);

/* Set by main.c's watchdog when a benchmark has run too long (it hangs):
 * TIME_EACH then stops, and the benchmark's line says NA. */
extern volatile sig_atomic_t benchmark_stopped;

/* The measurement loop: `operation` (a statement) runs warmup_runs times
 * untimed, then timed_runs times between two rdtsc, each count going into
 * samples->value[]. A macro, not a function taking a function pointer, so
 * nothing but the operation and the two rdtsc sits inside the timed part;
 * the checks around it (the watchdog, the profiling marker) stay outside. */
#define TIME_EACH(samples, operation) TIME_EACH_WITH(samples, , 0, operation)

/* TIME_EACH with two more pieces, for operations that wait for a disk
 * (disk.c):
 *   prepare  a statement (or nothing) run untimed before each run of
 *            `operation`, warm-ups included: what must be set up afresh
 *            each time (disk.c empties the cache so);
 *   others   an expression (or 0): how many instructions another process
 *            has executed so far, read before and after each run; the
 *            difference is taken off the run's count. disk.c's spinner
 *            keeps the CPU busy while the operation waits for the disk, so
 *            that the wait is not counted as time the CPU was halted. */
#define TIME_EACH_WITH(samples, prepare, others, operation)             \
    do {                                                                \
        for (int warmup_ = 0; warmup_ < warmup_runs && !benchmark_stopped; warmup_++) { \
            prepare;                                                    \
            operation;                                                  \
        }                                                               \
        int run_ = 0;                                                   \
        for (; run_ < timed_runs && !benchmark_stopped; run_++) {       \
            prepare;                                                    \
            if (run_ == profile_run)                                    \
                profile_begin();                                        \
            uint32_t others_before_ = (others);                         \
            uint32_t start_ = read_tsc();                               \
            operation;                                                  \
            uint32_t end_ = read_tsc();                                 \
            (samples)->value[run_] = end_ - start_ - ((others) - others_before_); \
            if (run_ == profile_run)                                    \
                profile_end();                                          \
        }                                                               \
        (samples)->count = run_;                                        \
    } while (0)

/* A benchmark: fills `samples` and returns 0, or returns -errno when it
 * cannot run (-ENOSYS: the kernel lacks the mechanism; main.c prints NA).
 * `parameter` is the benchmark's own knob (a message size, a count). */
typedef int (*benchmark_function)(int parameter, struct samples *samples);

/* Starts a child that runs body(argument) and then _exits with what it
 * returned. Flushes stdout first, so the child does not inherit (and later
 * print again) what the parent has buffered. Returns the pid or -errno. */
pid_t start_child(int (*body)(int argument), int argument);

/* Ends a benchmark's child: when the benchmark failed (`status` < 0) the
 * child may wait forever for a message that will not come, so it is killed
 * first. Then waits for it. Returns `status` if that was an error, else 0
 * if the child exited with status 0, -EIO if it did not, or -errno. */
int finish_child(pid_t pid, int status);

/* -errno of the last failed libc call (errno as a negative number). */
int last_error(void);

/* timer.c: a timer's expiry to its handler */
int bench_timer_expiry_to_handler(int unused, struct samples *samples);

/* syscall.c */
int bench_getpid(int unused, struct samples *samples);
int bench_getpid_int80(int unused, struct samples *samples);
int bench_getpid_sysenter(int unused, struct samples *samples);
int bench_clock_gettime(int unused, struct samples *samples);

/* pipe.c */
int bench_pipe_round_trip(int unused, struct samples *samples);
int bench_fifo_round_trip(int unused, struct samples *samples);
int bench_pipe_throughput(int unused, struct samples *samples);

/* record_lock.c: fcntl's record locks and flock */
int bench_record_lock_unlock(int unused, struct samples *samples);
int bench_record_getlk(int unused, struct samples *samples);
int bench_flock_lock_unlock(int unused, struct samples *samples);
int bench_aio_read_suspend(int unused, struct samples *samples);
int bench_lio_listio_8(int unused, struct samples *samples);

/* socket.c */
int bench_socket_round_trip(int unused, struct samples *samples);
int bench_socket_dgram_round_trip(int unused, struct samples *samples);
int bench_socket_seqpacket_round_trip(int unused, struct samples *samples);

/* socket_rights.c: a descriptor passed with SCM_RIGHTS */
int bench_sendmsg_rights_round_trip(int unused, struct samples *samples);

/* inet.c: Internet sockets over the loopback */
int bench_udp_round_trip(int unused, struct samples *samples);
int bench_tcp_round_trip(int unused, struct samples *samples);
int bench_tcp_throughput(int unused, struct samples *samples);

/* sysv.c */
int bench_sysv_msg_round_trip(int unused, struct samples *samples);
int bench_sysv_sem_round_trip(int unused, struct samples *samples);

/* posix.c */
int bench_posix_mq_round_trip(int unused, struct samples *samples);
int bench_posix_sem_round_trip(int unused, struct samples *samples);

/* signal.c */
int bench_signal_round_trip(int unused, struct samples *samples);
int bench_sigqueue_round_trip(int unused, struct samples *samples);
int bench_sigwaitinfo_round_trip(int unused, struct samples *samples);
int bench_sigqueue_handler_round_trip(int unused, struct samples *samples);

/* process.c */
int bench_sched_yield_ping(int unused, struct samples *samples);
int bench_fork_exit_wait(int unused, struct samples *samples);
int bench_vfork_exit_wait(int unused, struct samples *samples);

/* thread.c */
int bench_thread_create_join(int unused, struct samples *samples);
int bench_mutex_lock_unlock(int unused, struct samples *samples);
int bench_mutex_handoff_threads(int unused, struct samples *samples);
int bench_cond_pingpong_threads(int unused, struct samples *samples);
int bench_posix_sem_round_trip_threads(int unused, struct samples *samples);
int bench_sched_yield_threads(int unused, struct samples *samples);
/* the mutex hand-off in pieces, for scaling_cpus.c */
int bench_mutex_handoff_begin(pthread_t *partner);
void bench_mutex_handoff_round(void);
int bench_mutex_handoff_end(pthread_t partner, int status);

/* message.c */
int bench_msg_send_recv_round_trip(int unused, struct samples *samples);
int bench_msg_call(int body_bytes, struct samples *samples);
int bench_msg_call_reply_recv(int body_bytes, struct samples *samples);

/* poll.c */
int bench_poll(int count, struct samples *samples);

/* epoll.c */
int bench_epoll_wait(int count, struct samples *samples);

/* sigio.c */
int bench_sigio_pipe_notify(int unused, struct samples *samples);

/* event_files.c */
int bench_eventfd_round_trip(int unused, struct samples *samples);
int bench_signalfd_read(int unused, struct samples *samples);

/* pty.c */
int bench_pty_round_trip(int unused, struct samples *samples);

/* mailbox.c */
int bench_mbox_round_trip(int capacity, struct samples *samples);

/* cross_cpu.c: the pipe and msg_call round trips with the partner on
 * another CPU than the timing process (-ENOSYS, NA, on one CPU).
 * start_child calls bench_child_starts in the child first, which keeps
 * it to bench_partner_cpu when that is set. */
extern int bench_partner_cpu;
void bench_child_starts(void);
int bench_pipe_round_trip_cross_cpu(int unused, struct samples *samples);
int bench_msg_call_cross_cpu(int body_bytes, struct samples *samples);
int bench_msg_call_cross_cpu_free(int body_bytes, struct samples *samples);
int bench_msg_call_cross_cpu_same(int body_bytes, struct samples *samples);

/* hog.c: round trips while a CPU-bound process spins beside them, and
 * how CPU-bound processes share the CPU */
int bench_pipe_round_trip_hog(int unused, struct samples *samples);
int bench_msg_call_hog(int body_bytes, struct samples *samples);
int bench_signal_round_trip_hog(int unused, struct samples *samples);
void bench_fairness(void);

/* disk.c: files on the disk (/home) and, for comparison, in /tmp */
int bench_read_4k_cached(int on_disk, struct samples *samples);
int bench_write_4k_fsync(int unused, struct samples *samples);
int bench_create_unlink(int unused, struct samples *samples);
int bench_read_1m_cold(int unused, struct samples *samples);

/* scaling.c */
int bench_pipe_round_trip_blocked(int processes, struct samples *samples);
int bench_msg_call_blocked(int processes, struct samples *samples);
int bench_pipe_round_trip_objects(int pipes, struct samples *samples);
int bench_msg_call_objects(int messages, struct samples *samples);

/* scaling_cpus.c: wall-time round trips of `pairs` pairs at once, pair i
 * kept to CPU i (tools/bench's scaling boot, multi-threaded TCG, no
 * -icount). Each run_ function is one try of SCALING_WINDOW_MS; it puts
 * the round trips of every pair together in samples->value[0] (count 1),
 * or returns -errno (-ENOSYS: NA, as on one CPU). */
#define SCALING_WINDOW_MS 300

/* A pair's objects: descriptors (pipes, sockets, queues, mailboxes) or a
 * System V queue's id, as each mechanism uses them. */
struct scaling_objects {
    int fd[4];
};

/* One mechanism in the scaling run. */
struct scaling_mechanism {
    int shared;                                   /* 1: one object for every pair */
    int (*open)(struct scaling_objects *);        /* 0 or -errno; undone by close */
    void (*close)(struct scaling_objects *);
    int (*serve)(struct scaling_objects *);       /* the partner process: answers until killed */
    int (*round_trip)(struct scaling_objects *);  /* 1 if the round trip went through */
    /* instead of serve, a partner thread in the timing process: started
     * once the objects are open (0 or -errno), and stopped and joined */
    int (*start_thread)(void);
    void (*stop_thread)(void);
};

/* Pieces of mechanisms: no objects (every fd -1), nothing to close, and
 * a partner that only sleeps, for the rows whose round trip needs none. */
int scaling_no_objects(struct scaling_objects *objects);
void scaling_nothing_to_close(struct scaling_objects *objects);
int scaling_sleep_until_killed(struct scaling_objects *objects);

/* In a timing process, its partner process's pid (-1: none yet). */
extern pid_t scaling_partner;

/* Runs `mechanism` with `pairs` pairs for SCALING_WINDOW_MS (above). */
int scaling_run(const struct scaling_mechanism *mechanism, int pairs, struct samples *samples);

/* The same with one pair, its partner process kept to CPU 1 if `across`
 * (to CPU 0, beside the timing process, if not): a round trip between
 * two CPUs against one on one CPU, in wall time. */
int scaling_run_across(const struct scaling_mechanism *mechanism, int across, struct samples *samples);
int bench_scaling_pipe_across(int parameter, struct samples *samples);

int bench_scaling_spin(int pairs, struct samples *samples);
int bench_scaling_syscall(int pairs, struct samples *samples);
int bench_scaling_syscall_int80(int pairs, struct samples *samples);
int bench_scaling_pipe(int pairs, struct samples *samples);
int bench_scaling_pipe_thread(int pairs, struct samples *samples);
int bench_scaling_sysv_msg(int pairs, struct samples *samples);
int bench_scaling_sysv_sem(int pairs, struct samples *samples);
int bench_scaling_posix_mq(int pairs, struct samples *samples);
int bench_scaling_mutex_handoff(int pairs, struct samples *samples);
int bench_scaling_socket(int pairs, struct samples *samples);
int bench_scaling_socket_dgram(int pairs, struct samples *samples);
int bench_scaling_socket_dgram_named(int pairs, struct samples *samples);
int bench_scaling_sigqueue(int pairs, struct samples *samples);
int bench_scaling_sigqueue_thread(int pairs, struct samples *samples);
int bench_scaling_signal(int pairs, struct samples *samples);
int bench_scaling_tcp(int pairs, struct samples *samples);
int bench_scaling_shared_pipe(int pairs, struct samples *samples);
int bench_scaling_shared_sysv_msg(int pairs, struct samples *samples);

/* scaling_cpus_own.c: this kernel's own calls (NA on Linux) */
int bench_scaling_mailbox(int pairs, struct samples *samples);
int bench_scaling_mailbox_bounded(int pairs, struct samples *samples);
int bench_scaling_msg_call(int pairs, struct samples *samples);
int bench_scaling_msg_call_thread(int pairs, struct samples *samples);

#endif
