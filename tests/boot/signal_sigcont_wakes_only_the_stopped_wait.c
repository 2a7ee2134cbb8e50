/* tests/boot/signal_sigcont_wakes_only_the_stopped_wait.c - SIGCONT
 * resumes the threads of a stopped process that wait in the stop
 * itself, and no other: a thread asleep in the kernel for a time of its
 * own sleeps it out. Here that sleep is tcsendbreak(fd, 0) on ttyS0,
 * which holds the line in a break for a quarter of a second (tty_ioctl.c,
 * nano_sleep); a second thread stops the process in the middle of it
 * (the breaking thread stops on its way back to user mode), and the
 * parent continues it, three times. The kernel before woke every blocked thread of the
 * process that waited on no queue (signal.c, resume_if_stopped): the
 * break ended at once, and the thread, still on the clock's sleeping
 * list, was put on a ready list through the same link, cutting the
 * sleeping list short. Afterwards a 20 ms sleep must still end. */
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>

#include "boot_test.h"
#include "boot_sched.h"

#define ROUNDS 3
#define BREAK_MS 250                 /* tty_ioctl.c's BREAK_NS */

static volatile int break_round;

static void sleep_ms(long ms)
{
    struct timespec pause = { 0, ms * 1000000L };
    while (nanosleep(&pause, &pause) != 0)
        continue;
}

/* The child's second thread: 50 ms into each break, stops the process
 * (raise: SIGSTOP to itself, which stops every thread). */
static void *stopper(void *unused)
{
    (void)unused;
    for (int round = 1; round <= ROUNDS; round++) {
        while (break_round != round)
            sched_yield();
        sleep_ms(50);
        raise(SIGSTOP);
    }
    return 0;
}

static void child(int report)
{
    int tty = open("/dev/ttyS0", O_RDWR | O_NOCTTY);
    pthread_t stopping;
    if (tty < 0 || pthread_create(&stopping, NULL, stopper, NULL) != 0)
        _exit(2);
    for (int round = 1; round <= ROUNDS; round++) {
        if (write(report, "b", 1) != 1)
            _exit(3);
        long before = now_ms();
        break_round = round;
        if (tcsendbreak(tty, 0) != 0)
            _exit(4);
        int took = (int)(now_ms() - before);
        if (write(report, &took, sizeof took) != (int)sizeof took)
            _exit(5);
    }
    pthread_join(stopping, NULL);
    _exit(0);
}

static void cases(void)
{
    int report[2];
    CHECK_EQ(0, pipe(report), "pipe");
    pid_t pid = fork();
    if (pid == 0)
        child(report[1]);
    CHECK(pid > 0, "fork");
    for (int round = 1; round <= ROUNDS; round++) {
        char started;
        CHECK_EQ(1, read(report[0], &started, 1), "read: the break began");
        sleep_ms(120);                           /* stopped at 50 ms, continued at 120: both inside it */
        CHECK_EQ(0, kill(pid, SIGCONT), "kill SIGCONT");
        int took = 0;
        CHECK_EQ((int)sizeof took, read(report[0], &took, sizeof took), "read: the break's length");
        CHECK(took >= BREAK_MS - 10, "round %d: the break lasted %d ms, not %d: SIGCONT ended a sleep that "
              "was not the stop's", round, took, BREAK_MS);
    }
    int status = 0;
    CHECK_EQ(pid, waitpid(pid, &status, 0), "waitpid");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child: status 0x%x", status);
    long before = now_ms();
    sleep_ms(20);
    long took = now_ms() - before;
    CHECK(took >= 19 && took < 1000, "a 20 ms sleep afterwards took %ld ms", took);
    printf("%d breaks of %d ms, the process stopped and continued in each, lasted their time\n", ROUNDS,
           BREAK_MS);
    close(report[0]);
    close(report[1]);
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("signal_sigcont_wakes_only_the_stopped_wait");
}
