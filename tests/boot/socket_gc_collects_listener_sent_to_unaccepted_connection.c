/* A connection not yet accepted belongs to its listener, for the
 * collector of descriptors in flight (Linux's scan_children): it is
 * reachable while the listener is, and garbage with it. A listener sent
 * into the queue of a connection it never accepted, every descriptor
 * then closed, is freed; one whose descriptor stays open can still
 * accept the connection and receive itself. Nothing leaks. */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>

#include "boot_socket.h"
#include "boot_test.h"

#define NAME_LENGTH 16               /* "\0gc_unaccepted_" and a letter */

/* A listener at an abstract name of its own and a client connected to
 * it, not accepted. (Linux collects in the background: a name is not
 * used twice.) */
static void listener_and_client(int *listener, int *client)
{
    static char letter = 'a';
    struct sockaddr_un address = { 0 };
    address.sun_family = AF_UNIX;
    memcpy(address.sun_path, "\0gc_unaccepted_", NAME_LENGTH - 1);
    address.sun_path[NAME_LENGTH - 1] = letter++;
    socklen_t length = offsetof(struct sockaddr_un, sun_path) + NAME_LENGTH;
    *listener = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK(*listener >= 0, "socket");
    CHECK_EQ(0, bind(*listener, (struct sockaddr *)&address, length), "bind");
    CHECK(listen(*listener, 4) == 0, "listen: errno %d", errno);
    *client = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK_EQ(0, connect(*client, (struct sockaddr *)&address, length), "connect");
}

/* Every descriptor closed: the listener, its connection and the
 * message are garbage (the counters say it). */
static void unreachable_listener_is_collected(void)
{
    int listener, client;
    listener_and_client(&listener, &client);
    CHECK_EQ(1, (int)send_descriptor(client, listener), "send the listener into the unaccepted connection");
    CHECK_EQ(0, close(listener), "close the listener");
    CHECK_EQ(0, close(client), "close the client");
}

/* The listener's descriptor open: the connection is reachable, and its
 * message brings the listener back. */
static void reachable_listener_stays(void)
{
    int listener, client;
    listener_and_client(&listener, &client);
    CHECK_EQ(1, (int)send_descriptor(client, listener), "send the listener into the unaccepted connection");
    CHECK_EQ(0, close(client), "close the client (the collector runs)");
    int connection = accept(listener, 0, 0);
    CHECK(connection >= 0, "accept: %d", connection);
    int received = receive_descriptor(connection);
    CHECK(received >= 0, "the message is still there, with a descriptor");
    if (received >= 0) {
        CHECK_EQ(0, fcntl(received, F_SETFL, O_NONBLOCK), "O_NONBLOCK on the listener received");
        CHECK_ERROR(accept(received, 0, 0), EAGAIN);   /* a listener, with nothing pending */
        close(received);
    }
    close(connection);
    close(listener);
}

static void cases(void)
{
    unreachable_listener_is_collected();
    reachable_listener_stays();
    unreachable_listener_is_collected();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("socket_gc_collects_listener_sent_to_unaccepted_connection");
}
