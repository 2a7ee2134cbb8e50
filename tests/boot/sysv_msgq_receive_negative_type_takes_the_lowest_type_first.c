/* tests/boot/sysv_msgq_receive_negative_type_takes_the_lowest_type_first.c
 * - msgrcv with a type below 0 takes a message of the lowest type up to
 * |type|, and of that type the oldest (msgrcv(2)): not simply the first
 * message at or below |type|. A message above |type| is never taken
 * (ENOMSG under IPC_NOWAIT when only such are left), and LONG_MIN means
 * every type, lowest first. */
#include <limits.h>
#include <sys/msg.h>

#include "boot_msgq.h"
#include "boot_test.h"

int main(void)
{
    int id = msgget(IPC_PRIVATE, 0600);
    CHECK(id >= 0, "msgget: %s", strerror(errno));

    msgq_send_text(id, 3, "a");
    msgq_send_text(id, 2, "b");
    msgq_send_text(id, 5, "c");
    msgq_send_text(id, 1, "d");
    msgq_send_text(id, 2, "e");
    msgq_send_text(id, 1, "f");
    msgq_expect_text(id, -3, 0, 1, "d");                 /* the lowest type, 1, not the first at or below 3 */
    msgq_expect_text(id, -3, 0, 1, "f");                 /* then the other of type 1 */
    msgq_expect_text(id, -3, 0, 2, "b");                 /* then type 2, the oldest first */
    msgq_expect_text(id, -3, 0, 2, "e");
    msgq_expect_text(id, -3, 0, 3, "a");
    CHECK_ERROR(msgrcv(id, &(struct text_message){0, ""}, 8, -4, IPC_NOWAIT), ENOMSG);   /* only c(5) left */
    msgq_expect_text(id, -5, 0, 5, "c");

    /* the most negative type: any type, the lowest first */
    msgq_send_text(id, LONG_MAX, "big");
    msgq_send_text(id, 7, "g");
    msgq_send_text(id, 7, "h");
    msgq_expect_text(id, LONG_MIN, 0, 7, "g");
    msgq_expect_text(id, LONG_MIN, 0, 7, "h");
    msgq_expect_text(id, LONG_MIN, 0, LONG_MAX, "big");

    CHECK_EQ(0, msgctl(id, IPC_RMID, NULL), "msgctl IPC_RMID");
    return test_finish("sysv_msgq_receive_negative_type_takes_the_lowest_type_first");
}
