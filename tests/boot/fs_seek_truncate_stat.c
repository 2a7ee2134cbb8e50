/* tests/boot/fs_seek_truncate_stat.c - the offset and the size of a file:
 * lseek with SEEK_SET, SEEK_CUR and SEEK_END; a write past the end leaves
 * a hole that reads as zeros; lseek on a pipe or a terminal is ESPIPE, on
 * /dev/null and /dev/zero always 0 (as Linux's); ftruncate shrinks
 * and grows (with zeros); stat and fstat tell the size and the type
 * (S_ISREG, S_ISDIR, S_ISFIFO). */
#include <fcntl.h>
#include <sys/stat.h>

#include "boot_test.h"

#define DIRECTORY "/tmp/fs_seek_truncate_stat"

static void lseek_moves_the_offset_from_start_current_and_end(void)
{
    int fd = open(DIRECTORY "/seek", O_RDWR | O_CREAT, 0644);
    CHECK(fd >= 0, "open failed: %s", strerror(errno));
    CHECK_EQ(10, write(fd, "0123456789", 10), "write");
    CHECK_EQ(10, lseek(fd, 0, SEEK_CUR), "SEEK_CUR 0 after writing 10 bytes");
    CHECK_EQ(3, lseek(fd, 3, SEEK_SET), "SEEK_SET 3");
    char c = 0;
    CHECK_EQ(1, read(fd, &c, 1), "read at 3");
    CHECK('3' == c, "byte at offset 3: expected '3', got '%c'", c);
    CHECK_EQ(6, lseek(fd, 2, SEEK_CUR), "SEEK_CUR +2 from 4");
    CHECK_EQ(1, read(fd, &c, 1), "read at 6");
    CHECK('6' == c, "byte at offset 6: expected '6', got '%c'", c);
    CHECK_EQ(5, lseek(fd, -2, SEEK_CUR), "SEEK_CUR -2 from 7");
    CHECK_EQ(8, lseek(fd, -2, SEEK_END), "SEEK_END -2");
    CHECK_EQ(1, read(fd, &c, 1), "read at 8");
    CHECK('8' == c, "byte at offset 8: expected '8', got '%c'", c);
    CHECK_EQ(10, lseek(fd, 0, SEEK_END), "SEEK_END 0");
    CHECK_EQ(0, read(fd, &c, 1), "read at the end (end of file)");
    CHECK_ERROR(lseek(fd, -11, SEEK_END), EINVAL);
    CHECK_ERROR(lseek(fd, -1, SEEK_SET), EINVAL);
    CHECK_ERROR(lseek(fd, 0, 99), EINVAL);
    CHECK_EQ(10, lseek(fd, 0, SEEK_CUR), "the offset after failed lseeks (unchanged)");
    CHECK_ERROR(lseek(99, 0, SEEK_SET), EBADF);
    close(fd);
    unlink(DIRECTORY "/seek");
}

static void a_write_past_the_end_leaves_a_hole_of_zeros(void)
{
    int fd = open(DIRECTORY "/hole", O_RDWR | O_CREAT, 0644);
    CHECK_EQ(3, write(fd, "abc", 3), "write");
    CHECK_EQ(1000, lseek(fd, 1000, SEEK_SET), "lseek past the end");
    struct stat st;
    fstat(fd, &st);
    CHECK_EQ(3, st.st_size, "size after lseek past the end (lseek alone does not grow a file)");
    CHECK_EQ(3, write(fd, "xyz", 3), "write at 1000");
    fstat(fd, &st);
    CHECK_EQ(1003, st.st_size, "size after writing 3 bytes at 1000");
    static char buffer[1100];
    CHECK_EQ(0, lseek(fd, 0, SEEK_SET), "lseek to 0");
    CHECK_EQ(1003, read(fd, buffer, sizeof buffer), "read of the whole file");
    CHECK(!memcmp(buffer, "abc", 3), "the first 3 bytes changed");
    int first_nonzero = -1;
    for (int i = 3; i < 1000 && first_nonzero < 0; i++)
        if (buffer[i])
            first_nonzero = i;
    CHECK(first_nonzero < 0, "the hole 3..999: expected zeros, got 0x%02x at %d",
          first_nonzero < 0 ? 0 : (unsigned char)buffer[first_nonzero], first_nonzero);
    CHECK(!memcmp(buffer + 1000, "xyz", 3), "the bytes after the hole: expected \"xyz\", got \"%.3s\"", buffer + 1000);
    close(fd);
    unlink(DIRECTORY "/hole");
}

