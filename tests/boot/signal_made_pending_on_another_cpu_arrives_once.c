/* tests/boot/signal_made_pending_on_another_cpu_arrives_once.c
 * - a signal sent to a process that does not wait for it in sigwaitinfo,
 * sigsuspend or pause becomes pending, and on several CPUs the sender
 * makes it pending without the big lock, under the receiver's signal
 * lock (docs/smp.md, "A signal made pending without the big lock"). The
 * receiver, kept to another CPU than the sender, is found two ways:
 *   - running: it spins in user mode while the sender queues RECEIVED
 *     real-time signals (sigqueue, SIGRTMIN, value = their number) at it.
 *     Each runs the SA_SIGINFO handler exactly once, in the order sent,
 *     with its value and its sender. A full queue answers EAGAIN (the
 *     sender waits and sends the same number again): nothing is lost
 *     without the sender hearing of it;
 *   - waiting: it waits WAITS times in sigtimedwait with a timeout of 1 s
 *     for SIGUSR1, which it blocks and catches, and the sender sends one
 *     SIGUSR1 (kill) once it sees the receiver's count move. A wait that
 *     lasts its whole second is a lost wake-up: the signal pending and the
 *     waiter asleep (the wait then takes the signal all the same, so only
 *     its length tells). A first version of the send without the big lock
 *     did that: it saw the signal still blocked by a waiter about to
 *     unblock it, and the waiter looked only at its work bit.
 *     The signal may come before the wait begins (it then stays pending
 *     and the wait returns it at once), while the receiver joins the
 *     wait's queue (the receiver looks again after joining: wait_queue.c),
 *     or while it sleeps (the sender ends its wait with the big lock).
 * On one CPU both share it and every call goes the usual way; the same
 * holds. At the end the kernel's counters are back. */
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

#include "boot_pairs.h"
#include "boot_realtime.h"

#define RECEIVED 3000
#define WAITS 400

/* What the receiver and the sender share (a MAP_SHARED page). */
struct shared {
    volatile long handled;          /* SIGRTMIN handlers run */
    volatile long out_of_order;     /* handlers that saw a value other than `handled` */
    volatile long wrong_sender;
    volatile long waited;           /* SIGUSR1 taken by sigtimedwait */
    volatile long timed_out;
    volatile long late;             /* waits that lasted their whole timeout */
    volatile long sender_pid;
    volatile long ready;            /* the receiver's actions and mask are set */
};

static struct shared *shared;

static void on_realtime(int signal, siginfo_t *info, void *context)
{
    (void)context;
    if (signal != SIGRTMIN || info->si_code != SI_QUEUE || info->si_value.sival_int != shared->handled)
        shared->out_of_order++;
    if (info->si_pid != shared->sender_pid)
        shared->wrong_sender++;
    shared->handled++;
}

static void on_usr1(int signal)
{
    (void)signal;                   /* never runs: SIGUSR1 stays blocked */
}

static void receive(int cpu)
{
    keep_to_cpu(cpu);
    struct sigaction action = { .sa_sigaction = on_realtime, .sa_flags = SA_SIGINFO };
    sigaction(SIGRTMIN, &action, 0);
    struct sigaction usr1 = { .sa_handler = on_usr1 };
    sigaction(SIGUSR1, &usr1, 0);
    sigset_t blocked;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGUSR1);
    sigprocmask(SIG_SETMASK, &blocked, 0);
    shared->ready = 1;
    while (shared->handled < RECEIVED)
        ;                           /* running, in user mode */
    shared->ready = 2;              /* waiting from now on */
    struct timespec timeout = { 1, 0 };
    for (int i = 0; i < WAITS && !shared->late; i++) {
        long long began = monotonic_ns();
        int taken = sigtimedwait(&blocked, 0, &timeout);
        if (monotonic_ns() - began >= 1000000000ll)
            shared->late++;
        if (taken != SIGUSR1)
            shared->timed_out++;
        shared->waited++;
    }
    _exit(0);
}

static int cpus;
static pid_t receiver;
static int receiver_status, receiver_ended;

/* Has the receiver ended (a kernel where handlers do not run kills it
 * with the first signal)? Reaps it if so. */
