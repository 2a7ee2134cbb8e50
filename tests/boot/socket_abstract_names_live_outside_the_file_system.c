/* A local socket's abstract name (sun_path[0] == '\0') is every byte the
 * address length covers, NULs included; it is in no file system, taken
 * while its socket is open (EADDRINUSE) and free once it closes;
 * getsockname, getpeername, accept and recvfrom give it back with its
 * exact length. bind with only the family picks a name (autobind). */
#include <stddef.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include "boot_test.h"

#define NAME_OFFSET offsetof(struct sockaddr_un, sun_path)

/* An abstract address of `length` name bytes (after the leading NUL). */
static socklen_t abstract_address(struct sockaddr_un *address, const char *name, size_t length)
{
    memset(address, 0, sizeof *address);
    address->sun_family = AF_UNIX;
    memcpy(address->sun_path + 1, name, length);
    return (socklen_t)(NAME_OFFSET + 1 + length);
}

static void stream_names(void)
{
    struct sockaddr_un address, got;
    socklen_t length = abstract_address(&address, "fdpass\0x", 8);   /* a NUL inside the name */
    int listener = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK_EQ(0, bind(listener, (struct sockaddr *)&address, length), "bind to an abstract name");
    CHECK_EQ(0, listen(listener, 4), "listen");
    struct stat st;
    CHECK_ERROR(stat("fdpass", &st), ENOENT);
    socklen_t got_length = sizeof got;
    CHECK_EQ(0, getsockname(listener, (struct sockaddr *)&got, &got_length), "getsockname");
    CHECK_EQ(length, got_length, "getsockname's length: the family and every name byte");
    CHECK(memcmp(&got, &address, length) == 0, "getsockname gives the name back");

    int other = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK_ERROR(bind(other, (struct sockaddr *)&address, length), EADDRINUSE);
    struct sockaddr_un shorter;
    socklen_t shorter_length = abstract_address(&shorter, "fdpass", 6);   /* a different name: fewer bytes */
    CHECK_ERROR(connect(other, (struct sockaddr *)&shorter, shorter_length), ECONNREFUSED);
    CHECK_EQ(0, connect(other, (struct sockaddr *)&address, length), "connect to the abstract name");
    int server = accept(listener, NULL, NULL);
    CHECK(server >= 0, "accept: errno %d", errno);
    got_length = sizeof got;
    CHECK_EQ(0, getpeername(other, (struct sockaddr *)&got, &got_length), "getpeername");
    CHECK(got_length == length && memcmp(&got, &address, length) == 0, "the peer's name is the abstract one");
    int dgram = socket(AF_UNIX, SOCK_DGRAM, 0);
    CHECK_ERROR(connect(dgram, (struct sockaddr *)&address, length), ECONNREFUSED);   /* names are per type */
    CHECK_EQ(0, bind(dgram, (struct sockaddr *)&address, length), "a datagram socket may take the same name");
    close(dgram);
    close(server);
    close(other);
    close(listener);
    /* the name is free once its socket is closed */
    int again = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK_EQ(0, bind(again, (struct sockaddr *)&address, length), "bind to the name again after close");
    close(again);
}

static void datagram_names_and_autobind(void)
{
    struct sockaddr_un address, from;
    socklen_t length = abstract_address(&address, "fdpass-dgram", 12);
    int receiver = socket(AF_UNIX, SOCK_DGRAM, 0);
    CHECK_EQ(0, bind(receiver, (struct sockaddr *)&address, length), "bind a datagram socket");
    int sender = socket(AF_UNIX, SOCK_DGRAM, 0);
    struct sockaddr_un family_only = { 0 };
    family_only.sun_family = AF_UNIX;
    CHECK_EQ(0, bind(sender, (struct sockaddr *)&family_only, sizeof(sa_family_t)), "autobind");
    struct sockaddr_un own;
    socklen_t own_length = sizeof own;
    getsockname(sender, (struct sockaddr *)&own, &own_length);
    CHECK_EQ(NAME_OFFSET + 6, own_length, "an autobound name: NUL and five hex digits");
    CHECK_EQ(0, own.sun_path[0], "an autobound name is abstract");
    CHECK_EQ(2, sendto(sender, "hi", 2, 0, (struct sockaddr *)&address, length), "sendto the abstract name");
    char buffer[8];
    socklen_t from_length = sizeof from;
    CHECK_EQ(2, recvfrom(receiver, buffer, sizeof buffer, 0, (struct sockaddr *)&from, &from_length), "recvfrom");
    CHECK(from_length == own_length && memcmp(&from, &own, own_length) == 0, "the sender is its autobound name");
    CHECK_EQ(0, bind(sender, (struct sockaddr *)&family_only, sizeof(sa_family_t)), "autobind when named: nothing");
    CHECK_ERROR(bind(sender, (struct sockaddr *)&address, length), EINVAL);   /* named already */
    CHECK_ERROR(connect(sender, (struct sockaddr *)&family_only, sizeof(sa_family_t)), EINVAL);
    close(sender);
    close(receiver);
}

int main(void)
{
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_warm_up(tasks);
    stream_names();
    datagram_names_and_autobind();
    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("socket_abstract_names_live_outside_the_file_system");
}
