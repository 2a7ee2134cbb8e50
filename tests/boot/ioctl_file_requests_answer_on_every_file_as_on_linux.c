/* ioctl_file_requests_answer_on_every_file_as_on_linux: the ioctl
 * requests every file takes on Linux, whatever it is (do_vfs_ioctl),
 * and FIONREAD on the files that have bytes to read:
 *   - FIONBIO sets and clears O_NONBLOCK, as fcntl's F_SETFL, from the
 *     int it points to: a read end of an empty pipe then says EAGAIN
 *     (FIOASYNC, O_ASYNC's, is signal_driven_io_tells_the_owner_...'s);
 *   - FIOCLEX and FIONCLEX set and clear the descriptor's close-on-exec,
 *     as F_SETFD;
 *   - FIONREAD: the bytes a read could take now, through either end of
 *     a pipe or a FIFO; on a regular file, its size less the offset
 *     (below 0 past the end, as Linux's); ENOTTY on a directory and on
 *     /dev/null; EFAULT for a bad pointer.
 * It passes on Linux too (tools/linux-check). */
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

#include "boot_test.h"

#define FILE_PATH "/tmp/ioctl_fionread_file"
#define FIFO_PATH "/tmp/ioctl_fionread_fifo"

static int unread(int fd)
{
    int count = -12345;
    CHECK_EQ(0, ioctl(fd, FIONREAD, &count), "ioctl(FIONREAD)");
    return count;
}

static void fionread_on_pipes_and_fifos(void)
{
    int ends[2];
    CHECK_EQ(0, pipe(ends), "pipe");
    CHECK_EQ(0, unread(ends[0]), "an empty pipe");
    CHECK_EQ(5, write(ends[1], "hello", 5), "write 5");
    CHECK_EQ(5, unread(ends[0]), "5 bytes, read end");
    CHECK_EQ(5, unread(ends[1]), "5 bytes, write end");
    char buffer[8];
    CHECK_EQ(2, read(ends[0], buffer, 2), "read 2");
    CHECK_EQ(3, unread(ends[0]), "3 left");
    CHECK_ERROR(ioctl(ends[0], FIONREAD, (int *)16), EFAULT);
    close(ends[0]);
    close(ends[1]);

    unlink(FIFO_PATH);
    CHECK_EQ(0, mkfifo(FIFO_PATH, 0600), "mkfifo");
    int reader = open(FIFO_PATH, O_RDONLY | O_NONBLOCK);
    int writer = open(FIFO_PATH, O_WRONLY);
    CHECK(reader >= 0 && writer >= 0, "open the FIFO's ends");
    CHECK_EQ(7, write(writer, "seven b", 7), "write 7");
    CHECK_EQ(7, unread(reader), "a FIFO: 7 bytes");
    close(reader);
    close(writer);
    unlink(FIFO_PATH);
}

static void fionread_on_files(void)
{
    int fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0, "open a file: errno %d", errno);
    char bytes[100];
    memset(bytes, 'x', sizeof bytes);
    CHECK_EQ(100, write(fd, bytes, sizeof bytes), "write 100");
    CHECK_EQ(0, unread(fd), "at its end");
    lseek(fd, 30, SEEK_SET);
    CHECK_EQ(70, unread(fd), "from 30: 70");
    lseek(fd, 200, SEEK_SET);
    CHECK_EQ(-100, unread(fd), "past the end: size less offset");
    close(fd);
    unlink(FILE_PATH);

    int directory = open("/tmp", O_RDONLY);
    int count;
    CHECK_ERROR(ioctl(directory, FIONREAD, &count), ENOTTY);
    close(directory);
    int null = open("/dev/null", O_RDWR);
    CHECK_ERROR(ioctl(null, FIONREAD, &count), ENOTTY);
    close(null);
}

static void fionbio_and_fioclex(void)
{
    int ends[2];
    CHECK_EQ(0, pipe(ends), "pipe");
    int on = 1, off = 0;
    CHECK_EQ(0, ioctl(ends[0], FIONBIO, &on), "FIONBIO 1");
    CHECK(fcntl(ends[0], F_GETFL) & O_NONBLOCK, "O_NONBLOCK set");
    char byte;
    CHECK_ERROR(read(ends[0], &byte, 1), EAGAIN);
    CHECK_EQ(0, ioctl(ends[0], FIONBIO, &off), "FIONBIO 0");
    CHECK(!(fcntl(ends[0], F_GETFL) & O_NONBLOCK), "O_NONBLOCK cleared");
    CHECK_ERROR(ioctl(ends[0], FIONBIO, (int *)16), EFAULT);

    CHECK_EQ(0, ioctl(ends[1], FIOCLEX), "FIOCLEX");
    CHECK_EQ(FD_CLOEXEC, fcntl(ends[1], F_GETFD), "close-on-exec set");
    CHECK_EQ(0, fcntl(ends[0], F_GETFD), "not on the other end");
    CHECK_EQ(0, ioctl(ends[1], FIONCLEX), "FIONCLEX");
    CHECK_EQ(0, fcntl(ends[1], F_GETFD), "close-on-exec cleared");
    close(ends[0]);
    close(ends[1]);

    int fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK_EQ(0, ioctl(fd, FIONBIO, &on), "FIONBIO on a regular file");
    CHECK(fcntl(fd, F_GETFL) & O_NONBLOCK, "its O_NONBLOCK set");
    close(fd);
    unlink(FILE_PATH);
    CHECK_ERROR(ioctl(77, FIONBIO, &on), EBADF);
}

int main(void)
{
    fionread_on_pipes_and_fifos();
    fionread_on_files();
    fionbio_and_fioclex();
    return test_finish("ioctl_file_requests_answer_on_every_file_as_on_linux");
}
