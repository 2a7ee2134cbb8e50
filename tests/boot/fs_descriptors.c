/* tests/boot/fs_descriptors.c - descriptors that share one open file: dup
 * and fork share the offset; dup2 closes what it replaces and returns the
 * descriptor asked for; fcntl's F_GETFL tells the access mode and F_SETFL
 * turns O_NONBLOCK on and off (and the change is seen through a dup). */
#include <fcntl.h>
#include <sys/stat.h>

#include "boot_test.h"

#define PATH "/tmp/fs_descriptors_file"

static void dup_shares_the_offset(void)
{
    int fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK_EQ(6, write(fd, "abcdef", 6), "write");
    int copy = dup(fd);
    CHECK(copy >= 0 && copy != fd, "dup: expected a new descriptor, got %d (fd %d)", copy, fd);
    CHECK_EQ(6, lseek(copy, 0, SEEK_CUR), "the duplicate's offset (the original's)");
    CHECK_EQ(1, lseek(fd, 1, SEEK_SET), "lseek the original to 1");
    char c = 0;
    CHECK_EQ(1, read(copy, &c, 1), "read through the duplicate");
    CHECK('b' == c, "read through the duplicate after lseek on the original: expected 'b', got '%c'", c);
    CHECK_EQ(2, lseek(fd, 0, SEEK_CUR), "the original's offset after reading through the duplicate");
    close(fd);
    CHECK_EQ(1, read(copy, &c, 1), "the duplicate still works after the original is closed");
    CHECK('c' == c, "expected 'c', got '%c'", c);
    close(copy);
}

static void fork_shares_the_offset_with_the_child(void)
{
    int fd = open(PATH, O_RDWR | O_TRUNC);
    pid_t child = fork();
    if (child == 0) {
        write(fd, "child;", 6);
        _exit(0);
    }
    waitpid(child, NULL, 0);
    CHECK_EQ(6, lseek(fd, 0, SEEK_CUR), "the parent's offset after the child wrote 6 bytes");
    CHECK_EQ(7, write(fd, "parent;", 7), "write");
    char buffer[32] = { 0 };
    lseek(fd, 0, SEEK_SET);
    read(fd, buffer, sizeof buffer - 1);
    CHECK(!strcmp(buffer, "child;parent;"), "expected \"child;parent;\", got \"%s\"", buffer);
    close(fd);
}

static void dup2_puts_the_file_at_the_descriptor_asked_for(void)
{
    int fd = open(PATH, O_RDWR | O_TRUNC);
    int other = open("/dev/null", O_RDWR);
    struct kinfo_counters before = read_counters();
    CHECK_EQ(other, dup2(fd, other), "dup2 onto an open descriptor returns that descriptor");
    struct kinfo_counters after = read_counters();
    CHECK_EQ(before.open_files - 1, after.open_files, "open files after dup2 replaced /dev/null (it was closed)");
    CHECK_EQ(3, write(other, "via", 3), "write through the dup2'd descriptor");
    CHECK_EQ(3, lseek(fd, 0, SEEK_CUR), "the original's offset (shared)");
    CHECK_EQ(20, dup2(fd, 20), "dup2 onto a free descriptor");
    CHECK_EQ(fd, dup2(fd, fd), "dup2 of a descriptor onto itself");
    CHECK_ERROR(dup2(fd, -1), EBADF);
    CHECK_ERROR(dup2(fd, 1000), EBADF);
    CHECK_ERROR(dup2(55, 20), EBADF);
    CHECK_ERROR(dup(55), EBADF);
    close(20);
    close(other);
    close(fd);
}

static void fcntl_getfl_tells_the_access_mode_and_setfl_sets_o_nonblock(void)
{
    int fd = open(PATH, O_WRONLY | O_APPEND);
    int flags = fcntl(fd, F_GETFL);
    CHECK_EQ(O_WRONLY, flags & O_ACCMODE, "F_GETFL's access mode of an O_WRONLY file");
    CHECK(flags & O_APPEND, "F_GETFL of an O_APPEND file: expected O_APPEND set, got 0%o", flags);
    close(fd);

    int fds[2];
    pipe(fds);
    CHECK_EQ(O_RDONLY, fcntl(fds[0], F_GETFL) & O_ACCMODE, "the read end's access mode");
    CHECK_EQ(O_WRONLY, fcntl(fds[1], F_GETFL) & O_ACCMODE, "the write end's access mode");
    CHECK_EQ(0, fcntl(fds[0], F_GETFL) & O_NONBLOCK, "O_NONBLOCK of a new pipe");

    int copy = dup(fds[0]);
    CHECK_EQ(0, fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK), "F_SETFL O_NONBLOCK");
    CHECK(fcntl(fds[0], F_GETFL) & O_NONBLOCK, "F_GETFL after F_SETFL O_NONBLOCK: expected the flag set");
    CHECK(fcntl(copy, F_GETFL) & O_NONBLOCK, "a dup shares the open file's flags: expected O_NONBLOCK set");
    CHECK_EQ(O_RDONLY, fcntl(fds[0], F_GETFL) & O_ACCMODE, "F_SETFL leaves the access mode alone");
    char c;
    CHECK_ERROR(read(copy, &c, 1), EAGAIN);     /* an empty pipe, read without waiting */

    CHECK_EQ(0, fcntl(fds[0], F_SETFL, 0), "F_SETFL 0");
    CHECK_EQ(0, fcntl(fds[0], F_GETFL) & O_NONBLOCK, "O_NONBLOCK after F_SETFL 0");
    write(fds[1], "z", 1);
    CHECK_EQ(1, read(copy, &c, 1), "a blocking read with a byte waiting");
    CHECK_ERROR(fcntl(77, F_GETFL), EBADF);
    close(copy);
    close(fds[0]);
    close(fds[1]);
}

int main(void)
{
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_warm_up(tasks);
    dup_shares_the_offset();
    fork_shares_the_offset_with_the_child();
    dup2_puts_the_file_at_the_descriptor_asked_for();
    fcntl_getfl_tells_the_access_mode_and_setfl_sets_o_nonblock();
    CHECK_EQ(0, unlink(PATH), "unlink");
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("fs_descriptors");
}
