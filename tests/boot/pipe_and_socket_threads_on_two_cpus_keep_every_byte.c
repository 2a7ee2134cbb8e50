/* tests/boot/pipe_and_socket_threads_on_two_cpus_keep_every_byte.c
 * - read(2) and write(2) of a process of several threads, which on
 * several CPUs go without the big kernel lock as a process of one
 * thread's do (docs/smp.md, "Threads without the big lock"): the file is
 * held by a reference, taken under the process's descriptors lock,
 * while another thread changes the descriptor table.
 *   - two client threads of one process, thread i kept to CPU i, make
 *     1500 round trips each with a server process on their CPU, thread
 *     0 through two pipes, thread 1 through a socketpair(AF_UNIX,
 *     SOCK_STREAM); every byte is checked (boot_byte_messages.h). A
 *     third thread meanwhile dups, closes and opens descriptors without
 *     a pause, so that slots of the table change while the clients look
 *     theirs up, among them one through which a fourth thread writes a
 *     byte at a time to a pipe: every write either finds it closed
 *     (EBADF) or puts its byte in the pipe, once;
 *   - a thread asleep in read(2) of a pipe outlives a close(2) of that
 *     descriptor by another thread, as on Linux: the read goes on and
 *     returns the byte written after the close; its next read says
 *     EBADF. And when the write end closes too, the read returns 0 (end
 *     of file), and its reference was the read end's last: the pipe's
 *     end is released then.
 * On two CPUs the client threads' calls go without the big lock (the
 * kernel before sent every call of a process of several threads the
 * big lock's way); on one CPU every call takes the usual way. At the end
 * the kernel's counters (tasks, files, pipes, sockets, pages) are back. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "boot_byte_messages.h"
#include "boot_pairs.h"
#include "boot_thread.h"

struct client {
    int cpu;
    int requests, answers;           /* the client's ends (one socket: both) */
    unsigned char message[BYTE_MESSAGE_ROOM];
};

static volatile int clients_done;
static unsigned table_changes;

static void *client_thread(void *argument)
{
    struct client *client = argument;
    keep_to_cpu(client->cpu);
    call_with_byte_messages_in(client->requests, client->answers, client->message);   /* _exit on a wrong byte */
    __atomic_add_fetch(&clients_done, 1, __ATOMIC_SEQ_CST);
    return 0;
}

/* The descriptor the racer writes to, which the table changer opens
 * (a copy of spare[1], non-blocking) and closes again and again. */
#define RACED_FD 201
static int spare[2];
static unsigned raced_bytes, raced_closed, raced_full;

/* Changes the process's descriptor table until both clients are done:
 * dup and close, dup2 to a high descriptor and close, a new pipe closed,
 * and RACED_FD opened and closed under the racer's writes. */
static void *table_changer(void *argument)
{
    int fd = *(int *)argument;
    while (__atomic_load_n(&clients_done, __ATOMIC_SEQ_CST) < 2) {
        int raced = dup2(spare[1], RACED_FD);       /* open for the first half of the round */
        int copy = dup(fd);
        int high = dup2(fd, 200);
        if (raced != RACED_FD || copy < 0 || high != 200) {
            printf("table changer: dup2 %d, dup %d, dup2 %d: %s\n", raced, copy, high, strerror(errno));
            _exit(3);
        }
        close(RACED_FD);                             /* closed for the second */
        close(copy);
        close(high);
        int fresh[2];
        if (pipe(fresh) < 0) {
            printf("table changer: pipe: %s\n", strerror(errno));
            _exit(3);
        }
        close(fresh[0]);
        close(fresh[1]);
        table_changes++;
    }
    return 0;
}

/* Writes one byte at a time to RACED_FD until both clients are done,
 * counting the bytes written, the writes that found it closed (EBADF)
 * and those that found the pipe full (EAGAIN). */
static void *racer(void *unused)
{
    (void)unused;
    while (__atomic_load_n(&clients_done, __ATOMIC_SEQ_CST) < 2) {
        ssize_t put = write(RACED_FD, "r", 1);
        if (put == 1)
            raced_bytes++;
        else if (put < 0 && errno == EBADF)
            raced_closed++;
        else if (put < 0 && errno == EAGAIN)
            raced_full++;
        else {
            printf("racer: write gave %d: %s\n", (int)put, strerror(errno));
            _exit(4);
        }
    }
    return 0;
}

/* Every byte the racer wrote is in the spare pipe, once. On two CPUs
 * its writes met the descriptor both open and closed; on one, whichever
 * the changer's time slices end with (it may be the same each time). */
static void expect_raced_bytes(int cpus)
{
    close(spare[1]);
    static char drained[4096];
    unsigned count = 0;
    ssize_t got;
    while ((got = read(spare[0], drained, sizeof drained)) > 0) {
        for (ssize_t i = 0; i < got; i++)
            CHECK(drained[i] == 'r', "a raced byte is 'r' (%d)", drained[i]);
        count += (unsigned)got;
    }
    close(spare[0]);
    printf("racer: %u bytes written, %u writes found the descriptor closed, %u the pipe full\n", raced_bytes,
           raced_closed, raced_full);
    CHECK_EQ(raced_bytes, count, "every byte the racer wrote is in the pipe, once");
    if (cpus > 1)
        CHECK(raced_bytes > 0 && raced_closed > 0, "the racer's writes found the descriptor open and closed");
}

/* A server process on `cpu` serving `requests` and `answering` (closed
 * here once it has them). */
