/* user/tools/bench/scaling_cpus.c - do independent pairs on two CPUs go
 * twice as fast as one pair? (issue 35; docs/performance.md, "Scaling
 * across CPUs")
 *
 * Wall time, not instructions: tools/bench boots a machine with two CPUs
 * under multi-threaded TCG (each CPU a host thread, no -icount) for these
 * rows, and main.c prints, per mechanism, the round trips of one pair and
 * of two pairs in SCALING_WINDOW_MS (the best of three tries each);
 * tools/bench prints their ratio. Absolute counts mean little there (the
 * host's speed, its other work); the ratio of two counts of one run does.
 *
 * A try: `pairs` timing processes, the one of pair i kept to CPU i
 * (sched_setaffinity) with its partner (a child process, or a thread)
 * there too. Each opens its own objects, warms up, says it is ready and
 * waits for the start (the end of file on a pipe, for all at once); then
 * does round trips for SCALING_WINDOW_MS of CLOCK_MONOTONIC, counting
 * them, and reports the count. With `shared` the objects are opened once,
 * before the pairs start, and every pair uses them: one pipe (one System
 * V queue) hammered from both CPUs, any partner answering any request.
 *
 * mailbox and msg_call, this kernel's own, are in scaling_cpus_own.c. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <mqueue.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include "bench.h"

#define MAX_PAIRS     2
#define WARMUP_TRIPS  100
#define CLOCK_EVERY   8                  /* round trips between two readings of the clock */

/* What a timing process sends the coordinator: first ready (with its
 * partner's pid, to kill should anything fail), then its count. */
struct report {
    int pair;
    pid_t partner;
    uint32_t count;
    int status;                          /* 0, or -errno */
};

pid_t scaling_partner = -1;

/* scaling_run_across: the partner process kept to the other CPU. */
static int partner_across;

static int keep_to_cpu(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return sched_setaffinity(0, sizeof set, &set) < 0 ? last_error() : 0;
}

