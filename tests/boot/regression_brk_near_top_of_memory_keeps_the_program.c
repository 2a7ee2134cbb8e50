/* tests/boot/regression_brk_near_top_of_memory_keeps_the_program.c
 *
 * Found by the fuzzer (seed 3, `brk(0xfffff001)`). A break this high is out
 * of range, so brk must return the break unchanged. The kernel rounded it
 * up to a page first, PAGE_ROUND_UP(0xfffff001) wrapped to 0, "0 < the
 * heap's end" looked like a shrink, and every page from address 0 to the
 * heap's end was released: the program's own code and data. The caller then
 * died of SIGSEGV on its next instruction. */
#include <uapi/syscall.h>

#include "boot_test.h"

static long raw_brk(unsigned long address)
{
    long result;
    __asm__ volatile("int $0x80" : "=a"(result) : "a"(SYS_brk), "b"(address) : "memory");
    return result;
}

static volatile int still_here = 7;      /* .data: released with the rest, before the fix */

int main(void)
{
    static const unsigned long too_high[] = { 0xfffff001, 0xfffffffe, 0xffffffff, 0xc0000000, 0xbff00000 };
    long before = raw_brk(0);
    for (unsigned i = 0; i < sizeof too_high / sizeof too_high[0]; i++) {
        pid_t child = fork();
        if (child == 0)                    /* in a child, so that the test survives the bug */
            _exit(raw_brk(too_high[i]) == before && still_here == 7 ? 0 : 1);
        int status = 0;
        waitpid(child, &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
              "brk(0x%lx): expected the break unchanged and the program alive, got %s %d", too_high[i],
              WIFSIGNALED(status) ? "death by signal" : "exit status",
              WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
    }
    CHECK_EQ(before, raw_brk(0), "the break after all that");
    return test_finish("regression_brk_near_top_of_memory_keeps_the_program");
}
