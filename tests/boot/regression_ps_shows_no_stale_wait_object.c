/* tests/boot/regression_ps_shows_no_stale_wait_object.c
 *
 * Found by reading the kernel for the fuzzer. A blocking call names the
 * object it will wait on (wait_queue_say_object) before it knows whether
 * it waits; when it does not (a FIFO opened O_NONBLOCK, a signal already
 * pending), the name stays on the task. If the process later blocks where
 * nothing is named (pause, a stop, nanosleep), ps shows the old object,
 * and describes it from memory that may have been freed since: here a
 * pipe destroyed at close, read back through kinfo(KINFO_PROCESSES).
 *
 * The second case is the wait itself ending before it sleeps (found by a
 * review, 2026-11-28): ppoll names its poll table, a table on the
 * kernel stack, and wait_queue_sleep finds the signal ppoll's mask lets
 * in already pending. The kernel before kept the name: ps then showed
 * "N descriptors" read from a stack long reused. */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>

#include "boot_test.h"

#define FIFO "/tmp/regression-stale-fifo"

static void on_usr1(int signal)
{
    (void)signal;
}

/* Looks `child`, which should be in pause by now, up in ps's list: it
 * must wait in "pause" on no object. */
static void expect_pause_without_object(pid_t child, const char *before)
{
    usleep(100000);
    struct kinfo_process list[64];
    int count = kinfo(KINFO_PROCESSES, list, sizeof list) / (int)sizeof list[0];
    int found = 0;
    for (int i = 0; i < count; i++) {
        if (list[i].pid != child)
            continue;
        found = 1;
        CHECK(!strcmp(list[i].wait_reason, "pause"), "after %s the child waits in pause, ps says '%s'", before,
              list[i].wait_reason);
        CHECK(list[i].wait_object[0] == 0, "after %s a process in pause waits on no object, ps says '%s'",
              before, list[i].wait_object);
    }
    CHECK(found, "the child is not in the process list");
    kill(child, SIGKILL);
    waitpid(child, 0, 0);
}

int main(void)
{
    unlink(FIFO);
    CHECK_EQ(0, mkfifo(FIFO, 0600), "mkfifo");
    pid_t child = fork();
    if (child == 0) {
        int fd = open(FIFO, O_RDONLY | O_NONBLOCK);   /* names "fifo N", does not wait */
        close(fd);                                    /* the pipe is freed */
        pause();                                      /* waits on nothing that has a name */
        _exit(0);
    }
    expect_pause_without_object(child, "an open O_NONBLOCK of a FIFO (a pipe freed since)");
    unlink(FIFO);

    child = fork();
    if (child == 0) {
        struct sigaction action = { .sa_handler = on_usr1 };
        sigaction(SIGUSR1, &action, NULL);
        sigset_t usr1, none;
        sigemptyset(&usr1);
        sigaddset(&usr1, SIGUSR1);
        sigemptyset(&none);
        sigprocmask(SIG_BLOCK, &usr1, NULL);
        raise(SIGUSR1);                               /* pending, blocked */
        int ends[2];
        pipe(ends);
        struct pollfd empty = { .fd = ends[0], .events = POLLIN };
        ppoll(&empty, 1, NULL, &none);                /* names its table, then finds the signal */
        pause();
        _exit(0);
    }
    expect_pause_without_object(child, "a ppoll that found its signal pending (its table on the kernel stack)");
    return test_finish("regression_ps_shows_no_stale_wait_object");
}
