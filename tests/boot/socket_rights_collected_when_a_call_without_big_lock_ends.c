/* A thread asleep in write() on a local socket holds its file. If the
 * socket is meanwhile sent into its own queue and its descriptor closed,
 * the socket is garbage once the write lets go of the file: only its own
 * message holds it then. The write here ends well (a reader made room),
 * which on several CPUs it does without the big kernel lock; the
 * collector must run then too, at once, as it does on one CPU, and not
 * only at the next close of some other socket. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>

#include "boot_socket.h"
#include "boot_test.h"

#define WRITTEN 100

static int sleeper_fd;
static volatile long writer_result = -2;

static void *writer(void *unused)
{
    (void)unused;
    char bytes[WRITTEN];
    memset(bytes, 'w', sizeof bytes);
    writer_result = write(sleeper_fd, bytes, sizeof bytes);   /* the peer's buffer is full: sleeps */
    return 0;
}

static void cases(void)
{
    signal(SIGPIPE, SIG_IGN);
    int pair[2];
    CHECK_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, pair), "socketpair");
    int reader_fd = pair[0];
    sleeper_fd = pair[1];
    unsigned files_with_both = read_counters().open_files;

    /* fill the reader's buffer, so that the writer's next write sleeps */
    CHECK_EQ(0, fcntl(sleeper_fd, F_SETFL, O_NONBLOCK), "O_NONBLOCK on");
    static char chunk[4096];
    long filled = 0;
    for (int i = 0; i < 1024; i++) {
        long n = write(sleeper_fd, chunk, sizeof chunk);
        if (n < 0)
            break;
        filled += n;
    }
    CHECK(filled > 0 && errno == EAGAIN, "the buffer filled: %ld bytes, then errno %d", filled, errno);
    CHECK_EQ(0, fcntl(sleeper_fd, F_SETFL, 0), "O_NONBLOCK off");

    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, 0, writer, 0), "pthread_create");
    usleep(300000);                   /* the writer is asleep, holding the file */
    CHECK_EQ(-2, (int)writer_result, "the writer still sleeps");
    CHECK_EQ(1, (int)send_descriptor(reader_fd, sleeper_fd), "send the sleeper's socket into its own queue");
    CHECK_EQ(0, close(sleeper_fd), "close the sleeper's descriptor");
    CHECK_EQ(files_with_both, read_counters().open_files, "the writer's hold and the message keep the file");

    /* make room: the writer wakes and its write ends well */
    long drained = 0;
    while (drained < filled) {
        long n = read(reader_fd, chunk, sizeof chunk);
        if (n <= 0)
            break;
        drained += n;
    }
    CHECK_EQ(filled, drained, "read back what filled the buffer");
    CHECK_EQ(0, pthread_join(thread, 0), "pthread_join");
    CHECK_EQ(WRITTEN, (int)writer_result, "the writer's write went in whole");

    /* the write let go of the file: only the socket's own message held
     * it, and the collector freed the two (the socket itself lives on
     * as the reader's peer, until the reader closes) */
    CHECK_EQ(files_with_both - 1, read_counters().open_files, "the sleeper's file was collected");
    char bytes[WRITTEN];
    CHECK_EQ(WRITTEN, (int)read(reader_fd, bytes, sizeof bytes), "the writer's bytes arrived");
    CHECK_EQ(0, close(reader_fd), "close the reader");
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("socket_rights_collected_when_a_call_without_big_lock_ends");
}