static int receiver_gone(void)
{
    if (!receiver_ended && waitpid(receiver, &receiver_status, WNOHANG) == receiver)
        receiver_ended = 1;
    return receiver_ended;
}

/* Waits until `*value` reaches `target`, for at most 20 s, and not once
 * the receiver has ended; 1 if it did. On one CPU it yields, for the
 * receiver to get there; on two it spins with few system calls, so that
 * kinfo's count of calls without the big lock is mostly the sends'. */
static int wait_for(volatile long *value, long target)
{
    long long end = monotonic_ns() + 20000000000ll;
    for (unsigned long spins = 1; *value < target; spins++) {
        if (cpus == 1)
            sched_yield();
        if ((cpus == 1 || spins % 65536 == 0) && (receiver_gone() || monotonic_ns() > end))
            return *value >= target;
    }
    return 1;
}

static void signals_arrive_once_whether_the_receiver_runs_or_waits(void)
{
    cpus = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
    shared = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(shared != MAP_FAILED, "mmap of the shared page");
    if (shared == MAP_FAILED)
        return;
    struct kinfo_counters before = read_counters();
    keep_to_cpu(0);
    shared->sender_pid = getpid();
    receiver = fork();
    if (receiver == 0)
        receive(cpus - 1);
    CHECK(wait_for(&shared->ready, 1), "the receiver started");
    long full = 0;
    for (int sent = 0; sent < RECEIVED;) {
        union sigval value = { .sival_int = sent };
        if (sigqueue(receiver, SIGRTMIN, value) == 0) {
            sent++;
        } else {
            CHECK(errno == EAGAIN, "sigqueue %d: %s", sent, strerror(errno));
            if (errno != EAGAIN)
                break;
            full++;
            sched_yield();          /* the queue is full: the receiver takes some first */
        }
    }
    CHECK(wait_for(&shared->handled, RECEIVED), "the receiver ran %ld handlers of %d", shared->handled, RECEIVED);
    CHECK(wait_for(&shared->ready, 2), "the receiver began waiting");
    for (long i = 0; i < WAITS && !shared->late && check_failures == 0; i++) {
        CHECK(kill(receiver, SIGUSR1) == 0, "kill %ld: %s", i, strerror(errno));
        if (!wait_for(&shared->waited, i + 1)) {
            CHECK(0, "the receiver's wait %ld never ended", i);
            break;
        }
    }
    if (check_failures)
        kill(receiver, SIGKILL);    /* it waits for what will not come */
    if (!receiver_ended)
        CHECK_EQ(receiver, waitpid(receiver, &receiver_status, 0), "waitpid");
    CHECK(WIFEXITED(receiver_status) && WEXITSTATUS(receiver_status) == 0, "the receiver's status %#x",
          receiver_status);
    CHECK_EQ(RECEIVED, shared->handled, "SIGRTMIN handlers run");
    CHECK_EQ(0, shared->out_of_order, "handlers that saw another signal, code or value than the next");
    CHECK_EQ(0, shared->wrong_sender, "handlers that saw another sender");
    CHECK_EQ(0, shared->late, "waits that lasted their whole second with SIGUSR1 sent (a lost wake-up)");
    CHECK_EQ(WAITS, shared->waited, "waits in sigtimedwait");
    CHECK_EQ(0, shared->timed_out, "waits that ended without SIGUSR1");
    expect_calls_both_ways("signals to a running or waiting process", before, cpus, 0);
    unsigned delivered = read_counters().signals_delivered_without_big_lock - before.signals_delivered_without_big_lock;
    printf("signals made pending: %ld handled (%ld sends found the queue full), %ld ending a wait; "
           "handlers' frames built without the big lock %u\n", shared->handled, full, shared->waited, delivered);
    if (cpus == 1)
        CHECK_EQ(0u, delivered, "one CPU: every delivery takes the usual way");
    else
        CHECK(delivered >= RECEIVED / 2, "most handlers' frames built without the big lock (%u)", delivered);
    munmap(shared, 4096);
}

int main(void)
{
    alarm(110);
    run_cases_checking_leaks(signals_arrive_once_whether_the_receiver_runs_or_waits);
    return test_finish("signal_made_pending_on_another_cpu_arrives_once");
}
