/* tests/boot/fifo_stress_checksums.c - many producers and consumers on one
 * FIFO lose, duplicate and damage nothing. Every process opens the FIFO by
 * its name: three consumers for reading, four producers for writing; the
 * producers write thousands of fixed-size records (producer, sequence,
 * payload, checksum); the consumers read a whole record per read (records
 * are smaller than PIPE_BUF and every read asks for exactly one), check
 * each one and send their totals back to the parent as a struct through a
 * pipe of their own. The totals must be exactly what was sent. The parent
 * holds a write end open until every producer has opened its own, so that
 * the consumers cannot see end of file while a producer is still to come.
 * (The records, the producers and the consumers: boot_stress.h.) */
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>

#include "boot_test.h"
#include "boot_stress.h"

#define FIFO "/tmp/fifo_stress_checksums"

static int holder;                             /* the parent's write end */
static int ready[2];                           /* a byte from each producer that opened the FIFO */

/* A consumer's stream: the FIFO opened for reading. */
static int open_for_consumer(int consumer)
{
    int fd = open(FIFO, O_RDONLY);             /* waits for the parent's write end */
    if (fd < 0) {
        printf("FAIL consumer %d: open(O_RDONLY): %s\n", consumer, strerror(errno));
        fflush(stdout);
        _exit(1);
    }
    return fd;
}

/* A producer's stream: the FIFO opened for writing; then it tells the
 * parent so through `ready`. */
static int open_for_producer(int producer)
{
    close(holder);
    close(ready[0]);
    int fd = open(FIFO, O_WRONLY);
    if (fd < 0) {
        printf("FAIL producer %d: open(O_WRONLY): %s\n", producer, strerror(errno));
        fflush(stdout);
        _exit(1);
    }
    write(ready[1], "r", 1);
    close(ready[1]);
    return fd;
}

static void producers_and_consumers_on_one_fifo_exchange_every_record_exactly_once(void)
{
    CHECK_EQ(0, mkfifo(FIFO, 0600), "mkfifo");
    int reports[CONSUMERS][2];
    pid_t children[CONSUMERS + PRODUCERS];     /* the consumers first */
    start_consumers(reports, children, open_for_consumer);

    /* a write end of our own, so that no consumer sees end of file before
     * every producer has opened the FIFO */
    holder = open(FIFO, O_WRONLY);
    CHECK(holder >= 0, "the parent's open(O_WRONLY): expected a descriptor, got -1 (%s)", strerror(errno));
    pipe(ready);
    start_producers(children + CONSUMERS, open_for_producer);
    close(ready[1]);
    char byte;
    int producers_ready = 0;
    while (producers_ready < PRODUCERS && read(ready[0], &byte, 1) == 1)
        producers_ready++;
    CHECK_EQ(PRODUCERS, producers_ready, "producers that opened the FIFO");
    close(ready[0]);
    close(holder);                             /* now only the producers write */

    check_consumer_reports(reports);

    expect_stress_children_ok(children, CONSUMERS + PRODUCERS);
    CHECK_EQ(0, unlink(FIFO), "unlink the FIFO");
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_warm_up(tasks);

    producers_and_consumers_on_one_fifo_exchange_every_record_exactly_once();

    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("fifo_stress_checksums");
}
