/* tests/boot/clock_cpu_time_clocks_advance_with_work.c - the CPU-time
 * clocks: CLOCK_THREAD_CPUTIME_ID counts the calling thread's CPU time,
 * CLOCK_PROCESS_CPUTIME_ID every thread's; both move while a thread works
 * and hardly while it sleeps. clock_getcpuclockid and
 * pthread_getcpuclockid give clocks that read the same times for a
 * process or a thread, another process's too; a missing process is
 * ESRCH. A timer on a CPU-time clock expires once that much CPU time is
 * used, not before. clock_getres answers 1 ns for every clock, as Linux
 * does (each is read to the nanosecond), and unknown clocks are EINVAL;
 * bad pointers EFAULT. */
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "boot_timer.h"

static long long read_clock(clockid_t clock)
{
    struct timespec now = { -1, 0 };
    CHECK_EQ(0, clock_gettime(clock, &now), "clock_gettime");
    return ns_of(now);
}

static void every_clock_has_a_resolution(void)
{
    clockid_t clocks[] = { CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID };
    for (unsigned i = 0; i < sizeof clocks / sizeof clocks[0]; i++) {
        struct timespec resolution = { -1, -1 };
        CHECK_EQ(0, clock_getres(clocks[i], &resolution), "clock_getres");
        CHECK(resolution.tv_sec == 0 && resolution.tv_nsec == 1,   /* read to the nanosecond, as on Linux */
              "clock %d: resolution %ld.%09ld", clocks[i], (long)resolution.tv_sec, resolution.tv_nsec);
        CHECK_EQ(0, clock_getres(clocks[i], NULL), "clock_getres(NULL)");
    }
    void *unmapped = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(unmapped, 4096);
    struct timespec any;
    CHECK_ERROR(clock_getres(12345, &any), EINVAL);
    CHECK_ERROR(clock_gettime(12345, &any), EINVAL);
    CHECK_ERROR(clock_getres(CLOCK_PROCESS_CPUTIME_ID, (struct timespec *)unmapped), EFAULT);   /* (Linux answers CLOCK_MONOTONIC in the program: it faults) */
    CHECK_ERROR(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, (struct timespec *)unmapped), EFAULT);
}

static void work_moves_the_clocks_and_sleep_does_not(void)
{
    long long thread_start = read_clock(CLOCK_THREAD_CPUTIME_ID);
    long long process_start = read_clock(CLOCK_PROCESS_CPUTIME_ID);
    long long wall_start = monotonic_ns();
    burn_cpu(100 * NS_PER_MS);
    long long thread_used = read_clock(CLOCK_THREAD_CPUTIME_ID) - thread_start;
    long long process_used = read_clock(CLOCK_PROCESS_CPUTIME_ID) - process_start;
    long long wall = monotonic_ns() - wall_start;
    CHECK(thread_used >= 100 * NS_PER_MS, "thread CPU time %lld ms after 100 ms of work", thread_used / NS_PER_MS);
    /* each clock was read at its own moments, a call apart: within a millisecond */
    CHECK(process_used >= thread_used - NS_PER_MS, "process CPU time %lld us, less than its one thread's %lld us",
          process_used / 1000, thread_used / 1000);
    CHECK(thread_used <= wall + 10 * NS_PER_MS, "one thread used %lld ms of CPU in %lld ms",
          thread_used / NS_PER_MS, wall / NS_PER_MS);

    thread_start = read_clock(CLOCK_THREAD_CPUTIME_ID);
    struct timespec nap = timespec_ns(200 * NS_PER_MS);
    nanosleep(&nap, NULL);
    long long asleep = read_clock(CLOCK_THREAD_CPUTIME_ID) - thread_start;
    CHECK(asleep < 50 * NS_PER_MS, "%lld ms of CPU time during a 200 ms sleep", asleep / NS_PER_MS);
}

static volatile int worker_done, worker_may_end;

static void *work_then_wait(void *unused)
{
    (void)unused;
    burn_cpu(80 * NS_PER_MS);
    worker_done = 1;
    while (!worker_may_end) {
        struct timespec nap = timespec_ns(2 * NS_PER_MS);
        nanosleep(&nap, NULL);
    }
    return NULL;
}

