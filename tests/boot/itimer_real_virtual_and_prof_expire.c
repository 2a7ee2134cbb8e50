/* tests/boot/itimer_real_virtual_and_prof_expire.c - the three interval
 * timers of setitimer: ITIMER_REAL counts time passing and sends SIGALRM,
 * ITIMER_VIRTUAL counts the process's user CPU time (SIGVTALRM) and
 * ITIMER_PROF its user and system CPU time (SIGPROF); none expires early,
 * and with an interval each goes on. ITIMER_REAL is alarm's timer: one
 * sees what the other set. getitimer shows the time left and the
 * interval; setitimer gives the old setting. A CPU-time timer does not
 * move while the process sleeps. A child made by fork has none of them.
 * Bad input: an unknown timer, microseconds out of 0..999999, negative
 * seconds are EINVAL; bad pointers EFAULT. */
#include <signal.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "boot_timer.h"

static long long usec_of(struct timeval time)
{
    return (long long)time.tv_sec * 1000000 + time.tv_usec;
}

static struct timeval timeval_us(long long usec)
{
    struct timeval time = { (time_t)(usec / 1000000), (suseconds_t)(usec % 1000000) };
    return time;
}

static long long process_cpu_ns(void)
{
    struct timespec now;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return ns_of(now);
}

static void real_timer_sends_sigalrm_each_interval(void)
{
    record_signals_of(SIGALRM);
    struct itimerval periodic = { timeval_us(20000), timeval_us(20000) }, old;
    long long start = monotonic_ns();
    CHECK_EQ(0, setitimer(ITIMER_REAL, &periodic, &old), "setitimer(ITIMER_REAL)");
    CHECK_EQ(0, usec_of(old.it_value), "the old value: none");
    int got = wait_for_recorded(3, 3 * 20 * NS_PER_MS + LATE_NS);
    CHECK(got >= 3, "%d SIGALRMs came, expected 3", got);
    struct itimerval off = { timeval_us(0), timeval_us(0) };
    CHECK_EQ(0, setitimer(ITIMER_REAL, &off, &old), "setitimer(0): disarm");
    CHECK_EQ(20000, usec_of(old.it_interval), "the old interval");
    CHECK(usec_of(old.it_value) > 0 && usec_of(old.it_value) <= 20000, "the old value: %lld us",
          usec_of(old.it_value));
    for (int i = 0; i < 3 && i < recorded_count; i++)
        CHECK(recorded[i].when_ns - start >= (i + 1) * 20 * NS_PER_MS, "SIGALRM %d after %lld ms: early", i + 1,
              (recorded[i].when_ns - start) / NS_PER_MS);
    struct itimerval now;
    CHECK_EQ(0, getitimer(ITIMER_REAL, &now), "getitimer");
    CHECK_EQ(0, usec_of(now.it_value), "disarmed");
}

static void real_timer_is_alarms(void)
{
    struct itimerval five = { timeval_us(0), timeval_us(5000000) }, now;
    CHECK_EQ(0, setitimer(ITIMER_REAL, &five, NULL), "setitimer(ITIMER_REAL, 5 s)");
    CHECK_EQ(5, alarm(0), "alarm(0) after setitimer(5 s): the seconds left");
    CHECK_EQ(0, getitimer(ITIMER_REAL, &now), "getitimer");
    CHECK_EQ(0, usec_of(now.it_value), "alarm(0) disarmed the ITIMER_REAL");
    alarm(3);
    CHECK_EQ(0, getitimer(ITIMER_REAL, &now), "getitimer");
    CHECK(usec_of(now.it_value) > 2000000 && usec_of(now.it_value) <= 3000000, "after alarm(3): %lld us",
          usec_of(now.it_value));
    CHECK_EQ(0, usec_of(now.it_interval), "alarm has no interval");
    CHECK_EQ(3, alarm(0), "alarm(0)");
}

