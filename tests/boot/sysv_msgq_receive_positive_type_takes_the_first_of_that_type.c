/* tests/boot/sysv_msgq_receive_positive_type_takes_the_first_of_that_type.c
 * - msgrcv with a type above 0 takes the first message of exactly that
 * type, skipping older messages of other types, which stay queued in
 * their order (msgrcv(2)); with no message of that type and IPC_NOWAIT it
 * fails with ENOMSG. */
#include <sys/msg.h>

#include "boot_msgq.h"
#include "boot_test.h"

int main(void)
{
    int id = msgget(IPC_PRIVATE, 0600);
    CHECK(id >= 0, "msgget: %s", strerror(errno));

    msgq_send_text(id, 3, "a");
    msgq_send_text(id, 1, "b");
    msgq_send_text(id, 2, "c");
    msgq_send_text(id, 1, "d");
    msgq_send_text(id, 5, "e");
    msgq_expect_text(id, 2, 0, 2, "c");                  /* past a(3) and b(1) */
    msgq_expect_text(id, 1, 0, 1, "b");                  /* the first of type 1 */
    msgq_expect_text(id, 1, 0, 1, "d");                  /* then the next */
    msgq_expect_text(id, 5, 0, 5, "e");                  /* the last one, past a(3) */
    CHECK_ERROR(msgrcv(id, &(struct text_message){0, ""}, 8, 4, IPC_NOWAIT), ENOMSG);
    CHECK_ERROR(msgrcv(id, &(struct text_message){0, ""}, 8, 1, IPC_NOWAIT), ENOMSG);
    msgq_expect_text(id, 0, 0, 3, "a");                  /* the one skipped all along is still there */

    CHECK_EQ(0, msgctl(id, IPC_RMID, NULL), "msgctl IPC_RMID");
    return test_finish("sysv_msgq_receive_positive_type_takes_the_first_of_that_type");
}
