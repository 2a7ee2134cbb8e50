/* tests/boot/regression_brk_under_mlockall_future_over_a_cut_heap.c
 *
 * Found by the fuzzer (seed 7 of calls_gaps.c's first runs). Under
 * mlockall(MCL_FUTURE), brk locks the heap it grows, from the old break
 * to the new one. After mprotect had split the heap's foot off and a
 * shrinking brk had unmapped that foot, the heap region began above the
 * old break: the range held a hole, and the locking code took the missing
 * region for a real one - the kernel faulted on a NULL pointer. Now holes
 * are skipped: brk grows the heap, its pages come present, and the
 * program goes on. Run in a child, so that the test survives the bug. */
#include <stdint.h>
#include <sys/mman.h>

#include "boot_test.h"

#define PAGE 4096

int main(void)
{
    pid_t child = fork();
    if (child == 0) {
        check_failures = 0;
        char *start = sbrk(0);
        char *foot = (char *)(((uintptr_t)start + PAGE - 1) & ~(uintptr_t)(PAGE - 1));
        CHECK(brk(foot + 3 * PAGE) == 0, "brk: grow the heap by 3 pages");
        CHECK_EQ(0, mprotect(foot, PAGE, PROT_READ), "mprotect of the heap's first page: its foot splits off");
        CHECK(brk(foot) == 0, "brk: shrink the heap back to its foot");
        CHECK_EQ(0, mlockall(MCL_FUTURE), "mlockall(MCL_FUTURE)");
        CHECK(brk(foot + 4 * PAGE) == 0, "brk: grow the heap by 4 pages under MCL_FUTURE");
        foot[4 * PAGE - 1] = 'x';
        CHECK(foot[4 * PAGE - 1] == 'x', "the heap's new last page holds what is written");
        munlockall();
        fflush(stdout);
        _exit(check_failures ? 1 : 0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child: status 0x%x", status);
    return test_finish("regression_brk_under_mlockall_future_over_a_cut_heap");
}
