/* tests/boot/regression_kill_of_init_does_not_stop_the_machine.c
 *
 * Found while writing the fuzzer (which must never send pid 1 anything):
 * any process can stop the whole machine. kill(1, SIGTERM) is delivered
 * to init like to anyone else; its default action terminates it, and
 * process_exit panics ("init (pid 1) exited"). intro(2): no argument,
 * however wrong, stops the kernel. As on Linux, init must only take the
 * signals it has handlers for: one whose action would end or stop it is
 * dropped (SIGKILL and SIGSTOP too, when they come from a process).
 * Before the fix this test does not fail, the machine panics under it. */
#include <signal.h>

#include "boot_test.h"

/* init's state as ps shows it: 'B' with "stopped" when stopped. */
static int init_is_stopped(void)
{
    struct kinfo_process list[64];
    int count = kinfo(KINFO_PROCESSES, list, sizeof list) / (int)sizeof list[0];
    for (int i = 0; i < count; i++)
        if (list[i].pid == 1)
            return !strcmp(list[i].wait_reason, "stopped");
    return 0;
}

int main(void)
{
    static const int fatal[] = { SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGSEGV, SIGALRM, SIGKILL };
    for (unsigned i = 0; i < sizeof fatal / sizeof fatal[0]; i++) {
        int result = kill(1, fatal[i]);
        CHECK(result == 0 || (result == -1 && errno == EPERM),
              "kill(1, %d): expected 0 or EPERM, got %d (%s)", fatal[i], result, strerror(errno));
        usleep(20000);                      /* init runs, and would die of it */
    }
    kill(1, SIGSTOP);
    usleep(20000);
    CHECK(!init_is_stopped(), "kill(1, SIGSTOP): init must not stop (nobody would reap orphans)");
    kill(1, SIGCONT);

    /* init still reaps: an orphan's zombie goes away */
    pid_t child = fork();
    if (child == 0) {
        if (fork() == 0)
            _exit(0);                       /* the grandchild, soon init's */
        _exit(0);
    }
    waitpid(child, 0, 0);
    usleep(50000);
    return test_finish("regression_kill_of_init_does_not_stop_the_machine");
}
