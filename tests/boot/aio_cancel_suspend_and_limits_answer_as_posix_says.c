/* tests/boot/aio_cancel_suspend_and_limits_answer_as_posix_says.c - the
 * waiting side of asynchronous I/O, on a pipe, where a read waits for a
 * writer: aio_suspend sleeps until a request of its list is done, ends
 * with EAGAIN when its time is up and with EINTR at a signal; aio_cancel
 * cannot cancel a read being carried out (AIO_NOTCANCELED), cancels the
 * requests queued behind it (AIO_CANCELED: ECANCELED, -1, and each
 * notified), and answers AIO_ALLDONE when nothing is left, EBADF for a
 * bad descriptor; AIO_MAX requests may wait at once, the next gets
 * EAGAIN; a request's priority orders the file's queue; a forked child
 * inherits none of its parent's requests. Every byte written to the pipe
 * is read exactly once. In a child process, whose exit gives the
 * kernel's counters back. */
#include <aio.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sys/time.h>

#include "boot_test.h"

#define TEST_NAME "aio_cancel_suspend_and_limits_answer_as_posix_says"
#define QUEUED 10

static volatile sig_atomic_t cancel_signals, alarms;

static void on_cancel_notified(int signal, siginfo_t *info, void *context)
{
    (void)signal, (void)context;
    struct aiocb *request = info->si_value.sival_ptr;
    if (info->si_code == SI_ASYNCIO && aio_error(request) == ECANCELED)
        cancel_signals++;
}

static void on_alarm(int signal)
{
    (void)signal;
    alarms++;
}

static void fill(struct aiocb *request, int fd, void *buffer, size_t bytes)
{
    memset(request, 0, sizeof *request);
    request->aio_fildes = fd;
    request->aio_buf = buffer;
    request->aio_nbytes = bytes;
    request->aio_sigevent.sigev_notify = SIGEV_NONE;
}

static long milliseconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

static void suspend_and_cancel(int ends[2])
{
    static char first_bytes[4], queued_bytes[QUEUED][4];
    static struct aiocb first, queued[QUEUED];
    fill(&first, ends[0], first_bytes, 4);
    CHECK_EQ(0, aio_read(&first), "aio_read of the empty pipe");
    for (int i = 0; i < QUEUED; i++) {
        fill(&queued[i], ends[0], queued_bytes[i], 4);
        queued[i].aio_sigevent.sigev_notify = SIGEV_SIGNAL;
        queued[i].aio_sigevent.sigev_signo = SIGRTMIN + 1;
        queued[i].aio_sigevent.sigev_value.sival_ptr = &queued[i];
        CHECK_EQ(0, aio_read(&queued[i]), "aio_read queued behind it");
    }
    usleep(20000);                    /* a worker is in the first read by now */
    CHECK_EQ(EINPROGRESS, aio_error(&first), "aio_error of a read of an empty pipe");

    const struct aiocb *list[3] = { 0, &first, 0 };
    struct timespec start, timeout = { 0, 100 * 1000 * 1000 };
    clock_gettime(CLOCK_MONOTONIC, &start);
    CHECK_ERROR(aio_suspend(list, 3, &timeout), EAGAIN);
    long waited = milliseconds_since(&start);
    CHECK(waited >= 100 && waited < 2000, "aio_suspend of 100 ms: expected to return after 100 ms, after %ld ms",
          waited);

    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_alarm;     /* no SA_RESTART */
    sigaction(SIGALRM, &action, 0);
    struct itimerval in_50ms = { { 0, 0 }, { 0, 50000 } };
    setitimer(ITIMER_REAL, &in_50ms, 0);
    CHECK_ERROR(aio_suspend(list, 3, 0), EINTR);
    CHECK_EQ(1, alarms, "SIGALRMs taken in aio_suspend");

    CHECK_EQ(AIO_NOTCANCELED, aio_cancel(ends[0], &first), "aio_cancel of the read being carried out");
    CHECK_EQ(AIO_CANCELED, aio_cancel(ends[0], &queued[0]), "aio_cancel of the first queued read");
    CHECK_EQ(ECANCELED, aio_error(&queued[0]), "aio_error of a cancelled read");
    CHECK_EQ(-1, aio_return(&queued[0]), "aio_return of a cancelled read");
    CHECK_EQ(AIO_ALLDONE, aio_cancel(ends[0], &queued[0]), "aio_cancel of a request already cancelled");
    CHECK_EQ(AIO_NOTCANCELED, aio_cancel(ends[0], 0), "aio_cancel of all the pipe's requests, one being carried out");
    int cancelled = 0;
    for (int i = 1; i < QUEUED; i++)
        cancelled += aio_error(&queued[i]) == ECANCELED && aio_return(&queued[i]) == -1;
    CHECK_EQ(QUEUED - 1, cancelled, "queued reads cancelled by aio_cancel(fd, NULL)");
    for (int i = 0; i < 2000 && cancel_signals < QUEUED; i++)
        usleep(1000);
    CHECK_EQ(QUEUED, cancel_signals, "cancelled requests notified (SI_ASYNCIO, ECANCELED)");

    CHECK_EQ(4, write(ends[1], "abcd", 4), "write 4 bytes into the pipe");
    CHECK_EQ(0, aio_suspend(list, 3, 0), "aio_suspend until the first read is done");
    CHECK_EQ(0, aio_error(&first), "aio_error of the first read");
    CHECK_EQ(4, aio_return(&first), "aio_return of the first read");
    CHECK(memcmp(first_bytes, "abcd", 4) == 0, "the first read's bytes");
    CHECK_EQ(AIO_ALLDONE, aio_cancel(ends[0], 0), "aio_cancel when nothing is left");
    CHECK_ERROR(aio_cancel(-1, 0), EBADF);
    CHECK_ERROR(aio_cancel(ends[1], &first), EINVAL);   /* first is ends[0]'s */
}

