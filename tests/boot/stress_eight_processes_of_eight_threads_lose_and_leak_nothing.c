/* tests/boot/stress_eight_processes_of_eight_threads_lose_and_leak_nothing.c
 * - the stress runs (user/tools/stress, docs/robustness.md) with threads,
 * for `make test`: every IPC mechanism in turn with 8 processes of 8
 * threads each, every thread a producer or a consumer of its own (4000
 * records per mechanism), then all mechanisms at once with 2 threads per
 * process and SIGUSR1 flying. It passes when every record arrived exactly
 * once, whole, in order where the mechanism promises it, nothing stopped
 * moving, and once every process has exited every kernel counter (free
 * frames, heap, tasks, objects) is back where it was. */
#include "boot_test.h"

int main(void)
{
    char *argv[] = { "stress", "all", "--threads", "8", "--records", "4000", "--watchdog", "20", 0 };
    run_program_checking_leaks("/bin/stress", argv);
    return test_finish("stress_eight_processes_of_eight_threads_lose_and_leak_nothing");
}
