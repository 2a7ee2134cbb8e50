/* tests/trace/timer_tour.c - a periodic POSIX timer's signals, for the
 * trace picture of docs/timers.md
 * (`make trace-view PROG=tests/trace/timer_tour.c`):
 *
 *   1. a timer sends SIGUSR1 every 20 ms; the process waits in sigsuspend
 *      for three of them, each caught by its handler: three `timer` lines
 *      from the kernel's tick, three `signal` arrows, three deliveries;
 *   2. it blocks SIGUSR1 and sleeps 70 ms: the first expiry sends the
 *      signal, which stays pending; the next ones send nothing (`timer`
 *      lines with no `signal` after them): overruns;
 *   3. it unblocks SIGUSR1: one delivery, whose si_overrun counts the
 *      expiries it stood for beyond the first; then the timer is deleted.
 *
 * It prints what its SA_SIGINFO handler saw. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static volatile int count;
static struct { int code, value, overrun; } seen[8];

static void record(int signal, siginfo_t *info, void *context)
{
    (void)signal, (void)context;
    if (count < 8) {
        seen[count].code = info->si_code;
        seen[count].value = info->si_value.sival_int;
        seen[count].overrun = info->si_overrun;
    }
    count++;
}

int main(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = record;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    sigaction(SIGUSR1, &action, NULL);
    sigset_t usr1, old;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr1, &old);

    struct sigevent event;
    memset(&event, 0, sizeof event);
    event.sigev_notify = SIGEV_SIGNAL;
    event.sigev_signo = SIGUSR1;
    event.sigev_value.sival_int = 7;
    timer_t timer;
    timer_create(CLOCK_MONOTONIC, &event, &timer);
    struct itimerspec every_20_ms = { { 0, 20000000 }, { 0, 20000000 } };
    timer_settime(timer, 0, &every_20_ms, NULL);

    while (count < 3)
        sigsuspend(&old);                 /* SIGUSR1 let in only while waiting */
    struct timespec nap = { 0, 70000000 };
    while (nanosleep(&nap, &nap) != 0)
        ;
    sigprocmask(SIG_UNBLOCK, &usr1, NULL);   /* the pending one, with its overruns */
    timer_delete(timer);

    for (int i = 0; i < count && i < 8; i++)
        printf("signal %d: si_code %d (SI_TIMER %d), si_value %d, si_overrun %d\n", i + 1, seen[i].code, SI_TIMER,
               seen[i].value, seen[i].overrun);
    return 0;
}
