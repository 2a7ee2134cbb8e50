/* tests/boot/sysv_msgq_receive_picks_by_type_zero_positive_negative.c -
 * msgrcv's type chooses which message comes out (msgrcv(2)): 0 the first
 * in arrival order, > 0 the first of that type, < 0 the first of the
 * lowest type up to |type|, MSG_EXCEPT the first of any other type. So a
 * queue is not read in FIFO order when the types say otherwise. */
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
static void expect(int id, long type, int flags, long expected_type, const char *text)
{
    struct text_message message;
    memset(&message, 0, sizeof message);
    ssize_t size = msgrcv(id, &message, sizeof message.mtext, type, flags | IPC_NOWAIT);
    CHECK(size == (ssize_t)strlen(text) + 1 && message.mtype == expected_type &&
          strcmp(message.mtext, text) == 0,
          "msgrcv(type %ld, flags 0%o): expected \"%s\" of type %ld, got %d bytes \"%s\" of type %ld (%s)",
          type, flags, text, expected_type, (int)size, message.mtext, message.mtype,
          size < 0 ? strerror(errno) : "ok");
}

int main(void)
{
    int id = msgget(IPC_PRIVATE, 0600);
    CHECK(id >= 0, "msgget: %s", strerror(errno));

    /* type 0: arrival order, whatever the types */
    send(id, 3, "a");
    send(id, 1, "b");
    send(id, 2, "c");
    expect(id, 0, 0, 3, "a");
    expect(id, 0, 0, 1, "b");
    expect(id, 0, 0, 2, "c");

    /* type > 0: the first of that type, skipping earlier ones */
    send(id, 3, "a");
    send(id, 1, "b");
    send(id, 2, "c");
    send(id, 1, "d");
    send(id, 5, "e");
    expect(id, 2, 0, 2, "c");
    expect(id, 1, 0, 1, "b");
    CHECK_ERROR(msgrcv(id, &(struct text_message){0, ""}, 8, 4, IPC_NOWAIT), ENOMSG);

    /* type < 0: the lowest type <= |type|, the earliest of it first */
    send(id, 1, "f");                       /* queue: a(3) d(1) e(5) f(1) */
    expect(id, -3, 0, 1, "d");
    expect(id, -3, 0, 1, "f");
    expect(id, -3, 0, 3, "a");
    CHECK_ERROR(msgrcv(id, &(struct text_message){0, ""}, 8, -4, IPC_NOWAIT), ENOMSG);
    expect(id, -5, 0, 5, "e");

    /* MSG_EXCEPT with type > 0: the first message of another type */
    send(id, 1, "x");
    send(id, 1, "y");
    send(id, 4, "z");
    send(id, 2, "w");
    expect(id, 1, MSG_EXCEPT, 4, "z");
    expect(id, 1, MSG_EXCEPT, 2, "w");
    CHECK_ERROR(msgrcv(id, &(struct text_message){0, ""}, 8, 1, MSG_EXCEPT | IPC_NOWAIT), ENOMSG);

    /* the most negative type means "any type, lowest first" */
    send(id, LONG_MAX, "big");
    expect(id, LONG_MIN, 0, 1, "x");
    expect(id, LONG_MIN, 0, 1, "y");
    expect(id, LONG_MIN, 0, LONG_MAX, "big");

    struct msqid_ds status;
    CHECK_EQ(0, msgctl(id, IPC_STAT, &status), "msgctl IPC_STAT");
    CHECK_EQ(0, status.msg_qnum, "messages left");
    CHECK_EQ(0, msgctl(id, IPC_RMID, NULL), "msgctl IPC_RMID");
    return test_finish("sysv_msgq_receive_picks_by_type_zero_positive_negative");
}
