/* tests/unit/unit.h - a header-only harness for the host-compiled unit tests.
 *
 * A test file is one program. It defines its tests with
 *
 *     UNIT_TEST(heap_merges_free_neighbours) { ... EXPECT_EQ_INT(0, heap_check()); }
 *
 * and main() (below) runs them in the order they appear, printing exactly one
 * line per test on stdout:
 *
 *     PASS heap.heap_merges_free_neighbours
 *     FAIL heap.heap_merges_free_neighbours: expected 0, got -3: heap_check() (tests/unit/test_heap.c:42)
 *
 * and returns 1 if any test failed. "heap" is the file's stem (test_heap.c).
 * Only a test's first failure is on its stdout line; every failure also goes
 * to stderr as it happens.
 *
 * Checks: EXPECT(cond, fmt, ...) records a failure and carries on;
 * REQUIRE(cond, fmt, ...) records it and ends the test (use it where going on
 * would crash, e.g. on a NULL pointer); EXPECT_EQ_INT and EXPECT_EQ_STR
 * compare an expected value with an actual one and say both.
 *
 * Each test runs in a child process (fork), so a test that crashes, trips
 * AddressSanitizer or UndefinedBehaviorSanitizer, or loops (a time limit)
 * fails alone, and no test sees another's leftover state. The child reports
 * through a shared page. Arguments on the command line select tests whose
 * names contain one of them. */
#ifndef TESTS_UNIT_UNIT_H
#define TESTS_UNIT_UNIT_H

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define UNIT_MAX_TESTS      256
#ifndef UNIT_TIME_LIMIT
#define UNIT_TIME_LIMIT     120     /* seconds a single test may take */
#endif
#define UNIT_MESSAGE_MAX    1024

struct unit_test {
    const char *name;
    void (*run)(void);
    const char *file;
    int line;                       /* where UNIT_TEST stands: the run order */
};

/* What a test's child process tells the parent. */
struct unit_result {
    int failures;
    char message[UNIT_MESSAGE_MAX]; /* the first failure, with its file:line */
    const char *last_file;          /* the last check reached: a string */
    int last_line;                  /* literal, at the same address in parent and child */
};

static struct unit_test unit_tests[UNIT_MAX_TESTS];
static int unit_test_count;
static struct unit_result *unit_result;

/* Make UndefinedBehaviorSanitizer end the process (it only warns by
 * default), so undefined behaviour fails the test it happens in. */
const char *__ubsan_default_options(void);
const char *__ubsan_default_options(void)
{
    return "halt_on_error=1:print_stacktrace=1";
}

static inline void unit_register(const char *name, void (*run)(void), const char *file, int line)
{
    if (unit_test_count == UNIT_MAX_TESTS) {
        fprintf(stderr, "unit.h: more than %d tests in one file\n", UNIT_MAX_TESTS);
        exit(2);
    }
    unit_tests[unit_test_count++] = (struct unit_test){ name, run, file, line };
}

