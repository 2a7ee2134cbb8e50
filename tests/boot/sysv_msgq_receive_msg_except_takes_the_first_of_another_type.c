/* tests/boot/sysv_msgq_receive_msg_except_takes_the_first_of_another_type.c
 * - msgrcv with a type above 0 and MSG_EXCEPT takes the first message of
 * any type but that one (msgrcv(2)); once only messages of that type are
 * left, it fails with ENOMSG under IPC_NOWAIT. */
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

/* Receives with `type` and `flags` and checks that `text` of
 * `expected_type` came. */
static void expect(int id, long type, int flags, long expected_type, const char *text)
{
    struct text_message message;
    memset(&message, 0, sizeof message);
    ssize_t size = msgrcv(id, &message, sizeof message.mtext, type, flags | IPC_NOWAIT);
    CHECK(size == (ssize_t)strlen(text) + 1 && message.mtype == expected_type && strcmp(message.mtext, text) == 0,
          "msgrcv(type %ld, flags 0%o): expected \"%s\" of type %ld, got %d bytes \"%s\" of type %ld (%s)", type,
          flags, text, expected_type, (int)size, message.mtext, message.mtype, size < 0 ? strerror(errno) : "ok");
}

int main(void)
{
    int id = msgget(IPC_PRIVATE, 0600);
    CHECK(id >= 0, "msgget: %s", strerror(errno));

    send(id, 1, "x");
    send(id, 1, "y");
    send(id, 4, "z");
    send(id, 2, "w");
    send(id, 1, "v");
    expect(id, 1, MSG_EXCEPT, 4, "z");      /* past x(1) and y(1) */
    expect(id, 1, MSG_EXCEPT, 2, "w");
    CHECK_ERROR(msgrcv(id, &(struct text_message){0, ""}, 8, 1, MSG_EXCEPT | IPC_NOWAIT), ENOMSG);
    expect(id, 2, MSG_EXCEPT, 1, "x");      /* another type excepted: the oldest of the rest */
    expect(id, 0, 0, 1, "y");               /* the type 1 messages stayed, in order */
    expect(id, 0, 0, 1, "v");

    CHECK_EQ(0, msgctl(id, IPC_RMID, NULL), "msgctl IPC_RMID");
    return test_finish("sysv_msgq_receive_msg_except_takes_the_first_of_another_type");
}
