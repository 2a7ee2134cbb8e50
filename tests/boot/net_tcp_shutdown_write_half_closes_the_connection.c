/* tests/boot/net_tcp_shutdown_write_half_closes_the_connection.c -
 * shutdown(SHUT_WR) on TCP, as on Linux: the peer reads every byte sent
 * before it, then end of file (again and again), and may still send: the
 * half-closed side reads those bytes, and then the peer's end of file
 * once it shuts down too. shutdown(SHUT_RD) makes our recv read 0 at
 * once. shutdown of a socket not connected is ENOTCONN, with `how` out of
 * range EINVAL, of a descriptor that is no socket ENOTSOCK. */
#include "boot_net.h"

#define REPLY_BYTES 100000

static void half_close_lets_the_peer_answer(void)
{
    int client, server;
    tcp_pair(&client, &server);
    CHECK_EQ(7, send(client, "request", 7, 0), "send the request");
    CHECK_EQ(0, shutdown(client, SHUT_WR), "shutdown(SHUT_WR)");
    char buffer[16] = { 0 };
    CHECK_EQ(7, read_fully(server, buffer, 7), "the peer reads the request");
    CHECK(!memcmp(buffer, "request", 7), "the request: \"%.7s\"", buffer);
    CHECK_EQ(0, recv(server, buffer, sizeof buffer, 0), "then end of file");
    CHECK_EQ(0, recv(server, buffer, sizeof buffer, 0), "and end of file again");

    /* the other direction still carries bytes, many of them */
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        static char reply[REPLY_BYTES];
        for (int i = 0; i < REPLY_BYTES; i++)
            reply[i] = (char)(i % 251);
        _exit(write_fully(server, reply, REPLY_BYTES) == REPLY_BYTES && shutdown(server, SHUT_WR) == 0 ? 0 : 1);
    }
    static char reply[REPLY_BYTES + 1];
    net_guard(30);
    int got = read_fully(client, reply, REPLY_BYTES + 1);
    alarm(0);
    CHECK_EQ(REPLY_BYTES, got, "the half-closed side reads the whole reply, then end of file");
    int wrong = 0;
    for (int i = 0; i < got && i < REPLY_BYTES; i++)
        wrong += reply[i] != (char)(i % 251);
    CHECK_EQ(0, wrong, "bytes of the reply out of place");
    int status = -1;
    waitpid(child, &status, 0);
    CHECK_EQ(0, net_exit_code(status), "the replying child");
    close(server);
    close(client);
}

static void shut_rd_reads_end_of_file(void)
{
    int client, server;
    tcp_pair(&client, &server);
    CHECK_EQ(0, shutdown(client, SHUT_RD), "shutdown(SHUT_RD)");
    char byte;
    CHECK_EQ(0, recv(client, &byte, 1, 0), "recv after SHUT_RD");
    CHECK(poll_one(client, POLLIN, 0) & POLLIN, "readable (end of file) after SHUT_RD");
    CHECK_EQ(2, send(client, "ok", 2, 0), "send still works after SHUT_RD");
    char text[2];
    CHECK_EQ(2, recv(server, text, 2, MSG_WAITALL), "the peer gets it");
    CHECK_EQ(0, shutdown(client, SHUT_RDWR), "shutdown(SHUT_RDWR)");
    CHECK_EQ(0, recv(server, text, 2, 0), "the peer reads end of file after SHUT_RDWR");
    close(server);
    close(client);
}

static void bad_shutdowns(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    CHECK_ERROR(shutdown(fd, SHUT_WR), ENOTCONN);
    close(fd);
    int client, server;
    tcp_pair(&client, &server);
    CHECK_ERROR(shutdown(client, 3), EINVAL);
    CHECK_ERROR(shutdown(client, -1), EINVAL);
    int ends[2];
    pipe(ends);
    CHECK_ERROR(shutdown(ends[0], SHUT_WR), ENOTSOCK);
    close(ends[0]);
    close(ends[1]);
    close(server);
    close(client);
}

static void cases(void)
{
    half_close_lets_the_peer_answer();
    shut_rd_reads_end_of_file();
    bad_shutdowns();
}

int main(void)
{
    run_net_cases_checking_leaks(cases);
    return test_finish("net_tcp_shutdown_write_half_closes_the_connection");
}
