/* tests/boot/process_fork_1000_no_leak.c - a thousand fork/exit/wait cycles
 * leave the kernel's frames, heap, process table, tasks and files exactly as
 * they were. */
#include "boot_test.h"

int main(void)
{
    /* the first fork grows our own stack and heap pages; the counters are
     * read once the cleaner has freed that child's task */
    struct kinfo_counters before = counters_after_warm_up(read_counters().tasks);

    for (int i = 0; i < 1000; i++) {
        pid_t child = fork();
        if (child == 0)
            _exit(i & 0x7f);
        CHECK(child > 0, "fork %d failed: %s", i, strerror(errno));
        int status;
        pid_t reaped = waitpid(child, &status, 0);
        if (reaped != child || WEXITSTATUS(status) != (i & 0x7f)) {
            CHECK(0, "cycle %d: waitpid %d status 0x%x", i, reaped, status);
            break;
        }
    }
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("process_fork_1000_no_leak");
}
