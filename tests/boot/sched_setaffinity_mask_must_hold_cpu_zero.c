/* tests/boot/sched_setaffinity_mask_must_hold_cpu_zero.c - CPU affinity
 * as Linux: sched_getaffinity reports CPU 0 among the thread's CPUs; a
 * mask with no CPU that is there (empty, or only CPU 1000) is EINVAL; the
 * mask {0} is kept, reported back, and inherited by fork's child and by
 * a new thread; pthread_setaffinity_np and pthread_getaffinity_np work on
 * a thread and answer the error number; a size smaller than the kernel's
 * mask is EINVAL for sched_getaffinity; a thread that does not exist is
 * ESRCH; another user's thread may be read but not changed (EPERM); a
 * bad pointer is EFAULT. sched_getcpu on CPU 0 alone says 0. The CPU_*
 * macros work as glibc's. */
#include <pthread.h>
#include <sched.h>

#include "boot_test.h"

static int only_cpu_zero(const cpu_set_t *set)
{
    return CPU_ISSET(0, set) && CPU_COUNT(set) == 1;
}

static void *report_affinity(void *unused)
{
    (void)unused;
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) < 0)
        return (void *)-1L;
    return (void *)(long)only_cpu_zero(&set);
}

static void the_macros_work(void)
{
    cpu_set_t a, b, c;
    CPU_ZERO(&a);
    CHECK_EQ(0, CPU_COUNT(&a), "CPU_COUNT of an empty set");
    CPU_SET(3, &a);
    CPU_SET(70, &a);
    CPU_SET(CPU_SETSIZE + 5, &a);          /* past the set: nothing */
    CHECK(CPU_ISSET(3, &a) && CPU_ISSET(70, &a) && !CPU_ISSET(4, &a), "CPU_SET, CPU_ISSET");
    CHECK_EQ(2, CPU_COUNT(&a), "CPU_COUNT");
    CPU_ZERO(&b);
    CPU_SET(3, &b);
    CPU_SET(5, &b);
    CPU_AND(&c, &a, &b);
    CHECK(CPU_ISSET(3, &c) && CPU_COUNT(&c) == 1, "CPU_AND");
    CPU_OR(&c, &a, &b);
    CHECK_EQ(3, CPU_COUNT(&c), "CPU_OR");
    CPU_XOR(&c, &a, &b);
    CHECK(CPU_COUNT(&c) == 2 && CPU_ISSET(5, &c) && CPU_ISSET(70, &c), "CPU_XOR");
    CPU_CLR(70, &a);
    CPU_SET(5, &a);
    CHECK(CPU_EQUAL(&a, &b), "CPU_CLR, CPU_EQUAL");
    CHECK_EQ(8, CPU_ALLOC_SIZE(64), "CPU_ALLOC_SIZE(64)");
    CHECK_EQ(1024 / 8, sizeof(cpu_set_t), "sizeof(cpu_set_t): CPU_SETSIZE bits");
    cpu_set_t *allocated = CPU_ALLOC(64);
    CHECK(allocated != NULL, "CPU_ALLOC");
    if (allocated) {
        CPU_ZERO_S(CPU_ALLOC_SIZE(64), allocated);
        CPU_SET_S(1, CPU_ALLOC_SIZE(64), allocated);
        CHECK(CPU_ISSET_S(1, CPU_ALLOC_SIZE(64), allocated) && CPU_COUNT_S(CPU_ALLOC_SIZE(64), allocated) == 1,
              "CPU_SET_S, CPU_ISSET_S, CPU_COUNT_S");
        CHECK_EQ(0, sched_getaffinity(0, CPU_ALLOC_SIZE(64), allocated), "sched_getaffinity into a CPU_ALLOC set");
        CHECK(CPU_ISSET_S(0, CPU_ALLOC_SIZE(64), allocated), "CPU 0 in it");
        CPU_FREE(allocated);
    }
}

