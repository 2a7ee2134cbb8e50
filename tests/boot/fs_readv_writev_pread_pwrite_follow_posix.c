/* readv and writev move the bytes of many buffers in order, as one read
 * or write (a datagram stays one message, a pipe write of PIPE_BUF bytes
 * is not split); pread and pwrite work at a position and leave the
 * file's offset alone; bad input gets EBADF, EINVAL, EFAULT, ESPIPE,
 * and nothing leaks. */
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "boot_test.h"

#define PATH "/tmp/vector_io_test"
#define KERNEL_POINTER ((void *)(uintptr_t)-4096)   /* kernel memory on i386 and x86-64 alike */

static void vectors_on_a_file(void)
{
    int fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0, "open: errno %d", errno);
    char a[] = "abc", b[] = "defgh";
    struct iovec out[3] = { { a, 3 }, { NULL, 0 }, { b, 5 } };
    CHECK_EQ(8, writev(fd, out, 3), "writev of 3 + 0 + 5 bytes");
    CHECK_EQ(8, lseek(fd, 0, SEEK_CUR), "the offset after writev");
    lseek(fd, 0, SEEK_SET);
    char x[2] = { 0 }, y[10] = { 0 };
    struct iovec in[2] = { { x, 2 }, { y, sizeof y } };
    CHECK_EQ(8, readv(fd, in, 2), "readv of the 8 bytes into 2 + 10");
    CHECK(memcmp(x, "ab", 2) == 0 && memcmp(y, "cdefgh", 6) == 0, "readv filled the buffers in order");
    CHECK_EQ(0, readv(fd, in, 2), "readv at end of file");
    CHECK_EQ(0, readv(fd, in, 0), "readv of no buffers");

    /* pread and pwrite: the offset stays where it was */
    lseek(fd, 1, SEEK_SET);
    char c[4] = { 0 };
    CHECK_EQ(3, pread(fd, c, 3, 4), "pread of 3 bytes at 4");
    CHECK(memcmp(c, "efg", 3) == 0, "pread read from offset 4, got \"%s\"", c);
    CHECK_EQ(1, lseek(fd, 0, SEEK_CUR), "the offset after pread");
    CHECK_EQ(2, pwrite(fd, "XY", 2, 6), "pwrite of 2 bytes at 6");
    CHECK_EQ(1, lseek(fd, 0, SEEK_CUR), "the offset after pwrite");
    CHECK_EQ(2, pwrite(fd, "zz", 2, 10), "pwrite beyond the end");
    CHECK_EQ(12, lseek(fd, 0, SEEK_END), "the file grew to 12 bytes");
    char all[12];
    CHECK_EQ(12, pread(fd, all, 12, 0), "pread of the whole file");
    CHECK(memcmp(all, "abcdefXY\0\0zz", 12) == 0, "pwrite wrote at 6 and 10, a hole between");
    CHECK_EQ(0, pread(fd, all, 12, 100), "pread beyond the end");

    /* bad input */
    CHECK_ERROR(pread(fd, c, 1, -1), EINVAL);
    CHECK_ERROR(pwrite(fd, c, 1, -1), EINVAL);
    CHECK_ERROR(pread(-1, c, 1, 0), EBADF);
    CHECK_ERROR(pread(fd, KERNEL_POINTER, 4, 0), EFAULT);
    CHECK_ERROR(readv(fd, in, -1), EINVAL);
    CHECK_ERROR(readv(fd, in, IOV_MAX + 1), EINVAL);
    CHECK_ERROR(readv(fd, (struct iovec *)KERNEL_POINTER, 2), EFAULT);
    struct iovec huge[1] = { { x, (size_t)SSIZE_MAX + 1 } };
    CHECK_ERROR(writev(fd, huge, 1), EINVAL);
    struct iovec bad[2] = { { x, 1 }, { KERNEL_POINTER, 4 } };
    CHECK_ERROR(writev(fd, bad, 2), EFAULT);
    CHECK_ERROR(readv(-1, in, 2), EBADF);
    close(fd);
    int read_only = open(PATH, O_RDONLY);
    CHECK_ERROR(writev(read_only, out, 3), EBADF);
    CHECK_ERROR(pwrite(read_only, "a", 1, 0), EBADF);
    close(read_only);
    unlink(PATH);
}

static void vectors_on_pipes_and_sockets(void)
{
    int fds[2];
    CHECK_EQ(0, pipe(fds), "pipe");
    char c;
    CHECK_ERROR(pread(fds[0], &c, 1, 0), ESPIPE);
    CHECK_ERROR(pwrite(fds[1], &c, 1, 0), ESPIPE);
    CHECK_ERROR(pread(fds[1], &c, 1, 0), ESPIPE);   /* ESPIPE comes before the direction */
    CHECK_ERROR(pread(fds[0], &c, 1, -5), EINVAL);
    /* a writev of PIPE_BUF bytes in many pieces is one write */
    static char piece[PIPE_BUF / 8];
    struct iovec pieces[8];
    for (int i = 0; i < 8; i++)
        pieces[i] = (struct iovec){ piece, sizeof piece };
    memset(piece, 'p', sizeof piece);
    CHECK_EQ(PIPE_BUF, writev(fds[1], pieces, 8), "writev of PIPE_BUF bytes into a pipe");
    static char back[PIPE_BUF];
    char small[10];
    struct iovec in[2] = { { small, sizeof small }, { back, sizeof back } };
    CHECK_EQ(PIPE_BUF, readv(fds[0], in, 2), "readv of what the pipe holds, no more");
    /* readv does not wait for the second buffer once the first got bytes */
    write(fds[1], "12345", 5);
    CHECK_EQ(5, readv(fds[0], in, 2), "readv returns what was there");
    close(fds[0]);
    close(fds[1]);

    int pair[2];
    CHECK_EQ(0, socketpair(AF_UNIX, SOCK_DGRAM, 0, pair), "socketpair");
    struct iovec out[2] = { { "hello ", 6 }, { "world", 5 } };
    CHECK_EQ(11, writev(pair[0], out, 2), "writev of a datagram from 2 buffers");
    CHECK_EQ(2, write(pair[0], "!!", 2), "a second datagram");
    char first[4] = { 0 }, second[20] = { 0 };
    struct iovec in2[2] = { { first, 4 }, { second, sizeof second } };
    CHECK_EQ(11, readv(pair[1], in2, 2), "readv takes one datagram whole");
    CHECK(memcmp(first, "hell", 4) == 0 && memcmp(second, "o world", 7) == 0, "the datagram scattered in order");
    CHECK_EQ(2, readv(pair[1], in2, 2), "the second datagram is its own");
    CHECK_ERROR(pread(pair[0], &c, 1, 0), ESPIPE);
    close(pair[0]);
    close(pair[1]);
}

int main(void)
{
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_warm_up(tasks);
    vectors_on_a_file();
    vectors_on_pipes_and_sockets();
    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("fs_readv_writev_pread_pwrite_follow_posix");
}
