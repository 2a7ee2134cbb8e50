/* tests/boot/signal_alarm.c - alarm(n) sends SIGALRM n seconds later: a
 * process waiting in pause wakes with EINTR once the handler ran. alarm
 * replaces the previous alarm and returns the seconds it had left (rounded
 * up); alarm(0) cancels. An alarm belongs to its process: it outlives exec
 * but a child made by fork has none (signal_fork_inherits_dispositions). */
#include <signal.h>
#include <time.h>

#include "boot_test.h"

#define NS_PER_SECOND 1000000000ll

static volatile sig_atomic_t alarms, last_signal;

static void count(int signal)
{
    last_signal = signal;
    alarms++;
}

static void alarm_wakes_pause_after_the_time_asked(void)
{
    alarms = 0;
    long long start = monotonic_ns();
    CHECK_EQ(0, alarm(1), "alarm(1) with no alarm before");
    errno = 0;
    int result = pause();
    long long waited = monotonic_ns() - start;
    CHECK(result == -1 && errno == EINTR, "pause: expected -1 with EINTR, got %d with errno %d", result, errno);
    CHECK_EQ(1, alarms, "SIGALRM handler calls");
    CHECK_EQ(SIGALRM, last_signal, "the handler's argument");
    CHECK(waited >= NS_PER_SECOND && waited < NS_PER_SECOND + NS_PER_SECOND / 10,
          "pause woke after %lld ms, expected 1000 to 1100", waited / 1000000);
    CHECK_EQ(0, alarm(0), "alarm(0) after the alarm went off (nothing left)");
}

static void alarm_returns_the_seconds_left_of_the_previous_one(void)
{
    CHECK_EQ(0, alarm(10), "alarm(10) with no alarm before");
    CHECK_EQ(10, alarm(3), "alarm(3) after alarm(10): seconds left, rounded up");
    struct timespec half = { 0, 500 * 1000 * 1000 };
    nanosleep(&half, NULL);
    CHECK_EQ(3, alarm(5), "alarm(5) half a second after alarm(3): 2.5 s rounded up");
    CHECK_EQ(5, alarm(0), "alarm(0) after alarm(5)");
    CHECK_EQ(0, alarm(0), "alarm(0) with no alarm");
}

static void alarm_zero_cancels(void)
{
    alarms = 0;
    alarm(1);
    alarm(0);
    struct timespec request = { 1, 500 * 1000 * 1000 }, left = { 0, 0 };
    int result = nanosleep(&request, &left);
    CHECK_EQ(0, result, "nanosleep(1.5 s) after alarm(1) was cancelled");
    CHECK_EQ(0, alarms, "SIGALRM handler calls after the alarm was cancelled");
}

static void a_new_alarm_replaces_the_old_one(void)
{
    alarms = 0;
    long long start = monotonic_ns();
    alarm(1);
    alarm(2);                                /* only this one goes off */
    struct timespec request = { 3, 0 }, left = { 0, 0 };
    int result = nanosleep(&request, &left);
    long long waited = monotonic_ns() - start;
    CHECK(result == -1 && errno == EINTR, "nanosleep(3 s) with alarm(2): expected -1 with EINTR, got %d", result);
    CHECK(waited >= 2 * NS_PER_SECOND && waited < 2 * NS_PER_SECOND + NS_PER_SECOND / 10,
          "the replaced alarm went off after %lld ms, expected 2000 to 2100", waited / 1000000);
    nanosleep(&left, NULL);                  /* the rest of the 3 s: no second SIGALRM comes */
    CHECK_EQ(1, alarms, "SIGALRM handler calls after alarm(1) then alarm(2)");
}

static void an_alarm_outlives_exec(const char *self)
{
    pid_t child = fork();
    if (child == 0) {
        alarm(1);
        execl(self, self, "--wait-for-alarm", (char *)NULL);
        _exit(100);
    }
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM,
          "a child that set alarm(1) and exec'd: status 0x%x, expected death by SIGALRM", status);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--wait-for-alarm")) {
        for (int i = 0; i < 5; i++)
            sleep(1);
        return 1;                            /* the alarm did not come */
    }

    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = count;
    sigaction(SIGALRM, &action, NULL);

    alarm_wakes_pause_after_the_time_asked();
    alarm_returns_the_seconds_left_of_the_previous_one();
    alarm_zero_cancels();
    a_new_alarm_replaces_the_old_one();

    struct kinfo_counters before = settled_counters(read_counters().tasks);
    an_alarm_outlives_exec(argv[0]);
    usleep(20000);
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("signal_alarm");
}
