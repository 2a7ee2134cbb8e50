/* tests/boot/sysv_msgq_receive_msg_except_takes_the_first_of_another_type.c
 * - msgrcv with a type above 0 and MSG_EXCEPT takes the first message of
 * any type but that one (msgrcv(2)); once only messages of that type are
 * left, it fails with ENOMSG under IPC_NOWAIT. */
#include <sys/msg.h>

#include "boot_msgq.h"
#include "boot_test.h"

int main(void)
{
    int id = msgget(IPC_PRIVATE, 0600);
    CHECK(id >= 0, "msgget: %s", strerror(errno));

    msgq_send_text(id, 1, "x");
    msgq_send_text(id, 1, "y");
    msgq_send_text(id, 4, "z");
    msgq_send_text(id, 2, "w");
    msgq_send_text(id, 1, "v");
    msgq_expect_text(id, 1, MSG_EXCEPT, 4, "z");      /* past x(1) and y(1) */
    msgq_expect_text(id, 1, MSG_EXCEPT, 2, "w");
    CHECK_ERROR(msgrcv(id, &(struct text_message){0, ""}, 8, 1, MSG_EXCEPT | IPC_NOWAIT), ENOMSG);
    msgq_expect_text(id, 2, MSG_EXCEPT, 1, "x");      /* another type excepted: the oldest of the rest */
    msgq_expect_text(id, 0, 0, 1, "y");               /* the type 1 messages stayed, in order */
    msgq_expect_text(id, 0, 0, 1, "v");

    CHECK_EQ(0, msgctl(id, IPC_RMID, NULL), "msgctl IPC_RMID");
    return test_finish("sysv_msgq_receive_msg_except_takes_the_first_of_another_type");
}