static uint64_t now_ns(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

static int send_report(int fd, struct report report)
{
    return write(fd, &report, sizeof report) == sizeof report ? 0 : last_error();
}

/* Pair `pair`'s timing process: returns its exit status. */
static int time_pair(const struct scaling_mechanism *mechanism, struct scaling_objects *objects,
                     int pair, int report_fd, int go_fd, int done_fd)
{
    struct report report = { .pair = pair, .partner = -1, .count = 0, .status = keep_to_cpu(pair) };
    int thread_started = 0;
    if (report.status == 0 && !mechanism->shared)
        report.status = mechanism->open(objects);
    if (report.status == 0 && mechanism->start_thread) {
        report.status = mechanism->start_thread();
        thread_started = 1;              /* stop_thread ends what start_thread began, failed or not */
    } else if (report.status == 0) {
        report.partner = scaling_partner = fork();
        if (report.partner == 0)
            _exit(keep_to_cpu(partner_across ? 1 - pair : pair) == 0 && mechanism->serve(objects) == 0 ? 0 : 1);
        if (report.partner < 0)
            report.status = last_error();
    }
    for (int i = 0; i < WARMUP_TRIPS && report.status == 0; i++)
        if (!mechanism->round_trip(objects))
            report.status = -EIO;
    int ready_status = send_report(report_fd, report);
    char byte;
    if (report.status == 0 && ready_status == 0 && read(go_fd, &byte, 1) == 0) {
        uint64_t end = now_ns() + (uint64_t)SCALING_WINDOW_MS * 1000000u;
        do {
            for (int i = 0; i < CLOCK_EVERY && report.status == 0; i++)
                if (mechanism->round_trip(objects))
                    report.count++;
                else
                    report.status = -EIO;
        } while (report.status == 0 && now_ns() < end);
        if (report.status == 0 && sched_getcpu() != pair)
            report.status = -EXDEV;      /* not where it was kept: the figure would mislead */
    }
    if (ready_status == 0)
        send_report(report_fd, report);
    /* shared objects: another pair's request may sit with our partner
     * until every pair has stopped counting */
    while (read(done_fd, &byte, 1) > 0)
        continue;
    if (thread_started)
        mechanism->stop_thread();
    if (report.partner > 0) {
        kill(report.partner, SIGKILL);
        waitpid(report.partner, 0, 0);
    }
    return report.status == 0 ? 0 : 1;
}

/* Reads one report from every pair; 0 or -errno. */
static int read_reports(int fd, int pairs, struct report *reports)
{
    for (int i = 0; i < pairs; i++) {
        struct report report;
        if (read(fd, &report, sizeof report) != sizeof report)
            return errno == EINTR ? -ETIMEDOUT : -EIO;
        if (report.pair < 0 || report.pair >= pairs)
            return -EIO;
        reports[report.pair] = report;
    }
    for (int i = 0; i < pairs; i++)
        if (reports[i].status < 0)
            return reports[i].status;
    return 0;
}

int scaling_run(const struct scaling_mechanism *mechanism, int pairs, struct samples *samples)
{
    if (pairs > MAX_PAIRS || sysconf(_SC_NPROCESSORS_ONLN) < 2)
        return -ENOSYS;                                       /* one CPU: NA */
    struct scaling_objects objects[MAX_PAIRS];
    struct report reports[MAX_PAIRS];
    memset(objects, -1, sizeof objects);
    memset(reports, -1, sizeof reports);
    pid_t timers[MAX_PAIRS];
    int report_pipe[2], go[2] = { -1, -1 }, done[2], started = 0;
    int status = mechanism->shared ? mechanism->open(&objects[0]) : 0;
    if (status < 0)
        return status;
    if (pipe(report_pipe) < 0)
        status = last_error();
    else if (pipe(go) < 0 || pipe(done) < 0) {
        status = last_error();
        close(report_pipe[0]);
        close(report_pipe[1]);
        if (go[0] >= 0) {
            close(go[0]);
            close(go[1]);
        }
    }
    if (status < 0) {
        if (mechanism->shared)
            mechanism->close(&objects[0]);
        return status;
    }
    fflush(stdout);
    for (int i = 0; i < pairs && status == 0; i++) {
        objects[i] = objects[0];                              /* shared: the same ones */
        timers[i] = fork();
        if (timers[i] == 0) {
            close(report_pipe[0]);
            close(go[1]);
            close(done[1]);
            _exit(time_pair(mechanism, &objects[i], i, report_pipe[1], go[0], done[0]));
        }
        if (timers[i] < 0)
            status = last_error();
        else
            started++;
    }
    close(report_pipe[1]);
    close(go[0]);
    close(done[0]);
    if (status == 0)
        status = read_reports(report_pipe[0], pairs, reports);   /* all ready */
    close(go[1]);                                              /* the start, for every pair at once */
    if (status == 0)
        status = read_reports(report_pipe[0], pairs, reports);   /* the counts */
    close(done[1]);                                            /* every pair has stopped */
    if (status < 0)
        for (int i = 0; i < started; i++) {
            kill(timers[i], SIGKILL);
            if (reports[i].partner > 0)
                kill(reports[i].partner, SIGKILL);
        }
    for (int i = 0; i < started; i++)
        waitpid(timers[i], 0, 0);
    close(report_pipe[0]);
    if (mechanism->shared)
        mechanism->close(&objects[0]);
    if (status < 0)
        return status;
    samples->value[0] = 0;
    for (int i = 0; i < pairs; i++)
        samples->value[0] += reports[i].count;
    samples->count = 1;
    return 0;
}

int scaling_run_across(const struct scaling_mechanism *mechanism, int across, struct samples *samples)
{
    if (mechanism->start_thread)
        return -EINVAL;                    /* a partner process only */
    partner_across = across;
    int status = scaling_run(mechanism, 1, samples);
    partner_across = 0;
    return status;
}

/* ---- the mechanisms ---- */

static void close_fds(struct scaling_objects *objects)
{
    for (int i = 0; i < 4; i++)
        if (objects->fd[i] >= 0)
            close(objects->fd[i]);
}

/* Pipes: fd[0], fd[1] the way to the partner; fd[2], fd[3] the way back. */
static int open_pipes(struct scaling_objects *objects)
{
    memset(objects->fd, -1, sizeof objects->fd);
    if (pipe(&objects->fd[0]) < 0 || pipe(&objects->fd[2]) < 0) {
        int error = last_error();
        close_fds(objects);
        return error;
    }
    return 0;
}

/* Any descriptor pair (pipes, a socket): a byte back for every byte. */
static int echo_bytes(int in, int out)
{
    char byte;
    for (;;)
        if (read(in, &byte, 1) != 1 || write(out, &byte, 1) != 1)
            return -1;
}

static int byte_round_trip(int out, int in)
{
    char byte = 'p';
    return write(out, &byte, 1) == 1 && read(in, &byte, 1) == 1;
}

static int serve_pipes(struct scaling_objects *objects)
{
    return echo_bytes(objects->fd[0], objects->fd[3]);
}

static int pipe_round_trip(struct scaling_objects *objects)
{
    return byte_round_trip(objects->fd[1], objects->fd[2]);
}

static const struct scaling_mechanism pipes = { 0, open_pipes, close_fds, serve_pipes, pipe_round_trip, 0, 0 };
static const struct scaling_mechanism shared_pipes = { 1, open_pipes, close_fds, serve_pipes, pipe_round_trip, 0, 0 };

int bench_scaling_pipe(int pairs, struct samples *samples)
{
    return scaling_run(&pipes, pairs, samples);
}

/* One pair: `parameter` 1, both processes on CPU 0; 2, the partner on
 * CPU 1 (every round trip wakes a process on the other CPU). */
int bench_scaling_pipe_across(int parameter, struct samples *samples)
{
    return scaling_run_across(&pipes, parameter == 2, samples);
}

/* The same, the partner a process of two threads: its second thread
 * echoes the bytes while its first waits in pthread_join, so its reads
 * and writes are those of a process of several threads. */
static struct scaling_objects *echoed_objects;

static void *echo_in_a_thread(void *unused)
{
    (void)unused;
    echo_bytes(echoed_objects->fd[0], echoed_objects->fd[3]);
    return 0;
}

/* A partner that serves by a second thread running `serve`, while its
 * first waits in pthread_join: a process of two threads. Returns -1
 * when that thread ends (it serves until it is killed). */
static int serve_by_a_second_thread(void *(*serve)(void *))
{
    pthread_t thread;
    if (pthread_create(&thread, 0, serve, 0) != 0)
        return -1;
    pthread_join(thread, 0);
    return -1;
}

static int serve_pipes_by_a_thread(struct scaling_objects *objects)
{
    echoed_objects = objects;
    return serve_by_a_second_thread(echo_in_a_thread);
}

static const struct scaling_mechanism pipes_to_a_thread = {
    0, open_pipes, close_fds, serve_pipes_by_a_thread, pipe_round_trip, 0, 0 };

int bench_scaling_pipe_thread(int pairs, struct samples *samples)
{
    return scaling_run(&pipes_to_a_thread, pairs, samples);
}

int bench_scaling_shared_pipe(int pairs, struct samples *samples)
{
    return scaling_run(&shared_pipes, pairs, samples);
}

/* A System V queue, fd[0] its id: type 1 to the partner, 2 back. */
struct queue_message {
    long type;
    char byte;
};

static int open_sysv_queue(struct scaling_objects *objects)
{
    objects->fd[0] = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    return objects->fd[0] < 0 ? last_error() : 0;
}

static void remove_sysv_queue(struct scaling_objects *objects)
{
    msgctl(objects->fd[0], IPC_RMID, 0);
}

static int serve_sysv_queue(struct scaling_objects *objects)
{
    struct queue_message message;
    for (;;) {
        if (msgrcv(objects->fd[0], &message, 1, 1, 0) != 1)
            return -1;
        message.type = 2;
        if (msgsnd(objects->fd[0], &message, 1, 0) < 0)
            return -1;
    }
}

static int sysv_round_trip(struct scaling_objects *objects)
{
    struct queue_message message = { 1, 'q' };
    return msgsnd(objects->fd[0], &message, 1, 0) == 0 && msgrcv(objects->fd[0], &message, 1, 2, 0) == 1;
}

static const struct scaling_mechanism sysv_queue = {
    0, open_sysv_queue, remove_sysv_queue, serve_sysv_queue, sysv_round_trip, 0, 0 };
static const struct scaling_mechanism shared_sysv_queue = {
    1, open_sysv_queue, remove_sysv_queue, serve_sysv_queue, sysv_round_trip, 0, 0 };

int bench_scaling_sysv_msg(int pairs, struct samples *samples)
{
    return scaling_run(&sysv_queue, pairs, samples);
}

int bench_scaling_shared_sysv_msg(int pairs, struct samples *samples)
{
    return scaling_run(&shared_sysv_queue, pairs, samples);
}

/* A System V semaphore set of two, fd[0] its id: the client raises 0
 * and takes 1, the partner takes 0 and raises 1. */
static int open_sysv_sem(struct scaling_objects *objects)
{
    objects->fd[0] = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
    return objects->fd[0] < 0 ? last_error() : 0;
}

static void remove_sysv_sem(struct scaling_objects *objects)
{
    semctl(objects->fd[0], 0, IPC_RMID);
}

static int serve_sysv_sem(struct scaling_objects *objects)
{
    struct sembuf take = { 0, -1, 0 }, answer = { 1, 1, 0 };
    for (;;)
        if (semop(objects->fd[0], &take, 1) < 0 || semop(objects->fd[0], &answer, 1) < 0)
            return -1;
}

static int sysv_sem_round_trip(struct scaling_objects *objects)
{
    struct sembuf ask = { 0, 1, 0 }, take = { 1, -1, 0 };
    return semop(objects->fd[0], &ask, 1) == 0 && semop(objects->fd[0], &take, 1) == 0;
}

static const struct scaling_mechanism sysv_sem = {
    0, open_sysv_sem, remove_sysv_sem, serve_sysv_sem, sysv_sem_round_trip, 0, 0 };

int bench_scaling_sysv_sem(int pairs, struct samples *samples)
{
    return scaling_run(&sysv_sem, pairs, samples);
}

/* POSIX queues: fd[0] to the partner, fd[1] back; their names are
 * removed at once (the pid keeps two pairs' names apart). */
#define MQ_MESSAGE_BYTES 16

static void close_mqs(struct scaling_objects *objects)
{
    for (int i = 0; i < 2; i++)
        if (objects->fd[i] != -1)
            mq_close((mqd_t)objects->fd[i]);
}

static int open_mqs(struct scaling_objects *objects)
{
    struct mq_attr attributes = { .mq_maxmsg = 8, .mq_msgsize = MQ_MESSAGE_BYTES };
    memset(objects->fd, -1, sizeof objects->fd);
    for (int i = 0; i < 2; i++) {
        char name[32];
        snprintf(name, sizeof name, "/bench_scale_%d_%d", (int)getpid(), i);
        mq_unlink(name);
        mqd_t queue = mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &attributes);
        if (queue == (mqd_t)-1) {
            int error = last_error();
            close_mqs(objects);
            return error;
        }
        mq_unlink(name);
        objects->fd[i] = (int)queue;
    }
    return 0;
}

