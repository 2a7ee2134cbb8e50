/* tests/boot/thread_signals_reach_the_thread_they_are_meant_for.c - which
 * thread takes a signal (signal(7), pthreads(7)). A signal sent to the
 * process (kill) is taken once, by one thread that does not block it: the
 * only one when the others block it, never several; while every thread
 * blocks it, it stays pending for the process (each thread's sigpending
 * shows it) until one unblocks it, and that one takes it. pthread_kill
 * reaches exactly the thread it names, the first thread too, and waits
 * for it alone while it blocks the signal, even when others do not. The
 * signal mask is each thread's own: a new thread starts with its
 * creator's, and a change in one thread is not seen in another. A fault
 * (SIGSEGV from a bad pointer, SIGFPE from a division by zero) runs its
 * handler in the faulting thread (gettid there is its tid, in the
 * kernel's eyes and the libc's), and kills the process when that thread
 * blocks it, though others do not. */
#include <signal.h>
#include <sys/mman.h>

#include "boot_test.h"
#include "boot_thread.h"
#include "boot_wait.h"

#define THREADS 4
#define FAULT_CAUGHT 42
#define FAULT_ELSEWHERE 43
#define EVERYBODY_BLOCKS (-1)       /* values of chosen_index */
#define NOBODY_BLOCKS (-2)

static volatile int taken_here;
static volatile int *taken = &taken_here;   /* SIGUSR1 handlers run (in shared memory for a child) */
static volatile int taker;          /* the kernel's tid of the thread that ran the last one */
static volatile int libc_taker;     /* gettid() there: the thread's own block */
static volatile int release, ready, ended, reported;
static volatile int chosen_index;   /* the one thread that does not block SIGUSR1, or the two above */
static volatile int unblock_index = -1; /* asked to unblock SIGUSR1 now */
static volatile int tids[THREADS], saw_pending[THREADS];

static void on_usr1(int signal)
{
    (void)signal;
    taker = kernel_tid();
    libc_taker = gettid();
    atomic_add_int(taken, 1);
}

static void on_usr2(int signal)
{
    (void)signal;                   /* only ends a pause */
}

static sigset_t just(int signal)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, signal);
    return set;
}

static int blocks(int signal)
{
    sigset_t now;
    pthread_sigmask(SIG_BLOCK, NULL, &now);
    return sigismember(&now, signal);
}

static int pending_here(int signal)
{
    sigset_t pending;
    sigemptyset(&pending);
    sigpending(&pending);
    return sigismember(&pending, signal);
}

/* A thread that blocks SIGUSR1 unless it is the chosen one, then pauses
 * until released. Each SIGUSR2 ends a pause: the thread then notes
 * whether it sees SIGUSR1 pending, and unblocks it if asked to. */
static void *waiter(void *argument)
{
    long index = (long)argument;
    sigset_t usr1 = just(SIGUSR1);
    int blocked = chosen_index == EVERYBODY_BLOCKS || (chosen_index >= 0 && index != chosen_index);
    pthread_sigmask(blocked ? SIG_BLOCK : SIG_UNBLOCK, &usr1, NULL);
    tids[index] = gettid();
    saw_pending[index] = -1;
    atomic_add_int(&ready, 1);
    while (!release) {
        pause();
        if (saw_pending[index] < 0) {
            saw_pending[index] = pending_here(SIGUSR1);
            atomic_add_int(&reported, 1);
        }
        if (unblock_index == index) {
            unblock_index = -1;
            pthread_sigmask(SIG_UNBLOCK, &usr1, NULL);   /* a pending SIGUSR1 is taken here */
        }
    }
    atomic_add_int(&ended, 1);
    return 0;
}

/* Sends SIGUSR2 to every thread until `*count` reaches `value`: a thread
 * may miss one that comes just before its pause. */
static int kick_until(pthread_t *threads, volatile int *count, int value)
{
    for (int attempt = 0; attempt < 500 && *count < value; attempt++) {
        for (int i = 0; i < THREADS; i++)
            pthread_kill(threads[i], SIGUSR2);
        usleep(4000);
    }
    return *count >= value;
}

