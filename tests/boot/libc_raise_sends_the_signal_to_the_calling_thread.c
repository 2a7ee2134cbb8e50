/* libc_raise_sends_the_signal_to_the_calling_thread: raise(sig) is
 * pthread_kill(pthread_self(), sig), as on Linux: a thread that raises
 * runs the handler itself before raise returns, even while another
 * thread could take the signal; a thread that blocks it keeps it pending
 * on itself (the main thread, which does not block it, never sees it)
 * until it unblocks; a bad signal is -1 with EINVAL, signal 0 sends
 * nothing. The signal says SI_USER in si_code, as Linux 6.1's tkill and
 * tgkill give it (measured; the Open POSIX Test Suite's sigwaitinfo 6-1
 * checks it), and so does pthread_kill's. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>

#include "boot_test.h"

static volatile sig_atomic_t handled;
static pthread_t handled_by;

static void on_usr1(int signal)
{
    (void)signal;
    handled_by = pthread_self();
    handled++;
}

static void *raise_from_a_thread(void *unused)
{
    (void)unused;
    handled = 0;
    CHECK_EQ(0, raise(SIGUSR1), "raise in the second thread");
    CHECK_EQ(1, handled, "the handler ran before raise returned");
    CHECK(pthread_equal(handled_by, pthread_self()), "in the thread that raised it");
    return NULL;
}

static void *raise_while_blocked(void *unused)
{
    (void)unused;
    sigset_t usr1, pending;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &usr1, NULL);
    handled = 0;
    CHECK_EQ(0, raise(SIGUSR1), "raise while blocked");
    struct timespec pause = { 0, 50000000 };
    nanosleep(&pause, NULL);
    CHECK_EQ(0, handled, "no thread ran the handler: the main thread does not take it");
    sigpending(&pending);
    CHECK(sigismember(&pending, SIGUSR1), "it is pending on this thread");
    pthread_sigmask(SIG_UNBLOCK, &usr1, NULL);
    CHECK_EQ(1, handled, "unblocking delivers it");
    CHECK(pthread_equal(handled_by, pthread_self()), "to this thread");
    return NULL;
}

int main(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_usr1;
    sigemptyset(&action.sa_mask);
    sigaction(SIGUSR1, &action, NULL);

    CHECK_EQ(0, raise(SIGUSR1), "raise in the only thread");
    CHECK(handled == 1 && pthread_equal(handled_by, pthread_self()), "handled at once by it");

    pthread_t thread;
    pthread_create(&thread, NULL, raise_from_a_thread, NULL);
    pthread_join(thread, NULL);
    pthread_create(&thread, NULL, raise_while_blocked, NULL);
    pthread_join(thread, NULL);

    sigset_t usr2;
    sigemptyset(&usr2);
    sigaddset(&usr2, SIGUSR2);
    sigprocmask(SIG_BLOCK, &usr2, NULL);
    siginfo_t info;
    raise(SIGUSR2);
    CHECK_EQ(SIGUSR2, sigwaitinfo(&usr2, &info), "sigwaitinfo after raise");
    CHECK_EQ(SI_USER, info.si_code, "raise's si_code");
    CHECK_EQ(getpid(), info.si_pid, "raise's si_pid");
    pthread_kill(pthread_self(), SIGUSR2);
    CHECK_EQ(SIGUSR2, sigwaitinfo(&usr2, &info), "sigwaitinfo after pthread_kill");
    CHECK_EQ(SI_USER, info.si_code, "pthread_kill's si_code");

    handled = 0;
    CHECK_EQ(0, raise(0), "signal 0");
    CHECK_EQ(0, handled, "sends nothing");
    CHECK_ERROR(raise(-1), EINVAL);
    CHECK_ERROR(raise(65), EINVAL);
    return test_finish("libc_raise_sends_the_signal_to_the_calling_thread");
}
