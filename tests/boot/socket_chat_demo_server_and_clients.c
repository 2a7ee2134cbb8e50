/* tests/boot/socket_chat_demo_server_and_clients.c - the chat demo:
 * /bin/chat_server 3 started in the background, then three visitors with
 * /bin/chat_client. Each visitor is welcomed, sees what the earlier ones
 * said, and gets its own message back; the third says "quit" and the
 * server closes the room, exits 0 and removes /tmp/chat.sock. Everything
 * the programs made is gone afterwards. */
#include <sys/stat.h>

#include "boot_test.h"
#include "boot_wait.h"

int main(void)
{
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_warm_up(tasks);

    static char server_output[4096], alice[1024], bob[1024], carol[1024];
    char *server_argv[] = { "/bin/chat_server", "3", NULL };
    pid_t server;
    int server_fd = start_capturing(server_argv, &server);

    char *alice_argv[] = { "/bin/chat_client", "alice", "hello", "there", NULL };
    char *bob_argv[] = { "/bin/chat_client", "bob", "hi alice", NULL };
    char *carol_argv[] = { "/bin/chat_client", "carol", "quit", NULL };
    int status = run_capturing(alice_argv, alice, sizeof alice);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "alice's client: status 0x%x", status);
    CHECK(strstr(alice, "welcome, alice: you are visitor 1 of 3\n") != NULL, "alice's welcome:\n%s", alice);
    CHECK(strstr(alice, "\nalice: hello there\n") != NULL, "alice's echo:\n%s", alice);

    status = run_capturing(bob_argv, bob, sizeof bob);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "bob's client: status 0x%x", status);
    CHECK(strstr(bob, "  earlier: alice: hello there\n") != NULL, "bob sees what alice said:\n%s", bob);
    CHECK(strstr(bob, "\nbob: hi alice\n") != NULL, "bob's echo:\n%s", bob);

    status = run_capturing(carol_argv, carol, sizeof carol);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "carol's client: status 0x%x", status);
    CHECK(strstr(carol, "  earlier: bob: hi alice\n") != NULL, "carol sees what bob said:\n%s", carol);
    CHECK(strstr(carol, "server: bye, the room is closing\n") != NULL, "the goodbye:\n%s", carol);

    status = finish_capturing(server_fd, server, server_output, sizeof server_output);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the server: status 0x%x", status);
    CHECK(strstr(server_output, "[chat] alice: hello there\n[chat] bob: hi alice\n[chat] carol: quit\n") != NULL,
          "the server's log:\n%s", server_output);
    struct stat st;
    CHECK_ERROR(stat("/tmp/chat.sock", &st), ENOENT);

    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("socket_chat_demo_server_and_clients");
}
