/* tests/boot/aio_requests_complete_once_and_notify_as_asked.c - POSIX
 * asynchronous I/O (libc/aio, docs/async-io.md): aio_write and aio_read
 * move the bytes at their offsets while the caller goes on; aio_error
 * says EINPROGRESS, then the result; aio_return gives the count once,
 * then EINVAL; each completion is notified exactly once, as its sigevent
 * asks: a signal with si_code SI_ASYNCIO and the request's value, or a
 * function run in a new thread. One file's appends land in the order they
 * were queued; aio_fsync follows the writes before it; lio_listio waits
 * for a whole list, or notifies once when its last request is done. All
 * of it in a child process: when it has exited, the kernel's counters are
 * back (the library's threads are gone with it). */
#include <aio.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>

#include "boot_test.h"

#define TEST_NAME "aio_requests_complete_once_and_notify_as_asked"
#define FILE_PATH "/tmp/aio-test"
#define PIECES 16
#define PIECE_BYTES 700               /* not a block's size: pieces straddle blocks */
#define APPENDS 40

static volatile sig_atomic_t signals_taken, wrong_signals;
static struct aiocb *volatile signalled[PIECES * 2];
static volatile int thread_calls;
static volatile void *thread_values[PIECES];

static void on_completion(int signal, siginfo_t *info, void *context)
{
    (void)context;
    if (signal != SIGRTMIN || info->si_code != SI_ASYNCIO || info->si_pid != getpid()) {
        wrong_signals++;
        return;
    }
    struct aiocb *request = info->si_value.sival_ptr;
    if (aio_error(request) == EINPROGRESS)    /* done before it is notified */
        wrong_signals++;
    if (signals_taken < PIECES * 2)
        signalled[signals_taken] = request;
    signals_taken++;
}

static void on_completion_in_thread(union sigval value)
{
    int index = __atomic_fetch_add(&thread_calls, 1, __ATOMIC_SEQ_CST);
    if (index < PIECES)
        thread_values[index] = value.sival_ptr;
}

static unsigned char byte_at(unsigned offset)
{
    return (unsigned char)(offset * 7 + 3);
}

/* Waits for `request` with aio_suspend, then takes its result. */
static ssize_t wait_and_return(struct aiocb *request)
{
    const struct aiocb *list[1] = { request };
    while (aio_error(request) == EINPROGRESS)
        if (aio_suspend(list, 1, 0) != 0 && errno != EINTR)
            return -2;
    return aio_return(request);
}

/* A request of piece `index` of `fd`, into or from `buffer`, notified by
 * SIGRTMIN with the block's address as its value. */
static void prepare_piece(struct aiocb *request, int fd, int index, void *buffer)
{
    memset(request, 0, sizeof *request);
    request->aio_fildes = fd;
    request->aio_offset = index * PIECE_BYTES;
    request->aio_buf = buffer;
    request->aio_nbytes = PIECE_BYTES;
    request->aio_sigevent.sigev_notify = SIGEV_SIGNAL;
    request->aio_sigevent.sigev_signo = SIGRTMIN;
    request->aio_sigevent.sigev_value.sival_ptr = request;
}

static void writes_and_reads_at_their_offsets(int fd)
{
    static unsigned char bytes[PIECES][PIECE_BYTES], back[PIECES][PIECE_BYTES];
    static struct aiocb writes[PIECES], reads[PIECES];
    for (int i = PIECES - 1; i >= 0; i--) {    /* last piece first: the order of offsets does not matter */
        for (int j = 0; j < PIECE_BYTES; j++)
            bytes[i][j] = byte_at(i * PIECE_BYTES + j);
        prepare_piece(&writes[i], fd, i, bytes[i]);
        CHECK_EQ(0, aio_write(&writes[i]), "aio_write of a piece");
    }
    int counted = 0;
    for (int i = 0; i < PIECES; i++)
        counted += wait_and_return(&writes[i]) == PIECE_BYTES;
    CHECK_EQ(PIECES, counted, "aio_writes whose aio_return is the piece's size");
    CHECK_ERROR(aio_return(&writes[0]), EINVAL);      /* once only */
    CHECK_ERROR(aio_error(&writes[0]), EINVAL);

    for (int i = 0; i < PIECES; i++) {
        prepare_piece(&reads[i], fd, i, back[i]);
        CHECK_EQ(0, aio_read(&reads[i]), "aio_read of a piece");
    }
    counted = 0;
    for (int i = 0; i < PIECES; i++)
        counted += wait_and_return(&reads[i]) == PIECE_BYTES;
    CHECK_EQ(PIECES, counted, "aio_reads whose aio_return is the piece's size");
    CHECK(memcmp(bytes, back, sizeof bytes) == 0, "the pieces read back differ from those written");

    /* each of the 32 completions signalled once, with its own block */
    for (int i = 0; i < 2000 && signals_taken < PIECES * 2; i++)
        usleep(1000);                 /* the last signal may follow its aio_error by a moment */
    CHECK_EQ(PIECES * 2, signals_taken, "SIGRTMIN notifications taken");
    CHECK_EQ(0, wrong_signals, "notifications without SI_ASYNCIO, of another sender, or before aio_error said done");
    int seen[PIECES * 2] = { 0 };
    for (int i = 0; i < PIECES * 2 && i < signals_taken; i++) {
        struct aiocb *request = signalled[i];
        int index = request >= writes && request < writes + PIECES ? (int)(request - writes)
                  : request >= reads && request < reads + PIECES   ? PIECES + (int)(request - reads) : -1;
        CHECK(index >= 0, "a notification's si_value %p is none of the requests", (void *)request);
        if (index >= 0)
            seen[index]++;
    }
    int once = 0;
    for (int i = 0; i < PIECES * 2; i++)
        once += seen[i] == 1;
    CHECK_EQ(PIECES * 2, once, "requests notified exactly once");
}

