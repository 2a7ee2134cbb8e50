/* tests/boot/signal_handler_pairs_on_two_cpus_keep_every_signal.c
 * - two pairs of processes, each pair kept to its own CPU, signal each
 * other back and forth the textbook way: each keeps the signals it
 * expects blocked and waits for the next in sigsuspend with a mask that
 * lets it in (or, for some rounds, in pause), and a SA_SIGINFO handler
 * writes down what came. Every signal runs its handler exactly once, with
 * its number, its sender, its code and its value, while the calls go both
 * ways such a call can go on several CPUs (docs/smp.md, "Signals without
 * the big lock"): handed straight to a sleeper in sigsuspend or pause,
 * which builds its handler's frame itself, or made pending under the big
 * lock, and delivered on the way back to user mode:
 *   - a request is a kill (SIGUSR1: SI_USER, no value) every fifth round,
 *     else a sigqueue (SIGRTMIN, SI_QUEUE, the round's number); the server
 *     answers the same way (SIGUSR2, or SIGRTMIN+1 with the same value);
 *     a second run of a handler for one signal, or none, fails;
 *   - every third round the server waits in pause instead (the request
 *     unblocked by sigprocmask), and so does pair 0's client in another
 *     third of its rounds: see "pause" below for why that loses nothing;
 *   - each pair's server also takes SIGRTMIN+2 from a third process, a
 *     sender of 300 numbered signals at its own pace: their handler runs
 *     while the server runs or waits, makes system calls of its own
 *     (getpid, sigprocmask) before its sigreturn, and sees them all, in
 *     the order sent (a real-time signal queues);
 *   - every tenth round the request's handler (SA_ONSTACK) runs on an
 *     alternate stack just mmap'ed, never touched: its frame is the first
 *     write to that page, which must be faulted in on the way (a frame
 *     built without the big lock has to take it for that), and sigaltstack
 *     called there says SS_ONSTACK; the stack is taken away and unmapped
 *     after the round;
 *   - pair 0's server has a second thread (asleep): a process of several
 *     threads takes the big lock for every call, so every signal sent to
 *     it goes pending;
 *   - pair 1's client is stopped and continued again and again: its
 *     sigsuspend ends and starts again, and an answer sent while it is
 *     stopped waits, pending, for it.
 * At the end each server and client unblocks everything: whatever was
 * left pending (a signal taken twice) would run a handler then, and the
 * counts would not be ROUNDS and EXTRA. On one CPU both pairs share it, every call
 * takes the usual way, and the same holds. At the end the kernel's
 * counters (tasks, pages, queued signals' memory) are back.
 *
 * pause: pause cannot be made race-free by itself. Between the check of
 * the handler's flag and the call, the signal may come and its handler
 * run, and pause then waits for a signal that has come already; sigsuspend
 * closes that window by unblocking and sleeping in one step. So the
 * sender of a signal that a pause waits for first waits until it sees the
 * pauser asleep (kinfo's process table: every thread blocked, not
 * stopped). Nothing else blocks the pauser between its check and pause,
 * and nothing else can end that pause (the extra signals are blocked
 * while the server pauses; pair 0's client has no other sender), so the
 * signal comes after pause began, and ends it. Pair 1's client never
 * pauses: a continue restarts a pause at its `int 0x80` in user mode,
 * with the signal unblocked, and an answer taken right there would run
 * its handler before the pause starts again (sigsuspend restarts with the
 * old mask, so nothing is taken there). */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "boot_pairs.h"

#define ROUNDS 2000
#define EXTRA 300
#define EXTRA_AHEAD_AT_MOST 32          /* extras not yet handled: a server's queue holds 128 (RLIMIT_SIGPENDING) */
#define FRESH_STACK_BYTES (4 * 4096)    /* each fresh alternate stack: 4 pages, none touched before its frame */
#define PAIR_SECONDS 80                 /* a process of a pair that waits for ever: SIGALRM ends it */
#define ASLEEP_WITHIN_NS 60000000000ll  /* a pauser not seen asleep in 60 s never will be */

#define REQUEST_BY_KILL SIGUSR1
#define REQUEST_QUEUED  (SIGRTMIN)
#define ANSWER_BY_KILL  SIGUSR2
#define ANSWER_QUEUED   (SIGRTMIN + 1)
#define EXTRA_SIGNAL    (SIGRTMIN + 2)