static int serve_mqs(struct scaling_objects *objects)
{
    char buffer[MQ_MESSAGE_BYTES];
    for (;;)
        if (mq_receive((mqd_t)objects->fd[0], buffer, sizeof buffer, 0) != 1 ||
            mq_send((mqd_t)objects->fd[1], buffer, 1, 0) < 0)
            return -1;
}

static int mq_round_trip(struct scaling_objects *objects)
{
    char buffer[MQ_MESSAGE_BYTES] = { 'q' };
    return mq_send((mqd_t)objects->fd[0], buffer, 1, 0) == 0 &&
           mq_receive((mqd_t)objects->fd[1], buffer, sizeof buffer, 0) == 1;
}

static const struct scaling_mechanism posix_queues = { 0, open_mqs, close_mqs, serve_mqs, mq_round_trip, 0, 0 };

int bench_scaling_posix_mq(int pairs, struct samples *samples)
{
    return scaling_run(&posix_queues, pairs, samples);
}

/* The mutex hand-off of thread.c between two threads of the timing
 * process: three mutexes, each thread holding two; a round gives one back
 * and takes the one the other holds (two contended hand-offs, futex waits
 * and wakes). The partner answers ROUNDS rounds: endless until stopped. */
static pthread_t handoff_partner;

static int start_handoff(void)
{
    warmup_runs = 0;
    timed_runs = INT_MAX;
    return bench_mutex_handoff_begin(&handoff_partner);
}

