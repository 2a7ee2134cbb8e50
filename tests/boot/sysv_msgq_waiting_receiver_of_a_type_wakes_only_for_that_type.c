/* tests/boot/sysv_msgq_waiting_receiver_of_a_type_wakes_only_for_that_type.c
 * - a msgrcv that waits for a type above 0 (no IPC_NOWAIT) is not woken
 * by a message of another type, which stays queued, but takes the first
 * message of its type sent later (msgrcv(2)). The receiver is a child
 * that waits from the start and checks what it got; the parent sends
 * type 1 at once and type 2 50 ms later. */
#include <signal.h>
#include <sys/msg.h>

#include "boot_msgq.h"
#include "boot_test.h"

#define SEND_DELAY_NS (50 * 1000 * 1000ll)

/* The child: waits for a message of type 2, which must be "mine", sent
 * SEND_DELAY_NS after `started`. Exits with its count of failed checks. */
static void receive_type_2(int id, long long started)
{
    struct text_message message;
    memset(&message, 0, sizeof message);
    int size = msgrcv(id, &message, sizeof message.mtext, 2, 0);
    int error = errno;
    long long elapsed = monotonic_ns() - started;
    CHECK(size == 5 && message.mtype == 2 && strcmp(message.mtext, "mine") == 0,
          "a receiver waiting for type 2: expected \"mine\" of type 2, got %d bytes \"%s\" of type %ld (%s)", size,
          message.mtext, message.mtype, size < 0 ? strerror(error) : "ok");
    CHECK(size < 0 || elapsed >= SEND_DELAY_NS, "the receiver waiting for type 2 returned %lld ns after the "
          "fork, before the type 2 message was sent (%lld ns)", elapsed, SEND_DELAY_NS);
    fflush(stdout);
    _exit(check_failures);
}

int main(void)
{
    alarm(20);                              /* a receiver that never wakes ends the test */
    int id = msgget(IPC_PRIVATE, 0600);
    CHECK(id >= 0, "msgget: %s", strerror(errno));

    fflush(stdout);
    long long started = monotonic_ns();     /* before the fork: the child may run first */
    pid_t child = fork();
    if (child == 0)
        receive_type_2(id, started);
    msgq_send_text(id, 1, "other");                   /* may come before or after the receiver waits */
    usleep(SEND_DELAY_NS / 1000);
    msgq_send_text(id, 2, "mine");
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the receiver: expected it to exit 0, got status 0x%x",
          status);

    struct text_message left;
    memset(&left, 0, sizeof left);
    int left_size = msgrcv(id, &left, sizeof left.mtext, 0, IPC_NOWAIT);
    CHECK(left_size == 6 && left.mtype == 1 && strcmp(left.mtext, "other") == 0,
          "the type 1 message: expected it still queued, got %d bytes \"%s\" of type %ld (%s)", left_size,
          left.mtext, left.mtype, left_size < 0 ? strerror(errno) : "ok");
    CHECK_EQ(0, msgctl(id, IPC_RMID, NULL), "msgctl IPC_RMID");
    return test_finish("sysv_msgq_waiting_receiver_of_a_type_wakes_only_for_that_type");
}
