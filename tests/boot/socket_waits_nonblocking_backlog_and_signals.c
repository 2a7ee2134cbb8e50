/* tests/boot/socket_waits_nonblocking_backlog_and_signals.c - when a
 * socket call waits, and what ends the wait: accept() waits for a
 * connection, recv() for bytes, send() for room, connect() for room in a
 * full backlog (Linux: more than `backlog` waiting connections); O_NONBLOCK
 * (SOCK_NONBLOCK, fcntl, accept4) or MSG_DONTWAIT turns each wait into
 * EAGAIN, and a non-blocking send takes what fits; a signal handler ends a
 * wait with EINTR (or the count already sent), and under SA_RESTART the
 * call resumes; a stop and a continue do not end a wait. */
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "boot_test.h"
#include "boot_socket.h"
#include "boot_wait.h"

#define SERVER_PATH "/tmp/waits.sock"
enum { CHILD_OK = 0, CHILD_WRONG_RESULT = 10, CHILD_WRONG_ERRNO = 11, CHILD_NO_HANDLER = 12, CHILD_TIMEOUT = 13 };

static int listening_socket(int type, int backlog)
{
    struct sockaddr_un address;
    socklen_t length = unix_socket_address(&address, SERVER_PATH);
    int server = socket(AF_UNIX, type, 0);
    bind(server, (struct sockaddr *)&address, length);
    listen(server, backlog);
    return server;
}

static int connect_to_server(int type)
{
    struct sockaddr_un address;
    socklen_t length = unix_socket_address(&address, SERVER_PATH);
    int client = socket(AF_UNIX, type, 0);
    return connect(client, (struct sockaddr *)&address, length) == 0 ? client : -1 - errno;
}

static void nonblocking_calls_fail_with_eagain(void)
{
    int server = listening_socket(SOCK_STREAM | SOCK_NONBLOCK, 4);
    CHECK_ERROR(accept(server, NULL, NULL), EAGAIN);
    fcntl(server, F_SETFL, 0);
    fcntl(server, F_SETFL, O_NONBLOCK);
    CHECK_ERROR(accept(server, NULL, NULL), EAGAIN);

    int client = connect_to_server(SOCK_STREAM);
    int accepted = accept4(server, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    CHECK(accepted >= 0, "accept4 with a connection waiting: errno %d", errno);
    CHECK(fcntl(accepted, F_GETFL) & O_NONBLOCK, "accept4(SOCK_NONBLOCK) gives O_NONBLOCK");
    CHECK_EQ(FD_CLOEXEC, fcntl(accepted, F_GETFD), "accept4(SOCK_CLOEXEC) gives FD_CLOEXEC");
    CHECK_ERROR(accept4(server, NULL, NULL, 0x1), EINVAL);
    char buffer[4096];
    CHECK_ERROR(recv(accepted, buffer, sizeof buffer, 0), EAGAIN);
    CHECK_ERROR(recv(client, buffer, sizeof buffer, MSG_DONTWAIT), EAGAIN);

    /* a non-blocking send takes what fits, then EAGAIN */
    memset(buffer, 'b', sizeof buffer);
    long total = 0;
    ssize_t sent;
    while ((sent = send(accepted, buffer, sizeof buffer - 100, 0)) > 0)
        total += sent;
    CHECK(sent == -1 && errno == EAGAIN, "a full connection: expected EAGAIN, got %d (errno %d)", (int)sent, errno);
    CHECK(total > 0 && total % (sizeof buffer - 100) != 0, "the last send before EAGAIN was partial: %ld in all", total);
    long drained = 0;
    ssize_t got;
    while ((got = recv(client, buffer, sizeof buffer, MSG_DONTWAIT)) > 0)
        drained += got;
    CHECK_EQ(total, drained, "bytes read back");
    close(accepted);
    close(client);
    close(server);
    unlink(SERVER_PATH);
}

static void a_full_backlog_makes_connect_wait(void)
{
    int server = listening_socket(SOCK_STREAM, 0);   /* Linux: one connection may wait */
    int first = connect_to_server(SOCK_STREAM);
    CHECK(first >= 0, "the first connect to a backlog of 0: %d", first);
    struct sockaddr_un address;
    socklen_t length = unix_socket_address(&address, SERVER_PATH);
    int second = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
    CHECK_ERROR(connect(second, (struct sockaddr *)&address, length), EAGAIN);
    close(second);

    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        int client = connect_to_server(SOCK_STREAM);
        if (client < 0)
            _exit(CHILD_WRONG_RESULT);
        _exit(send(client, "in", 2, 0) == 2 ? CHILD_OK : CHILD_WRONG_RESULT);
    }
    CHECK(wait_until_blocked(child, "connect: backlog"), "the second connect did not wait");
    int accepted = accept(server, NULL, NULL);       /* makes room */
    int status = -1;
    waitpid(child, &status, 0);
    CHECK_EQ(CHILD_OK, exit_code(status), "the waiting connect, after accept made room (0: connected)");
    int accepted_second = accept(server, NULL, NULL);
    char buffer[4] = { 0 };
    CHECK_EQ(2, recv(accepted_second, buffer, sizeof buffer, 0), "the second connection's bytes");
    close(accepted);
    close(accepted_second);
    close(first);

    /* a listener closing wakes a waiting connect: refused */
    int again = connect_to_server(SOCK_STREAM);
    child = fork();
    if (child == 0) {
        close(server);                /* or our copy would keep the listener open */
        int client = connect_to_server(SOCK_STREAM);
        _exit(client == -1 - ECONNREFUSED ? CHILD_OK : CHILD_WRONG_RESULT);
    }
    CHECK(wait_until_blocked(child, "connect: backlog"), "the connect did not wait");
    close(server);
    waitpid(child, &status, 0);
    CHECK_EQ(CHILD_OK, exit_code(status), "a connect waiting when the listener closed (0: ECONNREFUSED)");
    close(again);
    unlink(SERVER_PATH);
}