static void start_waiters(pthread_t *threads, int chosen)
{
    *taken = taker = libc_taker = release = ready = ended = reported = 0;
    chosen_index = chosen;
    start_threads(threads, THREADS, waiter);
    CHECK(wait_until_at_least(&ready, THREADS), "the threads did not all start");
    for (int i = 0; i < THREADS; i++)
        CHECK(wait_until_thread_blocked_in(tids[i], "pause"), "thread %d does not pause", i);
}

static void end_waiters(pthread_t *threads)
{
    release = 1;
    CHECK(kick_until(threads, &ended, THREADS), "the waiting threads did not end");
    join_threads(threads, THREADS);
}

static void kill_goes_to_the_one_thread_that_does_not_block_it(void)
{
    sigset_t usr1 = just(SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &usr1, NULL);        /* not the first thread either */
    for (int chosen = 0; chosen < THREADS; chosen++) {
        pthread_t threads[THREADS];
        start_waiters(threads, chosen);
        kill(getpid(), SIGUSR1);
        CHECK(wait_until_at_least(taken, 1), "kill: no thread took SIGUSR1 (thread %d does not block it)",
              chosen);
        usleep(20000);
        CHECK_EQ(1, *taken, "handlers run for one kill");
        CHECK_EQ(tids[chosen], taker, "the thread that took the kill (the only one not blocking it)");
        CHECK_EQ(tids[chosen], libc_taker, "gettid() in the handler");
        end_waiters(threads);
    }
    pthread_sigmask(SIG_UNBLOCK, &usr1, NULL);
}

static void pending_for_the_process_until_a_thread_unblocks_it(void)
{
    sigset_t usr1 = just(SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &usr1, NULL);
    pthread_t threads[THREADS];
    start_waiters(threads, EVERYBODY_BLOCKS);
    kill(getpid(), SIGUSR1);
    usleep(20000);
    CHECK_EQ(0, *taken, "handlers run while every thread blocks the signal");
    CHECK(pending_here(SIGUSR1), "the first thread's sigpending does not show the process's SIGUSR1");
    CHECK(kick_until(threads, &reported, THREADS), "the threads did not look at their sigpending");
    for (int i = 0; i < THREADS; i++)
        CHECK_EQ(1, saw_pending[i], "the process's blocked SIGUSR1 in a thread's sigpending");

    unblock_index = 2;
    CHECK(kick_until(threads, taken, 1), "the thread that unblocked SIGUSR1 did not take it");
    CHECK_EQ(tids[2], taker, "the thread that took the pending signal: the one that unblocked it");
    CHECK(!pending_here(SIGUSR1), "SIGUSR1 still pending after a thread took it");
    usleep(20000);
    CHECK_EQ(1, *taken, "handlers run for one pending signal");
    end_waiters(threads);
    pthread_sigmask(SIG_UNBLOCK, &usr1, NULL);
}

/* In a child, whose threads count in shared memory: a process of THREADS
 * pausing threads, none blocking SIGUSR1, gets ten kills from outside,
 * each once the one before was taken; the handlers run ten times, not
 * once per thread. */
static void each_kill_is_taken_once_by_one_thread(void)
{
    volatile int *count = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    *count = 0;
    volatile int *started = count + 1;
    pid_t child = fork();
    if (child == 0) {
        taken = count;
        pthread_t threads[THREADS];
        sigset_t usr1 = just(SIGUSR1);
        pthread_sigmask(SIG_BLOCK, &usr1, NULL);    /* the first thread does not take them */
        start_waiters(threads, NOBODY_BLOCKS);
        *started = 1;
        for (;;)
            pause();
    }
    CHECK(wait_until_at_least(started, 1), "the child's threads did not start");
    for (int i = 1; i <= 10; i++) {
        kill(child, SIGUSR1);
        CHECK(wait_until_at_least(count, i), "kill %d was not taken", i);
    }
    usleep(20000);
    CHECK_EQ(10, *count, "handlers run in a process of four threads for ten kills from outside");
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    munmap((void *)count, 4096);
}

