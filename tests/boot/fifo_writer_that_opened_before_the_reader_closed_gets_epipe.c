/* tests/boot/fifo_writer_that_opened_before_the_reader_closed_gets_epipe.c
 * - a FIFO's reader that has read the end of the file (every writer had
 * closed) still has it open until it closes it; a writer's open in that
 * moment does not wait, since there is a reader, and its first write
 * after the reader's close finds none: EPIPE (or SIGPIPE), and nothing
 * written. Opened again, the writer waits for the next reader, and its
 * record arrives there once. The stress tool's FIFO producers meet this
 * on two CPUs (user/tools/stress/byte_streams.c) and write again; Linux
 * behaves the same. */
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>

#include <sys/wait.h>

#include "boot_test.h"

static const char *const path = "/tmp/fifo-reader-leaves";

/* One byte over the pipe `fd`, or one byte from it. */
static void say(int fd)
{
    CHECK_EQ(1, write(fd, "!", 1), "a byte to the other process");
}

static void hear(int fd)
{
    char byte;
    CHECK_EQ(1, read(fd, &byte, 1), "a byte from the other process");
}

/* The reader: reads until the end of the file, says so, closes when told
 * and says so, then opens again when told and reads one record. Exit 0 if that
 * record is "second" and nothing else came. */
static void reader(int tell, int told)
{
    int fd = open(path, O_RDONLY);
    char buffer[16];
    int first = (int)read(fd, buffer, sizeof buffer);
    int end = (int)read(fd, buffer, sizeof buffer);
    say(tell);                                   /* "I have read the end" */
    hear(told);
    close(fd);
    say(tell);                                   /* "I have closed it" */
    hear(told);
    fd = open(path, O_RDONLY);
    int second = (int)read(fd, buffer, sizeof buffer);
    int ok = first == 5 && end == 0 && second == 6 && memcmp(buffer, "second", 6) == 0;
    ok = ok && read(fd, buffer, sizeof buffer) == 0;
    close(fd);
    _exit(ok ? 0 : 1);
}

int main(void)
{
    warm_up_copy_on_write();                     /* grows our stack and data first */
    usleep(20000);
    struct kinfo_counters before = settled_counters(read_counters().tasks);
    unlink(path);
    CHECK_EQ(0, mkfifo(path, 0600), "mkfifo");
    int to_parent[2], to_child[2];
    pipe(to_parent);
    pipe(to_child);
    pid_t child = fork();
    if (child == 0)
        reader(to_parent[1], to_child[0]);

    int fd = open(path, O_WRONLY);               /* meets the reader's first open */
    CHECK_EQ(5, write(fd, "first", 5), "the first record");
    close(fd);
    hear(to_parent[0]);                          /* it read the end of the file */
    fd = open(path, O_NONBLOCK | O_WRONLY);
    CHECK(fd >= 0, "an open for writing while the reader still has it open does not wait (errno %d)",
          fd < 0 ? errno : 0);
    fcntl(fd, F_SETFL, 0);
    say(to_child[1]);
    hear(to_parent[0]);                          /* it closed */
    signal(SIGPIPE, SIG_IGN);
    CHECK_ERROR(write(fd, "second", 6), EPIPE);
    signal(SIGPIPE, SIG_DFL);
    close(fd);
    say(to_child[1]);
    fd = open(path, O_WRONLY);                   /* waits for the reader's second open */
    CHECK_EQ(6, write(fd, "second", 6), "the record again, to the next reader");
    close(fd);
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the reader read \"first\", the end, then \"second\" once (status 0x%x)", status);
    unlink(path);
    close(to_parent[0]);
    close(to_parent[1]);
    close(to_child[0]);
    close(to_child[1]);

    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("fifo_writer_that_opened_before_the_reader_closed_gets_epipe");
}