static void accept_waits_for_a_connection(void)
{
    int server = listening_socket(SOCK_STREAM, 4);
    pid_t parent = getpid();
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        if (!wait_until_blocked(parent, "accept"))
            _exit(CHILD_TIMEOUT);
        int client = connect_to_server(SOCK_STREAM);
        _exit(client >= 0 && send(client, "hi", 2, 0) == 2 ? CHILD_OK : CHILD_WRONG_RESULT);
    }
    int accepted = accept(server, NULL, NULL);
    CHECK(accepted >= 0, "the waiting accept: errno %d", errno);
    char buffer[4] = { 0 };
    CHECK_EQ(2, recv(accepted, buffer, sizeof buffer, MSG_WAITALL), "bytes from the connection");
    int status = -1;
    waitpid(child, &status, 0);
    CHECK_EQ(CHILD_OK, exit_code(status), "the connecting child");
    close(accepted);
    close(server);
    unlink(SERVER_PATH);
}

static void handlers_end_waits_with_eintr_or_restart_them(void)
{
    int pair[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
    fflush(stdout);

    /* recv, no SA_RESTART: EINTR */
    pid_t child = fork();
    if (child == 0) {
        count_sigusr1(0);
        char buffer[8];
        ssize_t result = recv(pair[0], buffer, sizeof buffer, 0);
        _exit(result != -1 ? CHILD_WRONG_RESULT : errno != EINTR ? CHILD_WRONG_ERRNO
              : !handled ? CHILD_NO_HANDLER : CHILD_OK);
    }
    CHECK(wait_until_blocked(child, "socket receive"), "the child never waited in recv");
    kill(child, SIGUSR1);
    int status = -1;
    waitpid(child, &status, 0);
    CHECK_EQ(CHILD_OK, exit_code(status), "recv interrupted without SA_RESTART (0: EINTR)");

    /* recv under SA_RESTART: resumes and gets the bytes sent later */
    child = fork();
    if (child == 0) {
        count_sigusr1(SA_RESTART);
        char buffer[8] = { 0 };
        ssize_t result = recv(pair[0], buffer, sizeof buffer, 0);
        _exit(result != 5 || memcmp(buffer, "later", 5) ? CHILD_WRONG_RESULT : !handled ? CHILD_NO_HANDLER
              : CHILD_OK);
    }
    CHECK(wait_until_blocked(child, "socket receive"), "the child never waited in recv");
    kill(child, SIGUSR1);
    CHECK(wait_until_blocked(child, "socket receive"), "the child did not wait again after its handler");
    send(pair[1], "later", 5, 0);
    waitpid(child, &status, 0);
    CHECK_EQ(CHILD_OK, exit_code(status), "recv restarted under SA_RESTART (0: got the bytes)");

    /* a stop and a continue do not end the wait */
    child = fork();
    if (child == 0) {
        char buffer[8] = { 0 };
        ssize_t result = recv(pair[0], buffer, sizeof buffer, 0);
        _exit(result == 4 && !memcmp(buffer, "cont", 4) ? CHILD_OK : CHILD_WRONG_RESULT);
    }
    CHECK(wait_until_blocked(child, "socket receive"), "the child never waited in recv");
    kill(child, SIGSTOP);
    kill(child, SIGCONT);
    CHECK(wait_until_blocked(child, "socket receive"), "after SIGSTOP and SIGCONT the child does not wait again");
    send(pair[1], "cont", 4, 0);
    waitpid(child, &status, 0);
    CHECK_EQ(CHILD_OK, exit_code(status), "recv across a stop and a continue (0: got the bytes)");

    /* a send that has put some bytes in returns their count */
    child = fork();
    if (child == 0) {
        count_sigusr1(0);
        static char big[3 * 16384];
        ssize_t result = send(pair[0], big, sizeof big, 0);
        _exit(result > 0 && result < (ssize_t)sizeof big && handled ? CHILD_OK : CHILD_WRONG_RESULT);
    }
    CHECK(wait_until_blocked(child, "socket send"), "the child never waited in send");
    kill(child, SIGUSR1);
    waitpid(child, &status, 0);
    CHECK_EQ(CHILD_OK, exit_code(status), "send interrupted after a part (0: returned the part's length)");
    close(pair[0]);
    close(pair[1]);

    /* accept, no SA_RESTART: EINTR */
    int server = listening_socket(SOCK_STREAM, 4);
    child = fork();
    if (child == 0) {
        count_sigusr1(0);
        int result = accept(server, NULL, NULL);
        _exit(result != -1 ? CHILD_WRONG_RESULT : errno != EINTR ? CHILD_WRONG_ERRNO : CHILD_OK);
    }
    CHECK(wait_until_blocked(child, "accept"), "the child never waited in accept");
    kill(child, SIGUSR1);
    waitpid(child, &status, 0);
    CHECK_EQ(CHILD_OK, exit_code(status), "accept interrupted without SA_RESTART (0: EINTR)");

    /* SIGKILL ends a waiting accept; nothing stays behind */
    child = fork();
    if (child == 0) {
        accept(server, NULL, NULL);
        _exit(CHILD_WRONG_RESULT);
    }
    CHECK(wait_until_blocked(child, "accept"), "the child never waited in accept");
    kill(child, SIGKILL);
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the child: status 0x%x, expected SIGKILL", status);
    close(server);
    unlink(SERVER_PATH);
}

/* Every case, run in a child by run_cases_checking_leaks (boot_test.h). */
static void cases(void)
{
    nonblocking_calls_fail_with_eagain();
    a_full_backlog_makes_connect_wait();
    accept_waits_for_a_connection();
    handlers_end_waits_with_eintr_or_restart_them();
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    run_cases_checking_leaks(cases);
    return test_finish("socket_waits_nonblocking_backlog_and_signals");
}