/* What each round does. */
static int by_kill(int round)
{
    return round % 5 == 4;
}

static int server_pauses(int round)
{
    return round % 3 == 1;
}

static int client_pauses(int pair, int round)
{
    return pair == 0 && round % 3 == 2;
}

static int on_fresh_stack(int round)
{
    return round % 10 == 7;
}

#define GIVE_UP(status, ...)                                               \
    do {                                                                   \
        printf(__VA_ARGS__);                                               \
        printf("\n");                                                      \
        fflush(stdout);                                                    \
        _exit(status);                                                     \
    } while (0)

/* Each server's count of extra signals handled (MAP_SHARED, mapped before
 * the forks), read by its extra sender, which keeps at most
 * EXTRA_AHEAD_AT_MOST ahead: while a server pauses its extras wait in its
 * queue, and a full queue would refuse the client's sigqueue. */
static volatile int *extras_progress;

/* ---- the handlers --------------------------------------------------------- */

/* What the exchange's handler (a server's requests, a client's answers)
 * saw last, and how many times it ran. */
static volatile sig_atomic_t exchanges, seen_signal, seen_info_signal, seen_code, seen_pid, seen_value;
static volatile sig_atomic_t seen_stack_flags, seen_on_fresh_stack;
static volatile uintptr_t fresh_low, fresh_high;   /* the fresh alternate stack, while there is one */

static void on_exchange(int signal, siginfo_t *info, void *context)
{
    (void)context;
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    stack_t alternate;
    seen_signal = signal;
    seen_info_signal = info->si_signo;
    seen_code = info->si_code;
    seen_pid = info->si_pid;
    seen_value = info->si_value.sival_int;
    seen_on_fresh_stack = here >= fresh_low && here < fresh_high;
    if (fresh_high)                 /* a call of the handler's, on the fresh stack: SS_ONSTACK */
        seen_stack_flags = sigaltstack(0, &alternate) == 0 ? alternate.ss_flags : -1;
    exchanges++;
}

/* The extra signals' handler: each must come in order from the extra
 * sender; the first that does not is written down. */
static volatile sig_atomic_t extras, extra_wrong;   /* extra_wrong: 1 + its number, 0 while all are right */
static volatile sig_atomic_t wrong_value, wrong_pid, wrong_code, wrong_calls;
static pid_t extra_sender, own_pid;
static int own_pair;

static void on_extra(int signal, siginfo_t *info, void *context)
{
    (void)context;
    sigset_t now;
    /* system calls in the handler, sigreturn after them: ours, with our
     * own signal blocked while its handler runs */
    int calls_right = getpid() == own_pid && sigprocmask(SIG_BLOCK, 0, &now) == 0 &&
                      sigismember(&now, EXTRA_SIGNAL) == 1;
    int right = signal == EXTRA_SIGNAL && info->si_signo == EXTRA_SIGNAL && info->si_code == SI_QUEUE &&
                info->si_pid == extra_sender && info->si_value.sival_int == extras;
    if (!(right && calls_right) && !extra_wrong) {
        extra_wrong = 1 + extras;
        wrong_value = info->si_value.sival_int;
        wrong_pid = info->si_pid;
        wrong_code = info->si_code;
        wrong_calls = !calls_right;
    }
    extras++;
    extras_progress[own_pair] = extras;
}

/* SIGALRM, PAIR_SECONDS after a process of a pair began: it still waits
 * (a signal lost, or never sent). Says where and for what, and ends it. */
static const char *own_role = "?";
static const char *volatile waiting_for = "nothing";
static volatile sig_atomic_t current_round;

static void on_alarm(int signal)
{
    (void)signal;
    char line[160];
    int length = snprintf(line, sizeof line, "pair %d's %s: round %d: still waiting for %s after %d s\n", own_pair,
                          own_role, (int)current_round, waiting_for, PAIR_SECONDS);
    write(1, line, length);
    _exit(6);
}

static void catch_with(int signal, void (*handler)(int, siginfo_t *, void *), int flags, const sigset_t *mask)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = handler;
    action.sa_flags = SA_SIGINFO | flags;
    action.sa_mask = *mask;
    if (sigaction(signal, &action, 0) < 0)
        GIVE_UP(255, "sigaction(%d): %s", signal, strerror(errno));
}

/* ---- what both sides use -------------------------------------------------- */