static void thread_notifications(int fd)
{
    static char bytes[PIECES][8];
    static struct aiocb requests[PIECES];
    for (int i = 0; i < PIECES; i++) {
        memset(&requests[i], 0, sizeof requests[i]);
        requests[i].aio_fildes = fd;
        requests[i].aio_offset = i * 8;
        requests[i].aio_buf = bytes[i];
        requests[i].aio_nbytes = 8;
        requests[i].aio_sigevent.sigev_notify = SIGEV_THREAD;
        requests[i].aio_sigevent.sigev_notify_function = on_completion_in_thread;
        requests[i].aio_sigevent.sigev_value.sival_ptr = &requests[i];
        CHECK_EQ(0, aio_read(&requests[i]), "aio_read notified by a thread");
    }
    for (int i = 0; i < PIECES; i++)
        CHECK_EQ(8, wait_and_return(&requests[i]), "aio_return of an 8-byte read");
    for (int i = 0; i < 2000 && thread_calls < PIECES; i++)
        usleep(1000);
    CHECK_EQ(PIECES, thread_calls, "SIGEV_THREAD functions run");
    int matched = 0;
    for (int i = 0; i < PIECES && i < thread_calls; i++)
        for (int j = 0; j < PIECES; j++)
            matched += thread_values[i] == &requests[j];
    CHECK_EQ(PIECES, matched, "functions given one of the requests' values");
}

/* O_APPEND: the appends land in the order queued, whatever their offsets. */
static void appends_keep_their_order(void)
{
    int fd = open(FILE_PATH "-append", O_RDWR | O_CREAT | O_TRUNC | O_APPEND, 0644);
    CHECK(fd >= 0, "open for appends: %s", strerror(errno));
    static char records[APPENDS][4];
    static struct aiocb appends[APPENDS];
    for (int i = 0; i < APPENDS; i++) {
        snprintf(records[i], sizeof records[i], "%03d", i);
        memset(&appends[i], 0, sizeof appends[i]);
        appends[i].aio_fildes = fd;
        appends[i].aio_offset = 0;    /* ignored with O_APPEND */
        appends[i].aio_buf = records[i];
        appends[i].aio_nbytes = 3;
        appends[i].aio_sigevent.sigev_notify = SIGEV_NONE;
        CHECK_EQ(0, aio_write(&appends[i]), "aio_write of an append");
    }
    struct aiocb sync_request;
    memset(&sync_request, 0, sizeof sync_request);
    sync_request.aio_fildes = fd;
    sync_request.aio_sigevent.sigev_notify = SIGEV_NONE;
    CHECK_EQ(0, aio_fsync(O_SYNC, &sync_request), "aio_fsync(O_SYNC)");
    CHECK_EQ(0, wait_and_return(&sync_request), "aio_return of the fsync");
    int done = 0;
    for (int i = 0; i < APPENDS; i++)         /* the fsync came after every append */
        done += aio_error(&appends[i]) != EINPROGRESS;
    CHECK_EQ(APPENDS, done, "appends done when the aio_fsync queued after them is done");
    for (int i = 0; i < APPENDS; i++)
        wait_and_return(&appends[i]);
    char contents[APPENDS * 3 + 1], expected[APPENDS * 3 + 1];
    for (int i = 0; i < APPENDS; i++)
        memcpy(expected + i * 3, records[i], 3);
    expected[APPENDS * 3] = 0;
    memset(contents, 0, sizeof contents);
    CHECK_EQ(APPENDS * 3, pread(fd, contents, APPENDS * 3, 0), "bytes of the appended file");
    CHECK(strcmp(contents, expected) == 0, "the appends: expected \"%.30s...\", got \"%.30s...\"", expected, contents);
    CHECK_ERROR(aio_fsync(12345, &sync_request), EINVAL);
    sync_request.aio_fildes = 99;
    CHECK_ERROR(aio_fsync(O_SYNC, &sync_request), EBADF);
    close(fd);
    unlink(FILE_PATH "-append");
}

