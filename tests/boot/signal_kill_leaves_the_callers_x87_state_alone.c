/* The x87 registers a program has when it makes a system call are still
 * its own in the kernel: the kernel must not execute an x87 instruction
 * on them. On two CPUs kill began without the big lock and read the
 * target's 64-bit signal mask with one x87 load and store (the only way
 * gcc reads 64 bits at once on this target), and so:
 *   - with all eight x87 registers in use, the load overwrote the last
 *     one (caught here: the program reads its eight values back);
 *   - with a floating-point exception pending (unmasked, not yet raised),
 *     a real CPU raises it at that load, in the kernel, which stops the
 *     machine. QEMU raises a pending exception only at fwait, so here the
 *     test checks that the exception is still pending after each kill and
 *     that the program's own fwait raises SIGFPE.
 * The child calls kill with `int 0x80` itself, so no C code runs between
 * its x87 instructions and the call. */
#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>
#include <uapi/syscall.h>

#include "boot_test.h"
#include "boot_x87.h"

#define ROUNDS 200

static int raw_kill(int pid, int signal)
{
    int result;
    __asm__ volatile("int $0x80" : "=a"(result) : "a"(SYS_kill), "b"(pid), "c"(signal) : "memory");
    return result;
}

/* Pushes 1..8 onto the x87 stack, calls kill, pops them back: how many
 * came back changed (0 expected), and kill's result in *result. */
static int eight_registers_across_kill(int pid, int *result)
{
    static const int32_t values[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    x87_load_eight(values);
    *result = raw_kill(pid, SIGUSR1);
    return x87_changed_of_eight(values);
}

/* Unmasks division by zero, divides by zero (the exception pending in
 * the status word, not raised), calls kill: the status word after it. */
static uint16_t pending_exception_across_kill(int pid, int *result)
{
    uint16_t control = 0x037F & ~0x0004, status;   /* every exception masked but ZE */
    __asm__ volatile("fninit\n\tfldcw %0\n\tfldz\n\tfld1\n\tfdivp\n\t" :: "m"(control));
    *result = raw_kill(pid, SIGUSR1);
    __asm__ volatile("fnstsw %0" : "=m"(status));  /* no-wait: raises nothing */
    return status;
}

static void child(pid_t parent)
{
    int failed_kills = 0, changed = 0, result;
    uint16_t status = 0x0084;                 /* ZE and ES: the exception pending */
    for (int i = 0; i < ROUNDS; i++) {
        changed += eight_registers_across_kill(parent, &result);
        failed_kills += result != 0;
        status &= pending_exception_across_kill(parent, &result);
        failed_kills += result != 0;
        __asm__ volatile("fnclex");           /* cleared for the next round (no-wait) */
    }
    if (changed)
        _exit(50);
    if (failed_kills)
        _exit(51);
    if (status != 0x0084)
        _exit(52);
    pending_exception_across_kill(parent, &result);
    __asm__ volatile("fwait");                /* SIGFPE here, in user mode */
    _exit(53);
}

static volatile sig_atomic_t usr1_seen;

static void on_usr1(int signal)
{
    (void)signal;
    usr1_seen++;
}

static void cases(void)
{
    struct sigaction action = { 0 };
    action.sa_handler = on_usr1;
    CHECK_EQ(0, sigaction(SIGUSR1, &action, 0), "sigaction(SIGUSR1)");
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0)
        child(parent);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        ;                                     /* EINTR: the child's SIGUSR1s */
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGFPE,
          "the child's eight x87 registers and its pending exception kept across %d kills, and SIGFPE at "
          "its own fwait: status 0x%x (exit 50: a register changed; 51: a kill failed; 52: the exception "
          "was gone; 53: no SIGFPE)", 2 * ROUNDS, status);
    CHECK(usr1_seen > 0, "the kills arrived: %d SIGUSR1 seen", (int)usr1_seen);
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("signal_kill_leaves_the_callers_x87_state_alone");
}
