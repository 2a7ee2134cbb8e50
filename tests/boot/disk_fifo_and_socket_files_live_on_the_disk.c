/* tests/boot/disk_fifo_and_socket_files_live_on_the_disk.c - a FIFO and
 * a local socket can be named on the disk: mkfifo in /home makes an ext2
 * FIFO inode through which a child's 100 KiB reach the parent whole and in
 * order; an AF_UNIX stream socket bound to a path in /home accepts a
 * connection and echoes; the socket's file stays (S_ISSOCK) after the
 * socket is closed, and a connect to it then is ECONNREFUSED; bind on the
 * path still there is EADDRINUSE until it is unlinked. The bytes never
 * touch the disk: the files are only names (size 0, no blocks). */
#include <sys/socket.h>

#include "boot_disk.h"
#include "boot_socket.h"

#define DIRECTORY "/home/ipc"
#define FIFO_PATH DIRECTORY "/fifo"
#define SOCKET_PATH DIRECTORY "/sock"
#define FIFO_BYTES (100 * 1024)
#define FIFO_PIECE 1500               /* the child's writes: not a divisor of the pipe's buffer */
#define ECHO_ROUNDS 20

static void a_fifo_on_the_disk_carries_100_kib_from_a_child(void)
{
    struct statfs before = disk_usage("/home");
    CHECK_EQ(0, mkfifo(FIFO_PATH, 0600), "mkfifo " FIFO_PATH);
    struct stat st;
    CHECK_EQ(0, stat(FIFO_PATH, &st), "stat of the FIFO");
    CHECK(S_ISFIFO(st.st_mode), "the FIFO: expected S_ISFIFO, got mode 0%o", st.st_mode);
    CHECK_EQ(0600, st.st_mode & 0777, "the FIFO's permissions");

    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        int fd = open(FIFO_PATH, O_WRONLY);
        static unsigned char piece[FIFO_PIECE];
        unsigned sent = 0;
        while (fd >= 0 && sent < FIFO_BYTES) {
            unsigned count = FIFO_BYTES - sent < FIFO_PIECE ? FIFO_BYTES - sent : FIFO_PIECE;
            for (unsigned i = 0; i < count; i++)
                piece[i] = pattern_byte(sent + i);
            if (write(fd, piece, count) != (int)count)
                _exit(2);
            sent += count;
        }
        _exit(fd >= 0 ? 0 : 1);
    }
    int fd = open(FIFO_PATH, O_RDONLY);
    CHECK(fd >= 0, "open of the FIFO for reading: expected a descriptor, got -1 (%s)", strerror(errno));
    static unsigned char buffer[4096];
    unsigned received = 0, expected_sum = CHECKSUM_START, actual_sum = CHECKSUM_START, first_wrong = 0;
    int wrong = 0, count;
    while (fd >= 0 && (count = read(fd, buffer, sizeof buffer)) > 0) {
        for (int i = 0; i < count; i++) {
            unsigned char expected = pattern_byte(received + i);
            expected_sum = checksum(expected_sum, &expected, 1);
            if (buffer[i] != expected && wrong++ == 0)
                first_wrong = received + i;
        }
        actual_sum = checksum(actual_sum, buffer, count);
        received += count;
    }
    if (fd >= 0)
        close(fd);
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the writing child: expected exit 0, got status 0x%x",
          status);
    CHECK_EQ(FIFO_BYTES, received, "bytes read from the FIFO");
    CHECK(wrong == 0 && expected_sum == actual_sum,
          "the FIFO's bytes: checksum expected %08x, got %08x; %d wrong, the first at %u", expected_sum, actual_sum,
          wrong, first_wrong);

    CHECK_EQ(0, stat(FIFO_PATH, &st), "stat of the FIFO after use");
    CHECK(S_ISFIFO(st.st_mode), "the FIFO after use: expected S_ISFIFO, got mode 0%o", st.st_mode);
    CHECK_EQ(0, st.st_size, "the FIFO's size with nothing in it");
    CHECK_EQ(before.f_bfree, disk_usage("/home").f_bfree, "free blocks after 100 KiB through the FIFO (none taken)");
    CHECK_EQ(before.f_ffree - 1, disk_usage("/home").f_ffree, "free inodes after mkfifo (one taken)");
}