#define UNIT_TEST(name)                                                       \
    static void unit_test_##name(void);                                       \
    __attribute__((constructor)) static void unit_register_##name(void)       \
    {                                                                         \
        unit_register(#name, unit_test_##name, __FILE__, __LINE__);           \
    }                                                                         \
    static void unit_test_##name(void)

static inline void unit_reached(const char *file, int line)
{
    unit_result->last_file = file;
    unit_result->last_line = line;
}

__attribute__((format(printf, 3, 4)))
static inline void unit_fail(const char *file, int line, const char *fmt, ...)
{
    char text[UNIT_MESSAGE_MAX];
    va_list args;
    va_start(args, fmt);
    vsnprintf(text, sizeof text, fmt, args);
    va_end(args);
    if (unit_result->failures++ == 0) {
        char *message = unit_result->message;
        size_t size = sizeof unit_result->message;
        size_t used = (size_t)snprintf(message, size - 300, "%s", text);
        if (used > size - 301)
            used = size - 301;
        snprintf(message + used, size - used, " (%s:%d)", file, line);
    }
    fprintf(stderr, "  failure: %s (%s:%d)\n", text, file, line);
}

/* Ends the running test (it is a child process; the parent reports). */
static inline void unit_end_test(void)
{
    fflush(stdout);
    fflush(stderr);
    _exit(0);
}

#define EXPECT(cond, ...)                                                     \
    do {                                                                      \
        unit_reached(__FILE__, __LINE__);                                     \
        if (!(cond))                                                          \
            unit_fail(__FILE__, __LINE__, __VA_ARGS__);                       \
    } while (0)

#define REQUIRE(cond, ...)                                                    \
    do {                                                                      \
        unit_reached(__FILE__, __LINE__);                                     \
        if (!(cond)) {                                                        \
            unit_fail(__FILE__, __LINE__, __VA_ARGS__);                       \
            unit_end_test();                                                  \
        }                                                                     \
    } while (0)

#define EXPECT_EQ_INT(expected, actual)                                       \
    do {                                                                      \
        long long unit_expected_ = (long long)(expected);                     \
        long long unit_actual_ = (long long)(actual);                         \
        EXPECT(unit_expected_ == unit_actual_, "expected %lld, got %lld: %s", \
               unit_expected_, unit_actual_, #actual);                        \
    } while (0)

/* Either side may be NULL; two NULLs are equal. */
#define EXPECT_EQ_STR(expected, actual)                                       \
    do {                                                                      \
        const char *unit_expected_ = (expected);                              \
        const char *unit_actual_ = (actual);                                  \
        int unit_same_ = unit_expected_ && unit_actual_                       \
                             ? strcmp(unit_expected_, unit_actual_) == 0      \
                             : unit_expected_ == unit_actual_;                \
        EXPECT(unit_same_, "expected %s%s%s, got %s%s%s: %s",                 \
               unit_expected_ ? "\"" : "", unit_expected_ ? unit_expected_ : "NULL", \
               unit_expected_ ? "\"" : "",                                    \
               unit_actual_ ? "\"" : "", unit_actual_ ? unit_actual_ : "NULL", \
               unit_actual_ ? "\"" : "", #actual);                            \
    } while (0)

/* "tests/unit/test_heap.c" -> "heap" */
static inline void unit_file_stem(const char *path, char *stem, size_t size)
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    if (!strncmp(base, "test_", 5))
        base += 5;
    snprintf(stem, size, "%s", base);
    char *dot = strrchr(stem, '.');
    if (dot)
        *dot = 0;
}

static inline int unit_selected(const char *name, int argc, char **argv)
{
    if (argc < 2)
        return 1;
    for (int i = 1; i < argc; i++)
        if (strstr(name, argv[i]))
            return 1;
    return 0;
}

/* Runs one test in a child; returns 1 if it passed. Prints its line. */
static inline int unit_run(const struct unit_test *test, const char *stem)
{
    memset(unit_result, 0, sizeof *unit_result);
    fflush(stdout);
    fflush(stderr);
    pid_t child = fork();
    if (child < 0) {
        perror("unit.h: fork");
        exit(2);
    }
    if (child == 0) {
        alarm(UNIT_TIME_LIMIT);
        test->run();
        unit_end_test();
    }
    int status;
    while (waitpid(child, &status, 0) < 0) {
        if (errno != EINTR) {
            perror("unit.h: waitpid");
            exit(2);
        }
    }
    char where[300];
    if (unit_result->last_file)
        snprintf(where, sizeof where, "after the check at %s:%d",
                 unit_result->last_file, unit_result->last_line);
    else
        snprintf(where, sizeof where, "before its first check, in %s:%d", test->file, test->line);

    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
        printf("FAIL %s.%s: expected to finish within %d s, still running %s (%s:%d)\n",
               stem, test->name, UNIT_TIME_LIMIT, where, test->file, test->line);
    else if (WIFSIGNALED(status))
        printf("FAIL %s.%s: expected to finish, killed by signal %d (%s) %s (%s:%d)\n",
               stem, test->name, WTERMSIG(status), strsignal(WTERMSIG(status)), where,
               test->file, test->line);
    else if (WEXITSTATUS(status) != 0)
        printf("FAIL %s.%s: expected to finish, exited with status %d "
               "(see stderr) %s (%s:%d)\n",
               stem, test->name, WEXITSTATUS(status), where, test->file, test->line);
    else if (unit_result->failures)
        printf("FAIL %s.%s: %s\n", stem, test->name, unit_result->message);
    else
        printf("PASS %s.%s\n", stem, test->name);
    fflush(stdout);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 && !unit_result->failures;
}

int main(int argc, char **argv)
{
    char stem[128];
    unit_file_stem(__BASE_FILE__, stem, sizeof stem);
    unit_result = mmap(NULL, sizeof *unit_result, PROT_READ | PROT_WRITE,
                       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (unit_result == MAP_FAILED) {
        perror("unit.h: mmap");
        return 2;
    }
    /* constructors may run in any order: put the tests in file order */
    for (int i = 1; i < unit_test_count; i++)
        for (int j = i; j > 0 && unit_tests[j - 1].line > unit_tests[j].line; j--) {
            struct unit_test swap = unit_tests[j];
            unit_tests[j] = unit_tests[j - 1];
            unit_tests[j - 1] = swap;
        }
    int failed = 0;
    for (int i = 0; i < unit_test_count; i++)
        if (unit_selected(unit_tests[i].name, argc, argv))
            failed |= !unit_run(&unit_tests[i], stem);
    return failed;
}

#endif
