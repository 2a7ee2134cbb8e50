/* tests/boot/syscall_sysenter_survives_bad_stacks_and_flags.c - the
 * second way into a system call, `sysenter` (arch/x86/sysenter.c), takes
 * its return address from the stack the caller gives in ebp: a stack it
 * cannot read, or one that would send it into the kernel, makes no call
 * and gets the caller a SIGSEGV. And the flags sysenter keeps from ring 3
 * do the kernel no harm: NT (which would turn the kernel's iret into a task
 * switch) and TF (which traps in the kernel's first instruction): a
 * program single-stepping through a call goes on being stepped after it,
 * as through `int 0x80`. */
#include <signal.h>
#include <uapi/syscall.h>

#include "boot_test.h"

#define EXIT_CODE_IF_CALLED 7
#define EFLAGS_TF 0x100
#define EFLAGS_NT 0x4000

/* The library's stub (libc/syscall.h), with a chosen ebp. */
static long sysenter_with_stack(long number, long a, unsigned long stack)
{
    long result;
    __asm__ volatile("push %%ebp\n\t"
                     "movl %2, %%ebp\n\t"
                     "sysenter\n\t"
                     "pop %%ebp"
                     : "=a"(result) : "a"(number), "r"(stack), "b"(a) : "memory");
    return result;
}

static void set_flags(unsigned long bits)
{
    __asm__ volatile("pushfl\n\t"
                     "orl %0, (%%esp)\n\t"
                     "popfl" :: "r"(bits) : "memory", "cc");
}

static void clear_flags(unsigned long bits)
{
    __asm__ volatile("pushfl\n\t"
                     "andl %0, (%%esp)\n\t"
                     "popfl" :: "r"(~bits) : "memory", "cc");
}

/* A child that calls _exit(EXIT_CODE_IF_CALLED) through sysenter with
 * `stack` as its ebp: the call must not be made. */
static void check_bad_stack(unsigned long stack, const char *what)
{
    pid_t child = fork();
    if (child == 0) {
        sysenter_with_stack(SYS_exit, EXIT_CODE_IF_CALLED, stack);
        _exit(1);                    /* came back: neither called nor faulted */
    }
    int status = 0;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
          "sysenter with %s: expected a SIGSEGV and no call, got status 0x%x", what, status);
}

static volatile int traps, traps_after_the_call, call_returned;

static void on_trap(int signal)
{
    (void)signal;
    traps++;
    if (call_returned)
        traps_after_the_call++;
}

int main(void)
{
    static unsigned long kernel_address = 0xC0100000;
    check_bad_stack(0, "ebp 0 (an unmapped page)");
    check_bad_stack(0xBFFFFFFE, "ebp whose word runs into the kernel half");
    check_bad_stack(0xC0100000, "ebp in the kernel");
    check_bad_stack(0xFFFFFFFF, "ebp at the top of memory");
    check_bad_stack((unsigned long)&kernel_address, "a return address in the kernel");

    /* NT on: the call works, and so does everything after it (the libc's
     * getpid enters by sysenter: libc/syscall.h) */
    set_flags(EFLAGS_NT);
    long pid = getpid();
    clear_flags(EFLAGS_NT);
    CHECK_EQ((long)getpid(), pid, "getpid through sysenter with NT on, and one after it");

    /* TF on: every instruction traps, the sysenter too (in the kernel) */
    struct sigaction action = { 0 };
    action.sa_handler = on_trap;
    CHECK_EQ(0, sigaction(SIGTRAP, &action, 0), "sigaction(SIGTRAP)");
    set_flags(EFLAGS_TF);
    pid = getpid();
    call_returned = 1;
    clear_flags(EFLAGS_TF);
    int stepped = traps, stepped_after = traps_after_the_call;
    printf("single step through a sysenter: %d traps, %d of them after the call\n", stepped, stepped_after);
    CHECK_EQ((long)getpid(), pid, "getpid through sysenter, single-stepped");
    CHECK(stepped >= 4, "traps while stepping getpid: expected at least 4, got %d", stepped);
    CHECK(stepped_after >= 1, "the step went on after the call: expected a trap after it, got %d",
          stepped_after);

    return test_finish("syscall_sysenter_survives_bad_stacks_and_flags");
}