/* The server's side: accepts one connection and echoes what comes until
 * the client closes. */
static void serve_one_echo_connection(int listener)
{
    int connection = accept(listener, NULL, NULL);
    CHECK(connection >= 0, "accept: expected a descriptor, got -1 (%s)", strerror(errno));
    char buffer[256];
    int count;
    while (connection >= 0 && (count = read(connection, buffer, sizeof buffer)) > 0)
        CHECK_EQ(count, write(connection, buffer, count), "the echo's write");
    if (connection >= 0)
        close(connection);
}

static void a_socket_bound_on_the_disk_accepts_and_echoes(void)
{
    int listener = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un address;
    socklen_t length = unix_socket_address(&address, SOCKET_PATH);
    CHECK_EQ(0, bind(listener, (struct sockaddr *)&address, length), "bind to " SOCKET_PATH);
    CHECK_EQ(0, listen(listener, 4), "listen");
    struct stat st;
    CHECK_EQ(0, stat(SOCKET_PATH, &st), "stat of the socket's file");
    CHECK(S_ISSOCK(st.st_mode), "the socket's file: expected S_ISSOCK, got mode 0%o", st.st_mode);

    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        int fd = socket(AF_UNIX, SOCK_STREAM, 0);
        if (connect(fd, (struct sockaddr *)&address, length) != 0)
            _exit(1);
        char message[64], answer[64];
        for (int round = 0; round < ECHO_ROUNDS; round++) {
            int size = snprintf(message, sizeof message, "message %d through the disk's socket", round);
            if (write(fd, message, size) != size || read_fully(fd, answer, size) != size ||
                memcmp(message, answer, size))
                _exit(2);
        }
        close(fd);
        _exit(0);
    }
    serve_one_echo_connection(listener);
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the client: expected exit 0 after %d echoed messages, got status 0x%x (1: connect failed, 2: a wrong echo)",
          ECHO_ROUNDS, status);
    close(listener);
}

static void the_socket_file_stays_after_close_and_refuses_connections(void)
{
    struct stat st;
    CHECK_EQ(0, stat(SOCKET_PATH, &st), "stat of the socket's file after close");
    CHECK(S_ISSOCK(st.st_mode), "the socket's file after close: expected S_ISSOCK, got mode 0%o", st.st_mode);
    CHECK_EQ(0, st.st_size, "the socket file's size");

    struct sockaddr_un address;
    socklen_t length = unix_socket_address(&address, SOCKET_PATH);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK_ERROR(connect(fd, (struct sockaddr *)&address, length), ECONNREFUSED);
    close(fd);
    CHECK_ERROR(open(SOCKET_PATH, O_RDONLY), ENXIO);

    /* the name is in use until unlinked; then bind makes it again */
    int server = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK_ERROR(bind(server, (struct sockaddr *)&address, length), EADDRINUSE);
    CHECK_EQ(0, unlink(SOCKET_PATH), "unlink of the socket's file");
    CHECK_EQ(0, bind(server, (struct sockaddr *)&address, length), "bind after unlink");
    CHECK_EQ(0, stat(SOCKET_PATH, &st), "stat of the socket's file made again");
    CHECK(S_ISSOCK(st.st_mode), "the socket's file made again: expected S_ISSOCK, got mode 0%o", st.st_mode);
    close(server);
    sync();                           /* the FIFO and the socket's file stay on the disk */
}

int main(void)
{
    require_home_on_the_disk("disk_fifo_and_socket_files_live_on_the_disk");
    CHECK_EQ(0, mkdir(DIRECTORY, 0755), "mkdir " DIRECTORY);
    a_fifo_on_the_disk_carries_100_kib_from_a_child();
    a_socket_bound_on_the_disk_accepts_and_echoes();
    the_socket_file_stays_after_close_and_refuses_connections();
    return test_finish("disk_fifo_and_socket_files_live_on_the_disk");
}
