/* tests/boot/fuzz_short.c - a short run of the system-call fuzzer
 * (user/tools/fuzz, docs/robustness.md) as part of `make test`: a few seeds at
 * once in one boot, a few thousand calls each. It passes when no process
 * was killed for a bad argument, the kernel did not panic or hang (the
 * test would not finish), the kernel still works afterwards (fork, pipes,
 * mailboxes, msg_call, System V messages: `fuzz --check`), and every
 * kernel counter is back where it was. The long runs: make fuzz. */
#include <stdio.h>

#include "boot_test.h"

static const char *const seeds[] = { "101", "202", "303" };
#define SEED_COUNT (sizeof seeds / sizeof seeds[0])
#define CALLS "5000"

int main(void)
{
    use_the_stack_before_counting();
    struct kinfo_counters before = settled_counters(read_counters().tasks);

    pid_t runs[SEED_COUNT];
    for (unsigned i = 0; i < SEED_COUNT; i++) {
        char *argv[] = { "fuzz", (char *)seeds[i], CALLS, "--no-check", "--workers", "3", "--seconds", "40", 0 };
        runs[i] = start_program("/bin/fuzz", argv);
        CHECK(runs[i] > 0, "fork for seed %s: %s", seeds[i], strerror(errno));
    }
    for (unsigned i = 0; i < SEED_COUNT; i++) {
        int status = 0;
        if (runs[i] > 0)
            waitpid(runs[i], &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
              "fuzz %s %s: expected exit 0, got status 0x%x (1: a process was killed for a bad argument; "
              "its calls are printed above)", seeds[i], CALLS, status);
    }

    char *check[] = { "fuzz", "--check", 0 };
    int status = 0;
    pid_t checker = start_program("/bin/fuzz", check);
    waitpid(checker, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "fuzz --check: expected the kernel to still work (exit 0), got status 0x%x", status);

    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("fuzz_short");
}
