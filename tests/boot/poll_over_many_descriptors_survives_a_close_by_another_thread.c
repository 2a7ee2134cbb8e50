/* Many descriptors and threads (POSIX poll(2), select(2)): a process may
 * poll 100 pipes at once (the descriptor table holds 256) and is woken by
 * the one written, with its revents alone set; select over the same 100
 * agrees. Another thread closing a polled descriptor (POSIX leaves the
 * result unspecified) does not disturb the kernel: the wait goes on and
 * ends by its timeout or its data, and nothing leaks (the kernel's
 * counters: open files, pipes, heap). */
#include <poll.h>
#include <pthread.h>
#include <sys/select.h>

#include "boot_test.h"

#define PIPES 50                       /* 100 descriptors */

static int pipes[PIPES][2];

static void *close_soon(void *fd)
{
    usleep(20000);
    close((int)(long)fd);
    return 0;
}

static void *write_soon(void *fd)
{
    usleep(40000);
    write((int)(long)fd, "w", 1);
    return 0;
}

static void many(void)
{
    for (int i = 0; i < PIPES; i++)
        CHECK_EQ(0, pipe(pipes[i]), "pipe");
    struct pollfd entries[2 * PIPES];
    for (int i = 0; i < PIPES; i++) {
        entries[2 * i] = (struct pollfd){ pipes[i][0], POLLIN, 0 };
        entries[2 * i + 1] = (struct pollfd){ pipes[i][1], 0, 0 };
    }
    pid_t child = fork();
    if (child == 0) {
        usleep(20000);
        write(pipes[37][1], "x", 1);
        _exit(0);
    }
    CHECK_EQ(1, poll(entries, 2 * PIPES, 5000), "poll over 100 descriptors woken by one write");
    for (int i = 0; i < 2 * PIPES; i++)
        CHECK_EQ(i == 74 ? POLLIN : 0, entries[i].revents, "revents of each entry: only pipe 37's read end");
    waitpid(child, 0, 0);

    fd_set readable;
    FD_ZERO(&readable);
    int nfds = 0;
    for (int i = 0; i < PIPES; i++) {
        FD_SET(pipes[i][0], &readable);
        nfds = pipes[i][0] + 1 > nfds ? pipes[i][0] + 1 : nfds;
    }
    CHECK_EQ(1, select(nfds, &readable, 0, 0, 0), "select over the same 50 read ends");
    for (int i = 0; i < PIPES; i++)
        CHECK_EQ(i == 37, FD_ISSET(pipes[i][0], &readable) != 0, "only pipe 37 in the set");

    /* another thread closes a polled descriptor while we wait */
    pthread_t closer, writer;
    pthread_create(&closer, 0, close_soon, (void *)(long)pipes[3][0]);
    pthread_create(&writer, 0, write_soon, (void *)(long)pipes[9][1]);
    struct pollfd two[2] = { { pipes[3][0], POLLIN, 0 }, { pipes[9][0], POLLIN, 0 } };
    int count = poll(two, 2, 5000);
    if (count == 1 && (two[0].revents & POLLNVAL) && !(two[1].revents & POLLIN)) {
        /* the close came before poll looked at the descriptor (2 CPUs on a
         * busy host: the main thread may start 20 ms late): POSIX's
         * POLLNVAL at once, and the data must still come */
        two[1].revents = 0;
        count = poll(&two[1], 1, 5000);
    }
    CHECK(count >= 1 && (two[1].revents & POLLIN), "poll across another thread's close: ended by the data, got %d",
          count);
    pthread_join(closer, 0);
    pthread_join(writer, 0);
    pthread_create(&closer, 0, close_soon, (void *)(long)pipes[4][0]);
    struct pollfd lone = { pipes[4][0], POLLIN, 0 };
    long long start = monotonic_ns();
    count = poll(&lone, 1, 60);
    CHECK(count == 0 || (count == 1 && lone.revents == POLLNVAL),
          "a lone descriptor closed meanwhile: timeout (0) or POLLNVAL, got %d revents 0x%x", count, lone.revents);
    CHECK(count == 1 || monotonic_ns() - start >= 60000000ll, "a timeout of 60 ms was cut short");
    pthread_join(closer, 0);

    for (int i = 0; i < PIPES; i++) {
        if (i != 3 && i != 4)
            close(pipes[i][0]);
        close(pipes[i][1]);
    }
}

int main(void)
{
    unsigned tasks = read_counters().tasks;
    many();                            /* warm up: threads' stacks, our pages */
    struct kinfo_counters before = counters_after_warm_up(tasks);
    many();
    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("poll_over_many_descriptors_survives_a_close_by_another_thread");
}
