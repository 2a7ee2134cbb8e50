/* tests/boot/sysv_msgq_receive_picks_by_type_zero_positive_negative.c -
 * msgrcv's type chooses which message comes out (msgrcv(2)): 0 the first
 * in arrival order, > 0 the first of that type, < 0 the first of the
 * lowest type up to |type|, MSG_EXCEPT the first of any other type. So a
 * queue is not read in FIFO order when the types say otherwise. */
#include <limits.h>
#include <sys/msg.h>

#include "boot_msgq.h"
#include "boot_test.h"

int main(void)
{
    int id = msgget(IPC_PRIVATE, 0600);
    CHECK(id >= 0, "msgget: %s", strerror(errno));

    /* type 0: arrival order, whatever the types */
    msgq_send_text(id, 3, "a");
    msgq_send_text(id, 1, "b");
    msgq_send_text(id, 2, "c");
    msgq_expect_text(id, 0, 0, 3, "a");
    msgq_expect_text(id, 0, 0, 1, "b");
    msgq_expect_text(id, 0, 0, 2, "c");

    /* type > 0: the first of that type, skipping earlier ones */
    msgq_send_text(id, 3, "a");
    msgq_send_text(id, 1, "b");
    msgq_send_text(id, 2, "c");
    msgq_send_text(id, 1, "d");
    msgq_send_text(id, 5, "e");
    msgq_expect_text(id, 2, 0, 2, "c");
    msgq_expect_text(id, 1, 0, 1, "b");
    CHECK_ERROR(msgrcv(id, &(struct text_message){0, ""}, 8, 4, IPC_NOWAIT), ENOMSG);

    /* type < 0: the lowest type <= |type|, the earliest of it first */
    msgq_send_text(id, 1, "f");                       /* queue: a(3) d(1) e(5) f(1) */
    msgq_expect_text(id, -3, 0, 1, "d");
    msgq_expect_text(id, -3, 0, 1, "f");
    msgq_expect_text(id, -3, 0, 3, "a");
    CHECK_ERROR(msgrcv(id, &(struct text_message){0, ""}, 8, -4, IPC_NOWAIT), ENOMSG);
    msgq_expect_text(id, -5, 0, 5, "e");

    /* MSG_EXCEPT with type > 0: the first message of another type */
    msgq_send_text(id, 1, "x");
    msgq_send_text(id, 1, "y");
    msgq_send_text(id, 4, "z");
    msgq_send_text(id, 2, "w");
    msgq_expect_text(id, 1, MSG_EXCEPT, 4, "z");
    msgq_expect_text(id, 1, MSG_EXCEPT, 2, "w");
    CHECK_ERROR(msgrcv(id, &(struct text_message){0, ""}, 8, 1, MSG_EXCEPT | IPC_NOWAIT), ENOMSG);

    /* the most negative type means "any type, lowest first" */
    msgq_send_text(id, LONG_MAX, "big");
    msgq_expect_text(id, LONG_MIN, 0, 1, "x");
    msgq_expect_text(id, LONG_MIN, 0, 1, "y");
    msgq_expect_text(id, LONG_MIN, 0, LONG_MAX, "big");

    struct msqid_ds status;
    CHECK_EQ(0, msgctl(id, IPC_STAT, &status), "msgctl IPC_STAT");
    CHECK_EQ(0, status.msg_qnum, "messages left");
    CHECK_EQ(0, msgctl(id, IPC_RMID, NULL), "msgctl IPC_RMID");
    return test_finish("sysv_msgq_receive_picks_by_type_zero_positive_negative");
}
