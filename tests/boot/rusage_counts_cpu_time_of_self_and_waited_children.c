/* tests/boot/rusage_counts_cpu_time_of_self_and_waited_children.c -
 * getrusage, wait4 and times as Linux has them: RUSAGE_SELF counts the
 * process's CPU time (its threads' too), RUSAGE_CHILDREN only children
 * already waited for, wait4 the reaped child's own; page faults, the
 * largest resident set and voluntary switches are counted; times() gives
 * the same in clock ticks of sysconf(_SC_CLK_TCK) = 100; EINVAL for an
 * unknown `who`, EFAULT for a bad pointer.
 *
 * The work is spinning for a time of the wall clock, by a process or thread
 * that has its CPU to itself (the others wait): its CPU time is then about
 * that time. A first version spun a number of loop turns, calibrated at the
 * start as the turns that took 200 ms of CPU time. Under QEMU that rate is
 * the host's: it halved for whole seconds of some boots, and the same turns
 * then took half the CPU time the calibration said. A guest cannot see
 * the host take its CPU away, not in its CPU time and not in its clock, so
 * the two stay comparable whatever the host does. */
#include <pthread.h>
#include <signal.h>
#include <sys/times.h>
#include <unistd.h>

#include "boot_realtime.h"

#define PAGES 64
#define SPIN_MS 200

/* Is `ms` within a factor of two of `expected`? */
static int about(long ms, long expected)
{
    return ms * 2 >= expected && ms <= expected * 2;
}

static long timeval_ms(struct timeval time)
{
    return time.tv_sec * 1000L + time.tv_usec / 1000L;
}

static void *spinning_thread(void *unused)
{
    (void)unused;
    long before = cpu_ms(RUSAGE_THREAD);
    spin_for_ms(SPIN_MS);
    return (void *)(cpu_ms(RUSAGE_THREAD) - before);
}

static void self_and_threads(void)
{
    long wall_before = realtime_now_ms(), before = cpu_ms(RUSAGE_SELF);
    spin_for_ms(SPIN_MS);
    long used = cpu_ms(RUSAGE_SELF) - before, wall = realtime_now_ms() - wall_before;
    CHECK(about(used, SPIN_MS), "RUSAGE_SELF grew by %ld ms over a spin of 200 ms", used);
    CHECK(used <= wall + 5, "CPU time %ld ms within the %ld ms that passed", used, wall);

    long main_before = cpu_ms(RUSAGE_THREAD), self_before = cpu_ms(RUSAGE_SELF);
    pthread_t thread;
    void *thread_used = 0;
    CHECK_EQ(0, pthread_create(&thread, 0, spinning_thread, 0), "pthread_create");
    pthread_join(thread, &thread_used);
    CHECK(about((long)thread_used, SPIN_MS), "RUSAGE_THREAD of a thread spinning 200 ms: %ld ms", (long)thread_used);
    CHECK(about(cpu_ms(RUSAGE_SELF) - self_before, SPIN_MS), "RUSAGE_SELF counts an ended thread's time: %ld ms",
          cpu_ms(RUSAGE_SELF) - self_before);
    CHECK(cpu_ms(RUSAGE_THREAD) - main_before < 100, "the waiting main thread's own time stays small: %ld ms",
          cpu_ms(RUSAGE_THREAD) - main_before);
}

static void faults_memory_and_switches(void)
{
    struct rusage before, after;
    CHECK_EQ(0, getrusage(RUSAGE_SELF, &before), "getrusage");
    char *pages = mmap(0, PAGES * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(pages != MAP_FAILED, "mmap: %s", strerror(errno));
    for (int i = 0; i < PAGES; i++)
        pages[i * 4096] = 1;
    for (int i = 0; i < 5; i++)
        usleep(2000);
    CHECK_EQ(0, getrusage(RUSAGE_SELF, &after), "getrusage");
    CHECK(after.ru_minflt - before.ru_minflt >= PAGES, "ru_minflt grew by %ld touching %d new pages",
          after.ru_minflt - before.ru_minflt, PAGES);
    CHECK(after.ru_maxrss >= PAGES * 4, "ru_maxrss %ld KiB with %d pages touched", after.ru_maxrss, PAGES);
    CHECK(after.ru_nvcsw - before.ru_nvcsw >= 5, "ru_nvcsw grew by %ld over 5 sleeps",
          after.ru_nvcsw - before.ru_nvcsw);
    CHECK_EQ(0, after.ru_majflt, "ru_majflt");
    munmap(pages, PAGES * 4096);
}

static void children_once_waited(void)
{
    CHECK_EQ(0, cpu_ms(RUSAGE_CHILDREN), "RUSAGE_CHILDREN before any child");
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        spin_for_ms(300);
        _exit(0);
    }
    siginfo_t info;
    CHECK_EQ(0, waitid(P_PID, child, &info, WEXITED | WNOWAIT), "waitid WNOWAIT: it has ended");
    CHECK_EQ(0, cpu_ms(RUSAGE_CHILDREN), "RUSAGE_CHILDREN counts only children waited for");
    struct rusage usage;
    int status;
    CHECK_EQ(child, wait4(child, &status, 0, &usage), "wait4");
    CHECK(WIFEXITED(status), "wait4's status %#x", status);
    long child_ms = timeval_ms(usage.ru_utime) + timeval_ms(usage.ru_stime);
    CHECK(about(child_ms, 300), "wait4's rusage: %ld ms for a spin of 300 ms", child_ms);
    long children = cpu_ms(RUSAGE_CHILDREN);
    CHECK(children >= child_ms - 1 && children <= child_ms + 1, "RUSAGE_CHILDREN after the wait: %ld ms, the child's %ld",
          children, child_ms);

    struct tms times_now;
    clock_t elapsed = times(&times_now);
    CHECK(elapsed != (clock_t)-1, "times: %s", strerror(errno));
    CHECK_EQ(100, sysconf(_SC_CLK_TCK), "sysconf(_SC_CLK_TCK)");
    long child_ticks = times_now.tms_cutime + times_now.tms_cstime;
    CHECK(child_ticks >= children / 10 - 2 && child_ticks <= children / 10 + 2,
          "times: children's %ld ticks for %ld ms", child_ticks, children);
    long own_ticks = times_now.tms_utime + times_now.tms_stime, own_ms = cpu_ms(RUSAGE_SELF);
    CHECK(own_ticks >= own_ms / 10 - 2 && own_ticks <= own_ms / 10 + 2, "times: own %ld ticks for %ld ms",
          own_ticks, own_ms);
    struct tms later;
    usleep(50 * 1000);
    CHECK(times(&later) - elapsed >= 4, "times() is a clock: %ld ticks over 50 ms", (long)(times(&later) - elapsed));

    child = fork();
    if (child == 0)
        _exit(0);
    CHECK_EQ(child, wait3(&status, 0, &usage), "wait3");
}

static void errors(void)
{
    struct rusage usage;
    CHECK_ERROR(getrusage(7, &usage), EINVAL);
    CHECK_ERROR(getrusage(-2, &usage), EINVAL);
    CHECK_ERROR(getrusage(RUSAGE_SELF, (struct rusage *)1), EFAULT);
    CHECK_ERROR(wait4(-1, 0, 0, &usage), ECHILD);
    CHECK_ERROR(wait4(-1, 0, 0x4000, &usage), EINVAL);
}

int main(void)
{
    self_and_threads();
    faults_memory_and_switches();
    children_once_waited();
    errors();
    return test_finish("rusage_counts_cpu_time_of_self_and_waited_children");
}
