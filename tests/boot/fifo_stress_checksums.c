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
static void producers_and_consumers_on_one_fifo_exchange_every_record_exactly_once(void)
{
    CHECK_EQ(0, mkfifo(FIFO, 0600), "mkfifo");
    int reports[CONSUMERS][2];
    pid_t children[PRODUCERS + CONSUMERS];
    int child_count = 0;
    fflush(stdout);

    for (int c = 0; c < CONSUMERS; c++) {
        pipe(reports[c]);
        pid_t pid = fork();
        if (pid == 0) {
            close(reports[c][0]);
            int fd = open(FIFO, O_RDONLY);     /* waits for the parent's write end */
            if (fd < 0) {
                printf("FAIL consumer %d: open(O_RDONLY): %s\n", c, strerror(errno));
                fflush(stdout);
                _exit(1);
            }
            consumer_main(fd, reports[c][1]);
        }
        close(reports[c][1]);
        children[child_count++] = pid;
    }

    /* a write end of our own, so that no consumer sees end of file before
     * every producer has opened the FIFO */
    int holder = open(FIFO, O_WRONLY);
    CHECK(holder >= 0, "the parent's open(O_WRONLY): expected a descriptor, got -1 (%s)", strerror(errno));
    int ready[2];
    pipe(ready);
    for (int p = 1; p <= PRODUCERS; p++) {
        pid_t pid = fork();
        if (pid == 0) {
            close(holder);
            close(ready[0]);
            int fd = open(FIFO, O_WRONLY);
            if (fd < 0) {
                printf("FAIL producer %d: open(O_WRONLY): %s\n", p, strerror(errno));
                fflush(stdout);
                _exit(1);
            }
            write(ready[1], "r", 1);
            close(ready[1]);
            producer_main(fd, (uint32_t)p);
        }
        children[child_count++] = pid;
    }
    close(ready[1]);
    char byte;
    int producers_ready = 0;
    while (producers_ready < PRODUCERS && read(ready[0], &byte, 1) == 1)
        producers_ready++;
    CHECK_EQ(PRODUCERS, producers_ready, "producers that opened the FIFO");
    close(ready[0]);
    close(holder);                             /* now only the producers write */

    check_consumer_reports(reports);

    expect_stress_children_ok(children, child_count);
    CHECK_EQ(0, unlink(FIFO), "unlink the FIFO");
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

    producers_and_consumers_on_one_fifo_exchange_every_record_exactly_once();

    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("fifo_stress_checksums");
}
