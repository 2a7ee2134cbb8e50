/* tests/boot/boot_msgq.h - what the System V message queue tests share:
 * a short text message, sending one without waiting, and receiving one
 * by type and checking what came (msgsnd(2), msgrcv(2)). Portable: the
 * tests that include it run on Linux too (tools/linux-check). */
#ifndef TESTS_BOOT_BOOT_MSGQ_H
#define TESTS_BOOT_BOOT_MSGQ_H

#include <sys/msg.h>

#include "boot_test.h"

struct text_message {
    long mtype;
    char mtext[8];
};

/* Sends `text` (at most 7 characters) as a message of `type`; never waits. */
static inline void msgq_send_text(int id, long type, const char *text)
{
    struct text_message message = { type, "" };
    strcpy(message.mtext, text);
    CHECK_EQ(0, msgsnd(id, &message, strlen(text) + 1, IPC_NOWAIT), "msgsnd");
}

/* Receives with `type` and `flags` (and IPC_NOWAIT) and checks that
 * `text` of `expected_type` came. */
static inline void msgq_expect_text(int id, long type, int flags, long expected_type, const char *text)
{
    struct text_message message;
    memset(&message, 0, sizeof message);
    ssize_t size = msgrcv(id, &message, sizeof message.mtext, type, flags | IPC_NOWAIT);
    CHECK(size == (ssize_t)strlen(text) + 1 && message.mtype == expected_type && strcmp(message.mtext, text) == 0,
          "msgrcv(type %ld, flags 0%o): expected \"%s\" of type %ld, got %d bytes \"%s\" of type %ld (%s)", type,
          flags, text, expected_type, (int)size, message.mtext, message.mtype, size < 0 ? strerror(errno) : "ok");
}

#endif