static void pthread_kill_reaches_exactly_the_named_thread(void)
{
    pthread_t threads[THREADS];
    start_waiters(threads, NOBODY_BLOCKS);
    sigset_t usr1 = just(SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &usr1, NULL);
    for (int i = THREADS - 1; i >= 0; i--) {
        int before = *taken;
        CHECK_EQ(0, pthread_kill(threads[i], SIGUSR1), "pthread_kill");
        CHECK(wait_until_at_least(taken, before + 1), "thread %d did not take its SIGUSR1", i);
        CHECK_EQ(tids[i], taker, "the thread that took the signal pthread_kill sent to one thread");
    }
    usleep(20000);
    CHECK_EQ(THREADS, *taken, "handlers run for one pthread_kill to each thread");
    end_waiters(threads);
    pthread_sigmask(SIG_UNBLOCK, &usr1, NULL);
}

static pthread_t first_thread;
static volatile int first_thread_ready;

static void *kill_the_first_thread(void *unused)
{
    (void)unused;
    CHECK(wait_until_at_least(&first_thread_ready, 1), "the first thread did not get ready");
    CHECK(wait_until_thread_blocked_in(getpid(), "pause"), "the first thread does not pause");
    CHECK_EQ(0, pthread_kill(first_thread, SIGUSR1), "pthread_kill of the first thread");
    return 0;
}

static void pthread_kill_reaches_the_first_thread(void)
{
    *taken = 0;
    first_thread = pthread_self();
    first_thread_ready = 0;
    pthread_t sender;
    pthread_create(&sender, NULL, kill_the_first_thread, NULL);
    first_thread_ready = 1;
    while (!*taken)
        pause();
    CHECK_EQ(getpid(), taker, "the thread that took pthread_kill(first thread): the first, whose tid is the pid");
    pthread_join(sender, NULL);
}

static volatile int blocker_may_unblock, blocker_saw_pending;
static volatile int blocker_tid;

static void *block_usr1_until_told(void *unused)
{
    (void)unused;
    sigset_t usr1 = just(SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &usr1, NULL);
    blocker_tid = gettid();
    while (!blocker_may_unblock)
        usleep(1000);
    blocker_saw_pending = pending_here(SIGUSR1);
    pthread_sigmask(SIG_UNBLOCK, &usr1, NULL);     /* the handler runs here, in this thread */
    return 0;
}

static void pthread_kill_waits_for_the_named_thread_to_unblock(void)
{
    pthread_t others[THREADS];
    start_waiters(others, NOBODY_BLOCKS);                      /* they do not block SIGUSR1 */
    blocker_may_unblock = blocker_saw_pending = blocker_tid = 0;
    pthread_t blocker;
    pthread_create(&blocker, NULL, block_usr1_until_told, NULL);
    while (!blocker_tid)
        usleep(1000);
    sigset_t usr1 = just(SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &usr1, NULL);
    CHECK_EQ(0, pthread_kill(blocker, SIGUSR1), "pthread_kill of a thread that blocks the signal");
    usleep(30000);
    CHECK_EQ(0, *taken, "handlers run while the named thread blocks the signal (others do not)");
    CHECK(!pending_here(SIGUSR1), "a signal for another thread shows in this thread's sigpending");
    blocker_may_unblock = 1;
    pthread_join(blocker, NULL);
    CHECK(blocker_saw_pending, "sigpending in the named thread did not show the signal sent to it");
    CHECK_EQ(1, *taken, "handlers run once the named thread unblocked the signal");
    CHECK_EQ(blocker_tid, taker, "the thread that took it: the named one");
    end_waiters(others);
    pthread_sigmask(SIG_UNBLOCK, &usr1, NULL);
}

static volatile int child_blocked_usr2, child_blocked_hup_after;

static void *look_at_my_mask(void *unused)
{
    (void)unused;
    child_blocked_usr2 = blocks(SIGUSR2);          /* inherited from the creator */
    sigset_t usr2 = just(SIGUSR2), hup = just(SIGHUP);
    pthread_sigmask(SIG_UNBLOCK, &usr2, NULL);
    pthread_sigmask(SIG_BLOCK, &hup, NULL);
    child_blocked_hup_after = blocks(SIGHUP);
    return 0;
}