static void stop_handoff(void)
{
    timed_runs = 0;                      /* the partner's last round */
    bench_mutex_handoff_end(handoff_partner, 0);
}

static int handoff_round(struct scaling_objects *objects)
{
    (void)objects;
    bench_mutex_handoff_round();
    return 1;
}

int scaling_no_objects(struct scaling_objects *objects)
{
    memset(objects->fd, -1, sizeof objects->fd);
    return 0;
}

void scaling_nothing_to_close(struct scaling_objects *objects)
{
    (void)objects;
}

static const struct scaling_mechanism mutex_handoff = {
    0, scaling_no_objects, scaling_nothing_to_close, 0, handoff_round, start_handoff, stop_handoff };

int bench_scaling_mutex_handoff(int pairs, struct samples *samples)
{
    return scaling_run(&mutex_handoff, pairs, samples);
}

/* Sockets: fd[0] the timing process's end, fd[1] the partner's. */
static int open_socketpair(struct scaling_objects *objects)
{
    memset(objects->fd, -1, sizeof objects->fd);
    return socketpair(AF_UNIX, SOCK_STREAM, 0, objects->fd) < 0 ? last_error() : 0;
}

static int serve_socket(struct scaling_objects *objects)
{
    return echo_bytes(objects->fd[1], objects->fd[1]);
}