/* The first steps of each process of pair `pair`: its name, and an alarm
 * that ends a wait that never ends. */
static void begin_pair_process(int pair, const char *role)
{
    own_pair = pair;
    own_role = role;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_alarm;
    sigaction(SIGALRM, &action, 0);
    alarm(PAIR_SECONDS);
}

static void block_the_signals(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, REQUEST_BY_KILL);
    sigaddset(&set, REQUEST_QUEUED);
    sigaddset(&set, ANSWER_BY_KILL);
    sigaddset(&set, ANSWER_QUEUED);
    sigaddset(&set, EXTRA_SIGNAL);
    CHECK_EQ(0, sigprocmask(SIG_BLOCK, &set, 0), "sigprocmask");
}

/* Round `round`'s request or answer to `to`: a kill or a sigqueue. */
static void send_exchange(pid_t to, int round, int kill_signal, int queued_signal)
{
    int sent = by_kill(round) ? kill(to, kill_signal) : send_queued(to, queued_signal, round);
    if (sent < 0)
        GIVE_UP(254, "round %d: sending to %d: %s", round, to, strerror(errno));
}

/* Returns once the process `pid` is seen asleep: every thread of it
 * blocked, and not by a stop. The pauser of this round blocks nowhere but
 * in its pause (see the top), so a signal sent now ends that pause. */
static void wait_until_asleep(pid_t pid, const char *pauser)
{
    static struct kinfo_process table[64];          /* MAX_PROCESSES */
    long long deadline = monotonic_ns() + ASLEEP_WITHIN_NS;
    waiting_for = pauser;
    for (;;) {
        int count = kinfo(KINFO_PROCESSES, table, sizeof table) / (int)sizeof table[0];
        for (int i = 0; i < count; i++)
            if (table[i].pid == pid && table[i].state == 'B' && strcmp(table[i].wait_reason, "stopped") != 0)
                return;
        if (monotonic_ns() > deadline)
            GIVE_UP(253, "%s: round %d: %s (%d) never seen", own_role, (int)current_round, pauser, pid);
        sched_yield();
    }
}

/* The exchange's handler ran once more, for round `round`'s `signal`
 * (kill_round: SI_USER, value 0; else SI_QUEUE with the round's number)
 * from `from`; on the fresh alternate stack if `fresh` (and sigaltstack
 * says so there), else on the usual stack. */
static void check_exchange(const char *who, int round, int signal, pid_t from, int fresh)
{
    int kill_round = by_kill(round);
    if (exchanges != round + 1)
        GIVE_UP(1, "%s: round %d: %d handler runs for %d signals", who, round, exchanges, round + 1);
    if (seen_signal != signal || seen_info_signal != signal || seen_pid != from ||
        seen_code != (kill_round ? SI_USER : SI_QUEUE) || seen_value != (kill_round ? 0 : round))
        GIVE_UP(2, "%s: round %d: signal %d (si_signo %d) from %d, code %d, value %d; expected %d from %d, "
                "code %d, value %d", who, round, seen_signal, seen_info_signal, seen_pid, seen_code, seen_value,
                signal, from, kill_round ? SI_USER : SI_QUEUE, kill_round ? 0 : round);
    if (seen_on_fresh_stack != fresh || (fresh && seen_stack_flags != SS_ONSTACK))
        GIVE_UP(3, "%s: round %d: the handler %s the fresh alternate stack (sigaltstack there: flags %d), "
                "expected %s", who, round, seen_on_fresh_stack ? "ran on" : "did not run on", seen_stack_flags,
                fresh ? "on it" : "the usual stack");
    seen_stack_flags = -1;
}

/* ---- the server ----------------------------------------------------------- */