#ifdef AIO_MAX
/* AIO_MAX reads wait behind one another on the pipe; the next is refused
 * with EAGAIN, and nothing of it is queued. Then AIO_MAX bytes written
 * are each read by one request. */
static void limit(int ends[2])
{
    static char bytes[AIO_MAX + 1];
    static struct aiocb requests[AIO_MAX + 1];
    CHECK_EQ(AIO_MAX, sysconf(_SC_AIO_MAX), "sysconf(_SC_AIO_MAX)");
    int queued = 0;
    for (int i = 0; i < AIO_MAX; i++) {
        fill(&requests[i], ends[0], &bytes[i], 1);
        queued += aio_read(&requests[i]) == 0;
    }
    CHECK_EQ(AIO_MAX, queued, "aio_reads queued");
    fill(&requests[AIO_MAX], ends[0], &bytes[AIO_MAX], 1);
    CHECK_ERROR(aio_read(&requests[AIO_MAX]), EAGAIN);
    CHECK_ERROR(aio_error(&requests[AIO_MAX]), EINVAL);   /* never queued */
    static char written[AIO_MAX];
    for (int i = 0; i < AIO_MAX; i++)
        written[i] = (char)i;
    CHECK_EQ(AIO_MAX, write(ends[1], written, AIO_MAX), "write AIO_MAX bytes");
    int sum_read = 0, sum_written = 0, counted = 0;
    for (int i = 0; i < AIO_MAX; i++) {
        const struct aiocb *list[1] = { &requests[i] };
        while (aio_error(&requests[i]) == EINPROGRESS)
            aio_suspend(list, 1, 0);
        counted += aio_return(&requests[i]) == 1;
        sum_read += (unsigned char)bytes[i];
        sum_written += (unsigned char)written[i];
    }
    CHECK_EQ(AIO_MAX, counted, "reads of one byte each");
    CHECK_EQ(sum_written, sum_read, "sum of the bytes read (each byte read once)");
    /* one file's requests go in queue order: here, the order queued */
    int in_order = 0;
    for (int i = 0; i < AIO_MAX; i++)
        in_order += (unsigned char)bytes[i] == (unsigned char)i;
    CHECK_EQ(AIO_MAX, in_order, "bytes read by the request queued in the same place");
}
#endif