static void masks_are_per_thread_and_inherited(void)
{
    sigset_t usr2 = just(SIGUSR2);
    pthread_sigmask(SIG_BLOCK, &usr2, NULL);
    pthread_t thread;
    pthread_create(&thread, NULL, look_at_my_mask, NULL);
    pthread_join(thread, NULL);
    CHECK(child_blocked_usr2, "a new thread does not start with its creator's mask");
    CHECK(child_blocked_hup_after, "pthread_sigmask did not block SIGHUP in the thread");
    CHECK(blocks(SIGUSR2), "another thread's SIG_UNBLOCK changed the first thread's mask");
    CHECK(!blocks(SIGHUP), "another thread's SIG_BLOCK changed the first thread's mask");
    pthread_sigmask(SIG_UNBLOCK, &usr2, NULL);
}

/* ---- faults ----------------------------------------------------------- */

static volatile int faulter_tid;
static volatile int zero;
static int *volatile bad_pointer = (int *)16;     /* the first page is never mapped */

static void exit_if_in_the_faulting_thread(int signal)
{
    (void)signal;
    _exit(kernel_tid() == faulter_tid && gettid() == faulter_tid ? FAULT_CAUGHT : FAULT_ELSEWHERE);
}

static void *fault_by_a_bad_pointer(void *unused)
{
    (void)unused;
    faulter_tid = gettid();
    *bad_pointer = 1;
    return 0;
}

static void *fault_by_a_division_by_zero(void *unused)
{
    (void)unused;
    faulter_tid = gettid();
    volatile int x = 100 / zero;
    (void)x;
    return 0;
}

static void *block_sigsegv_and_fault(void *unused)
{
    sigset_t segv = just(SIGSEGV);
    pthread_sigmask(SIG_BLOCK, &segv, NULL);
    return fault_by_a_bad_pointer(unused);
}

static void *spin(void *unused)
{
    (void)unused;
    for (;;)
        sched_yield();
    return 0;
}

/* A child with a spinning thread and a faulting one, the first thread in
 * pthread_join; returns its wait status. */
static int status_of_a_fault(int signal, void *(*faulter)(void *))
{
    pid_t child = fork();
    if (child == 0) {
        install_handler(signal, exit_if_in_the_faulting_thread, 0);
        pthread_t spinner, thread;
        pthread_create(&spinner, NULL, spin, NULL);
        pthread_create(&thread, NULL, faulter, NULL);
        pthread_join(thread, NULL);
        _exit(0);                                    /* the fault went unnoticed */
    }
    int status = 0;
    waitpid(child, &status, 0);
    return status;
}

static void faults_are_delivered_to_the_faulting_thread(void)
{
    int status = status_of_a_fault(SIGSEGV, fault_by_a_bad_pointer);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == FAULT_CAUGHT,
          "SIGSEGV in a thread: status 0x%x, expected exit %d (the handler ran in the faulting thread)", status,
          FAULT_CAUGHT);
    status = status_of_a_fault(SIGFPE, fault_by_a_division_by_zero);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == FAULT_CAUGHT,
          "SIGFPE in a thread: status 0x%x, expected exit %d (the handler ran in the faulting thread)", status,
          FAULT_CAUGHT);
    status = status_of_a_fault(SIGSEGV, block_sigsegv_and_fault);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
          "a fault in a thread that blocks SIGSEGV: status 0x%x, expected death by SIGSEGV", status);
}

static void cases(void)
{
    install_handler(SIGUSR1, on_usr1, 0);
    install_handler(SIGUSR2, on_usr2, 0);
    kill_goes_to_the_one_thread_that_does_not_block_it();
    pending_for_the_process_until_a_thread_unblocks_it();
    each_kill_is_taken_once_by_one_thread();
    pthread_kill_reaches_exactly_the_named_thread();
    pthread_kill_reaches_the_first_thread();
    pthread_kill_waits_for_the_named_thread_to_unblock();
    masks_are_per_thread_and_inherited();
    faults_are_delivered_to_the_faulting_thread();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("thread_signals_reach_the_thread_they_are_meant_for");
}
