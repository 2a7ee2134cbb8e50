/* A chain of local sockets, each carried in an SCM_RIGHTS message in the
 * queue of the next, is released one socket after the other when its
 * head is closed: the kernel's stack does not deepen with the chain (as
 * Linux defers fput), for datagram and stream sockets, 300 deep; nothing
 * leaks. */
#include <sys/socket.h>
#include <sys/uio.h>

#include "boot_socket.h"
#include "boot_test.h"

#define DEPTH 300

/* Builds a chain DEPTH long (pair i's receiving end waits in pair i+1's
 * queue), then closes its head. */
static void chain(int type)
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
    CHECK_EQ(0, close(previous), "close the head");
}

static void cases(void)
{
    chain(SOCK_DGRAM);
    chain(SOCK_STREAM);
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("socket_rights_chain_in_flight_is_released_without_recursion");
}
