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

static int data[2];                           /* the pipe */

/* A consumer's stream: the read end. */
static int read_end(int consumer)
{
    (void)consumer;
    close(data[1]);                            /* or end of file would never come */
    return data[0];
}

/* A producer's stream: the write end. */
static int write_end(int producer)
{
    (void)producer;
    close(data[0]);
    return data[1];
}

static void producers_and_consumers_on_one_pipe_exchange_every_record_exactly_once(void)
{
    CHECK_EQ(0, pipe(data), "pipe");
    int reports[CONSUMERS][2];
    pid_t children[CONSUMERS + PRODUCERS];     /* the consumers first */
    start_consumers(reports, children, read_end);
    start_producers(children + CONSUMERS, write_end);
    close(data[0]);
    close(data[1]);                            /* now only the producers write */

    check_consumer_reports(reports);

    expect_stress_children_ok(children, CONSUMERS + PRODUCERS);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_warm_up(tasks);

    producers_and_consumers_on_one_pipe_exchange_every_record_exactly_once();

    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("pipe_stress_checksums");
}
