/* tests/boot/sysv_msgq_receive_positive_type_takes_the_first_of_that_type.c
 * - msgrcv with a type above 0 takes the first message of exactly that
 * type, skipping older messages of other types, which stay queued in
 * their order (msgrcv(2)); with no message of that type and IPC_NOWAIT it
 * fails with ENOMSG. */
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
    send(id, 1, "b");
    send(id, 2, "c");
    send(id, 1, "d");
    send(id, 5, "e");
    expect(id, 2, 2, "c");                  /* past a(3) and b(1) */
    expect(id, 1, 1, "b");                  /* the first of type 1 */
    expect(id, 1, 1, "d");                  /* then the next */
    expect(id, 5, 5, "e");                  /* the last one, past a(3) */
    CHECK_ERROR(msgrcv(id, &(struct text_message){0, ""}, 8, 4, IPC_NOWAIT), ENOMSG);
    CHECK_ERROR(msgrcv(id, &(struct text_message){0, ""}, 8, 1, IPC_NOWAIT), ENOMSG);
    expect(id, 0, 3, "a");                  /* the one skipped all along is still there */

    CHECK_EQ(0, msgctl(id, IPC_RMID, NULL), "msgctl IPC_RMID");
    return test_finish("sysv_msgq_receive_positive_type_takes_the_first_of_that_type");
}
