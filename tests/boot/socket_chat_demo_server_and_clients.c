/* tests/boot/socket_chat_demo_server_and_clients.c - the chat demo:
 * /bin/chat_server 3 started in the background, then three visitors with
 * /bin/chat_client. Each visitor is welcomed, sees what the earlier ones
 * said, and gets its own message back; the third says "quit" and the
 * server closes the room, exits 0 and removes /tmp/chat.sock. Everything
 * the programs made is gone afterwards. */
#include <sys/stat.h>

#include "boot_test.h"

/* Starts `argv` with its output into a new pipe; returns the pipe's read end. */
static int start(char *const argv[], pid_t *pid)
{
    int pipe_ends[2];
    pipe(pipe_ends);
    fflush(stdout);
    *pid = fork();
    if (*pid == 0) {
        dup2(pipe_ends[1], STDOUT_FILENO);
        close(pipe_ends[0]);
        close(pipe_ends[1]);
        execv(argv[0], argv);
        _exit(127);
    }
    close(pipe_ends[1]);
    return pipe_ends[0];
}

/* Reads everything from `fd` into `output`, then reaps `pid`: its status. */
static int finish(int fd, pid_t pid, char *output, int size)
{
    int used = 0, count;
    while (used < size - 1 && (count = read(fd, output + used, size - 1 - used)) > 0)
        used += count;
    output[used] = 0;
    close(fd);
    int status = -1;
    waitpid(pid, &status, 0);
    return status;
}

static int visit(char *const argv[], char *output, int size)
{
    pid_t pid;
    int fd = start(argv, &pid);
    return finish(fd, pid, output, size);
}

int main(void)
{
    unsigned tasks = read_counters().tasks;
    warm_up_copy_on_write();
    struct kinfo_counters before = settled_counters(tasks);

    static char server_output[4096], alice[1024], bob[1024], carol[1024];
    char *server_argv[] = { "/bin/chat_server", "3", NULL };
    pid_t server;
    int server_fd = start(server_argv, &server);

    char *alice_argv[] = { "/bin/chat_client", "alice", "hello", "there", NULL };
    char *bob_argv[] = { "/bin/chat_client", "bob", "hi alice", NULL };
    char *carol_argv[] = { "/bin/chat_client", "carol", "quit", NULL };
    int status = visit(alice_argv, alice, sizeof alice);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "alice's client: status 0x%x", status);
    CHECK(strstr(alice, "welcome, alice: you are visitor 1 of 3\n") != NULL, "alice's welcome:\n%s", alice);
    CHECK(strstr(alice, "\nalice: hello there\n") != NULL, "alice's echo:\n%s", alice);

    status = visit(bob_argv, bob, sizeof bob);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "bob's client: status 0x%x", status);
    CHECK(strstr(bob, "  earlier: alice: hello there\n") != NULL, "bob sees what alice said:\n%s", bob);
    CHECK(strstr(bob, "\nbob: hi alice\n") != NULL, "bob's echo:\n%s", bob);

    status = visit(carol_argv, carol, sizeof carol);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "carol's client: status 0x%x", status);
    CHECK(strstr(carol, "  earlier: bob: hi alice\n") != NULL, "carol sees what bob said:\n%s", carol);
    CHECK(strstr(carol, "server: bye, the room is closing\n") != NULL, "the goodbye:\n%s", carol);

    status = finish(server_fd, server, server_output, sizeof server_output);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the server: status 0x%x", status);
    CHECK(strstr(server_output, "[chat] alice: hello there\n[chat] bob: hi alice\n[chat] carol: quit\n") != NULL,
          "the server's log:\n%s", server_output);
    struct stat st;
    CHECK_ERROR(stat("/tmp/chat.sock", &st), ENOENT);

    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("socket_chat_demo_server_and_clients");
}
