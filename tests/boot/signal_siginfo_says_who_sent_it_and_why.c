/* tests/boot/signal_siginfo_says_who_sent_it_and_why.c - what a
 * SA_SIGINFO handler receives (POSIX XSH 2.4.3, <signal.h>):
 *  - kill(): si_code SI_USER, si_pid and si_uid of the sender;
 *  - a child's end: SIGCHLD with CLD_EXITED and the exit code in
 *    si_status, or CLD_KILLED and the signal; a stop CLD_STOPPED, a
 *    continue CLD_CONTINUED;
 *  - faults: SIGSEGV with si_addr the address touched, SEGV_MAPERR where
 *    nothing is mapped and SEGV_ACCERR for a write to read-only memory or
 *    any access to a PROT_NONE page;
 *    SIGFPE with FPE_INTDIV; SIGILL with ILL_ILLOPN;
 *  - the third argument is a ucontext_t: uc_mcontext holds the interrupted
 *    registers, and what the handler changes there is what the program
 *    resumes with (here: eip moved past the faulting instruction), and
 *    uc_mcontext.cr2 holds the address a SIGSEGV touched, as on Linux;
 *  - SA_RESETHAND: the disposition is SIG_DFL once the handler is entered;
 *    SA_NODEFER: the signal is not blocked in its own handler;
 *  - SA_NOCLDWAIT, and SIGCHLD set to SIG_IGN: children leave no zombies,
 *    and waitpid() waits for them all and then fails with ECHILD;
 *  - SA_NOCLDSTOP: no SIGCHLD when a child stops or continues. */
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>

#include "boot_test.h"

static volatile int caught, caught_code, caught_pid, caught_status, caught_signal;
static volatile uintptr_t caught_address;
static volatile unsigned caught_uid;

static void record(int signal, siginfo_t *info, void *context)
{
    (void)context;
    caught++;
    caught_signal = signal;
    caught_code = info->si_code;
    caught_pid = info->si_pid;
    caught_uid = info->si_uid;
    caught_status = info->si_status;
    caught_address = (uintptr_t)info->si_addr;
}

static void catch_with_info(int signal, void (*handler)(int, siginfo_t *, void *), int flags)
{
    struct sigaction action = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO | flags };
    sigaction(signal, &action, 0);
}

static void reset(void)
{
    caught = caught_code = caught_pid = caught_status = caught_signal = 0;
    caught_address = 0;
    caught_uid = 12345;
}

static void kill_says_si_user_and_the_sender(void)
{
    reset();
    catch_with_info(SIGUSR1, record, 0);
    kill(getpid(), SIGUSR1);
    CHECK(caught == 1 && caught_signal == SIGUSR1 && caught_code == SI_USER && caught_pid == getpid() &&
          caught_uid == 0,
          "kill: caught %d signal %d code %d pid %d uid %u", caught, caught_signal, caught_code, caught_pid,
          caught_uid);
    signal(SIGUSR1, SIG_DFL);
}

/* Waits (with SIGCHLD unblocked) until the handler has run `count` times. */
static void wait_for_sigchld(int count)
{
    for (int i = 0; i < 200 && caught < count; i++)
        usleep(5000);
}

/* A child that only waits for signals, given time to start. */
static pid_t idle_child(void)
{
    pid_t child = fork();
    if (child == 0) {
        for (;;)
            pause();
    }
    usleep(10000);
    return child;
}