/* A fresh alternate stack, mapped now and never touched, for this round. */
static void *take_fresh_stack(int round)
{
    void *stack = mmap(0, FRESH_STACK_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (stack == MAP_FAILED)
        GIVE_UP(252, "server: round %d: mmap: %s", round, strerror(errno));
    stack_t alternate = { .ss_sp = stack, .ss_flags = 0, .ss_size = FRESH_STACK_BYTES };
    if (sigaltstack(&alternate, 0) < 0)
        GIVE_UP(252, "server: round %d: sigaltstack: %s", round, strerror(errno));
    fresh_low = (uintptr_t)stack;
    fresh_high = (uintptr_t)stack + FRESH_STACK_BYTES;
    return stack;
}

static void give_back_fresh_stack(void *stack, int round)
{
    stack_t none = { .ss_sp = 0, .ss_flags = SS_DISABLE, .ss_size = 0 };
    fresh_low = fresh_high = 0;
    if (sigaltstack(&none, 0) < 0 || munmap(stack, FRESH_STACK_BYTES) < 0)
        GIVE_UP(252, "server: round %d: taking the alternate stack away: %s", round, strerror(errno));
}

/* Ends the server if an extra signal came wrong (out of order, from
 * another, or its handler's calls went wrong): at once, not after the
 * rest, which may never come. */
static void expect_extras_right(pid_t sender)
{
    if (extra_wrong)
        GIVE_UP(4, "server: extra signal %d: value %d, from %d (sender %d), code %d%s", extra_wrong - 1,
                wrong_value, wrong_pid, sender, wrong_code,
                wrong_calls ? "; getpid or sigprocmask in its handler wrong" : "");
}

/* The server of pair `pair`: ROUNDS requests from `client`, each checked
 * and answered in kind with its value; the extra sender's signals taken
 * as they come, then the rest of them. */
static void serve(int pair, pid_t client, pid_t sender)
{
    begin_pair_process(pair, "server");
    own_pid = getpid();
    extra_sender = sender;
    pthread_t sleeper;
    /* it keeps the mask of the fork, every signal of ours blocked: each is the main thread's */
    if (pair == 0 && pthread_create(&sleeper, 0, pair_thread_sleeping_for_ever, 0) != 0)
        GIVE_UP(255, "server: pthread_create");
    sigset_t requests, extra, running, waiting, pausing, nothing;
    sigemptyset(&requests);
    sigaddset(&requests, REQUEST_BY_KILL);
    sigaddset(&requests, REQUEST_QUEUED);
    sigemptyset(&extra);
    sigaddset(&extra, EXTRA_SIGNAL);
    sigemptyset(&nothing);
    catch_with(REQUEST_BY_KILL, on_exchange, SA_ONSTACK, &requests);
    catch_with(REQUEST_QUEUED, on_exchange, SA_ONSTACK, &requests);
    catch_with(EXTRA_SIGNAL, on_extra, 0, &nothing);
    sigprocmask(SIG_UNBLOCK, &extra, 0);
    sigprocmask(SIG_SETMASK, 0, &running);          /* requests blocked, extras let in */
    waiting = running;
    sigdelset(&waiting, REQUEST_BY_KILL);
    sigdelset(&waiting, REQUEST_QUEUED);
    pausing = waiting;
    sigaddset(&pausing, EXTRA_SIGNAL);              /* only the request may end the pause */
    for (int round = 0; round < ROUNDS; round++) {
        current_round = round;
        int fresh = on_fresh_stack(round);
        void *stack = fresh ? take_fresh_stack(round) : 0;
        waiting_for = "the request";
        if (server_pauses(round)) {
            sigprocmask(SIG_SETMASK, &pausing, 0);
            while (exchanges == round)
                pause();                            /* the client sends once it sees us asleep here */
            sigprocmask(SIG_SETMASK, &running, 0);
        } else {
            while (exchanges == round)
                sigsuspend(&waiting);               /* ends after a handler: ours, or an extra's */
        }
        check_exchange("server", round, by_kill(round) ? REQUEST_BY_KILL : REQUEST_QUEUED, client, fresh);
        expect_extras_right(sender);
        if (fresh)
            give_back_fresh_stack(stack, round);
        if (client_pauses(pair, round))
            wait_until_asleep(client, "the client asleep in pause");
        send_exchange(client, round, ANSWER_BY_KILL, ANSWER_QUEUED);
    }
    waiting_for = "the rest of the extra signals";
    sigprocmask(SIG_BLOCK, &extra, 0);              /* then wait for them as for the requests */
    while (extras < EXTRA && !extra_wrong)
        sigsuspend(&running);
    sigprocmask(SIG_SETMASK, &nothing, 0);          /* anything left pending runs its handler now */
    expect_extras_right(sender);
    if (exchanges != ROUNDS || extras != EXTRA)
        GIVE_UP(5, "server: %d request handler runs for %d requests, %d extra ones for %d", exchanges, ROUNDS,
                extras, EXTRA);
    _exit(0);
}

/* ---- the client ----------------------------------------------------------- */

/* The client of pair `pair`: ROUNDS requests to `server`, each answer
 * checked. */
static void call(int pair, pid_t server)
{
    begin_pair_process(pair, "client");
    sigset_t answers, running, waiting, nothing;
    sigemptyset(&answers);
    sigaddset(&answers, ANSWER_BY_KILL);
    sigaddset(&answers, ANSWER_QUEUED);
    sigemptyset(&nothing);
    catch_with(ANSWER_BY_KILL, on_exchange, 0, &answers);
    catch_with(ANSWER_QUEUED, on_exchange, 0, &answers);
    sigprocmask(SIG_SETMASK, 0, &running);          /* answers blocked */
    waiting = running;
    sigdelset(&waiting, ANSWER_BY_KILL);
    sigdelset(&waiting, ANSWER_QUEUED);
    for (int round = 0; round < ROUNDS; round++) {
        current_round = round;
        int pausing = client_pauses(pair, round);
        if (server_pauses(round))
            wait_until_asleep(server, "the server asleep in pause");
        if (pausing)                                /* the server answers once it sees us asleep in pause */
            sigprocmask(SIG_SETMASK, &waiting, 0);
        send_exchange(server, round, REQUEST_BY_KILL, REQUEST_QUEUED);
        waiting_for = "the answer";
        if (pausing) {
            while (exchanges == round)
                pause();
            sigprocmask(SIG_SETMASK, &running, 0);
        } else {
            while (exchanges == round)
                sigsuspend(&waiting);
        }
        check_exchange("client", round, by_kill(round) ? ANSWER_BY_KILL : ANSWER_QUEUED, server, 0);
    }
    sigprocmask(SIG_SETMASK, &nothing, 0);          /* anything left pending runs its handler now */
    if (exchanges != ROUNDS)
        GIVE_UP(5, "client: %d answer handler runs for %d answers", exchanges, ROUNDS);
    _exit(0);
}

/* ---- the extra sender ----------------------------------------------------- */

/* The third process: EXTRA numbered signals to pair `pair`'s `server`, a
 * few at a time with a breather between (some find it waiting, some
 * running, some pausing with them blocked). */
static void send_extras(int pair, pid_t server)
{
    begin_pair_process(pair, "extra sender");
    struct timespec breather = { 0, 300000 };
    for (int i = 0; i < EXTRA; i++) {
        current_round = i;
        waiting_for = "the server to take the extra signals sent";
        while (i - extras_progress[pair] >= EXTRA_AHEAD_AT_MOST)
            nanosleep(&breather, 0);
        if (send_queued(server, EXTRA_SIGNAL, i) < 0)
            GIVE_UP(255, "extra sender: %s", strerror(errno));
        if (i % 3 == 2)
            nanosleep(&breather, 0);
    }
    _exit(0);
}

/* ---- the test ------------------------------------------------------------- */

static void handler_pairs_keep_every_signal_whichever_way_their_calls_go(void)
{
    int cpus = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
    struct kinfo_counters before = read_counters();
    extras_progress = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(extras_progress != MAP_FAILED, "mmap of the extras' progress");
    if (extras_progress == MAP_FAILED)
        return;
    block_the_signals();                /* inherited: nothing is lost before a wait */
    pid_t pids[6];                      /* pair p's server, client and extra sender at 3p.. */
    start_signal_trios(pids, cpus, serve, call, send_extras);
    pid_t pester = start_stopping_and_continuing(pids[4], pids[4]);   /* pair 1's client */
    expect_signal_trios_done(pids);
    kill(pester, SIGKILL);
    waitpid(pester, 0, 0);                           /* (or already reaped there) */
    munmap((void *)extras_progress, 4096);
    /* both ways: pair 0's server takes every signal with the big lock,
     * and every signal to it goes pending that way */
    expect_calls_both_ways("signal handler pairs: 2000 round trips and 300 extra signals each, every one checked",
                           before, cpus, ROUNDS / 2);
}

int main(void)
{
    alarm(110);          /* a wait that never ends: SIGALRM ends the test before the harness's timeout */
    run_cases_checking_leaks(handler_pairs_keep_every_signal_whichever_way_their_calls_go);
    return test_finish("signal_handler_pairs_on_two_cpus_keep_every_signal");
}
