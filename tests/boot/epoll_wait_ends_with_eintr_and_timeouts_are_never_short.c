/* epoll_wait's timeout and signals (epoll_wait(2): "The timeout argument
 * specifies the number of milliseconds that epoll_wait() will block";
 * EINTR "The call was interrupted by a signal handler before any ... events
 * became available"; signal(7): epoll_wait is never restarted, whatever
 * SA_RESTART says): 0 returns at once, 50 ms returns 0 no sooner than
 * 50 ms, -1 waits until data comes; a handler ends the wait with EINTR,
 * with SA_RESTART too, and so does a stop and continue, which runs no
 * handler (signal(7) lists epoll_wait among the calls that do so);
 * epoll_pwait installs its mask for the wait only, so a blocked signal
 * pending before the call is delivered inside it (EINTR at once) and the
 * old mask is back after; another thread's wait on the same instance is
 * woken by data as well. */
#include <pthread.h>
#include <signal.h>
#include <sys/epoll.h>

#include "boot_test.h"

#define MS 1000000ll
#define SLACK (200 * MS)               /* how late a wake-up may come on a busy machine */

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

/* A child that after 30 ms sends SIGUSR1 to us, or writes to `fd`. */
static pid_t later(int fd)
{
    pid_t parent = getpid();
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        usleep(30000);
        if (fd < 0)
            kill(parent, SIGUSR1);
        else
            write(fd, "x", 1);
        _exit(0);
    }
    return child;
}

static void timeouts(int epoll, int reader, int writer)
{
    struct epoll_event got;
    long long start = monotonic_ns();
    CHECK_EQ(0, epoll_wait(epoll, &got, 1, 0), "timeout 0, nothing ready: 0");
    CHECK(monotonic_ns() - start < SLACK, "timeout 0 returned at once");
    for (int ms = 10; ms <= 50; ms += 40) {
        start = monotonic_ns();
        CHECK_EQ(0, epoll_wait(epoll, &got, 1, ms), "a timeout with nothing ready: 0");
        long long waited = monotonic_ns() - start;
        CHECK(waited >= ms * MS, "timeout %d ms: returned after %lld ns, too soon", ms, waited);
        CHECK(waited < ms * MS + SLACK, "timeout %d ms: returned after %lld ns, too late", ms, waited);
    }
    pid_t child = later(writer);
    start = monotonic_ns();
    CHECK_EQ(1, epoll_wait(epoll, &got, 1, -1), "timeout -1: the data ends the wait");
    CHECK(monotonic_ns() - start >= 20 * MS, "the wait ended before the data came");
    waitpid(child, 0, 0);
    char byte;
    read(reader, &byte, 1);
    child = later(writer);
    CHECK_EQ(1, epoll_wait(epoll, &got, 1, 5000), "timeout 5 s: the data ends it sooner");
    waitpid(child, 0, 0);
    read(reader, &byte, 1);
}

static void signals(int epoll)
{
    struct epoll_event got;
    for (int restart = 0; restart < 2; restart++) {
        catch_sigusr1(restart ? SA_RESTART : 0);
        handled = 0;
        pid_t child = later(-1);
        CHECK_ERROR(epoll_wait(epoll, &got, 1, 5000), EINTR);
        CHECK_EQ(1, handled, restart ? "SA_RESTART: the handler ran, no restart" : "the handler ran once");
        waitpid(child, 0, 0);
        child = later(-1);
        CHECK_ERROR(epoll_pwait(epoll, &got, 1, -1, NULL), EINTR);
        waitpid(child, 0, 0);
    }

    /* a stop and a continue: no handler, and still EINTR (not a restart) */
    pid_t parent = getpid();
    fflush(stdout);
    pid_t stopper = fork();
    if (stopper == 0) {
        usleep(30000);
        kill(parent, SIGSTOP);
        usleep(30000);
        kill(parent, SIGCONT);
        _exit(0);
    }
    CHECK_ERROR(epoll_wait(epoll, &got, 1, 5000), EINTR);
    waitpid(stopper, 0, 0);

    catch_sigusr1(0);
    sigset_t blocked, inside, now;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGUSR1);
    sigprocmask(SIG_BLOCK, &blocked, 0);
    sigemptyset(&inside);
    handled = 0;
    kill(getpid(), SIGUSR1);
    CHECK_EQ(0, handled, "blocked: not delivered yet");
    CHECK_ERROR(epoll_pwait(epoll, &got, 1, 1000, &inside), EINTR);
    CHECK_EQ(1, handled, "epoll_pwait's mask let the pending signal in");
    sigprocmask(SIG_BLOCK, 0, &now);
    CHECK(sigismember(&now, SIGUSR1), "the old mask is back after the call");
    CHECK_EQ(0, epoll_pwait(epoll, &got, 1, 10, &blocked), "epoll_pwait with nothing happening: 0");
    sigprocmask(SIG_UNBLOCK, &blocked, 0);
}

struct waiter {
    int epoll;
    int count;
};

static void *wait_in_thread(void *argument)
{
    struct waiter *waiter = argument;
    struct epoll_event got;
    waiter->count = epoll_wait(waiter->epoll, &got, 1, 5000);
    return 0;
}

static void threads(int epoll, int reader, int writer)
{
    struct waiter waiter = { epoll, -2 };
    pthread_t thread;
    pthread_create(&thread, 0, wait_in_thread, &waiter);
    usleep(30000);
    write(writer, "t", 1);
    pthread_join(thread, 0);
    CHECK_EQ(1, waiter.count, "another thread's wait ends with the data");
    char byte;
    read(reader, &byte, 1);
}

int main(void)
{
    int epoll = epoll_create1(0), fds[2];
    pipe(fds);
    struct epoll_event event = { EPOLLIN, { 0 } };
    epoll_ctl(epoll, EPOLL_CTL_ADD, fds[0], &event);
    timeouts(epoll, fds[0], fds[1]);
    signals(epoll);
    threads(epoll, fds[0], fds[1]);
    close(epoll);
    close(fds[0]);
    close(fds[1]);
    return test_finish("epoll_wait_ends_with_eintr_and_timeouts_are_never_short");
}
