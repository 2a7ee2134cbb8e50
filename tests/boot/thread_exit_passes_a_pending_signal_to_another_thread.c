/* tests/boot/thread_exit_passes_a_pending_signal_to_another_thread.c
 * - a signal sent to a process goes to one of its threads that does not
 * block it. When the thread the sender chose ends before it took the
 * signal, the signal is another thread's to take at once: a thread asleep
 * in read with the signal unblocked is interrupted and runs the handler
 * (POSIX; Linux's exit_signals), it does not sleep on with the signal
 * pending for a process nobody tells.
 *
 * Each round a new thread, kept to the other CPU and the newest (the
 * sender looks at the newest first), unblocks SIGUSR1 and calls
 * pthread_exit a little later each round after the main thread, which
 * blocks SIGUSR1, sends it to the process; a reader waits in read the
 * whole time with SIGUSR1 unblocked. Every round the handler must run
 * within a second, in the ending thread (before its exit) or in the
 * reader. On two CPUs the send and the exit meet: the sender chose the
 * ending thread while its exit waited to begin; the kernel before left
 * the signal pending then, the reader asleep (thread.c's
 * thread_exit_current, signal.c's signal_retarget_to_others).
 *
 * One CPU runs no call while another is in one, and checks only the
 * delivery. */
#include <sched.h>
#include <signal.h>

#include "boot_test.h"
#include "boot_sched.h"
#include "boot_signal_rounds.h"
#include "boot_thread.h"

#define ROUNDS 200

static volatile int ender_ready, ender_go;

/* One round's thread: unblocks SIGUSR1, says so, and ends when told, at
 * a delay that grows with the round: one of them falls while the send
 * holds the big lock, after it chose this thread. */
static void *ender(void *round_pointer)
{
    int round = *(int *)round_pointer;
    pin(1);
    set_usr1(SIG_UNBLOCK);
    ender_ready = round;
    spin_until_go(&ender_go, round);             /* the exit meets the send */
    pthread_exit(0);
}

static void cases(void)
{
    signal_rounds_begin();
    pthread_t reading;
    static int usr1 = SIGUSR1;
    pthread_create(&reading, NULL, reader, &usr1);
    struct signal_rounds rounds = { 0, 0 };
    for (int round = 1; round <= ROUNDS; round++) {
        pthread_t ending;
        CHECK_EQ(0, pthread_create(&ending, NULL, ender, &round), "pthread_create");
        while (ender_ready != round)
            sched_yield();
        int before = handled;
        ender_go = round;
        kill(getpid(), SIGUSR1);
        signal_round_wait(&rounds, before, now_ms());
        pthread_join(ending, NULL);
    }
    signal_rounds_end(&rounds, ROUNDS, reading,
                      "the thread chosen for them ended, and the thread waiting in read with them unblocked "
                      "was not told", "the ending thread before its exit or by the reader");
    signal(SIGUSR1, SIG_DFL);
    set_usr1(SIG_UNBLOCK);
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("thread_exit_passes_a_pending_signal_to_another_thread");
}
