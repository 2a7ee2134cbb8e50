/* tests/boot/process_faults_kill_only_the_faulter.c - a child that touches
 * NULL or kernel memory, divides by zero, or runs an invalid or privileged
 * instruction dies of the matching signal; the parent goes on. */
#include <signal.h>

#include "boot_test.h"

static volatile int zero = 0;

static void null_dereference(void) { *(volatile int *)0 = 1; }
static void write_kernel_memory(void) { *(volatile int *)0xC0100000 = 1; }
static void read_kernel_memory(void) { (void)*(volatile int *)0xC0000000; }
static void write_own_code(void) { *(volatile unsigned char *)(void *)null_dereference = 0x90; }
static void divide_by_zero(void) { volatile int x = 10 / zero; (void)x; }
static void invalid_opcode(void) { __asm__ volatile("ud2"); }
static void privileged_instruction(void) { __asm__ volatile("hlt"); }
static void kernel_only_interrupt(void) { __asm__ volatile("int $0x0d"); }
static void jump_into_kernel(void) { ((void (*)(void))0xC0100000)(); }

static void expect_death(const char *what, void (*action)(void), int signal)
{
    pid_t child = fork();
    if (child == 0) {
        action();
        _exit(0);                    /* should not get here */
    }
    int status;
    CHECK_EQ(child, waitpid(child, &status, 0), what);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == signal,
          "%s: status 0x%x, expected death by signal %d", what, status, signal);
}

int main(void)
{
    expect_death("NULL dereference", null_dereference, SIGSEGV);
    expect_death("write to kernel memory", write_kernel_memory, SIGSEGV);
    expect_death("read of kernel memory", read_kernel_memory, SIGSEGV);
    expect_death("write to the program's own code", write_own_code, SIGSEGV);
    expect_death("divide by zero", divide_by_zero, SIGFPE);
    expect_death("invalid opcode", invalid_opcode, SIGILL);
    expect_death("hlt in user mode", privileged_instruction, SIGSEGV);
    expect_death("int 0x0d from user mode", kernel_only_interrupt, SIGSEGV);
    expect_death("jump into the kernel", jump_into_kernel, SIGSEGV);

    /* and still everything works */
    pid_t child = fork();
    if (child == 0)
        _exit(7);
    int status;
    waitpid(child, &status, 0);
    CHECK_EQ(7, WEXITSTATUS(status), "a normal child after the faults");
    return test_finish("process_faults_kill_only_the_faulter");
}
