/* tests/boot/fifo_open_rendezvous.c - FIFOs (named pipes): opening one end
 * waits until the other end is opened too: a reader's open returns only
 * after a writer's open began, and the other way round, even when the other
 * side opened and closed again before the waiting one ran. O_WRONLY |
 * O_NONBLOCK with no reader fails with ENXIO, O_RDONLY | O_NONBLOCK opens at
 * once, O_RDWR never waits. Bytes flow between processes that share no
 * descriptor, only the name; the reader sees end of file when the writer
 * closes; the node survives its pipe and can be opened again, fresh. */
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>

#include "boot_test.h"
#include "boot_wait.h"

#define FIFO "/tmp/fifo_open_rendezvous"
#define DELAY_NS (50 * 1000 * 1000ll)       /* how long the other side waits before opening */
/* An open that must not wait, with nobody else there, would wait for
 * ever if it did; it only has to return well before DELAY_NS. On several
 * CPUs the guest's clock is the host's, and a busy host may leave a CPU
 * of ours unrun for some milliseconds (7 ms seen under make test). */
#define NO_WAIT_NS (40 * 1000 * 1000ll)

static void an_open_for_reading_waits_until_a_writer_opens(void)
{
    fflush(stdout);
    long long started = monotonic_ns();     /* before the fork: the child may run first */
    pid_t child = fork();
    if (child == 0) {
        usleep(DELAY_NS / 1000);
        long long opening_at = monotonic_ns();
        int fd = open(FIFO, O_WRONLY);
        write(fd, &opening_at, sizeof opening_at);
        close(fd);
        _exit(fd >= 0 ? 0 : 1);
    }
    int fd = open(FIFO, O_RDONLY);
    long long returned = monotonic_ns();
    CHECK(fd >= 0, "open(O_RDONLY) of a FIFO: expected a descriptor, got -1 (%s)", strerror(errno));
    long long writer_opening_at = 0;
    CHECK_EQ((long)sizeof writer_opening_at, read(fd, &writer_opening_at, sizeof writer_opening_at),
             "bytes of the writer's message");
    CHECK(returned >= writer_opening_at && writer_opening_at >= started + DELAY_NS,
          "the reader's open: expected to return after the writer began its open (50 ms later), but it "
          "started at %lld, the writer opened at %lld and the reader's open returned at %lld", started,
          writer_opening_at, returned);
    char byte;
    CHECK_EQ(0, read(fd, &byte, 1), "read after the writer closed (end of file)");
    close(fd);
    expect_child_success(child, "the late writer");
}

static void an_open_for_writing_waits_until_a_reader_opens(void)
{
    int report[2];
    pipe(report);
    fflush(stdout);
    long long started = monotonic_ns();     /* before the fork: the child may run first */
    pid_t child = fork();
    if (child == 0) {
        close(report[0]);
        usleep(DELAY_NS / 1000);
        long long opening_at = monotonic_ns();
        write(report[1], &opening_at, sizeof opening_at);
        int fd = open(FIFO, O_RDONLY);
        char buffer[8] = { 0 };
        int count = read(fd, buffer, sizeof buffer - 1);
        close(fd);
        _exit(count == 2 && !strcmp(buffer, "hi") ? 0 : 1);
    }
    close(report[1]);
    int fd = open(FIFO, O_WRONLY);
    long long returned = monotonic_ns();
    CHECK(fd >= 0, "open(O_WRONLY) of a FIFO: expected a descriptor, got -1 (%s)", strerror(errno));
    long long reader_opening_at = 0;
    read(report[0], &reader_opening_at, sizeof reader_opening_at);
    close(report[0]);
    CHECK(returned >= reader_opening_at && reader_opening_at >= started + DELAY_NS,
          "the writer's open: expected to return after the reader began its open (50 ms later), but it "
          "started at %lld, the reader opened at %lld and the writer's open returned at %lld", started,
          reader_opening_at, returned);
    CHECK_EQ(2, write(fd, "hi", 2), "write into the FIFO");
    close(fd);
    expect_child_success(child, "the late reader (it reads \"hi\")");
}

static void a_waiting_open_returns_even_if_the_other_side_already_closed(void)
{
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        usleep(20 * 1000);
        int fd = open(FIFO, O_WRONLY);     /* the reader waits: this returns at once */
        close(fd);                         /* and closes before the reader runs again */
        _exit(fd >= 0 ? 0 : 1);
    }
    int fd = open(FIFO, O_RDONLY);
    CHECK(fd >= 0, "a reader's open when the writer opened and closed meanwhile: expected a descriptor, got -1 (%s)",
          strerror(errno));
    char byte;
    CHECK_EQ(0, read(fd, &byte, 1), "read (end of file: the writer is gone)");
    close(fd);
    expect_child_success(child, "the writer that opens and closes");
}

static void o_wronly_o_nonblock_without_a_reader_fails_with_enxio(void)
{
    struct kinfo_counters before = read_counters();
    CHECK_ERROR(open(FIFO, O_WRONLY | O_NONBLOCK), ENXIO);
    CHECK_EQ(before.pipes, read_counters().pipes, "pipes after a refused open (none left behind)");
    CHECK_EQ(before.open_files, read_counters().open_files, "open files after a refused open");

    int reader = open(FIFO, O_RDONLY | O_NONBLOCK);
    int writer = open(FIFO, O_WRONLY | O_NONBLOCK);
    CHECK(writer >= 0, "O_WRONLY|O_NONBLOCK with a reader: expected a descriptor, got -1 (%s)", strerror(errno));
    close(writer);
    close(reader);
}

