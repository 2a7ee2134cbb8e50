/* tests/boot/pipe_read_waiting_for_data_ends_with_eintr_on_a_signal.c - a
 * read waiting in an empty pipe is interrupted by a signal whose handler
 * runs: with no SA_RESTART it fails with EINTR (signal(7): a read of a
 * pipe is a "slow" call). A child sends SIGUSR1 every 20 ms until it is
 * killed, so a signal comes while the read waits, whenever it begins. */
#include <signal.h>

#include "boot_test.h"

static volatile sig_atomic_t handled;

static void count_signal(int signal_number)
{
    (void)signal_number;
    handled++;
}

int main(void)
{
    alarm(20);                              /* a read that never wakes ends the test */
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = count_signal;
    action.sa_flags = 0;                    /* no SA_RESTART */
    sigemptyset(&action.sa_mask);
    CHECK_EQ(0, sigaction(SIGUSR1, &action, NULL), "sigaction SIGUSR1");

    int fds[2];
    CHECK_EQ(0, pipe(fds), "pipe");         /* the parent keeps the write end: no end of file */
    pid_t parent = getpid();
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        close(fds[0]);
        close(fds[1]);
        for (;;) {
            usleep(20 * 1000);
            kill(parent, SIGUSR1);
        }
    }
    char byte;
    errno = 0;
    int count = read(fds[0], &byte, 1);
    int error = errno;
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    CHECK(count == -1 && error == EINTR, "a read waiting in an empty pipe when a handled signal comes: expected -1 "
          "with EINTR, got %d (%s)", count, count < 0 ? strerror(error) : "ok");
    CHECK(handled >= 1, "the SIGUSR1 handler ran %d times", (int)handled);
    close(fds[0]);
    close(fds[1]);
    return test_finish("pipe_read_waiting_for_data_ends_with_eintr_on_a_signal");
}