static void sigchld_tells_how_the_child_ended(void)
{
    reset();
    catch_with_info(SIGCHLD, record, SA_RESTART);
    pid_t child = fork();
    if (child == 0)
        _exit(42);
    wait_for_sigchld(1);
    CHECK(caught == 1 && caught_code == CLD_EXITED && caught_pid == child && caught_status == 42,
          "exit(42): caught %d code %d pid %d (child %d) status %d", caught, caught_code, caught_pid, child,
          caught_status);
    waitpid(child, 0, 0);

    reset();
    child = idle_child();
    kill(child, SIGSTOP);
    wait_for_sigchld(1);
    CHECK(caught == 1 && caught_code == CLD_STOPPED && caught_status == SIGSTOP && caught_pid == child,
          "stopped: caught %d code %d status %d", caught, caught_code, caught_status);
    kill(child, SIGCONT);
    wait_for_sigchld(2);
    CHECK(caught == 2 && caught_code == CLD_CONTINUED && caught_status == SIGCONT,
          "continued: caught %d code %d status %d", caught, caught_code, caught_status);
    kill(child, SIGTERM);
    wait_for_sigchld(3);
    CHECK(caught == 3 && caught_code == CLD_KILLED && caught_status == SIGTERM,
          "killed: caught %d code %d status %d", caught, caught_code, caught_status);
    waitpid(child, 0, 0);

    /* SA_NOCLDSTOP: neither the stop nor the continue */
    reset();
    catch_with_info(SIGCHLD, record, SA_RESTART | SA_NOCLDSTOP);
    child = idle_child();
    kill(child, SIGSTOP);
    usleep(20000);
    kill(child, SIGCONT);
    usleep(20000);
    CHECK_EQ(0, caught, "SIGCHLDs for a stop and a continue under SA_NOCLDSTOP");
    kill(child, SIGKILL);
    wait_for_sigchld(1);
    CHECK(caught == 1 && caught_code == CLD_KILLED, "the end under SA_NOCLDSTOP: caught %d code %d", caught,
          caught_code);
    waitpid(child, 0, 0);
    signal(SIGCHLD, SIG_DFL);
}

/* ---- faults: the handler moves eip past the faulting instruction -------- */

static volatile int skip_length;
static volatile unsigned long context_cr2;

static void skip_the_instruction(int signal, siginfo_t *info, void *context_argument)
{
    record(signal, info, context_argument);
    ucontext_t *context = context_argument;
    context_cr2 = context->uc_mcontext.cr2;
    context->uc_mcontext.gregs[REG_EIP] += skip_length;
}