/* lio_listio: LIO_WAIT returns when all are done (EIO if any failed, each
 * one's aio_error saying which); LIO_NOWAIT notifies once for the list. */
static void lists(int fd)
{
    static char bytes[4][100];
    static struct aiocb entries[4];
    struct aiocb *list[5];
    for (int i = 0; i < 4; i++) {
        memset(&entries[i], 0, sizeof entries[i]);
        entries[i].aio_fildes = fd;
        entries[i].aio_offset = i * 100;
        entries[i].aio_buf = bytes[i];
        entries[i].aio_nbytes = 100;
        entries[i].aio_lio_opcode = LIO_READ;
        entries[i].aio_sigevent.sigev_notify = SIGEV_NONE;
        list[i] = &entries[i];
    }
    list[4] = 0;                      /* ignored */
    entries[2].aio_lio_opcode = LIO_NOP;
    CHECK_EQ(0, lio_listio(LIO_WAIT, list, 5, 0), "lio_listio(LIO_WAIT) of 3 reads, a NOP and a NULL");
    CHECK_EQ(0, aio_error(&entries[0]), "aio_error of a read the LIO_WAIT list finished");
    CHECK_EQ(100, aio_return(&entries[3]), "aio_return of the list's last read");
    CHECK(memcmp(bytes[3], (unsigned char[]){ byte_at(300), byte_at(301) }, 2) == 0, "the list's last read's bytes");
    aio_return(&entries[0]);
    aio_return(&entries[1]);

    entries[1].aio_fildes = 99;       /* no such descriptor: that entry alone fails */
    entries[2].aio_lio_opcode = LIO_READ;
    CHECK_ERROR(lio_listio(LIO_WAIT, list, 4, 0), EIO);
    CHECK_EQ(EBADF, aio_error(&entries[1]), "aio_error of the list's read of descriptor 99");
    CHECK_EQ(-1, aio_return(&entries[1]), "aio_return of it");
    CHECK_EQ(100, aio_return(&entries[2]), "aio_return of another entry of that list");
    aio_return(&entries[0]);
    aio_return(&entries[3]);
    entries[1].aio_fildes = fd;

    signals_taken = 0;
    struct sigevent whole = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGRTMIN };
    whole.sigev_value.sival_ptr = &entries[0];   /* the handler counts it as entries[0]'s */
    CHECK_EQ(0, lio_listio(LIO_NOWAIT, list, 4, &whole), "lio_listio(LIO_NOWAIT)");
    for (int i = 0; i < 4; i++)
        wait_and_return(&entries[i]);
    for (int i = 0; i < 2000 && signals_taken < 1; i++)
        usleep(1000);
    usleep(20000);                    /* a second signal would come by now */
    CHECK_EQ(1, signals_taken, "notifications of a LIO_NOWAIT list of 4 (entries notify nobody)");
    CHECK_ERROR(lio_listio(7, list, 4, 0), EINVAL);
    long listio_max = sysconf(_SC_AIO_LISTIO_MAX);    /* -1 with glibc: no limit */
    if (listio_max > 0)
        CHECK_ERROR(lio_listio(LIO_WAIT, list, (int)listio_max + 1, 0), EINVAL);   /* refused before it is read */
}

static void cases(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_completion;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(SIGRTMIN, &action, 0);
    CHECK(sysconf(_SC_ASYNCHRONOUS_IO) >= 200112L, "sysconf(_SC_ASYNCHRONOUS_IO): %ld", sysconf(_SC_ASYNCHRONOUS_IO));
    struct aiocb never;
    memset(&never, 0, sizeof never);
    CHECK_ERROR(aio_error(&never), EINVAL);
    CHECK_ERROR(aio_return(&never), EINVAL);

    int fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0, "open " FILE_PATH ": %s", strerror(errno));
    writes_and_reads_at_their_offsets(fd);
    thread_notifications(fd);
    appends_keep_their_order();
    lists(fd);
    close(fd);
    unlink(FILE_PATH);
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish(TEST_NAME);
}
