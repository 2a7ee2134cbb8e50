/* tests/boot/boot_byte_messages.h - the client-server protocol of the
 * byte-stream pair tests on two CPUs (pipe_pairs_on_two_cpus_keep_every_
 * byte.c, socket_pairs_on_two_cpus_keep_every_byte.c): each request is a
 * length-prefixed run of bytes of a pattern its sequence number gives,
 * every tenth one bigger than PIPE_BUF (4096 bytes), which a pipe's call
 * without the big lock leaves to the big lock's way (a socket's, when it
 * does not fit the room there is); the server checks every byte
 * and answers with the sum it read; the client checks the sum. A
 * stream has no message boundaries, so both read exactly what they
 * expect, a piece at a time. */
#ifndef TESTS_BOOT_BOOT_BYTE_MESSAGES_H
#define TESTS_BOOT_BOOT_BYTE_MESSAGES_H

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#define BYTE_ROUND_TRIPS 1500
#define BIG_MESSAGE 6000                 /* past PIPE_BUF: the big lock's way, maybe split */

static inline unsigned char byte_pattern(unsigned sequence, unsigned index)
{
    return (unsigned char)(sequence * 31u + index * 7u + 1u);
}

static inline unsigned byte_message_size(unsigned sequence)
{
    return sequence % 10 == 9 ? BIG_MESSAGE : 1 + sequence * 37u % 600;
}

/* How a process reads and writes: read and write; or, where its
 * descriptors are sockets, send(2) and recv(2), or sendmsg(2) and
 * recvmsg(2) of one buffer (a control buffer offered to recvmsg, which
 * must say that no control data came and nothing was cut); or readv and
 * writev of two pieces each. */
enum byte_message_calls { BY_READ_AND_WRITE, BY_SEND_AND_RECV, BY_SENDMSG_AND_RECVMSG, BY_READV_AND_WRITEV };
static enum byte_message_calls byte_message_calls;

static inline ssize_t recvmsg_some(int fd, unsigned char *bytes, unsigned size)
{
    char control[64];
    struct iovec piece = { bytes, size };
    struct msghdr message = { .msg_iov = &piece, .msg_iovlen = 1, .msg_control = control,
                              .msg_controllen = sizeof control, .msg_flags = -1 };
    ssize_t got = recvmsg(fd, &message, 0);
    if (got > 0 && (message.msg_controllen != 0 || message.msg_flags != 0)) {
        printf("recvmsg of %d bytes: msg_controllen %u and msg_flags 0x%x, 0 and 0 expected\n", (int)got,
               message.msg_controllen, (unsigned)message.msg_flags);
        return -1;
    }
    return got;
}

static inline ssize_t sendmsg_some(int fd, const unsigned char *bytes, unsigned size)
{
    struct iovec piece = { (void *)bytes, size };
    struct msghdr message = { .msg_iov = &piece, .msg_iovlen = 1 };
    return sendmsg(fd, &message, MSG_NOSIGNAL);
}

static inline ssize_t read_some(int fd, unsigned char *bytes, unsigned size)
{
    if (byte_message_calls == BY_SEND_AND_RECV)
        return recv(fd, bytes, size, 0);
    if (byte_message_calls == BY_SENDMSG_AND_RECVMSG)
        return recvmsg_some(fd, bytes, size);
    if (byte_message_calls == BY_READV_AND_WRITEV) {
        struct iovec pieces[2] = { { bytes, size / 2 }, { bytes + size / 2, size - size / 2 } };
        return readv(fd, pieces, 2);
    }
    return read(fd, bytes, size);
}

static inline ssize_t write_some(int fd, const unsigned char *bytes, unsigned size)
{
    if (byte_message_calls == BY_SEND_AND_RECV)
        return send(fd, bytes, size, MSG_NOSIGNAL);
    if (byte_message_calls == BY_SENDMSG_AND_RECVMSG)
        return sendmsg_some(fd, bytes, size);
    if (byte_message_calls == BY_READV_AND_WRITEV) {
        struct iovec pieces[2] = { { (void *)bytes, size / 2 }, { (void *)(bytes + size / 2), size - size / 2 } };
        return writev(fd, pieces, 2);
    }
    return write(fd, bytes, size);
}

/* Reads exactly `size` bytes (a signal may cut a read short: SA_RESTART
 * restarts only a read that had read nothing). 0, or -1 at end of file
 * or an error. */
static inline int read_all(int fd, void *buffer, unsigned size)
{
    unsigned char *bytes = buffer;
    while (size) {
        ssize_t got = read_some(fd, bytes, size);
        if (got <= 0)
            return -1;
        bytes += got;
        size -= (unsigned)got;
    }
    return 0;
}

static inline int write_all(int fd, const void *buffer, unsigned size)
{
    const unsigned char *bytes = buffer;
    while (size) {
        ssize_t put = write_some(fd, bytes, size);
        if (put <= 0)
            return -1;
        bytes += put;
        size -= (unsigned)put;
    }
    return 0;
}

/* The server: reads each message from `requests`, checks it, answers
 * with its sum on `answers` (the same descriptor for a socket). Exits 0
 * when all were right, else with the first bad sequence's low bits (or
 * 255 on a lost message). */
static inline void serve_byte_messages(int requests, int answers)
{
    static unsigned char message[BIG_MESSAGE];
    for (unsigned sequence = 0; sequence < BYTE_ROUND_TRIPS; sequence++) {
        unsigned size = 0;
        if (read_all(requests, &size, sizeof size) < 0 || size != byte_message_size(sequence) ||
            read_all(requests, message, size) < 0) {
            printf("server: message %u: size %u, %u expected, or a read failed\n", sequence, size,
                   byte_message_size(sequence));
            _exit(255);
        }
        unsigned sum = 0;
        for (unsigned i = 0; i < size; i++) {
            if (message[i] != byte_pattern(sequence, i)) {
                printf("server: message %u: byte %u of %u is %u, %u expected\n", sequence, i, size, message[i],
                       byte_pattern(sequence, i));
                _exit(1 + (int)(sequence & 0x7f));
            }
            sum += message[i];
        }
        if (write_all(answers, &sum, sizeof sum) < 0)
            _exit(255);
    }
}

/* The room a client needs for one message. */
#define BYTE_MESSAGE_ROOM (sizeof(unsigned) + BIG_MESSAGE)

/* The client: sends each message on `requests`, checks each answer read
 * from `answers`, building the messages in `message` (BYTE_MESSAGE_ROOM
 * bytes: one per client thread). Exit status as serve_byte_messages's;
 * returns when all were right. */
static inline void call_with_byte_messages_in(int requests, int answers, unsigned char *message)
{
    for (unsigned sequence = 0; sequence < BYTE_ROUND_TRIPS; sequence++) {
        unsigned size = byte_message_size(sequence), sum = 0;
        memcpy(message, &size, sizeof size);
        for (unsigned i = 0; i < size; i++) {
            message[sizeof size + i] = byte_pattern(sequence, i);
            sum += byte_pattern(sequence, i);
        }
        unsigned answer;
        if (write_all(requests, message, sizeof size + size) < 0 || read_all(answers, &answer, sizeof answer) < 0)
            _exit(255);
        if (answer != sum) {
            printf("client: message %u of %u bytes: answer %u, %u expected\n", sequence, size, answer, sum);
            _exit(1 + (int)(sequence & 0x7f));
        }
    }
}

/* The same, in a buffer of its own: a process of one client. */
static inline void call_with_byte_messages(int requests, int answers)
{
    static unsigned char message[BYTE_MESSAGE_ROOM];
    call_with_byte_messages_in(requests, answers, message);
}

#endif