static void o_rdonly_o_nonblock_opens_at_once(void)
{
    long long started = monotonic_ns();
    int fd = open(FIFO, O_RDONLY | O_NONBLOCK);
    long long took = monotonic_ns() - started;
    CHECK(fd >= 0, "O_RDONLY|O_NONBLOCK with no writer: expected a descriptor, got -1 (%s)", strerror(errno));
    CHECK(took < NO_WAIT_NS, "O_RDONLY|O_NONBLOCK took %lld ns, expected no waiting", took);
    char byte;
    CHECK_EQ(0, read(fd, &byte, 1), "read with no writer (end of file)");
    close(fd);
}

static void o_rdwr_never_waits(void)
{
    long long started = monotonic_ns();
    int fd = open(FIFO, O_RDWR);
    long long took = monotonic_ns() - started;
    CHECK(fd >= 0, "O_RDWR with nobody else: expected a descriptor, got -1 (%s)", strerror(errno));
    CHECK(took < NO_WAIT_NS, "open(O_RDWR) took %lld ns, expected no waiting", took);
    CHECK_EQ(4, write(fd, "self", 4), "write to oneself");
    char buffer[8] = { 0 };
    CHECK_EQ(4, read(fd, buffer, sizeof buffer), "read back");
    CHECK(!strcmp(buffer, "self"), "expected \"self\", got \"%s\"", buffer);
    /* it is a writer itself: a blocking open for reading returns at once */
    int reader = open(FIFO, O_RDONLY);
    CHECK(reader >= 0, "O_RDONLY while an O_RDWR end is open: expected a descriptor, got -1 (%s)", strerror(errno));
    close(reader);
    close(fd);
}

/* The writer is our child; the reader is a grandchild through another
 * child: they share no pipe, only the FIFO's name. */
static void bytes_flow_between_unrelated_processes_through_the_name(void)
{
    static const char message[] = "through the FIFO between strangers";
    fflush(stdout);
    pid_t writer = fork();
    if (writer == 0) {
        int fd = open(FIFO, O_WRONLY);
        for (unsigned i = 0; i < sizeof message; i += 5) {
            unsigned length = sizeof message - i < 5 ? sizeof message - i : 5;
            write(fd, message + i, length);
            usleep(1000);
        }
        close(fd);
        _exit(0);
    }
    pid_t middle = fork();
    if (middle == 0) {
        pid_t reader = fork();
        if (reader == 0) {
            char buffer[64] = { 0 };
            int fd = open(FIFO, O_RDONLY);
            int total = 0, count;
            while ((count = read(fd, buffer + total, sizeof buffer - 1 - total)) > 0)
                total += count;
            close(fd);
            if (total != (int)sizeof message || memcmp(buffer, message, sizeof message))
                printf("FAIL reader: expected \"%s\" (%d bytes), got \"%s\" (%d bytes)\n", message,
                       (int)sizeof message, buffer, total);
            fflush(stdout);
            _exit(total == (int)sizeof message && !memcmp(buffer, message, sizeof message) ? 0 : 1);
        }
        int status = -1;
        waitpid(reader, &status, 0);
        _exit(WIFEXITED(status) ? WEXITSTATUS(status) : 2);
    }
    expect_child_success(writer, "the writer");
    expect_child_success(middle, "the reader (a grandchild) that checks the message and reads to end of file");
}

static void the_fifo_survives_its_pipe_and_opens_again_fresh(void)
{
    struct kinfo_counters before = read_counters();
    int both = open(FIFO, O_RDWR);
    write(both, "stale bytes", 11);
    CHECK_EQ(before.pipes + 1, read_counters().pipes, "pipes while the FIFO is open");
    close(both);                           /* the last close: unread bytes go with the pipe */
    CHECK_EQ(before.pipes, read_counters().pipes, "pipes after the last close of the FIFO");
    struct stat st;
    CHECK_EQ(0, stat(FIFO, &st), "stat of the FIFO after every end closed");
    CHECK(S_ISFIFO(st.st_mode), "the node after every end closed: expected S_ISFIFO, got mode 0%o", st.st_mode);

    int reader = open(FIFO, O_RDONLY | O_NONBLOCK);
    int writer = open(FIFO, O_WRONLY);
    write(writer, "fresh", 5);
    char buffer[32] = { 0 };
    CHECK_EQ(5, read(reader, buffer, sizeof buffer - 1), "bytes in the reopened FIFO");
    CHECK(!strcmp(buffer, "fresh"), "the reopened FIFO: expected only \"fresh\", got \"%s\"", buffer);
    close(writer);
    close(reader);
    CHECK_EQ(before.pipes, read_counters().pipes, "pipes after the second round");
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_warm_up(tasks);

    CHECK_EQ(0, mkfifo(FIFO, 0600), "mkfifo");
    CHECK_ERROR(mkfifo(FIFO, 0600), EEXIST);
    an_open_for_reading_waits_until_a_writer_opens();
    an_open_for_writing_waits_until_a_reader_opens();
    a_waiting_open_returns_even_if_the_other_side_already_closed();
    o_wronly_o_nonblock_without_a_reader_fails_with_enxio();
    o_rdonly_o_nonblock_opens_at_once();
    o_rdwr_never_waits();
    bytes_flow_between_unrelated_processes_through_the_name();
    the_fifo_survives_its_pipe_and_opens_again_fresh();
    CHECK_EQ(0, unlink(FIFO), "unlink the FIFO");

    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("fifo_open_rendezvous");
}
