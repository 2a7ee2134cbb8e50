/* tests/boot/signal_sa_resethand_restores_the_default_after_one_delivery.c
 * - SA_RESETHAND (POSIX sigaction): the action goes back to SIG_DFL as the
 * handler is entered, so the handler runs once, sigaction reports SIG_DFL
 * from inside it and after it, and the next delivery takes the default
 * action (for SIGUSR1: death). Without the flag the handler stays. Each
 * case runs in a child. */
#include "boot_signal.h"

static volatile sig_atomic_t calls, default_inside;
static int progress[2];                  /* the child says how far it got */

static void record(int signal)
{
    struct sigaction now;
    sigaction(signal, NULL, &now);
    default_inside = now.sa_handler == SIG_DFL;
    calls++;
}

static void install(int flags)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = record;
    sigemptyset(&action.sa_mask);
    action.sa_flags = flags;
    if (sigaction(SIGUSR1, &action, NULL) != 0)
        _exit(90);
}

/* Exit 1: the handler did not run once; 2: the action inside was not
 * SIG_DFL; 3: nor after. Else it writes "1" to the progress pipe, and the
 * second raise kills it (exit 4 if not). */
static int one_handler_call_then_the_default(void)
{
    install(SA_RESETHAND);
    raise(SIGUSR1);
    if (calls != 1)
        return 1;
    if (!default_inside)
        return 2;
    struct sigaction now;
    sigaction(SIGUSR1, NULL, &now);
    if (now.sa_handler != SIG_DFL)
        return 3;
    if (write(progress[1], "1", 1) != 1)
        return 5;
    raise(SIGUSR1);
    return 4;
}

/* Exit 0 when the handler ran twice and stayed installed. */
static int without_the_flag_the_handler_stays(void)
{
    install(0);
    raise(SIGUSR1);
    raise(SIGUSR1);
    struct sigaction now;
    sigaction(SIGUSR1, NULL, &now);
    return calls == 2 && !default_inside && now.sa_handler == record ? 0 : 1;
}

int main(void)
{
    CHECK_EQ(0, pipe(progress), "pipe");
    int status = status_of_case_in_a_child(one_handler_call_then_the_default);
    close(progress[1]);
    char got = 0;
    CHECK(read(progress[0], &got, 1) == 1 && got == '1',
          "SA_RESETHAND: the child did not get through one handler call with SIG_DFL inside and after "
          "(status 0x%x: exit 1 no call, 2 not SIG_DFL inside, 3 not after; killed by %d: no handler ran)",
          status, WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR1,
          "SA_RESETHAND: status 0x%x, expected death by the second SIGUSR1 (%d)", status, SIGUSR1);
    status = status_of_case_in_a_child(without_the_flag_the_handler_stays);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "without SA_RESETHAND: status 0x%x, expected exit 0 (two handler calls, the handler still installed)",
          status);
    return test_finish("signal_sa_resethand_restores_the_default_after_one_delivery");
}