static void cpu_timer_expires_after_cpu_time(int which, int signal)
{
    record_signals_of(signal);
    long long cpu_start = process_cpu_ns();
    struct itimerval setting = { timeval_us(10000), timeval_us(30000) };
    CHECK_EQ(0, setitimer(which, &setting, NULL), "setitimer");
    long long wall_end = monotonic_ns() + 30 * NS_PER_SECOND;
    long long at_first = 0;
    while (recorded_count < 3 && monotonic_ns() < wall_end) {
        burn_cpu(NS_PER_MS);
        if (recorded_count > 0 && !at_first)
            at_first = process_cpu_ns() - cpu_start;
    }
    struct itimerval off = { timeval_us(0), timeval_us(0) };
    setitimer(which, &off, NULL);
    CHECK(recorded_count >= 3, "timer %d: %d signals after %lld ms of CPU, expected 3", which,
          (int)recorded_count, (process_cpu_ns() - cpu_start) / NS_PER_MS);
    CHECK(at_first >= 25 * NS_PER_MS, "timer %d: the first signal after %lld ms of CPU time, expected 30", which,
          at_first / NS_PER_MS);
    CHECK_EQ(signal, recorded[0].signal, "the signal");
}

static void cpu_timers_stand_still_while_asleep(void)
{
    struct itimerval setting = { timeval_us(0), timeval_us(500000) }, now;
    CHECK_EQ(0, setitimer(ITIMER_VIRTUAL, &setting, NULL), "setitimer(ITIMER_VIRTUAL)");
    CHECK_EQ(0, setitimer(ITIMER_PROF, &setting, NULL), "setitimer(ITIMER_PROF)");
    struct timespec nap = timespec_ns(200 * NS_PER_MS);
    nanosleep(&nap, NULL);
    CHECK_EQ(0, getitimer(ITIMER_VIRTUAL, &now), "getitimer(ITIMER_VIRTUAL)");
    CHECK(usec_of(now.it_value) > 400000, "ITIMER_VIRTUAL moved to %lld us while asleep", usec_of(now.it_value));
    CHECK_EQ(0, getitimer(ITIMER_PROF, &now), "getitimer(ITIMER_PROF)");
    CHECK(usec_of(now.it_value) > 400000, "ITIMER_PROF moved to %lld us while asleep", usec_of(now.it_value));

    pid_t child = fork();
    if (child == 0) {
        struct itimerval mine;
        int armed = 0;
        for (int which = ITIMER_REAL; which <= ITIMER_PROF; which++)
            armed += getitimer(which, &mine) != 0 || usec_of(mine.it_value) != 0;
        _exit(armed);
    }
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child of fork had %d interval timers armed",
          WEXITSTATUS(status));
    struct itimerval off = { timeval_us(0), timeval_us(0) };
    setitimer(ITIMER_VIRTUAL, &off, NULL);
    setitimer(ITIMER_PROF, &off, NULL);
}

static void bad_input(void)
{
    void *unmapped = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(unmapped, 4096);
    struct itimerval value = { timeval_us(0), timeval_us(0) };
    CHECK_ERROR(getitimer(7, &value), EINVAL);
    CHECK_ERROR(getitimer(-1, &value), EINVAL);
    CHECK_ERROR(setitimer(7, &value, NULL), EINVAL);
    value.it_value.tv_usec = 1000000;
    CHECK_ERROR(setitimer(ITIMER_REAL, &value, NULL), EINVAL);
    value.it_value.tv_usec = -1;
    CHECK_ERROR(setitimer(ITIMER_VIRTUAL, &value, NULL), EINVAL);
    value.it_value.tv_usec = 0;
    value.it_value.tv_sec = -1;
    CHECK_ERROR(setitimer(ITIMER_PROF, &value, NULL), EINVAL);
    value.it_value.tv_sec = 1;
    value.it_interval.tv_usec = 1000000;
    CHECK_ERROR(setitimer(ITIMER_REAL, &value, NULL), EINVAL);
    CHECK_ERROR(getitimer(ITIMER_REAL, (struct itimerval *)unmapped), EFAULT);
    CHECK_ERROR(setitimer(ITIMER_REAL, (struct itimerval *)unmapped, NULL), EFAULT);
    struct itimerval now;
    CHECK_EQ(0, getitimer(ITIMER_REAL, &now), "getitimer after the failed settings");
    CHECK_EQ(0, usec_of(now.it_value), "nothing was armed by them");
}

static void cases(void)
{
    real_timer_sends_sigalrm_each_interval();
    real_timer_is_alarms();
    cpu_timer_expires_after_cpu_time(ITIMER_VIRTUAL, SIGVTALRM);
    cpu_timer_expires_after_cpu_time(ITIMER_PROF, SIGPROF);
    cpu_timers_stand_still_while_asleep();
    bad_input();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("itimer_real_virtual_and_prof_expire");
}
