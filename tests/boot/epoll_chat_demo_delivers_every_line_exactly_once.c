/* tests/boot/epoll_chat_demo_delivers_every_line_exactly_once.c - the demo
 * /bin/epoll_chat, one server process waiting in epoll_wait on 6 client
 * sockets watched edge-triggered, relays every line to every other client
 * exactly once and in order (each client checks and says so), exits 0,
 * and leaves nothing behind: no socket, no file, no process, no epoll
 * instance or entry (the kernel's counters). */
#include <sys/stat.h>

#include "boot_test.h"
#include "boot_wait.h"

int main(void)
{
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_warm_up(tasks);

    static char output[8192];
    char *argv[] = { "/bin/epoll_chat", "6", "10", NULL };
    int status = run_capturing(argv, output, sizeof output);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "epoll_chat 6 10: status 0x%x\n%s", status, output);
    for (int client = 1; client <= 6; client++) {
        char line[96];
        snprintf(line, sizeof line, "client %d: heard 50 lines from 5 others, each once and in order", client);
        CHECK(strstr(output, line) != NULL, "missing \"%s\" in:\n%s", line, output);
    }
    CHECK(strstr(output, "server: relayed 60 lines from 6 clients") != NULL, "the server's count:\n%s", output);
    CHECK(strstr(output, "every line arrived exactly once") != NULL, "the summary:\n%s", output);
    struct stat st;
    CHECK_ERROR(stat("/tmp/epoll_chat.sock", &st), ENOENT);

    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("epoll_chat_demo_delivers_every_line_exactly_once");
}
