/* A thread asleep in write() on a local socket holds its file. If the
 * socket is meanwhile sent into its own queue and every descriptor is
 * closed, the collector finds it unreachable only once the sleeping call
 * lets go of the file: that last reference not in flight runs the
 * collector too, and nothing leaks. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "boot_socket.h"
#include "boot_test.h"

static int sender_fd, sleeper_fd;
static volatile long writer_result;
static volatile int writer_error;
static char big[256 * 1024];

/* Fills the peer's buffer, then sleeps until the peer closes. */
static void *writer(void *unused)
{
    (void)unused;
    writer_result = write(sleeper_fd, big, sizeof big);
    writer_error = errno;
    return 0;
}

static void cases(void)
{
    signal(SIGPIPE, SIG_IGN);
    int pair[2];
    CHECK_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, pair), "socketpair");
    sender_fd = pair[0];
    sleeper_fd = pair[1];
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, 0, writer, 0), "pthread_create");
    usleep(300000);                   /* the writer is asleep, the buffer full */
    CHECK_EQ(1, (int)send_descriptor(sender_fd, sleeper_fd), "send the sleeper's socket into its own queue");
    CHECK_EQ(0, close(sleeper_fd), "close the sleeper's descriptor");
    CHECK_EQ(0, close(sender_fd), "close the other end: the writer wakes");
    CHECK_EQ(0, pthread_join(thread, 0), "pthread_join");
    CHECK(writer_result > 0 || (writer_result == -1 && writer_error == EPIPE),
          "the writer: %ld (errno %d): a short count or EPIPE", writer_result, writer_error);
    CHECK(writer_result < (long)sizeof big, "the writer did not write everything: %ld", writer_result);
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("socket_rights_are_collected_when_a_sleeping_call_lets_go");
}