static void lseek_on_a_pipe_fails_with_espipe(void)
{
    int fds[2];
    CHECK_EQ(0, pipe(fds), "pipe");
    CHECK_ERROR(lseek(fds[0], 0, SEEK_SET), ESPIPE);
    CHECK_ERROR(lseek(fds[1], 0, SEEK_CUR), ESPIPE);
    close(fds[0]);
    close(fds[1]);
    CHECK_EQ(0, mkfifo(DIRECTORY "/fifo", 0600), "mkfifo");
    int fd = open(DIRECTORY "/fifo", O_RDWR);
    CHECK_ERROR(lseek(fd, 0, SEEK_SET), ESPIPE);
    close(fd);
    unlink(DIRECTORY "/fifo");
    fd = open("/dev/console", O_RDWR);
    CHECK(fd >= 0, "open /dev/console: %s", strerror(errno));
    CHECK_ERROR(lseek(fd, 0, SEEK_SET), ESPIPE);
    close(fd);
}

/* Linux's null_lseek: any offset, any whence, gives 0. */
static void lseek_on_dev_null_and_zero_gives_0(void)
{
    const char *devices[] = {"/dev/null", "/dev/zero"};
    for (int i = 0; i < 2; i++) {
        int fd = open(devices[i], O_RDWR);
        CHECK(fd >= 0, "open %s: %s", devices[i], strerror(errno));
        long set = lseek(fd, 100, SEEK_SET), cur = lseek(fd, 5, SEEK_CUR), end = lseek(fd, -5, SEEK_END);
        CHECK(set == 0 && cur == 0 && end == 0, "lseek on %s: SEEK_SET %ld, SEEK_CUR %ld, SEEK_END %ld (expected 0)",
              devices[i], set, cur, end);
        close(fd);
    }
}

static void ftruncate_shrinks_and_grows_with_zeros(void)
{
    int fd = open(DIRECTORY "/truncate", O_RDWR | O_CREAT, 0644);
    CHECK_EQ(10, write(fd, "0123456789", 10), "write");
    CHECK_EQ(0, ftruncate(fd, 4), "ftruncate to 4");
    struct stat st;
    fstat(fd, &st);
    CHECK_EQ(4, st.st_size, "size after ftruncate to 4");
    CHECK_EQ(10, lseek(fd, 0, SEEK_CUR), "the offset after ftruncate (unchanged)");

    CHECK_EQ(0, ftruncate(fd, 8), "ftruncate to 8");
    fstat(fd, &st);
    CHECK_EQ(8, st.st_size, "size after ftruncate to 8");
    char buffer[16];
    memset(buffer, 0x55, sizeof buffer);
    lseek(fd, 0, SEEK_SET);
    CHECK_EQ(8, read(fd, buffer, sizeof buffer), "read after growing to 8");
    CHECK(!memcmp(buffer, "0123\0\0\0\0", 8),
          "after shrink to 4 and grow to 8: expected \"0123\" and 4 zeros, got %02x %02x %02x %02x %02x %02x %02x %02x",
          buffer[0], buffer[1], buffer[2], buffer[3], buffer[4], buffer[5], buffer[6], buffer[7]);
    CHECK_ERROR(ftruncate(fd, -1), EINVAL);
    close(fd);

    int read_only = open(DIRECTORY "/truncate", O_RDONLY);
    errno = 0;
    int result = ftruncate(read_only, 0);
    CHECK(result == -1 && (errno == EINVAL || errno == EBADF),
          "ftruncate on O_RDONLY: expected -1 with EINVAL or EBADF, got %d with errno %d", result, errno);
    close(read_only);
    unlink(DIRECTORY "/truncate");
}

