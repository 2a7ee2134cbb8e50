/* tests/boot/timer_on_an_ended_process_cpu_clock_never_fires.c - a timer
 * on another process's CPU-time clock (clock_getcpuclockid) counts that
 * process's time, and belongs to that process, not to its pid: once the
 * process has ended and been reaped, the timer never fires again (its
 * pid may go to an unrelated process later; the timer does not follow
 * it), timer_gettime shows no time left, and timer_settime says ESRCH,
 * as on Linux. */
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "boot_timer.h"

static void cases(void)
{
    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr1, NULL);
    pid_t child = fork();
    if (child == 0)
        for (;;)
            ;                                      /* spends CPU time until killed */
    clockid_t clock;
    CHECK_EQ(0, clock_getcpuclockid(child, &clock), "clock_getcpuclockid(child)");
    struct sigevent event;
    memset(&event, 0, sizeof event);
    event.sigev_notify = SIGEV_SIGNAL;
    event.sigev_signo = SIGUSR1;
    event.sigev_value.sival_int = 5;
    timer_t timer;
    CHECK_EQ(0, timer_create(clock, &event, &timer), "timer_create on the child's CPU clock");

    /* it counts the child's time */
    struct itimerspec soon = { { 0, 0 }, timespec_ns(30 * NS_PER_MS) };
    CHECK_EQ(0, timer_settime(timer, 0, &soon, NULL), "timer_settime 30 ms of the child's CPU time");
    siginfo_t info;
    struct timespec late = timespec_ns(LATE_NS);
    CHECK_EQ(SIGUSR1, sigtimedwait(&usr1, &info, &late), "the timer fired on the child's time");
    CHECK_EQ(5, info.si_value.sival_int, "si_value");

    /* armed again, far off; then the child ends */
    struct itimerspec later = { timespec_ns(20 * NS_PER_MS), timespec_ns(NS_PER_SECOND) };
    CHECK_EQ(0, timer_settime(timer, 0, &later, NULL), "timer_settime 1 s, then every 20 ms");
    kill(child, SIGKILL);
    int status = 0;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the child's status %#x", status);

    struct itimerspec now;
    CHECK_EQ(0, timer_gettime(timer, &now), "timer_gettime");
    CHECK(now.it_value.tv_sec == 0 && now.it_value.tv_nsec == 0, "time left on an ended process's clock: %ld.%09ld",
          (long)now.it_value.tv_sec, now.it_value.tv_nsec);
    CHECK_ERROR(timer_settime(timer, 0, &soon, NULL), ESRCH);

    /* whatever runs now (under the child's pid too, one day) fires nothing */
    pid_t other = fork();
    if (other == 0) {
        long long end = monotonic_ns() + 300 * NS_PER_MS;
        while (monotonic_ns() < end)
            ;
        _exit(0);
    }
    struct timespec wait = timespec_ns(500 * NS_PER_MS);
    CHECK_ERROR(sigtimedwait(&usr1, &info, &wait), EAGAIN);
    waitpid(other, NULL, 0);
    CHECK_EQ(0, timer_delete(timer), "timer_delete");
    sigprocmask(SIG_UNBLOCK, &usr1, NULL);
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("timer_on_an_ended_process_cpu_clock_never_fires");
}