static pid_t start_server(int cpu, int requests, int answers, int close_there)
{
    fflush(stdout);
    pid_t server = fork();
    if (server == 0) {
        keep_to_cpu(cpu);
        close(close_there);
        serve_byte_messages(requests, answers);
        _exit(0);
    }
    return server;
}

static void client_threads_keep_every_byte(void)
{
    int cpus = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
    struct kinfo_counters before = read_counters();
    static struct client clients[2];
    int requests[2], answers[2], sockets[2];
    CHECK_EQ(0, pipe(requests), "pipe for requests");
    CHECK_EQ(0, pipe(answers), "pipe for answers");
    CHECK_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, sockets), "socketpair");
    pid_t servers[2];
    servers[0] = start_server(0, requests[0], answers[1], requests[1]);
    servers[1] = start_server(1 % cpus, sockets[1], sockets[1], sockets[0]);
    close(requests[0]);
    close(answers[1]);
    close(sockets[1]);
    clients[0] = (struct client){ .cpu = 0, .requests = requests[1], .answers = answers[0] };
    clients[1] = (struct client){ .cpu = 1 % cpus, .requests = sockets[0], .answers = sockets[0] };

    CHECK_EQ(0, pipe(spare), "pipe for the racer");
    CHECK_EQ(0, fcntl(spare[1], F_SETFL, O_NONBLOCK), "O_NONBLOCK");
    pthread_t threads[4];
    int changed_fd = requests[1];
    for (int i = 0; i < 2; i++)
        CHECK(pthread_create(&threads[i], 0, client_thread, &clients[i]) == 0, "pthread_create, client %d", i);
    CHECK_EQ(0, pthread_create(&threads[2], 0, table_changer, &changed_fd), "pthread_create, table changer");
    CHECK_EQ(0, pthread_create(&threads[3], 0, racer, 0), "pthread_create, racer");
    for (int i = 0; i < 4; i++)
        CHECK(pthread_join(threads[i], 0) == 0, "pthread_join %d", i);
    expect_raced_bytes(cpus);
    for (int pair = 0; pair < 2; pair++) {
        int status;
        CHECK(waitpid(servers[pair], &status, 0) == servers[pair], "waitpid for server %d", pair);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "server %d: every request right (status 0x%x)",
              pair, status);
    }
    close(requests[1]);
    close(answers[0]);
    close(sockets[0]);
    if (cpus > 1)                       /* (on one CPU the changer, which only computes, may wait for the end) */
        CHECK(table_changes >= 10, "the table changed while the clients ran (%u rounds)", table_changes);

    /* the kernel before, whose processes of several threads sent every
     * read and write the big lock's way: 3,222 and 3,751 (the servers'
     * calls); now the clients' too: 14,846 in each of four runs before
     * the racer was added, 40,079 with it */
    char what[200];
    snprintf(what, sizeof what, "client threads: 1500 round trips each (a pipe pair, a socketpair), every byte "
             "checked, the table changed %u times meanwhile", table_changes);
    expect_calls_without_big_lock(what, before, cpus, 9000);
}

static int blocked_fd;
static volatile int reader_tid;
static ssize_t first_read = -2, second_read = -2;
static int second_errno;
static char first_byte;

/* Reads one byte of blocked_fd, kept to the last CPU, then again. */
static void *read_twice(void *argument)
{
    keep_to_cpu(*(int *)argument);
    reader_tid = kernel_tid();
    first_read = read(blocked_fd, &first_byte, 1);
    char again;
    second_read = read(blocked_fd, &again, 1);
    second_errno = errno;
    return 0;
}

/* A read asleep in another thread while its descriptor closes: `then`
 * writes a byte (1) or closes the write end (0). */
static void read_outlives_a_close(int write_a_byte)
{
    int cpus = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
    int last_cpu = cpus - 1;
    unsigned files = read_counters().open_files;
    int ends[2];
    CHECK_EQ(0, pipe(ends), "pipe");
    blocked_fd = ends[0];
    reader_tid = 0;
    first_read = second_read = -2;
    pthread_t reader;
    CHECK_EQ(0, pthread_create(&reader, 0, read_twice, &last_cpu), "pthread_create");
    while (!__atomic_load_n(&reader_tid, __ATOMIC_SEQ_CST))
        usleep(1000);
    CHECK(wait_until_thread_blocked_in(reader_tid, "pipe read"), "the reader sleeps in read");
    CHECK_EQ(0, close(ends[0]), "close of the descriptor the reader reads");
    usleep(20000);
    CHECK(thread_is_blocked_in(reader_tid, "pipe read"), "the close did not end the read");
    if (write_a_byte)
        CHECK_EQ(1, write(ends[1], "x", 1), "write of a byte after the close");
    else
        CHECK_EQ(0, close(ends[1]), "close of the write end");
    CHECK_EQ(0, pthread_join(reader, 0), "pthread_join");
    if (write_a_byte) {
        CHECK(first_read == 1 && first_byte == 'x', "the read returned the byte written after the close (%d, %c)",
              (int)first_read, first_read == 1 ? first_byte : '?');
        close(ends[1]);
    } else {
        CHECK_EQ(0, (int)first_read, "the read returned end of file when the write end closed");
    }
    CHECK(second_read == -1 && second_errno == EBADF, "the next read of the closed descriptor: EBADF (%d, %s)",
          (int)second_read, strerror(second_errno));
    CHECK_EQ(files, read_counters().open_files, "both ends' files released");
}

static void cases(void)
{
    client_threads_keep_every_byte();
    read_outlives_a_close(1);
    read_outlives_a_close(0);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    alarm(200);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    run_cases_checking_leaks(cases);
    return test_finish("pipe_and_socket_threads_on_two_cpus_keep_every_byte");
}
