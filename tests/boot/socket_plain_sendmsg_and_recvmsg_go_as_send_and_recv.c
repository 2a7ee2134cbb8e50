/* tests/boot/socket_plain_sendmsg_and_recvmsg_go_as_send_and_recv.c
 * - sendmsg(2) and recvmsg(2) of plain bytes in one buffer, on a
 * connected AF_UNIX stream, move them as send and recv do, and on
 * several CPUs go without the big kernel lock as those do (docs/smp.md,
 * "A local socket without the big lock"); recvmsg then says that no
 * control data came (msg_controllen 0) and nothing was cut (msg_flags
 * 0), as Linux's does:
 *   - a client and a server, each kept to its own CPU, make 2,000 round
 *     trips of sendmsg and recvmsg, every byte checked, recvmsg offered
 *     a control buffer and msg_flags of -1 each time; every 100th
 *     request carries a pipe's read end (SCM_RIGHTS), which the server's
 *     recvmsg must get, with the bytes, and read the pipe's byte from.
 *     On two CPUs at least 2,000 of the calls go without the big lock
 *     (kinfo's count), none on one;
 *   - a recvmsg whose msghdr is in a page the caller shares with its
 *     parent since a fork (copy-on-write, not yet written): the bytes
 *     come, and the two words are written once the page is copied;
 *   - a recvmsg whose msghdr is in a read-only page: EFAULT, and the
 *     byte it read is gone (the next recv gets the next one), as on
 *     Linux, where the words are written after the receive.
 * On two CPUs both of these go without the big lock until the write of
 * the words faults (kinfo counts each as a call without it), and then
 * take it: the big lock's way gives the same results, so the count is
 * what shows the row's own retry ran. */
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include "boot_pairs.h"

#define ROUND_TRIPS 2000
#define DESCRIPTOR_EVERY 100

static unsigned char pattern(unsigned round, unsigned index)
{
    return (unsigned char)(round * 29u + index * 5u + 3u);
}

static unsigned request_size(unsigned round)
{
    return 1 + round * 53u % 700;
}

/* Receives exactly `size` bytes by recvmsg, a control buffer offered;
 * the descriptor that came with them, if any, in *passed (else -1).
 * 0, or -1 after a message saying what went wrong. */
static int receive_exactly(int fd, unsigned char *bytes, unsigned size, int *passed)
{
    *passed = -1;
    while (size) {
        union {
            struct cmsghdr header;
            char space[CMSG_SPACE(sizeof(int))];
        } control;
        struct iovec piece = { bytes, size };
        struct msghdr message = { .msg_iov = &piece, .msg_iovlen = 1, .msg_control = &control,
                                  .msg_controllen = sizeof control, .msg_flags = -1 };
        ssize_t got = recvmsg(fd, &message, 0);
        if (got <= 0) {
            printf("recvmsg: %d (%s)\n", (int)got, got < 0 ? strerror(errno) : "end of stream");
            return -1;
        }
        if (message.msg_flags != 0) {
            printf("recvmsg: msg_flags 0x%x, 0 expected\n", (unsigned)message.msg_flags);
            return -1;
        }
        if (message.msg_controllen) {
            struct cmsghdr *header = CMSG_FIRSTHDR(&message);
            if (!header || header->cmsg_level != SOL_SOCKET || header->cmsg_type != SCM_RIGHTS ||
                header->cmsg_len != CMSG_LEN(sizeof(int)) || *passed != -1) {
                printf("recvmsg: msg_controllen %u, not one descriptor\n", message.msg_controllen);
                return -1;
            }
            memcpy(passed, CMSG_DATA(header), sizeof(int));
        }
        bytes += got;
        size -= (unsigned)got;
    }
    return 0;
}

