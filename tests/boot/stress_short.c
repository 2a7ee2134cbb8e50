/* tests/boot/stress_short.c - a short version of the stress runs
 * (user/tools/stress, docs/robustness.md) for `make test`: every IPC mechanism
 * with 16 processes and 4000 records, then all of them at once with
 * signals flying. It passes when every record arrived exactly once, whole,
 * in order where the mechanism promises it, nothing stopped moving (the
 * watchdog), and every kernel counter is back where it was. The long
 * runs: make stress. */
#include "boot_test.h"

int main(void)
{
    use_the_stack_before_counting();
    struct kinfo_counters before = settled_counters(read_counters().tasks);

    char *argv[] = { "stress", "all", "--records", "4000", "--scale", "50", "--watchdog", "20", 0 };
    pid_t child = start_program("/bin/stress", argv);
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "stress all: expected exit 0, got status 0x%x (the failing runs are printed above)", status);

    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("stress_short");
}
