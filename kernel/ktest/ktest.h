/* kernel/ktest/ktest.h - in-kernel tests, run when the kernel is booted with
 * `ktest` (all of them) or `ktest=NAME` (one, or every NAME* with a final *;
 * several, separated by commas: `ktest=lock_*,smp_*`).
 * Each reports one line on the log, which tools/run-tests turns into a line
 * of `make test`:
 *     KTEST PASS sched_round_robin
 *     KTEST FAIL heap_random: expected 0, got -3 (kernel/ktest/mm_tests.c:42)
 *
 *     KTEST(heap_sums_up) {
 *         void *p = kmalloc(10);
 *         KTEST_EXPECT(p != NULL, "kmalloc(10) returned NULL");
 *     }
 */
#ifndef KERNEL_KTEST_KTEST_H
#define KERNEL_KTEST_KTEST_H

struct ktest {
    const char *name;
    void (*run)(void);
    int only_when_named;      /* not part of `ktest` (all): e.g. the fault test */
    int cpus_needed;          /* run only on a machine of at least this many CPUs */
};

#define KTEST_DEFINE(test_name, only_named, cpus)                                     \
    static void ktest_##test_name(void);                                              \
    static const struct ktest ktest_entry_##test_name                                 \
        __attribute__((used, section(".ktests"), aligned(4))) = {                     \
            #test_name, ktest_##test_name, only_named, cpus };                        \
    static void ktest_##test_name(void)

#define KTEST(test_name)       KTEST_DEFINE(test_name, 0, 1)
#define KTEST_NAMED_ONLY(test_name) KTEST_DEFINE(test_name, 1, 1)
/* A test of several CPUs at once: a boot with fewer leaves it out (it
 * reports nothing there, neither pass nor fail). */
#define KTEST_ON_CPUS(test_name, cpus) KTEST_DEFINE(test_name, 0, cpus)

/* Records a failure of the running test (the first one is reported). */
void ktest_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Nonzero once the running test has failed. */
int ktest_failed(void);

#define KTEST_EXPECT(condition, ...)                                   \
    do {                                                               \
        if (!(condition)) {                                            \
            ktest_fail(__FILE__, __LINE__, __VA_ARGS__);               \
            return;                                                    \
        }                                                              \
    } while (0)

#define KTEST_EXPECT_EQ(expected, actual, what)                                        \
    do {                                                                               \
        long long expected_value_ = (long long)(expected);                             \
        long long actual_value_ = (long long)(actual);                                 \
        if (expected_value_ != actual_value_) {                                        \
            ktest_fail(__FILE__, __LINE__, "%s: expected %lld, got %lld", what,        \
                       expected_value_, actual_value_);                                \
            return;                                                                    \
        }                                                                              \
    } while (0)

/* Runs the tests the `ktest` option selects and powers off with status 0
 * when all passed, 1 otherwise. */
void ktest_run_selected(const char *selection) __attribute__((noreturn));

#endif