/* Sends `size` bytes by sendmsg, with descriptor `passing` if not -1. */
static int send_all(int fd, const unsigned char *bytes, unsigned size, int passing)
{
    while (size) {
        union {
            struct cmsghdr header;
            char space[CMSG_SPACE(sizeof(int))];
        } control;
        struct iovec piece = { (void *)bytes, size };
        struct msghdr message = { .msg_iov = &piece, .msg_iovlen = 1 };
        if (passing >= 0) {
            memset(&control, 0, sizeof control);
            message.msg_control = &control;
            message.msg_controllen = sizeof control;
            control.header.cmsg_level = SOL_SOCKET;
            control.header.cmsg_type = SCM_RIGHTS;
            control.header.cmsg_len = CMSG_LEN(sizeof(int));
            memcpy(CMSG_DATA(&control.header), &passing, sizeof(int));
        }
        ssize_t sent = sendmsg(fd, &message, MSG_NOSIGNAL);
        if (sent <= 0) {
            printf("sendmsg: %d (%s)\n", (int)sent, strerror(errno));
            return -1;
        }
        passing = -1;                             /* sent with the first byte */
        bytes += sent;
        size -= (unsigned)sent;
    }
    return 0;
}

/* The server: each request checked, its size sent back as four bytes;
 * every DESCRIPTOR_EVERY-th came with a pipe's read end holding the
 * round's number as one byte. */
static void serve(int fd)
{
    static unsigned char request[1024];
    for (unsigned round = 0; round < ROUND_TRIPS; round++) {
        unsigned size = request_size(round);
        int passed;
        if (receive_exactly(fd, request, size, &passed) < 0)
            _exit(10);
        for (unsigned i = 0; i < size; i++)
            if (request[i] != pattern(round, i)) {
                printf("server: round %u byte %u is %u, %u expected\n", round, i, request[i], pattern(round, i));
                _exit(11);
            }
        if ((passed >= 0) != (round % DESCRIPTOR_EVERY == 0)) {
            printf("server: round %u came %s a descriptor\n", round, passed >= 0 ? "with" : "without");
            _exit(12);
        }
        if (passed >= 0) {
            unsigned char byte;
            if (read(passed, &byte, 1) != 1 || byte != (unsigned char)round) {
                printf("server: round %u's pipe did not give its byte\n", round);
                _exit(13);
            }
            close(passed);
        }
        if (send_all(fd, (unsigned char *)&size, sizeof size, -1) < 0)
            _exit(14);
    }
    _exit(0);
}

static void round_trips_keep_every_byte_and_descriptor(void)
{
    int cpus = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
    struct kinfo_counters before = read_counters();
    int ends[2];
    CHECK_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, ends), "socketpair");
    pid_t server = fork();
    if (server == 0) {
        close(ends[0]);
        keep_to_cpu(cpus - 1);
        serve(ends[1]);
    }
    close(ends[1]);
    keep_to_cpu(0);
    static unsigned char request[1024];
    int failed = 0;
    for (unsigned round = 0; round < ROUND_TRIPS && !failed; round++) {
        unsigned size = request_size(round);
        for (unsigned i = 0; i < size; i++)
            request[i] = pattern(round, i);
        int pipe_ends[2] = { -1, -1 };
        if (round % DESCRIPTOR_EVERY == 0) {
            CHECK_EQ(0, pipe(pipe_ends), "pipe");
            unsigned char byte = (unsigned char)round;
            CHECK_EQ(1, write(pipe_ends[1], &byte, 1), "write to the pipe to pass");
        }
        unsigned answer = 0;
        int passed;
        failed = send_all(ends[0], request, size, pipe_ends[0]) < 0 ||
                 receive_exactly(ends[0], (unsigned char *)&answer, sizeof answer, &passed) < 0;
        CHECK(failed || (answer == size && passed == -1), "round %u: the server answered %u, %u expected",
              round, answer, size);
        if (pipe_ends[0] >= 0) {
            close(pipe_ends[0]);
            close(pipe_ends[1]);
        }
    }
    CHECK(!failed, "the client's calls (above)");
    int status;
    CHECK_EQ(server, waitpid(server, &status, 0), "waitpid, the server");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the server: status 0x%x", status);
    close(ends[0]);
    run_on_one_cpu();
    expect_calls_without_big_lock("2000 round trips of sendmsg and recvmsg, every byte checked, a descriptor "
                                  "every 100th",
                                  before, cpus, ROUND_TRIPS);
}

/* The calls done by the way without the big lock: without it to the
 * end, or after taking it on the way (a page of the msghdr to fault in,
 * below); not those given to it. */
static unsigned calls_done_by_the_way_without_big_lock(struct kinfo_counters counters)
{
    return counters.calls_without_big_lock + counters.calls_done_after_taking_big_lock;
}

/* The msghdr and its array on a page of their own, the buffer on
 * another: the page a child shares with its parent until one writes. */
