/* user/tools/bench/aio.c - what asynchronous I/O costs (docs/async-io.md):
 * aio_read of 100 bytes of a file in /tmp, aio_suspend until it is done,
 * aio_return; and lio_listio(LIO_WAIT) of 8 such reads. The library's
 * worker thread does the pread, so the count holds two thread switches
 * and the futex wake beside the read itself. */
#include <aio.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

#define PATH "/tmp/bench_aio"
#define LIST_LENGTH 8

static char buffers[LIST_LENGTH][100];
static struct aiocb requests[LIST_LENGTH];

static int open_file(void)
{
    int fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return -1;
    static char bytes[LIST_LENGTH * 100];
    memset(bytes, 'a', sizeof bytes);
    if (write(fd, bytes, sizeof bytes) != (ssize_t)sizeof bytes) {
        close(fd);
        return -1;
    }
    for (int i = 0; i < LIST_LENGTH; i++) {
        memset(&requests[i], 0, sizeof requests[i]);
        requests[i].aio_fildes = fd;
        requests[i].aio_offset = i * 100;
        requests[i].aio_buf = buffers[i];
        requests[i].aio_nbytes = 100;
        requests[i].aio_lio_opcode = LIO_READ;
        requests[i].aio_sigevent.sigev_notify = SIGEV_NONE;
    }
    return fd;
}

/* One read from queue to result; 0, or -errno. */
static int read_once(void)
{
    const struct aiocb *list[1] = { &requests[0] };
    if (aio_read(&requests[0]) < 0)
        return -errno;
    while (aio_error(&requests[0]) == EINPROGRESS)
        aio_suspend(list, 1, 0);
    return aio_return(&requests[0]) == 100 ? 0 : -EIO;
}

int bench_aio_read_suspend(int unused, struct samples *samples)
{
    (void)unused;
    int fd = open_file();
    if (fd < 0)
        return last_error();
    int status = read_once();
    if (status == 0)
        TIME_EACH(samples, read_once());
    close(fd);
    unlink(PATH);
    return status;
}

static int list_once(void)
{
    struct aiocb *list[LIST_LENGTH];
    for (int i = 0; i < LIST_LENGTH; i++)
        list[i] = &requests[i];
    if (lio_listio(LIO_WAIT, list, LIST_LENGTH, 0) < 0)
        return -errno;
    int status = 0;
    for (int i = 0; i < LIST_LENGTH; i++)
        if (aio_return(&requests[i]) != 100)
            status = -EIO;
    return status;
}

int bench_lio_listio_8(int unused, struct samples *samples)
{
    (void)unused;
    int fd = open_file();
    if (fd < 0)
        return last_error();
    int status = list_once();
    if (status == 0)
        TIME_EACH(samples, list_once());
    close(fd);
    unlink(PATH);
    return status;
}
