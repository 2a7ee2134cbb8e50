/* tests/boot/socket_stream_stress_echo_checksums.c - several clients of
 * one stream server each send tens of thousands of bytes, in writes of
 * every size, and get every byte back in order. The server accepts each
 * connection and forks a handler that echoes what it reads until end of
 * file, then sends a trailer with the count and checksum of all it read.
 * Each client writes from one process while a second process (sharing the
 * connection after fork) reads the echo at the same time, so both
 * directions fill up and wait; the reader checks every byte against what
 * the writer sends, then the trailer against its own count and checksum.
 * Afterwards no socket, file, node or byte of kernel memory is left. */
#include <sched.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "boot_test.h"
#include "boot_socket.h"

#define SERVER_PATH "/tmp/echo_stress.sock"
#define CLIENTS 4
#define BYTES_PER_CLIENT 40000
#define CHUNK_MAX 3000

enum { READER_OK = 0, READER_SHORT = 10, READER_WRONG_BYTE = 11, READER_WRONG_TRAILER = 12,
       READER_NO_EOF = 13, WRITER_FAILED = 14, HANDLER_FAILED = 15 };

struct trailer {
    uint32_t count;
    uint32_t checksum;
};

/* Byte `index` of client `client`'s stream. */
static uint8_t stream_byte(int client, uint32_t index)
{
    return (uint8_t)(index * 131u + (uint32_t)client * 17u + (index >> 8));
}

static uint32_t checksum_step(uint32_t sum, uint8_t byte)
{
    return (sum ^ byte) * 16777619u;
}

static int send_all(int fd, const uint8_t *data, int size)
{
    int sent = 0;
    while (sent < size) {
        ssize_t count = send(fd, data + sent, (size_t)(size - sent), 0);
        if (count <= 0)
            return -1;
        sent += (int)count;
    }
    return 0;
}

/* Echoes until end of file, then sends the trailer. */
static void handler_main(int connection)
{
    static uint8_t buffer[4096];
    struct trailer trailer = { 0, 2166136261u };
    ssize_t count;
    while ((count = recv(connection, buffer, sizeof buffer, 0)) > 0) {
        for (ssize_t i = 0; i < count; i++)
            trailer.checksum = checksum_step(trailer.checksum, buffer[i]);
        trailer.count += (uint32_t)count;
        if (send_all(connection, buffer, (int)count) < 0)
            _exit(HANDLER_FAILED);
    }
    if (count < 0 || send_all(connection, (const uint8_t *)&trailer, sizeof trailer) < 0)
        _exit(HANDLER_FAILED);
    _exit(0);
}

/* Reads the echo of everything the writer sends, then the trailer. */
static void reader_main(int connection, int client)
{
    static uint8_t buffer[4096];
    uint32_t received = 0, checksum = 2166136261u;
    while (received < BYTES_PER_CLIENT) {
        uint32_t want = BYTES_PER_CLIENT - received < sizeof buffer ? BYTES_PER_CLIENT - received : sizeof buffer;
        ssize_t count = recv(connection, buffer, want, 0);
        if (count <= 0)
            _exit(READER_SHORT);
        for (ssize_t i = 0; i < count; i++, received++) {
            if (buffer[i] != stream_byte(client, received))
                _exit(READER_WRONG_BYTE);
            checksum = checksum_step(checksum, buffer[i]);
        }
    }
    struct trailer trailer;
    if (recv(connection, &trailer, sizeof trailer, MSG_WAITALL) != sizeof trailer)
        _exit(READER_SHORT);
    if (trailer.count != BYTES_PER_CLIENT || trailer.checksum != checksum)
        _exit(READER_WRONG_TRAILER);
    if (recv(connection, buffer, 1, 0) != 0)
        _exit(READER_NO_EOF);
    _exit(READER_OK);
}

/* Connects, then writes from this process while a child reads. */
static void client_main(int client)
{
    struct sockaddr_un address;
    socklen_t length = unix_socket_address(&address, SERVER_PATH);
    int connection = socket(AF_UNIX, SOCK_STREAM, 0);
    if (connect(connection, (struct sockaddr *)&address, length) != 0)
        _exit(WRITER_FAILED);
    pid_t reader = fork();
    if (reader == 0)
        reader_main(connection, client);
    static uint8_t chunk[CHUNK_MAX];
    uint32_t sent = 0, round = 0;
    while (sent < BYTES_PER_CLIENT) {
        uint32_t size = 1 + (round * 977u + (uint32_t)client * 311u) % CHUNK_MAX;   /* 1 .. CHUNK_MAX */
        if (size > BYTES_PER_CLIENT - sent)
            size = BYTES_PER_CLIENT - sent;
        for (uint32_t i = 0; i < size; i++)
            chunk[i] = stream_byte(client, sent + i);
        if (send_all(connection, chunk, (int)size) < 0)
            _exit(WRITER_FAILED);
        sent += size;
        if (++round % 8 == 0)
            sched_yield();
    }
    shutdown(connection, SHUT_WR);    /* the handler sees end of file, and sends the trailer */
    close(connection);
    int status = -1;
    waitpid(reader, &status, 0);
    _exit(WIFEXITED(status) ? WEXITSTATUS(status) : 100);
}

static void every_client_gets_its_bytes_back_in_order(void)
{
    struct sockaddr_un address;
    socklen_t length = unix_socket_address(&address, SERVER_PATH);
    int server = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK_EQ(0, bind(server, (struct sockaddr *)&address, length), "bind");
    CHECK_EQ(0, listen(server, CLIENTS), "listen");
    fflush(stdout);
    pid_t clients[CLIENTS], handlers[CLIENTS];
    for (int c = 0; c < CLIENTS; c++)
        if ((clients[c] = fork()) == 0) {
            close(server);
            client_main(c);
        }
    for (int h = 0; h < CLIENTS; h++) {
        int connection = accept(server, NULL, NULL);
        CHECK(connection >= 0, "accept %d: errno %d", h, errno);
        if ((handlers[h] = fork()) == 0) {
            close(server);
            handler_main(connection);
        }
        close(connection);            /* the handler has it */
    }
    for (int c = 0; c < CLIENTS; c++) {
        int status = -1;
        waitpid(clients[c], &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == READER_OK,
              "client %d: status 0x%x (exit %d; 0 = every byte and the trailer right)", c, status,
              WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    }
    for (int h = 0; h < CLIENTS; h++) {
        int status = -1;
        waitpid(handlers[h], &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "handler %d: status 0x%x", h, status);
    }
    close(server);
    unlink(SERVER_PATH);
}

static void cases(void)
{
    every_client_gets_its_bytes_back_in_order();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("socket_stream_stress_echo_checksums");
}
