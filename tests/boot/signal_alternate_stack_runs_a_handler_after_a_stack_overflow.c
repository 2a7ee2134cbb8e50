/* tests/boot/signal_alternate_stack_runs_a_handler_after_a_stack_overflow.c -
 * POSIX's sigaltstack() (XSH sigaltstack, sigaction's SA_ONSTACK):
 *  - "ss_size ... less than MINSIGSTKSZ": ENOMEM; ss_flags other than
 *    SS_DISABLE: EINVAL; "an attempt was made to modify an active stack":
 *    EPERM; a pointer outside the caller's memory: EFAULT;
 *  - SS_DISABLE takes the stack away; `oss` reports the stack as it was:
 *    SS_DISABLE when there is none, SS_ONSTACK while the thread runs on it;
 *  - a handler installed with SA_ONSTACK runs on the alternate stack (its
 *    locals lie in it); one without SA_ONSTACK runs on the normal stack;
 *  - the use it is for: a stack overflow's SIGSEGV can be caught only on
 *    another stack. With an alternate stack and a SA_ONSTACK handler the
 *    handler runs; without, the process dies of SIGSEGV;
 *  - fork(): the child keeps the alternate stack (its copy of the memory);
 *    pthread_create(): "the new thread shall have no alternate stack". */
#include <pthread.h>
#include <signal.h>
#include <stdint.h>

#include "boot_test.h"

#define KERNEL_ADDRESS ((void *)0xC0100000)   /* the kernel's code: never the caller's memory */
#define HANDLER_RAN_ON_ITS_STACK 42           /* the overflowing child's exit code */

static char alternate[SIGSTKSZ] __attribute__((aligned(16)));

/* Hides a pointer from the compiler, which would warn about the bad ones. */
static void *hide(void *pointer)
{
    __asm__("" : "+r"(pointer));
    return pointer;
}

static int on_alternate(uintptr_t address)
{
    return address >= (uintptr_t)alternate && address < (uintptr_t)alternate + sizeof alternate;
}

static void use_alternate_stack(void)
{
    stack_t stack = { .ss_sp = alternate, .ss_size = sizeof alternate, .ss_flags = 0 };
    CHECK_EQ(0, sigaltstack(&stack, 0), "sigaltstack(alternate)");
}

static void no_alternate_stack(void)
{
    stack_t none = { .ss_flags = SS_DISABLE };
    CHECK_EQ(0, sigaltstack(&none, 0), "sigaltstack(SS_DISABLE)");
}

static void catch(int signal, void (*handler)(int), int flags)
{
    struct sigaction action = { .sa_handler = handler, .sa_flags = flags };
    sigaction(signal, &action, 0);
}

/* ---- the handler's view ------------------------------------------------- */

static volatile uintptr_t local_address;
static volatile int flags_inside, change_inside, errno_inside;

static void look_around(int signal)
{
    (void)signal;
    volatile char here = 0;
    local_address = (uintptr_t)&here;
    stack_t old;
    flags_inside = sigaltstack(0, &old) == 0 ? old.ss_flags : -1;
    errno = 0;
    change_inside = sigaltstack(&old, 0);   /* the same stack again: only refused while on it */
    errno_inside = errno;
}

static void errors_and_the_old_stack(void)
{
    stack_t old, stack = { .ss_sp = alternate, .ss_size = MINSIGSTKSZ - 1, .ss_flags = 0 };
    CHECK_EQ(0, sigaltstack(0, &old), "sigaltstack(0, &old)");
    CHECK_EQ(SS_DISABLE, old.ss_flags, "ss_flags of a process that has set none");

    CHECK_ERROR(sigaltstack(&stack, 0), ENOMEM);
    stack.ss_size = MINSIGSTKSZ;
    stack.ss_flags = 0x100;
    CHECK_ERROR(sigaltstack(&stack, 0), EINVAL);
    stack.ss_flags = SS_DISABLE | SS_ONSTACK;   /* "ss_flags contains flags other than SS_DISABLE" */
    CHECK_ERROR(sigaltstack(&stack, 0), EINVAL);
    CHECK_ERROR(sigaltstack(hide(KERNEL_ADDRESS), 0), EFAULT);
    CHECK_ERROR(sigaltstack(0, hide(KERNEL_ADDRESS)), EFAULT);
    CHECK_EQ(0, sigaltstack(0, &old), "sigaltstack(0, &old) after the errors");
    CHECK_EQ(SS_DISABLE, old.ss_flags, "a refused stack is not set");

    stack.ss_flags = 0;
    CHECK_EQ(0, sigaltstack(&stack, 0), "sigaltstack of exactly MINSIGSTKSZ bytes");
    use_alternate_stack();
    CHECK_EQ(0, sigaltstack(0, &old), "sigaltstack(0, &old)");
    CHECK(old.ss_sp == alternate && old.ss_size == sizeof alternate && old.ss_flags == 0,
          "the stack reported: sp %p size %u flags %d, expected %p %u 0", old.ss_sp, (unsigned)old.ss_size,
          old.ss_flags, (void *)alternate, (unsigned)sizeof alternate);

    stack_t none = { .ss_flags = SS_DISABLE };
    CHECK_EQ(0, sigaltstack(&none, &old), "sigaltstack(SS_DISABLE, &old)");
    CHECK(old.ss_sp == alternate && old.ss_flags == 0, "the old stack given back when disabling: %p flags %d",
          old.ss_sp, old.ss_flags);
    CHECK_EQ(0, sigaltstack(0, &old), "sigaltstack(0, &old) after SS_DISABLE");
    CHECK_EQ(SS_DISABLE, old.ss_flags, "ss_flags after SS_DISABLE");
}