static int socket_round_trip(struct scaling_objects *objects)
{
    return byte_round_trip(objects->fd[0], objects->fd[0]);
}

static const struct scaling_mechanism unix_sockets = {
    0, open_socketpair, close_fds, serve_socket, socket_round_trip, 0, 0 };

int bench_scaling_socket(int pairs, struct samples *samples)
{
    return scaling_run(&unix_sockets, pairs, samples);
}

/* Signals: the timing process sigqueues SIGRTMIN to its partner and
 * takes SIGRTMIN+1 back with sigwaitinfo; the partner the same the other
 * way. Both block the two (open, before the fork), as sigwaitinfo asks. */
static sigset_t signal_request, signal_answer;

static int block_the_signals(struct scaling_objects *objects)
{
    (void)objects;
    sigemptyset(&signal_request);
    sigaddset(&signal_request, SIGRTMIN);
    sigemptyset(&signal_answer);
    sigaddset(&signal_answer, SIGRTMIN + 1);
    sigset_t both = signal_request;
    sigaddset(&both, SIGRTMIN + 1);
    return sigprocmask(SIG_BLOCK, &both, 0) < 0 ? last_error() : 0;
}

static int serve_signals(struct scaling_objects *objects)
{
    (void)objects;
    pid_t timer = getppid();
    union sigval value = { 0 };
    for (;;)
        if (sigwaitinfo(&signal_request, 0) != SIGRTMIN || sigqueue(timer, SIGRTMIN + 1, value) < 0)
            return -1;
}

static int signal_round_trip(struct scaling_objects *objects)
{
    (void)objects;
    union sigval value = { 0 };
    return sigqueue(scaling_partner, SIGRTMIN, value) == 0 && sigwaitinfo(&signal_answer, 0) == SIGRTMIN + 1;
}

static const struct scaling_mechanism queued_signals = {
    0, block_the_signals, scaling_nothing_to_close, serve_signals, signal_round_trip, 0, 0 };

int bench_scaling_sigqueue(int pairs, struct samples *samples)
{
    return scaling_run(&queued_signals, pairs, samples);
}

/* The same, the partner a process of two threads, the books' way: both
 * block the signals, and its second thread takes the requests with
 * sigwaitinfo and answers them, while its first waits in pthread_join. */
static void *answer_signals(void *unused)
{
    (void)unused;
    pid_t timer = getppid();
    union sigval value = { 0 };
    while (sigwaitinfo(&signal_request, 0) == SIGRTMIN && sigqueue(timer, SIGRTMIN + 1, value) == 0)
        continue;
    return 0;
}

static int serve_signals_by_a_thread(struct scaling_objects *objects)
{
    (void)objects;
    return serve_by_a_second_thread(answer_signals);
}

static const struct scaling_mechanism queued_signals_to_a_thread = {
    0, block_the_signals, scaling_nothing_to_close, serve_signals_by_a_thread, signal_round_trip, 0, 0 };

