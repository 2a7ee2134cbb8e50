/* tests/boot/boot_chat.h - what the two multiplexing chat tests share: run
 * a chat demo with 6 clients of 10 lines each and check that every client
 * heard the 50 lines of the others once and in order, that the server
 * counted 60, that its socket is gone and that nothing leaked. */
#ifndef TESTS_BOOT_BOOT_CHAT_H
#define TESTS_BOOT_BOOT_CHAT_H

#include <sys/stat.h>

#include "boot_test.h"
#include "boot_wait.h"

/* `program` is the demo's path ("/bin/poll_chat"), written out by the
 * caller so that tools/profile_calls.py sees which program it runs;
 * `socket_path` the socket it must leave behind it removed. */
static inline void check_chat_demo(const char *program, const char *socket_path)
{
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_warm_up(tasks);

    static char output[8192];
    char *argv[] = { (char *)program, "6", "10", NULL };
    int status = run_capturing(argv, output, sizeof output);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s 6 10: status 0x%x\n%s", program, status, output);
    for (int client = 1; client <= 6; client++) {
        char line[96];
        snprintf(line, sizeof line, "client %d: heard 50 lines from 5 others, each once and in order", client);
        CHECK(strstr(output, line) != NULL, "missing \"%s\" in:\n%s", line, output);
    }
    CHECK(strstr(output, "server: relayed 60 lines from 6 clients") != NULL, "the server's count:\n%s", output);
    CHECK(strstr(output, "every line arrived exactly once") != NULL, "the summary:\n%s", output);
    struct stat st;
    CHECK_ERROR(stat(socket_path, &st), ENOENT);

    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
}

#endif