static void stat_and_fstat_tell_size_and_type(void)
{
    int fd = open(DIRECTORY "/sized", O_RDWR | O_CREAT, 0644);
    static char block[5000];
    memset(block, 'b', sizeof block);
    CHECK_EQ(5000, write(fd, block, sizeof block), "write 5000 bytes");
    struct stat by_path, by_descriptor;
    CHECK_EQ(0, stat(DIRECTORY "/sized", &by_path), "stat");
    CHECK_EQ(0, fstat(fd, &by_descriptor), "fstat");
    CHECK_EQ(5000, by_path.st_size, "stat's st_size");
    CHECK_EQ(5000, by_descriptor.st_size, "fstat's st_size");
    CHECK(S_ISREG(by_path.st_mode), "a file: expected S_ISREG, got mode 0%o", by_path.st_mode);
    CHECK(S_ISREG(by_descriptor.st_mode), "a file by descriptor: expected S_ISREG, got mode 0%o",
          by_descriptor.st_mode);
    CHECK_EQ(by_path.st_ino, by_descriptor.st_ino, "st_ino by path and by descriptor");
    close(fd);

    struct stat st;
    CHECK_EQ(0, stat(DIRECTORY, &st), "stat of a directory");
    CHECK(S_ISDIR(st.st_mode), "a directory: expected S_ISDIR, got mode 0%o", st.st_mode);
    CHECK_EQ(0, stat("/", &st), "stat of /");
    CHECK(S_ISDIR(st.st_mode), "/: expected S_ISDIR, got mode 0%o", st.st_mode);

    CHECK_EQ(0, mkfifo(DIRECTORY "/fifo", 0600), "mkfifo");
    CHECK_EQ(0, stat(DIRECTORY "/fifo", &st), "stat of a FIFO");
    CHECK(S_ISFIFO(st.st_mode), "a FIFO: expected S_ISFIFO, got mode 0%o", st.st_mode);
    CHECK_EQ(0, mknod(DIRECTORY "/fifo2", S_IFIFO | 0600, 0), "mknod(S_IFIFO)");
    CHECK_EQ(0, stat(DIRECTORY "/fifo2", &st), "stat of a FIFO made by mknod");
    CHECK(S_ISFIFO(st.st_mode), "a FIFO from mknod: expected S_ISFIFO, got mode 0%o", st.st_mode);

    int fds[2];
    pipe(fds);
    CHECK_EQ(0, fstat(fds[0], &st), "fstat of a pipe");
    CHECK(S_ISFIFO(st.st_mode), "a pipe: expected S_ISFIFO, got mode 0%o", st.st_mode);
    close(fds[0]);
    close(fds[1]);

    CHECK_ERROR(stat(DIRECTORY "/missing", &st), ENOENT);
    CHECK_ERROR(fstat(77, &st), EBADF);
    unlink(DIRECTORY "/sized");
    unlink(DIRECTORY "/fifo");
    unlink(DIRECTORY "/fifo2");
}

int main(void)
{
    CHECK_EQ(0, mkdir(DIRECTORY, 0755), "mkdir " DIRECTORY);
    lseek_moves_the_offset_from_start_current_and_end();
    a_write_past_the_end_leaves_a_hole_of_zeros();
    lseek_on_a_pipe_fails_with_espipe();
    lseek_on_dev_null_and_zero_gives_0();
    ftruncate_shrinks_and_grows_with_zeros();
    stat_and_fstat_tell_size_and_type();
    CHECK_EQ(0, rmdir(DIRECTORY), "rmdir " DIRECTORY " (it should be empty again)");
    return test_finish("fs_seek_truncate_stat");
}