int bench_scaling_sigqueue_thread(int pairs, struct samples *samples)
{
    return scaling_run(&queued_signals_to_a_thread, pairs, samples);
}

/* Signals caught by handlers, the textbook way (signal.c's
 * signal_round_trip): SIGUSR1 to the partner, SIGUSR2 back, each taken
 * by a handler while its receiver waits in sigsuspend. Both are blocked
 * outside sigsuspend (open, before the fork), so one that comes early
 * waits, pending, for the next sigsuspend. */
static volatile sig_atomic_t requests_caught, answers_caught;
static sigset_t let_the_request_in, let_the_answer_in;

static void catch_request_or_answer(int signal_number)
{
    if (signal_number == SIGUSR1)
        requests_caught++;
    else
        answers_caught++;
}

static int catch_the_signals(struct scaling_objects *objects)
{
    (void)objects;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = catch_request_or_answer;
    sigemptyset(&action.sa_mask);
    sigset_t both, before;
    sigemptyset(&both);
    sigaddset(&both, SIGUSR1);
    sigaddset(&both, SIGUSR2);
    if (sigaction(SIGUSR1, &action, 0) < 0 || sigaction(SIGUSR2, &action, 0) < 0 ||
        sigprocmask(SIG_BLOCK, &both, &before) < 0)
        return last_error();
    let_the_request_in = let_the_answer_in = before;
    sigaddset(&let_the_request_in, SIGUSR2);
    sigaddset(&let_the_answer_in, SIGUSR1);
    return 0;
}

static int serve_caught_signals(struct scaling_objects *objects)
{
    (void)objects;
    pid_t timer = getppid();
    for (sig_atomic_t answered = requests_caught;; answered++) {
        while (requests_caught == answered)
            sigsuspend(&let_the_request_in);
        if (kill(timer, SIGUSR2) < 0)
            return -1;
    }
}

static int caught_signal_round_trip(struct scaling_objects *objects)
{
    (void)objects;
    sig_atomic_t before = answers_caught;
    if (kill(scaling_partner, SIGUSR1) < 0)
        return 0;
    while (answers_caught == before)
        sigsuspend(&let_the_answer_in);
    return 1;
}

static const struct scaling_mechanism caught_signals = {
    0, catch_the_signals, scaling_nothing_to_close, serve_caught_signals, caught_signal_round_trip, 0, 0 };

int bench_scaling_signal(int pairs, struct samples *samples)
{
    return scaling_run(&caught_signals, pairs, samples);
}

/* A datagram socketpair: the same round trip, a datagram of one byte
 * each way. */
static int open_datagram_socketpair(struct scaling_objects *objects)
{
    memset(objects->fd, -1, sizeof objects->fd);
    return socketpair(AF_UNIX, SOCK_DGRAM, 0, objects->fd) < 0 ? last_error() : 0;
}

static const struct scaling_mechanism unix_datagram_sockets = {
    0, open_datagram_socketpair, close_fds, serve_socket, socket_round_trip, 0, 0 };

int bench_scaling_socket_dgram(int pairs, struct samples *samples)
{
    return scaling_run(&unix_datagram_sockets, pairs, samples);
}

/* Two datagram sockets bound to names of their own and connected to
 * each other (not a socketpair): the same round trip. The names are
 * abstract (Linux's, sun_path[0] = 0), so nothing is left in the file
 * system; once connected, neither kernel looks a name up again. */
static socklen_t abstract_address(const char *name, struct sockaddr_un *address)
{
    size_t length = strlen(name);
    *address = (struct sockaddr_un){ .sun_family = AF_UNIX };
    memcpy(address->sun_path + 1, name, length);
    return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + length);
}

static int open_named_datagram_sockets(struct scaling_objects *objects)
{
    static unsigned opened;
    char names[2][32];
    for (int end = 0; end < 2; end++)
        snprintf(names[end], sizeof names[end], "scaling-%d-%u-%d", (int)getpid(), opened, end);
    opened++;
    memset(objects->fd, -1, sizeof objects->fd);
    struct sockaddr_un addresses[2];
    socklen_t lengths[2];
    for (int end = 0; end < 2; end++) {
        lengths[end] = abstract_address(names[end], &addresses[end]);
        if ((objects->fd[end] = socket(AF_UNIX, SOCK_DGRAM, 0)) < 0 ||
            bind(objects->fd[end], (struct sockaddr *)&addresses[end], lengths[end]) < 0)
            goto failed;
    }
    for (int end = 0; end < 2; end++)
        if (connect(objects->fd[end], (struct sockaddr *)&addresses[1 - end], lengths[1 - end]) < 0)
            goto failed;
    return 0;
failed:;
    int error = last_error();
    close_fds(objects);
    return error;
}

