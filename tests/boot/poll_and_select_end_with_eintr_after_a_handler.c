/* Signals and waits on many descriptors (POSIX poll(2) and select(2):
 * [EINTR] "A signal was caught during poll()"; Linux: "never restarted
 * after being interrupted by a signal handler, regardless of SA_RESTART"):
 * a handler ends poll and select with EINTR, with SA_RESTART too; a stop
 * and a continue (no handler) let the wait go on to its data. ppoll and
 * pselect install their mask for the wait only, atomically: a signal
 * blocked outside and pending before the call is delivered inside it
 * (EINTR at once), and the old mask is back after. */
#include <poll.h>
#include <signal.h>
#include <sys/select.h>

#include "boot_test.h"

static volatile int handled;

static void on_signal(int signal)
{
    (void)signal;
    handled++;
}

static void catch_sigusr1(int flags)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    action.sa_flags = flags;
    sigaction(SIGUSR1, &action, 0);
}

/* A child that waits 20 ms, sends `signal` to the parent, and, if
 * `then_write` >= 0, writes a byte there 20 ms later. */
static pid_t signal_later(int signal, int then_write)
{
    pid_t parent = getpid();
    pid_t child = fork();
    if (child == 0) {
        usleep(20000);
        kill(parent, signal);
        if (signal == SIGSTOP) {
            usleep(20000);
            kill(parent, SIGCONT);
        }
        if (then_write >= 0) {
            usleep(20000);
            write(then_write, "x", 1);
        }
        _exit(0);
    }
    return child;
}

int main(void)
{
    int fds[2];
    pipe(fds);
    struct pollfd entry = { fds[0], POLLIN, 0 };
    fd_set readable;

    for (int restart = 0; restart < 2; restart++) {
        catch_sigusr1(restart ? SA_RESTART : 0);
        handled = 0;
        pid_t child = signal_later(SIGUSR1, -1);
        CHECK_ERROR(poll(&entry, 1, 5000), EINTR);
        CHECK_EQ(1, handled, "the handler ran once");
        waitpid(child, 0, 0);

        child = signal_later(SIGUSR1, -1);
        FD_ZERO(&readable);
        FD_SET(fds[0], &readable);
        CHECK_ERROR(select(fds[0] + 1, &readable, 0, 0, 0), EINTR);
        CHECK(FD_ISSET(fds[0], &readable), "select's set untouched on EINTR");
        waitpid(child, 0, 0);
    }

    /* a stop and a continue run no handler: the wait goes on */
    pid_t child = signal_later(SIGSTOP, fds[1]);
    long long start = monotonic_ns();
    CHECK_EQ(1, poll(&entry, 1, 5000), "poll across a stop and a continue: the data came");
    CHECK(monotonic_ns() - start >= 50000000ll, "poll returned before the data was written");
    waitpid(child, 0, 0);
    char byte;
    read(fds[0], &byte, 1);

    /* ppoll: SIGUSR1 blocked and pending; the call's mask lets it in */
    catch_sigusr1(0);
    sigset_t blocked, inside, now;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGUSR1);
    sigprocmask(SIG_BLOCK, &blocked, 0);
    sigemptyset(&inside);
    for (int call = 0; call < 2; call++) {
        handled = 0;
        kill(getpid(), SIGUSR1);
        CHECK_EQ(0, handled, "blocked: not delivered yet");
        struct timespec second = { 1, 0 };
        if (call == 0) {
            CHECK_ERROR(ppoll(&entry, 1, &second, &inside), EINTR);
        } else {
            FD_ZERO(&readable);
            FD_SET(fds[0], &readable);
            CHECK_ERROR(pselect(fds[0] + 1, &readable, 0, 0, &second, &inside), EINTR);
        }
        CHECK_EQ(1, handled, call ? "pselect's mask let the pending signal in" : "ppoll's mask let the pending signal in");
        sigprocmask(SIG_BLOCK, 0, &now);
        CHECK(sigismember(&now, SIGUSR1), "the old mask is back after the call");
    }
    /* a mask that blocks nothing new: ppoll times out normally */
    struct timespec short_wait = { 0, 10000000 };
    CHECK_EQ(0, ppoll(&entry, 1, &short_wait, &blocked), "ppoll with a mask and nothing happening: 0");
    return test_finish("poll_and_select_end_with_eintr_after_a_handler");
}