static void the_mask_is_kept_and_inherited(void)
{
    cpu_set_t set;
    CHECK_EQ(0, sched_getaffinity(0, sizeof set, &set), "sched_getaffinity");
    CHECK(CPU_ISSET(0, &set), "CPU 0 among the thread's CPUs");

    CPU_ZERO(&set);
    CHECK_ERROR(sched_setaffinity(0, sizeof set, &set), EINVAL);
    CPU_SET(1000, &set);
    CHECK_ERROR(sched_setaffinity(0, sizeof set, &set), EINVAL);
    CPU_ZERO(&set);
    CPU_SET(0, &set);
    CHECK_EQ(0, sched_setaffinity(0, sizeof set, &set), "sched_setaffinity({0})");
    memset(&set, 0xff, sizeof set);
    CHECK_EQ(0, sched_getaffinity(0, sizeof set, &set), "sched_getaffinity");
    CHECK(only_cpu_zero(&set), "the mask read back: expected {0}, got %d CPUs", CPU_COUNT(&set));
    CHECK_EQ(0, sched_getcpu(), "sched_getcpu with the mask {0}");

    pid_t child = fork();
    if (child == 0) {
        cpu_set_t inherited;
        _exit(sched_getaffinity(0, sizeof inherited, &inherited) == 0 && only_cpu_zero(&inherited) ? 0 : 1);
    }
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "fork's child: expected the mask {0}, status 0x%x", status);

    pthread_t thread;
    void *result = 0;
    CHECK_EQ(0, pthread_create(&thread, NULL, report_affinity, NULL), "pthread_create");
    pthread_join(thread, &result);
    CHECK_EQ(1, (long)result, "a new thread's mask: expected {0}");
}

static void *wait_a_little(void *unused)
{
    (void)unused;
    usleep(200 * 1000);
    return 0;
}

static void threads_by_handle(void)
{
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, NULL, wait_a_little, NULL), "pthread_create");
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(0, &set);
    CHECK_EQ(0, pthread_setaffinity_np(thread, sizeof set, &set), "pthread_setaffinity_np({0})");
    memset(&set, 0, sizeof set);
    CHECK_EQ(0, pthread_getaffinity_np(thread, sizeof set, &set), "pthread_getaffinity_np");
    CHECK(only_cpu_zero(&set), "the thread's mask: expected {0}");
    CPU_ZERO(&set);
    CHECK_EQ(EINVAL, pthread_setaffinity_np(thread, sizeof set, &set), "pthread_setaffinity_np of an empty set");
    pthread_join(thread, NULL);
}

static void bad_input(void)
{
    cpu_set_t set;
    CHECK_ERROR(sched_getaffinity(0, 1, &set), EINVAL);     /* smaller than the kernel's mask */
    CHECK_ERROR(sched_getaffinity(0, 0, &set), EINVAL);
    CHECK_ERROR(sched_getaffinity(0, sizeof set, (cpu_set_t *)1), EFAULT);
    CHECK_ERROR(sched_setaffinity(0, sizeof set, (cpu_set_t *)1), EFAULT);

    pid_t gone = fork();
    if (gone == 0)
        _exit(0);
    waitpid(gone, NULL, 0);
    CPU_ZERO(&set);
    CPU_SET(0, &set);
    CHECK_ERROR(sched_setaffinity(gone, sizeof set, &set), ESRCH);
    CHECK_ERROR(sched_getaffinity(gone, sizeof set, &set), ESRCH);

    pid_t child = fork();
    if (child == 0) {
        check_failures = 0;
        CHECK_EQ(0, setuid(65534), "setuid(65534)");
        CHECK_EQ(0, sched_getaffinity(1, sizeof set, &set), "sched_getaffinity of root's pid 1");
        CHECK_ERROR(sched_setaffinity(1, sizeof set, &set), EPERM);
        CHECK_EQ(0, sched_setaffinity(0, sizeof set, &set), "sched_setaffinity of oneself");
        fflush(stdout);
        _exit(check_failures ? 1 : 0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child that is not root: status 0x%x", status);
}

int main(void)
{
    the_macros_work();
    the_mask_is_kept_and_inherited();
    threads_by_handle();
    if (getuid() == 0)
        bad_input();
    return test_finish("sched_setaffinity_mask_must_hold_cpu_zero");
}
