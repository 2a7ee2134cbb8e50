/* tests/boot/signal_sigwaitinfo_fills_a_siginfo_on_a_page_not_yet_touched.c
 * - sigwaitinfo(2) writes the siginfo_t wherever the caller's memory is
 * mapped, even on a page not yet touched (a fresh anonymous mapping:
 * its first write faults a page in), and returns the signal with it.
 * On several CPUs the wait runs without the big kernel lock
 * (docs/smp.md, "Signals without the big lock"), where a copy that
 * faults fails at once; the kernel before this test then answered
 * EFAULT, with the signal taken and lost, every time (20 of 20 on 2
 * CPUs). Now the copy is made again with the big lock. A child on the
 * other CPU sends each signal while the caller waits. */
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>

#include "boot_test.h"

#define ROUNDS 20

static void a_siginfo_on_an_untouched_page_is_filled(void)
{
    int cpus = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    CHECK_EQ(0, sigprocmask(SIG_BLOCK, &set, 0), "sigprocmask");
    keep_to_cpu(0);
    for (int round = 0; round < ROUNDS; round++) {
        siginfo_t *info = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        CHECK(info != MAP_FAILED, "mmap: %s", strerror(errno));
        pid_t waiter = getpid();
        fflush(stdout);
        pid_t child = fork();
        if (child == 0) {
            keep_to_cpu(cpus - 1);
            usleep(20000);                     /* the parent waits by then */
            kill(waiter, SIGUSR1);
            _exit(0);
        }
        int got = sigwaitinfo(&set, info);
        CHECK(got == SIGUSR1, "round %d: sigwaitinfo gave %d (%s), SIGUSR1 expected", round, got,
              got < 0 ? strerror(errno) : "");
        if (got == SIGUSR1)
            CHECK(info->si_signo == SIGUSR1 && info->si_pid == child && info->si_code == SI_USER,
                  "round %d: the siginfo says SIGUSR1 by kill from %d (%d, %d, %d)", round, child, info->si_signo,
                  info->si_pid, info->si_code);
        CHECK_EQ(child, waitpid(child, 0, 0), "waitpid");
        munmap(info, 4096);
    }
}

int main(void)
{
    run_cases_checking_leaks(a_siginfo_on_an_untouched_page_is_filled);
    return test_finish("signal_sigwaitinfo_fills_a_siginfo_on_a_page_not_yet_touched");
}
