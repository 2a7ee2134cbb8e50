/* setjmp(3): longjmp returns to setjmp from nested calls with the value
 * given (longjmp(env, 0) makes setjmp return 1), callee-saved registers
 * and volatile locals as they were; sigsetjmp(env, 1) keeps the signal
 * mask and siglongjmp out of a handler restores it; setjmp/longjmp out of
 * a handler leave the handler's mask (the signal stays blocked), as with
 * Linux's libc; sigsetjmp(env, 0) keeps no mask. */
#include "boot_test.h"

#include <setjmp.h>
#include <signal.h>

static jmp_buf plain;
static sigjmp_buf with_mask;
static int depth_reached;

static void nested(int depth, int value)
{
    depth_reached = depth;
    if (depth == 10)
        longjmp(plain, value);
    if (depth < 10)
        nested(depth + 1, value);
    depth_reached = -1;                  /* never: the jump skips every return */
}

static void longjmp_leaves_nested_calls(void)
{
    volatile int rounds = 0;
    int result = setjmp(plain);
    rounds++;
    if (result == 0) {
        nested(1, 42);
        CHECK(0, "nested() returned instead of jumping");
    }
    CHECK_EQ(42, result, "setjmp's second return value");
    CHECK_EQ(10, depth_reached, "depth when longjmp ran");
    CHECK_EQ(2, rounds, "times setjmp returned");
}

static void longjmp_with_zero_returns_one(void)
{
    volatile int jumped = 0;
    int result = setjmp(plain);
    if (!jumped) {
        jumped = 1;
        longjmp(plain, 0);
    }
    CHECK_EQ(1, result, "setjmp after longjmp(env, 0)");
    result = _setjmp(plain);
    if (jumped == 1) {
        jumped = 2;
        _longjmp(plain, 7);
    }
    CHECK_EQ(7, result, "_setjmp after _longjmp(env, 7)");
}

/* Registers the compiler keeps across the call survive the jump. GCC
 * warns that such variables "might be clobbered": that they are not is
 * what this checks (setjmp keeps ebx, esi and edi). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wclobbered"
static void callee_saved_registers_survive(void)
{
    register int kept_in_ebx __asm__("ebx") = 0x1234;
    register int kept_in_esi __asm__("esi") = 0x5678;
    register int kept_in_edi __asm__("edi") = 0x9abc;
    __asm__ volatile("" : "+r"(kept_in_ebx), "+r"(kept_in_esi), "+r"(kept_in_edi));
    if (setjmp(plain) == 0) {
        __asm__ volatile("mov $1, %%ebx; mov $2, %%esi; mov $3, %%edi" ::: "ebx", "esi", "edi");
        longjmp(plain, 1);
    }
    __asm__ volatile("" : "+r"(kept_in_ebx), "+r"(kept_in_esi), "+r"(kept_in_edi));
    CHECK(kept_in_ebx == 0x1234 && kept_in_esi == 0x5678 && kept_in_edi == 0x9abc,
          "ebx, esi, edi after the jump: %#x %#x %#x", kept_in_ebx, kept_in_esi, kept_in_edi);
}
#pragma GCC diagnostic pop

static int blocked(int signal)
{
    sigset_t now;
    sigprocmask(SIG_BLOCK, 0, &now);
    return sigismember(&now, signal);
}

static void jump_with_mask(int signal)
{
    (void)signal;
    siglongjmp(with_mask, 1);
}

static void jump_without_mask(int signal)
{
    (void)signal;
    longjmp(plain, 1);
}

static void siglongjmp_from_a_handler_restores_the_mask(void)
{
    signal(SIGUSR1, jump_with_mask);
    sigset_t before;
    sigemptyset(&before);
    sigaddset(&before, SIGUSR2);
    sigprocmask(SIG_SETMASK, &before, 0);
    if (sigsetjmp(with_mask, 1) == 0) {
        raise(SIGUSR1);
        CHECK(0, "the handler returned instead of jumping");
    }
    CHECK(!blocked(SIGUSR1), "SIGUSR1 still blocked after siglongjmp: the mask was not restored");
    CHECK(blocked(SIGUSR2), "SIGUSR2 unblocked by siglongjmp: the saved mask had it");
    sigemptyset(&before);
    sigprocmask(SIG_SETMASK, &before, 0);
}

static void longjmp_from_a_handler_keeps_the_handlers_mask(void)
{
    signal(SIGUSR1, jump_without_mask);
    if (setjmp(plain) == 0) {
        raise(SIGUSR1);
        CHECK(0, "the handler returned instead of jumping");
    }
    CHECK(blocked(SIGUSR1), "SIGUSR1 not blocked after longjmp out of its handler (glibc leaves it blocked)");
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, 0);

    /* sigsetjmp(env, 0) keeps no mask either */
    signal(SIGUSR1, jump_with_mask);
    if (sigsetjmp(with_mask, 0) == 0)
        raise(SIGUSR1);
    CHECK(blocked(SIGUSR1), "sigsetjmp(env, 0) + siglongjmp restored a mask it should not keep");
    sigprocmask(SIG_SETMASK, &none, 0);
    signal(SIGUSR1, SIG_DFL);
}

int main(void)
{
    longjmp_leaves_nested_calls();
    longjmp_with_zero_returns_one();
    callee_saved_registers_survive();
    siglongjmp_from_a_handler_restores_the_mask();
    longjmp_from_a_handler_keeps_the_handlers_mask();
    return test_finish("setjmp_longjmp_and_siglongjmp_restore_what_they_should");
}
