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
    char *argv[] = { "stress", "all", "--records", "4000", "--scale", "50", "--watchdog", "20", 0 };
    run_program_checking_leaks("/bin/stress", argv);
    return test_finish("stress_short");
}
