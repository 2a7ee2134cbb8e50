/* kernel/ktest/ktest.c - running the in-kernel tests. */
#include "ktest.h"

#include <stdarg.h>

#include "arch/x86/per_cpu.h"
#include "drivers/power.h"
#include "lib/kprintf.h"
#include "lib/string.h"

extern const struct ktest ktests_start[], ktests_end[];   /* boot/linker.ld */

static int current_failed;
static char failure_message[200];

void ktest_fail(const char *file, int line, const char *fmt, ...)
{
    if (current_failed)
        return;
    current_failed = 1;
    char message[160];
    va_list args;
    va_start(args, fmt);
    vksnprintf(message, sizeof message, fmt, args);
    va_end(args);
    ksnprintf(failure_message, sizeof failure_message, "%s (%s:%d)", message, file, line);
}

int ktest_failed(void)
{
    return current_failed;
}

/* Compares names treating '-' as '_' (ktest=sched-demo names sched_demo). */
static int names_match(const char *name, const char *wanted, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        char a = name[i], b = wanted[i] == '-' ? '_' : wanted[i];
        if (a != b)
            return 0;
        if (!a)
            return 1;
    }
    return 1;
}

/* Does the one pattern `wanted` (its first `length` characters: NAME, or
 * NAME* for every name that begins so) select `test`? */
static int pattern_selects(const struct ktest *test, const char *wanted, size_t length)
{
    if (length && wanted[length - 1] == '*')
        return !test->only_when_named && names_match(test->name, wanted, length - 1);
    return strlen(test->name) == length && names_match(test->name, wanted, length);
}

/* Does `selection` (the `ktest` option: empty for all, or patterns
 * separated by commas) select `test`, on a machine of this many CPUs? */
static int selected(const struct ktest *test, const char *selection)
{
    if (cpu_count < test->cpus_needed)
        return 0;
    if (!selection || !*selection)
        return !test->only_when_named;
    for (const char *wanted = selection;;) {
        const char *comma = strchr(wanted, ',');
        size_t length = comma ? (size_t)(comma - wanted) : strlen(wanted);
        if (pattern_selects(test, wanted, length))
            return 1;
        if (!comma)
            return 0;
        wanted = comma + 1;
    }
}

void ktest_run_selected(const char *selection)
{
    int passed = 0, failed = 0;
    for (const struct ktest *test = ktests_start; test < ktests_end; test++) {
        if (!selected(test, selection))
            continue;
        current_failed = 0;
        test->run();
        if (current_failed) {
            kprintf("KTEST FAIL %s: %s\n", test->name, failure_message);
            failed++;
        } else {
            kprintf("KTEST PASS %s\n", test->name);
            passed++;
        }
    }
    kprintf("KTEST DONE %d passed, %d failed\n", passed, failed);
    power_off(failed || passed == 0 ? 1 : 0);
}