static void sa_onstack_handlers_run_on_it(void)
{
    use_alternate_stack();
    catch(SIGUSR1, look_around, SA_ONSTACK);
    raise(SIGUSR1);
    CHECK(on_alternate(local_address), "a SA_ONSTACK handler's local at %p, alternate stack %p..%p",
          (void *)local_address, (void *)alternate, (void *)(alternate + sizeof alternate));
    CHECK_EQ(SS_ONSTACK, flags_inside, "ss_flags seen inside a handler on the alternate stack");
    CHECK(change_inside == -1 && errno_inside == EPERM,
          "changing the stack from a handler on it: %d errno %d, expected -1 EPERM", change_inside, errno_inside);

    catch(SIGUSR1, look_around, 0);
    raise(SIGUSR1);
    CHECK(!on_alternate(local_address), "a handler without SA_ONSTACK runs on the normal stack: local at %p",
          (void *)local_address);
    CHECK_EQ(0, flags_inside, "ss_flags seen inside a handler on the normal stack");
    CHECK_EQ(0, change_inside, "changing the stack from a handler not on it");

    no_alternate_stack();
    catch(SIGUSR1, look_around, SA_ONSTACK);
    raise(SIGUSR1);
    CHECK(!on_alternate(local_address), "SA_ONSTACK without an alternate stack: the normal stack, local at %p",
          (void *)local_address);
    CHECK_EQ(SS_DISABLE, flags_inside, "ss_flags inside a handler when there is no alternate stack");
    catch(SIGUSR1, SIG_DFL, 0);
}

/* ---- a stack overflow --------------------------------------------------- */

static volatile int never = 0x7fffffff;

static int __attribute__((noinline)) recurse(int depth)
{
    volatile char frame[1024];
    frame[0] = (char)depth;
    if (depth == never)
        return 0;
    return recurse(depth + 1) + frame[0];
}

static void exit_from_the_alternate_stack(int signal)
{
    volatile char here = 0;
    _exit(signal == SIGSEGV && on_alternate((uintptr_t)&here) ? HANDLER_RAN_ON_ITS_STACK : 1);
}

/* A child recurses until its stack (8 MiB at most) is exhausted. */
static int overflow_in_a_child(int with_alternate_stack)
{
    pid_t child = fork();
    if (child == 0) {
        if (with_alternate_stack)
            use_alternate_stack();
        catch(SIGSEGV, exit_from_the_alternate_stack, SA_ONSTACK);
        _exit(recurse(0) == 0 ? 2 : 3);
    }
    int status = -1;
    waitpid(child, &status, 0);
    return status;
}

static void a_stack_overflow_is_caught_only_on_the_alternate_stack(void)
{
    int status = overflow_in_a_child(1);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == HANDLER_RAN_ON_ITS_STACK,
          "overflow with an alternate stack: status 0x%x, expected exit %d from the handler", status,
          HANDLER_RAN_ON_ITS_STACK);
    status = overflow_in_a_child(0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
          "overflow without an alternate stack: status 0x%x, expected death by SIGSEGV", status);
}

/* ---- fork and threads --------------------------------------------------- */

static void fork_keeps_it(void)
{
    use_alternate_stack();
    catch(SIGUSR1, look_around, SA_ONSTACK);
    pid_t child = fork();
    if (child == 0) {
        stack_t old;
        int same = sigaltstack(0, &old) == 0 && old.ss_sp == alternate && old.ss_size == sizeof alternate &&
                   old.ss_flags == 0;
        raise(SIGUSR1);
        _exit(same && on_alternate(local_address) ? 0 : 1);
    }
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "a forked child has its parent's alternate stack and its handler runs there: status 0x%x", status);
    catch(SIGUSR1, SIG_DFL, 0);
    no_alternate_stack();
}

static void *report_stack_flags(void *unused)
{
    (void)unused;
    stack_t old;
    if (sigaltstack(0, &old) < 0)
        return (void *)-1;
    return (void *)(intptr_t)old.ss_flags;
}

static void a_new_thread_has_none(void)
{
    use_alternate_stack();
    pthread_t thread;
    void *flags = 0;
    CHECK_EQ(0, pthread_create(&thread, 0, report_stack_flags, 0), "pthread_create");
    pthread_join(thread, &flags);
    CHECK_EQ(SS_DISABLE, (intptr_t)flags, "ss_flags in a new thread whose creator has an alternate stack");
    no_alternate_stack();
}

static void cases(void)
{
    errors_and_the_old_stack();
    sa_onstack_handlers_run_on_it();
    a_stack_overflow_is_caught_only_on_the_alternate_stack();
    fork_keeps_it();
    a_new_thread_has_none();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("signal_alternate_stack_runs_a_handler_after_a_stack_overflow");
}