static const struct scaling_mechanism named_datagram_sockets = {
    0, open_named_datagram_sockets, close_fds, serve_socket, socket_round_trip, 0, 0 };

int bench_scaling_socket_dgram_named(int pairs, struct samples *samples)
{
    return scaling_run(&named_datagram_sockets, pairs, samples);
}

/* A TCP connection over 127.0.0.1, TCP_NODELAY at both ends (inet.c). */
static socklen_t loopback(struct sockaddr_in *address, unsigned short port)
{
    *address = (struct sockaddr_in){ .sin_family = AF_INET, .sin_port = htons(port),
                                     .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    return sizeof *address;
}

static int open_tcp(struct scaling_objects *objects)
{
    struct sockaddr_in address;
    socklen_t length = sizeof address;
    int one = 1, status = 0;
    memset(objects->fd, -1, sizeof objects->fd);
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    objects->fd[0] = socket(AF_INET, SOCK_STREAM, 0);
    if (listener < 0 || objects->fd[0] < 0 ||
        bind(listener, (struct sockaddr *)&address, loopback(&address, 0)) < 0 || listen(listener, 1) < 0 ||
        getsockname(listener, (struct sockaddr *)&address, &length) < 0 ||
        connect(objects->fd[0], (struct sockaddr *)&address, sizeof address) < 0 ||
        (objects->fd[1] = accept(listener, 0, 0)) < 0 ||
        setsockopt(objects->fd[0], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) < 0 ||
        setsockopt(objects->fd[1], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) < 0)
        status = last_error();
    if (listener >= 0)
        close(listener);
    if (status < 0)
        close_fds(objects);
    return status;
}

static const struct scaling_mechanism tcp = { 0, open_tcp, close_fds, serve_socket, socket_round_trip, 0, 0 };

int bench_scaling_tcp(int pairs, struct samples *samples)
{
    return scaling_run(&tcp, pairs, samples);
}

/* The control: no kernel at all, a loop in user mode (SPIN_STEPS
 * additions a "round trip") and a partner that sleeps. Two CPUs give twice
 * one's count if the host runs both of QEMU's CPU threads at once: its
 * ratio is the most any row of the same run can show. */
#define SPIN_STEPS 2000

int scaling_sleep_until_killed(struct scaling_objects *objects)
{
    (void)objects;
    for (;;)
        pause();
    return 0;                            /* not reached: SIGKILL ends it */
}

static int spin(struct scaling_objects *objects)
{
    static volatile uint32_t sum;
    (void)objects;
    for (int i = 0; i < SPIN_STEPS; i++)
        sum += i;
    return 1;
}

static const struct scaling_mechanism spinning = {
    0, scaling_no_objects, scaling_nothing_to_close, scaling_sleep_until_killed, spin, 0, 0 };

int bench_scaling_spin(int pairs, struct samples *samples)
{
    return scaling_run(&spinning, pairs, samples);
}

/* The way into the kernel and out, on every CPU at once: a "round trip"
 * is one read(2) of a bad descriptor (EBADF at once, without the big
 * kernel lock) through the libc, which takes sysenter (libc/syscall.h).
 * Its twin through `int 0x80` is in scaling_cpus_own.c; docs/syscalls.md,
 * "Two ways in", says why they differ. */
static int bad_read(struct scaling_objects *objects)
{
    (void)objects;
    return read(-1, 0, 0) < 0 && errno == EBADF;
}

static const struct scaling_mechanism bad_reads = {
    0, scaling_no_objects, scaling_nothing_to_close, scaling_sleep_until_killed, bad_read, 0, 0 };

int bench_scaling_syscall(int pairs, struct samples *samples)
{
    return scaling_run(&bad_reads, pairs, samples);
}