/* A request of priority 0 (aio_reqprio 0) queued after ones of lower
 * priority (aio_reqprio 5) goes before them: behind the read in progress. */
static void priorities(int ends[2])
{
    static char blocker_byte, low_bytes[3], high_byte;
    static struct aiocb blocker, low[3], high;
    fill(&blocker, ends[0], &blocker_byte, 1);
    CHECK_EQ(0, aio_read(&blocker), "aio_read that waits");
    usleep(20000);
    for (int i = 0; i < 3; i++) {
        fill(&low[i], ends[0], &low_bytes[i], 1);
        low[i].aio_reqprio = 5;
        CHECK_EQ(0, aio_read(&low[i]), "aio_read with aio_reqprio 5");
    }
    fill(&high, ends[0], &high_byte, 1);
    CHECK_EQ(0, aio_read(&high), "aio_read with aio_reqprio 0");
    CHECK_EQ(5, write(ends[1], "BHLLL", 5), "write 5 bytes");
    const struct aiocb *list[1] = { &low[2] };
    while (aio_error(&low[2]) == EINPROGRESS)
        aio_suspend(list, 1, 0);
    list[0] = &high;
    while (aio_error(&high) == EINPROGRESS)
        aio_suspend(list, 1, 0);
    CHECK_EQ('B', blocker_byte, "the byte of the read already in progress");
    CHECK_EQ('H', high_byte, "the byte of the read of priority 0, queued last");
    CHECK(memcmp(low_bytes, "LLL", 3) == 0, "the bytes of the reads of aio_reqprio 5");
    aio_return(&blocker);
    aio_return(&high);
    for (int i = 0; i < 3; i++)
        aio_return(&low[i]);
    struct aiocb bad;
    fill(&bad, ends[0], &high_byte, 1);
    bad.aio_reqprio = AIO_PRIO_DELTA_MAX + 1;
    CHECK_ERROR(aio_read(&bad), EINVAL);
}

/* The child of a fork has none of the requests, and may make its own. */
static void fork_inherits_nothing(int ends[2])
{
    static char byte;
    static struct aiocb waiting;
    fill(&waiting, ends[0], &byte, 1);
    CHECK_EQ(0, aio_read(&waiting), "aio_read that waits, before fork");
    usleep(20000);
    pid_t pid = fork();
    if (pid == 0) {
        int status = aio_cancel(ends[0], 0) == AIO_ALLDONE ? 0 : 1;
        char mine;
        struct aiocb own;
        fill(&own, ends[0], &mine, 1);
        own.aio_fildes = open("/dev/zero", O_RDONLY);
        if (aio_read(&own) != 0)
            status |= 2;
        const struct aiocb *list[1] = { &own };
        while (aio_error(&own) == EINPROGRESS)
            aio_suspend(list, 1, 0);
        if (aio_return(&own) != 1)
            status |= 4;
        _exit(status);
    }
    int status = -1;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the child: expected no request of its parent (1), and one of its own done (2, 4); exit status %#x", status);
    CHECK_EQ(1, write(ends[1], "z", 1), "write the byte the parent's read waits for");
    const struct aiocb *list[1] = { &waiting };
    while (aio_error(&waiting) == EINPROGRESS)
        aio_suspend(list, 1, 0);
    CHECK_EQ(1, aio_return(&waiting), "the parent's read, after the fork");
    CHECK_EQ('z', byte, "its byte");
}

static void cases(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_cancel_notified;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(SIGRTMIN + 1, &action, 0);
    int ends[2];
    CHECK_EQ(0, pipe(ends), "pipe");
    suspend_and_cancel(ends);
#ifdef AIO_MAX                        /* glibc has no such limit */
    limit(ends);
#endif
    priorities(ends);
    fork_inherits_nothing(ends);
    close(ends[0]);
    close(ends[1]);
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish(TEST_NAME);
}
