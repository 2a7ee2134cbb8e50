/* A chain of local sockets, each carried in an SCM_RIGHTS message in the
 * queue of the next, is released one socket after the other when its
 * head is closed: the kernel's stack does not deepen with the chain (as
 * Linux defers fput), for datagram and stream sockets, 300 deep; nothing
 * leaks. While its head is open, the collector (run at every close) takes
 * none of it: each link is received in turn. */
#include <sys/socket.h>
#include <sys/uio.h>

#include "boot_socket.h"
#include "boot_test.h"

#define DEPTH 300

/* Builds a chain DEPTH long (pair i's receiving end waits in pair i+1's
 * queue); returns its head, pair DEPTH-1's receiving end. */
static int chain(int type)
{
    int previous = -1;
    for (int i = 0; i < DEPTH; i++) {
        int pair[2];
        CHECK(socketpair(AF_UNIX, type, 0, pair) == 0, "socketpair %d", i);
        if (previous >= 0) {
            CHECK(send_descriptor(pair[0], previous) == 1, "send link %d", i);
            CHECK(close(previous) == 0, "close link %d", i);
        }
        CHECK(close(pair[0]) == 0, "close sender %d", i);
        previous = pair[1];
    }
    return previous;
}

static void released_when_its_head_is_closed(int type)
{
    CHECK_EQ(0, close(chain(type)), "close the head");
}

static void kept_while_its_head_is_open(int type)
{
    int link = chain(type);
    for (int i = DEPTH - 1; i > 0; i--) {
        int next = receive_descriptor(link);
        CHECK(next >= 0, "type %d: link %d carries no socket", type, i);
        CHECK(close(link) == 0, "close link %d", i);
        if (next < 0)
            return;
        link = next;
    }
    CHECK_EQ(-1, receive_descriptor(link), "the chain's end carries a socket");
    CHECK_EQ(0, close(link), "close the chain's end");
}

static void cases(void)
{
    released_when_its_head_is_closed(SOCK_DGRAM);
    released_when_its_head_is_closed(SOCK_STREAM);
    kept_while_its_head_is_open(SOCK_DGRAM);
    kept_while_its_head_is_open(SOCK_STREAM);
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("socket_rights_chain_in_flight_is_released_without_recursion");
}