static void the_clocks_of_a_thread_and_a_process(void)
{
    clockid_t own;
    CHECK_EQ(0, clock_getcpuclockid(0, &own), "clock_getcpuclockid(0)");
    long long by_id = read_clock(own), by_name = read_clock(CLOCK_PROCESS_CPUTIME_ID);
    CHECK(by_name >= by_id && by_name - by_id < 20 * NS_PER_MS, "clock_getcpuclockid(0) reads %lld ms, "
          "CLOCK_PROCESS_CPUTIME_ID %lld ms", by_id / NS_PER_MS, by_name / NS_PER_MS);
    CHECK_EQ(0, clock_getcpuclockid(getpid(), &own), "clock_getcpuclockid(getpid())");

    worker_done = worker_may_end = 0;
    long long process_start = read_clock(CLOCK_PROCESS_CPUTIME_ID);
    long long main_start = read_clock(CLOCK_THREAD_CPUTIME_ID);
    pthread_t worker;
    CHECK_EQ(0, pthread_create(&worker, NULL, work_then_wait, NULL), "pthread_create");
    clockid_t worker_clock;
    CHECK_EQ(0, pthread_getcpuclockid(worker, &worker_clock), "pthread_getcpuclockid");
    while (!worker_done) {
        struct timespec nap = timespec_ns(5 * NS_PER_MS);
        nanosleep(&nap, NULL);
    }
    long long worker_used = read_clock(worker_clock);
    long long main_used = read_clock(CLOCK_THREAD_CPUTIME_ID) - main_start;
    long long process_used = read_clock(CLOCK_PROCESS_CPUTIME_ID) - process_start;
    worker_may_end = 1;
    pthread_join(worker, NULL);
    CHECK(worker_used >= 80 * NS_PER_MS, "the worker's clock: %lld ms after 80 ms of work", worker_used / NS_PER_MS);
    CHECK(main_used < worker_used, "the waiting thread used %lld ms, the worker %lld ms", main_used / NS_PER_MS,
          worker_used / NS_PER_MS);
    CHECK(process_used >= worker_used, "the process used %lld ms, its worker alone %lld ms",
          process_used / NS_PER_MS, worker_used / NS_PER_MS);
    clockid_t main_clock;
    CHECK_EQ(0, pthread_getcpuclockid(pthread_self(), &main_clock), "pthread_getcpuclockid(self)");
    long long self_by_id = read_clock(main_clock), self_by_name = read_clock(CLOCK_THREAD_CPUTIME_ID);
    CHECK(self_by_name >= self_by_id && self_by_name - self_by_id < 20 * NS_PER_MS,
          "pthread_getcpuclockid(self) reads %lld ms, CLOCK_THREAD_CPUTIME_ID %lld ms", self_by_id / NS_PER_MS,
          self_by_name / NS_PER_MS);

    /* another process: its clock moves as it works */
    pid_t child = fork();
    if (child == 0) {
        burn_cpu(3 * NS_PER_SECOND);
        _exit(0);
    }
    clockid_t child_clock;
    CHECK_EQ(0, clock_getcpuclockid(child, &child_clock), "clock_getcpuclockid(a child)");
    long long child_start = read_clock(child_clock);
    struct timespec nap = timespec_ns(100 * NS_PER_MS);
    nanosleep(&nap, NULL);
    CHECK(read_clock(child_clock) > child_start, "a working child's clock stood still");
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    CHECK_EQ(ESRCH, clock_getcpuclockid(child, &child_clock), "clock_getcpuclockid(a reaped child)");
}

static void a_timer_on_cpu_time(clockid_t clock)
{
    record_signals_of(SIGUSR2);
    struct sigevent event;
    memset(&event, 0, sizeof event);
    event.sigev_notify = SIGEV_SIGNAL;
    event.sigev_signo = SIGUSR2;
    timer_t timer;
    CHECK_EQ(0, timer_create(clock, &event, &timer), "timer_create on a CPU-time clock");
    long long start = read_clock(clock);
    struct itimerspec setting = { { 0, 0 }, timespec_ns(50 * NS_PER_MS) };
    CHECK_EQ(0, timer_settime(timer, 0, &setting, NULL), "timer_settime");
    struct timespec nap = timespec_ns(100 * NS_PER_MS);
    nanosleep(&nap, NULL);
    CHECK_EQ(0, recorded_count, "signals of a CPU-time timer while its process slept");
    long long used_at_signal = 0, wall_end = monotonic_ns() + 20 * NS_PER_SECOND;
    while (!recorded_count && monotonic_ns() < wall_end)
        burn_cpu(NS_PER_MS);
    used_at_signal = read_clock(clock) - start;
    CHECK_EQ(1, recorded_count, "signals of a 50 ms CPU-time timer");
    CHECK(used_at_signal >= 50 * NS_PER_MS, "the CPU-time timer fired after %lld ms of CPU time",
          used_at_signal / NS_PER_MS);
    CHECK_EQ(0, timer_delete(timer), "timer_delete");
}

static void cases(void)
{
    unsigned timers_before = timers_in_kernel();
    every_clock_has_a_resolution();
    work_moves_the_clocks_and_sleep_does_not();
    the_clocks_of_a_thread_and_a_process();
    a_timer_on_cpu_time(CLOCK_PROCESS_CPUTIME_ID);
    a_timer_on_cpu_time(CLOCK_THREAD_CPUTIME_ID);
    CHECK_EQ(timers_before, timers_in_kernel(), "the kernel's timers after every timer_delete");
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("clock_cpu_time_clocks_advance_with_work");
}
