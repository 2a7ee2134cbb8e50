/* tests/boot/mbox_receivers_are_served_in_arrival_order.c - waiting
 * receivers of a mailbox are served in the order they came (mbox_recv(2)): three children block in mbox_recv one after another (the
 * parent waits until mbox_stat shows 1, then 2, then 3 receivers), then
 * three messages go out: child i gets message i. For capacity 0, 1 and 8
 * and unbounded. Each child exits with the number of the message it got
 * (100 + errno if mbox_recv failed). */
#include <ipc.h>

#include "boot_test.h"
#include "boot_wait.h"

enum { CHILDREN = 3 };

static void serve_in_order(unsigned capacity, const char *what)
{
    int box = mbox_open("arrival-order", O_CREAT | O_EXCL, capacity);
    CHECK(box >= 0, "%s: mbox_open: %s", what, strerror(errno));
    pid_t children[CHILDREN];
    for (int i = 0; i < CHILDREN; i++) {
        children[i] = fork();
        if (children[i] == 0) {
            struct message m;
            _exit(mbox_recv(box, &m, 0) == 0 ? m.type : 100 + errno);
        }
        CHECK(WAIT_UNTIL(mbox_numbers(box).receivers_waiting == (unsigned)i + 1),
              "%s: expected %d receivers waiting, got %u", what, i + 1, mbox_numbers(box).receivers_waiting);
    }
    struct message m;
    memset(&m, 0, sizeof m);
    for (int i = 0; i < CHILDREN; i++) {
        m.type = 1 + i;
        CHECK_EQ(0, mbox_send(box, &m, 0), "mbox_send");
    }
    for (int i = 0; i < CHILDREN; i++) {
        int status = 0;
        waitpid(children[i], &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 1 + i,
              "%s: the receiver that came %s: expected message %d, got %s %d", what, i == 0 ? "first" : i == 1 ?
              "second" : "third", i + 1, WIFEXITED(status) && WEXITSTATUS(status) < 100 ? "message" : "status",
              WIFEXITED(status) && WEXITSTATUS(status) < 100 ? WEXITSTATUS(status) : status);
    }
    mbox_unlink("arrival-order");
    close(box);
}

int main(void)
{
    alarm(60);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    serve_in_order(0, "capacity 0");
    serve_in_order(1, "capacity 1");
    serve_in_order(8, "capacity 8");
    serve_in_order(MBOX_UNBOUNDED, "unbounded");
    return test_finish("mbox_receivers_are_served_in_arrival_order");
}
