/* tests/boot/msg_counter_server_demo_counts_every_request.c - the demo
 * /bin/counter_server (a server looping on msg_reply_recv, clients adding
 * 1 with msg_call) counts every request exactly once: with 4 clients of
 * 250 calls the count is 1000, every client saw its answers grow, the demo
 * says so and exits 0. Nothing is left behind. */
#include "boot_test.h"
#include "boot_wait.h"

int main(void)
{
    unsigned tasks = read_counters().tasks;
    char warm_output[256];
    char *warm_argv[] = { "/bin/counter_server", "1", "1", NULL };
    run_capturing(warm_argv, warm_output, sizeof warm_output);   /* the pipe's and the program's first pages */
    struct kinfo_counters before = settled_counters(tasks);

    char output[512];
    char *argv[] = { "/bin/counter_server", "4", "250", NULL };
    int status = run_capturing(argv, output, sizeof output);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "counter_server 4 250: status 0x%x, output:\n%s", status,
          output);
    CHECK(strstr(output, "4 clients x 250 calls: the server counted 1000: every request counted once") != NULL,
          "counter_server's report, got:\n%s", output);

    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("msg_counter_server_demo_counts_every_request");
}
