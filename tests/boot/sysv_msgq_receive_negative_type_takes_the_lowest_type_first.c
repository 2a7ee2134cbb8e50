/* tests/boot/sysv_msgq_receive_negative_type_takes_the_lowest_type_first.c
 * - msgrcv with a type below 0 takes a message of the lowest type up to
 * |type|, and of that type the oldest (msgrcv(2)): not simply the first
 * message at or below |type|. A message above |type| is never taken
 * (ENOMSG under IPC_NOWAIT when only such are left), and LONG_MIN means
 * every type, lowest first. */
#include <limits.h>
#include <sys/msg.h>

#include "boot_test.h"

struct text_message {
    long mtype;
    char mtext[8];
};

static void send(int id, long type, const char *text)
{
    struct text_message message = { type, "" };
    strcpy(message.mtext, text);
    CHECK_EQ(0, msgsnd(id, &message, strlen(text) + 1, IPC_NOWAIT), "msgsnd");
}

/* Receives with `type` and checks that `text` of `expected_type` came. */
static void expect(int id, long type, long expected_type, const char *text)
{
    struct text_message message;
    memset(&message, 0, sizeof message);
    ssize_t size = msgrcv(id, &message, sizeof message.mtext, type, IPC_NOWAIT);
    CHECK(size == (ssize_t)strlen(text) + 1 && message.mtype == expected_type && strcmp(message.mtext, text) == 0,
          "msgrcv(type %ld): expected \"%s\" of type %ld, got %d bytes \"%s\" of type %ld (%s)", type, text,
          expected_type, (int)size, message.mtext, message.mtype, size < 0 ? strerror(errno) : "ok");
}

int main(void)
{
    int id = msgget(IPC_PRIVATE, 0600);
    CHECK(id >= 0, "msgget: %s", strerror(errno));

    send(id, 3, "a");
    send(id, 2, "b");
    send(id, 5, "c");
    send(id, 1, "d");
    send(id, 2, "e");
    send(id, 1, "f");
    expect(id, -3, 1, "d");                 /* the lowest type, 1, not the first at or below 3 */
    expect(id, -3, 1, "f");                 /* then the other of type 1 */
    expect(id, -3, 2, "b");                 /* then type 2, the oldest first */
    expect(id, -3, 2, "e");
    expect(id, -3, 3, "a");
    CHECK_ERROR(msgrcv(id, &(struct text_message){0, ""}, 8, -4, IPC_NOWAIT), ENOMSG);   /* only c(5) left */
    expect(id, -5, 5, "c");

    /* the most negative type: any type, the lowest first */
    send(id, LONG_MAX, "big");
    send(id, 7, "g");
    send(id, 7, "h");
    expect(id, LONG_MIN, 7, "g");
    expect(id, LONG_MIN, 7, "h");
    expect(id, LONG_MIN, LONG_MAX, "big");

    CHECK_EQ(0, msgctl(id, IPC_RMID, NULL), "msgctl IPC_RMID");
    return test_finish("sysv_msgq_receive_negative_type_takes_the_lowest_type_first");
}
