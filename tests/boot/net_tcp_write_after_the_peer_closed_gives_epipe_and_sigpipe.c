/* tests/boot/net_tcp_write_after_the_peer_closed_gives_epipe_and_sigpipe.c
 * - writing to a TCP connection that can no longer carry bytes, as on
 * Linux. The peer closed: our first write still succeeds (the bytes go
 * out; the closed peer answers them with a reset), and every write after
 * the reset fails with EPIPE and sends us SIGPIPE, unless the send says
 * MSG_NOSIGNAL (EPIPE, no signal). SIGPIPE's default action ends the
 * process. A write after our own shutdown(SHUT_WR) is EPIPE and SIGPIPE
 * too, at once. */
#include "boot_net.h"

#define SETTLE_MS 2000

static volatile sig_atomic_t sigpipes;

static void count_sigpipe(int signal)
{
    (void)signal;
    sigpipes++;
}

/* The peer has closed and the reset that our first write drew has come
 * back: poll shows POLLERR. */
static int wait_for_error(int fd)
{
    long long start = monotonic_ns();
    while (elapsed_ms(start) < SETTLE_MS)
        if (poll_one(fd, POLLOUT, 50) & POLLERR)
            return 1;
    return 0;
}

/* A connection whose peer has closed (we read its end of file), then our
 * one write that draws the reset. */
static int connection_to_a_closed_peer(void)
{
    int client, accepted;
    tcp_pair(&client, &accepted);
    close(accepted);
    char byte;
    CHECK_EQ(0, recv(client, &byte, 1, 0), "end of file from the closed peer");
    CHECK_EQ(5, send(client, "first", 5, 0), "the first write after the peer closed succeeds");
    CHECK(wait_for_error(client), "no reset came back for the first write");
    return client;
}

static void writes_after_the_reset_get_epipe_and_sigpipe(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = count_sigpipe;
    sigaction(SIGPIPE, &action, NULL);
    int client = connection_to_a_closed_peer();
    sigpipes = 0;
    CHECK_ERROR(send(client, "second", 6, 0), EPIPE);
    CHECK_EQ(1, sigpipes, "SIGPIPEs after one failed send");
    CHECK_ERROR(write(client, "third", 5), EPIPE);
    CHECK_EQ(2, sigpipes, "SIGPIPEs after a failed write too");
    CHECK_ERROR(send(client, "quiet", 5, MSG_NOSIGNAL), EPIPE);
    CHECK_EQ(2, sigpipes, "SIGPIPEs after a send with MSG_NOSIGNAL (none more)");
    close(client);
    signal(SIGPIPE, SIG_IGN);
}

static void sigpipe_by_default_ends_the_writer(void)
{
    int client = connection_to_a_closed_peer();
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        signal(SIGPIPE, SIG_DFL);
        send(client, "dies", 4, 0);
        _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE, "the writer: status %#x, expected death by SIGPIPE",
          status);
    close(client);
}

static void a_write_after_shut_wr_is_epipe(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = count_sigpipe;
    sigaction(SIGPIPE, &action, NULL);
    int client, accepted;
    tcp_pair(&client, &accepted);
    CHECK_EQ(0, shutdown(client, SHUT_WR), "shutdown(SHUT_WR)");
    sigpipes = 0;
    CHECK_ERROR(send(client, "late", 4, 0), EPIPE);
    CHECK_EQ(1, sigpipes, "SIGPIPEs after a send past SHUT_WR");
    CHECK_ERROR(send(client, "late", 4, MSG_NOSIGNAL), EPIPE);
    CHECK_EQ(1, sigpipes, "SIGPIPEs after a send past SHUT_WR with MSG_NOSIGNAL");
    close(accepted);
    close(client);
    signal(SIGPIPE, SIG_IGN);
}

static void cases(void)
{
    writes_after_the_reset_get_epipe_and_sigpipe();
    sigpipe_by_default_ends_the_writer();
    a_write_after_shut_wr_is_epipe();
}

int main(void)
{
    run_net_cases_checking_leaks(cases);
    return test_finish("net_tcp_write_after_the_peer_closed_gives_epipe_and_sigpipe");
}