static union {
    struct {
        struct msghdr message;
        struct iovec piece;
        char control[16];
    } header;
    char page[4096];                           /* nothing else on its page */
} shared_page __attribute__((aligned(4096)));
#define shared_header shared_page.header
static unsigned char child_buffer[4096] __attribute__((aligned(4096)));

static void header_on_a_copy_on_write_page_is_written(void)
{
    int cpus = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
    int ends[2];
    CHECK_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, ends), "socketpair");
    shared_header.piece = (struct iovec){ child_buffer, 8 };
    shared_header.message = (struct msghdr){ .msg_iov = &shared_header.piece, .msg_iovlen = 1,
                                             .msg_control = shared_header.control,
                                             .msg_controllen = sizeof shared_header.control, .msg_flags = -1 };
    CHECK_EQ(3, write(ends[0], "abc", 3), "write");
    pid_t child = fork();
    if (child == 0) {
        keep_to_cpu(cpus - 1);
        memset(child_buffer, 0, sizeof child_buffer);   /* its own copy of the buffer, not of the header */
        struct kinfo_counters before = read_counters();
        ssize_t got = recvmsg(ends[1], &shared_header.message, 0);
        struct kinfo_counters after = read_counters();
        if (cpus > 1 &&
            calls_done_by_the_way_without_big_lock(after) == calls_done_by_the_way_without_big_lock(before)) {
            printf("child: recvmsg on 2 CPUs was not done by the way without the big lock\n");
            _exit(2);
        }
        int ok = got == 3 && memcmp(child_buffer, "abc", 3) == 0 && shared_header.message.msg_controllen == 0 &&
                 shared_header.message.msg_flags == 0;
        if (!ok)
            printf("child: recvmsg %d, msg_controllen %u, msg_flags 0x%x\n", (int)got,
                   shared_header.message.msg_controllen, (unsigned)shared_header.message.msg_flags);
        _exit(ok ? 0 : 1);
    }
    int status;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "recvmsg with its msghdr on a copy-on-write page: 3 bytes, msg_controllen 0, msg_flags 0 (status 0x%x)",
          status);
    CHECK(shared_header.message.msg_flags == -1, "the parent's msghdr is its own: msg_flags %d",
          shared_header.message.msg_flags);
    close(ends[0]);
    close(ends[1]);
}

static void header_on_a_read_only_page_is_efault_after_the_read(void)
{
    int cpus = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
    int ends[2];
    CHECK_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, ends), "socketpair");
    CHECK_EQ(2, write(ends[0], "xy", 2), "write");
    struct msghdr *message = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(message != MAP_FAILED, "mmap");
    static unsigned char buffer[4];
    static struct iovec piece = { buffer, 1 };
    *message = (struct msghdr){ .msg_iov = &piece, .msg_iovlen = 1 };
    buffer[0] = 0;                              /* present and written: the read goes without the big lock */
    CHECK_EQ(0, mprotect(message, 4096, PROT_READ), "mprotect");
    keep_to_cpu(cpus - 1);
    errno = 0;
    struct kinfo_counters before = read_counters();
    CHECK(recvmsg(ends[1], message, 0) == -1 && errno == EFAULT,
          "recvmsg with a read-only msghdr: -1 EFAULT (errno %d)", errno);
    struct kinfo_counters after = read_counters();
    CHECK(cpus == 1 || calls_done_by_the_way_without_big_lock(after) > calls_done_by_the_way_without_big_lock(before),
          "on 2 CPUs the recvmsg was done by the way without the big lock");
    CHECK(buffer[0] == 'x', "the byte was read before the fault: %d", buffer[0]);
    char next = 0;
    CHECK(recv(ends[1], &next, 1, MSG_DONTWAIT) == 1 && next == 'y', "the next recv gets the next byte: '%c'",
          next);
    run_on_one_cpu();
    munmap(message, 4096);
    close(ends[0]);
    close(ends[1]);
}

static void cases(void)
{
    round_trips_keep_every_byte_and_descriptor();
    header_on_a_copy_on_write_page_is_written();
    header_on_a_read_only_page_is_efault_after_the_read();
}

int main(void)
{
    alarm(200);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    run_cases_checking_leaks(cases);
    return test_finish("socket_plain_sendmsg_and_recvmsg_go_as_send_and_recv");
}