static void faults_say_where_and_why(void)
{
    catch_with_info(SIGSEGV, skip_the_instruction, 0);
    catch_with_info(SIGFPE, skip_the_instruction, 0);
    catch_with_info(SIGILL, skip_the_instruction, 0);

    reset();
    skip_length = 2;
    uintptr_t nothing_there = 0x10;
    __asm__ volatile("movl (%%edx), %%eax"   /* 8b 02: 2 bytes */
                     ::"d"(nothing_there) : "eax", "memory");
    CHECK(caught == 1 && caught_signal == SIGSEGV && caught_code == SEGV_MAPERR && caught_address == nothing_there,
          "a read of 0x10: caught %d signal %d code %d address %#lx", caught, caught_signal, caught_code,
          (unsigned long)caught_address);
    CHECK(context_cr2 == nothing_there, "uc_mcontext.cr2 %#lx, expected the address touched", context_cr2);

    reset();
    skip_length = 2;
    extern const char read_only_text[];
    __asm__ volatile("movl %0, %%edx\n\t"
                     "read_only_text: movl %%eax, (%%edx)\n\t"   /* 89 02: 2 bytes */
                     ::"i"(read_only_text) : "edx", "memory");
    CHECK(caught == 1 && caught_code == SEGV_ACCERR && caught_address == (uintptr_t)read_only_text,
          "a write to our own code: caught %d code %d address %#lx (code at %#lx)", caught, caught_code,
          (unsigned long)caught_address, (unsigned long)(uintptr_t)read_only_text);

    reset();
    skip_length = 2;
    void *hidden = mmap(0, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    __asm__ volatile("movl (%%edx), %%eax" ::"d"(hidden) : "eax", "memory");
    CHECK(caught == 1 && caught_code == SEGV_ACCERR && caught_address == (uintptr_t)hidden,
          "a read of a PROT_NONE page: caught %d code %d address %#lx (page at %p)", caught, caught_code,
          (unsigned long)caught_address, hidden);
    munmap(hidden, 4096);

    reset();
    skip_length = 2;
    __asm__ volatile("xorl %%ecx, %%ecx\n\t"
                     "movl $1, %%eax\n\t"
                     "xorl %%edx, %%edx\n\t"
                     "divl %%ecx\n\t"        /* f7 f1: 2 bytes */
                     ::: "eax", "ecx", "edx");
    CHECK(caught == 1 && caught_signal == SIGFPE && caught_code == FPE_INTDIV, "divide by zero: caught %d signal %d code %d",
          caught, caught_signal, caught_code);

    reset();
    skip_length = 2;
    __asm__ volatile("ud2");                 /* 0f 0b */
    CHECK(caught == 1 && caught_signal == SIGILL && caught_code == ILL_ILLOPN, "ud2: caught %d signal %d code %d",
          caught, caught_signal, caught_code);

    signal(SIGSEGV, SIG_DFL);
    signal(SIGFPE, SIG_DFL);
    signal(SIGILL, SIG_DFL);
}

/* ---- SA_RESETHAND and SA_NODEFER ---------------------------------------- */

static volatile int depth, deepest, runs, raises_left;
static volatile void *disposition_inside;

static void nested(int signal)
{
    depth++;
    runs++;
    if (depth > deepest)
        deepest = depth;
    struct sigaction now;
    sigaction(signal, 0, &now);
    disposition_inside = (void *)now.sa_handler;
    if (raises_left > 0) {
        raises_left--;
        raise(signal);                       /* runs at once only under SA_NODEFER */
    }
    depth--;
}

static void resethand_and_nodefer(void)
{
    struct sigaction action = { .sa_handler = nested, .sa_flags = SA_RESETHAND };
    sigaction(SIGUSR2, &action, 0);
    deepest = depth = runs = 0;
    raises_left = 1;
    pid_t child = fork();
    if (child == 0) {
        raise(SIGUSR2);                      /* the nested raise meets SIG_DFL once unblocked: it dies */
        _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR2,
          "SA_RESETHAND: a second SIGUSR2 after the handler kills (status 0x%x)", status);

    action.sa_flags = SA_NODEFER;
    sigaction(SIGUSR2, &action, 0);
    deepest = depth = runs = 0;
    raises_left = 2;
    raise(SIGUSR2);
    CHECK_EQ(3, deepest, "SA_NODEFER: the handler nested in itself");
    CHECK(disposition_inside == (void *)nested, "without SA_RESETHAND the handler stays");

    action.sa_flags = 0;
    sigaction(SIGUSR2, &action, 0);
    deepest = depth = runs = 0;
    raises_left = 1;
    raise(SIGUSR2);
    CHECK_EQ(1, deepest, "without SA_NODEFER the raise inside waits until the handler returns");
    CHECK_EQ(2, runs, "... and then runs the handler again");
    signal(SIGUSR2, SIG_DFL);
}

/* ---- no zombies ---------------------------------------------------------- */

static int zombies_of_mine(void)
{
    static struct kinfo_process table[64];
    int count = kinfo(KINFO_PROCESSES, table, sizeof table) / (int)sizeof table[0], zombies = 0;
    for (int i = 0; i < count; i++)
        zombies += table[i].parent_pid == getpid() && table[i].state == 'Z';
    return zombies;
}

static void no_zombies_when_asked(int use_sig_ign)
{
    if (use_sig_ign) {
        signal(SIGCHLD, SIG_IGN);
    } else {
        reset();
        catch_with_info(SIGCHLD, record, SA_NOCLDWAIT | SA_RESTART);
    }
    /* timed from before the forks: on several CPUs the last child may
     * begin its 60 ms at once, while its parent is still forking */
    long long start = monotonic_ns();
    pid_t children[3];
    for (int i = 0; i < 3; i++) {
        children[i] = fork();
        if (children[i] == 0) {
            usleep(20000 * (i + 1));
            _exit(i);
        }
    }
    errno = 0;
    int result = waitpid(-1, 0, 0);
    long long waited_ms = (monotonic_ns() - start) / 1000000;
    const char *how = use_sig_ign ? "SIGCHLD ignored" : "SA_NOCLDWAIT";
    CHECK(result == -1 && errno == ECHILD, "%s: waitpid gave %d errno %d, expected ECHILD", how, result, errno);
    CHECK(waited_ms >= 55, "%s: waitpid returned after %lld ms, before the last child ended", how, waited_ms);
    CHECK_EQ(0, zombies_of_mine(), how);
    if (!use_sig_ign)
        CHECK_EQ(3, caught, "SA_NOCLDWAIT still sends SIGCHLD to a handler");
    signal(SIGCHLD, SIG_DFL);
}

static void cases(void)
{
    kill_says_si_user_and_the_sender();
    sigchld_tells_how_the_child_ended();
    faults_say_where_and_why();
    resethand_and_nodefer();
    no_zombies_when_asked(0);
    no_zombies_when_asked(1);
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("signal_siginfo_says_who_sent_it_and_why");
}
