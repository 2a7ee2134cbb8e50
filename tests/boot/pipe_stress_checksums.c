/* tests/boot/pipe_stress_checksums.c - many producers and consumers on one
 * pipe lose, duplicate and damage nothing. Four producers write thousands
 * of fixed-size records (producer, sequence, payload, checksum) into one
 * pipe; three consumers read it, a whole record per read (records are
 * smaller than PIPE_BUF and every read asks for exactly one, so none is
 * ever split), check each one and send their totals back to the parent as
 * a struct through a pipe of their own. The totals must be exactly what
 * was sent: every record once, every checksum right, each producer's
 * records in order within each consumer's share. (The records, the
 * producers and the consumers: boot_stress.h.) */
#include <signal.h>

#include "boot_test.h"
#include "boot_stress.h"

static void producers_and_consumers_on_one_pipe_exchange_every_record_exactly_once(void)
{
    int data[2];
    CHECK_EQ(0, pipe(data), "pipe");
    int reports[CONSUMERS][2];
    pid_t children[PRODUCERS + CONSUMERS];
    int child_count = 0;
    fflush(stdout);

    for (int c = 0; c < CONSUMERS; c++) {
        pipe(reports[c]);
        pid_t pid = fork();
        if (pid == 0) {
            close(data[1]);                    /* or end of file would never come */
            close(reports[c][0]);
            consumer_main(data[0], reports[c][1]);
        }
        close(reports[c][1]);
        children[child_count++] = pid;
    }
    for (int p = 1; p <= PRODUCERS; p++) {
        pid_t pid = fork();
        if (pid == 0) {
            close(data[0]);
            producer_main(data[1], (uint32_t)p);
        }
        children[child_count++] = pid;
    }
    close(data[0]);
    close(data[1]);                            /* now only the producers write */

    check_consumer_reports(reports);

    expect_stress_children_ok(children, child_count);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    unsigned tasks = read_counters().tasks;
    pid_t child = fork();                      /* warm up our copy-on-write pages */
    if (child == 0)
        _exit(0);
    waitpid(child, NULL, 0);
    struct kinfo_counters before = settled_counters(tasks);

    producers_and_consumers_on_one_pipe_exchange_every_record_exactly_once();

    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("pipe_stress_checksums");
}
