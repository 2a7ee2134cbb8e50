/* tests/boot/msg_bad_arguments_get_einval_or_efault.c - the message calls
 * check what they are given before anything happens (intro(2)
 * and the msg_*(2) pages):
 *  - len > MSG_BODY_MAX is EINVAL for msg_send (with any flags), msg_call,
 *    msg_reply and mbox_send; len = 0 and len = MSG_BODY_MAX are fine;
 *  - a bad pointer is EFAULT: NULL, an unmapped or a kernel address, a message whose
 *    header is readable but whose body runs into an unmapped page, a
 *    receive buffer that is not wholly writable; for every call;
 *  - after all that, the kernel holds no message and nothing was sent. */
#include <ipc.h>
#include <stdint.h>

#include "boot_test.h"
#include "boot_wait.h"

#define KERNEL_ADDRESS ((struct message *)0xC0001000u)
#define UNMAPPED ((struct message *)0x00001000u)      /* below the program, never mapped */
#define PAGE 4096

static void length_limits(int box)
{
    struct message m;
    set_text(&m, 1, "length");
    pid_t self = getpid();
    m.len = MSG_BODY_MAX + 1;
    CHECK_ERROR(msg_send(self, &m, MSG_ASYNC), EINVAL);
    CHECK_ERROR(msg_send(getppid(), &m, 0), EINVAL);
    CHECK_ERROR(msg_send(getppid(), &m, MSG_NONBLOCK), EINVAL);
    CHECK_ERROR(msg_call(getppid(), &m), EINVAL);
    CHECK_ERROR(msg_reply(getppid(), &m), EINVAL);
    CHECK_ERROR(mbox_send(box, &m, 0), EINVAL);
    CHECK_ERROR(mbox_send(box, &m, MSG_NONBLOCK), EINVAL);
    m.len = 0xFFFFFFFFu;
    CHECK_ERROR(msg_send(self, &m, MSG_ASYNC), EINVAL);
    CHECK_ERROR(mbox_send(box, &m, 0), EINVAL);

    /* the limits themselves are fine */
    struct message in;
    m.len = 0;
    CHECK_EQ(0, msg_send(self, &m, MSG_ASYNC), "MSG_ASYNC with len 0");
    CHECK_EQ(0, msg_recv(self, &in, 0), "msg_recv of a message with len 0");
    CHECK_EQ(0, in.len, "the received len");
    m.len = MSG_BODY_MAX;
    memset(m.body, 'z', MSG_BODY_MAX);
    CHECK_EQ(0, msg_send(self, &m, MSG_ASYNC), "MSG_ASYNC with len MSG_BODY_MAX");
    memset(&in, 0, sizeof in);
    CHECK_EQ(0, msg_recv(self, &in, 0), "msg_recv of a full message");
    CHECK_EQ(MSG_BODY_MAX, in.len, "the received len");
    CHECK(in.body[0] == 'z' && in.body[MSG_BODY_MAX - 1] == 'z', "the full body: expected 'z' at both ends, "
          "got 0x%02x and 0x%02x", (unsigned char)in.body[0], (unsigned char)in.body[MSG_BODY_MAX - 1]);
    CHECK_EQ(0, mbox_send(box, &m, 0), "mbox_send with len MSG_BODY_MAX");
    memset(&in, 0, sizeof in);
    CHECK_EQ(0, mbox_recv(box, &in, 0), "mbox_recv of a full message");
    CHECK(in.len == MSG_BODY_MAX && in.body[MSG_BODY_MAX - 1] == 'z', "mbox full body: len %u, last byte 0x%02x",
          in.len, (unsigned char)in.body[MSG_BODY_MAX - 1]);
}

static void bad_pointers(int box)
{
    pid_t self = getpid();
    struct message *bad[] = { NULL, KERNEL_ADDRESS, UNMAPPED };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK_ERROR(msg_send(self, bad[i], MSG_ASYNC), EFAULT);
        CHECK_ERROR(msg_send(getppid(), bad[i], 0), EFAULT);
        CHECK_ERROR(msg_recv(MSG_ANY, bad[i], MSG_NONBLOCK), EFAULT);
        CHECK_ERROR(msg_recv(MSG_ANY, bad[i], 0), EFAULT);
        CHECK_ERROR(msg_call(getppid(), bad[i]), EFAULT);
        CHECK_ERROR(mbox_send(box, bad[i], 0), EFAULT);
        CHECK_ERROR(mbox_recv(box, bad[i], MSG_NONBLOCK), EFAULT);
        CHECK_ERROR(mbox_recv(box, bad[i], 0), EFAULT);
        CHECK_ERROR(mbox_stat(box, (struct mbox_stat *)bad[i]), EFAULT);
    }
    CHECK_ERROR(mbox_open(NULL, O_CREAT, 1), EFAULT);
    CHECK_ERROR(mbox_open((const char *)KERNEL_ADDRESS, O_CREAT, 1), EFAULT);
    CHECK_ERROR(mbox_unlink(NULL), EFAULT);
    CHECK_ERROR(mbox_unlink((const char *)KERNEL_ADDRESS), EFAULT);

    /* the end of the heap (the break, page-aligned): what lies above is unmapped */
    char *start = sbrk(0);
    intptr_t to_boundary = (PAGE - (intptr_t)start % PAGE) % PAGE;
    CHECK(sbrk(to_boundary + PAGE) != (void *)-1, "sbrk: %s", strerror(errno));
    char *heap_end = sbrk(0);
    CHECK((intptr_t)heap_end % PAGE == 0, "the break %p should be page-aligned now", (void *)heap_end);
    struct message *edge = (struct message *)(heap_end - 16);   /* src dst type len | body... */
    edge->type = 5;
    edge->len = 1;                                     /* one byte of body: unmapped */
    CHECK_ERROR(msg_send(self, edge, MSG_ASYNC), EFAULT);
    CHECK_ERROR(mbox_send(box, edge, 0), EFAULT);
    CHECK_ERROR(msg_recv(MSG_ANY, edge, MSG_NONBLOCK), EFAULT);   /* not writable to its end */
    CHECK_ERROR(mbox_recv(box, edge, MSG_NONBLOCK), EFAULT);
    edge->len = 0;                                     /* no body: only the header is read */
    CHECK_EQ(0, msg_send(self, edge, MSG_ASYNC), "MSG_ASYNC of a header-only message at a page's end");
    struct message in;
    CHECK_EQ(0, msg_recv(self, &in, 0), "msg_recv of it");
    CHECK_EQ(5, in.type, "its type");
}

int main(void)
{
    alarm(20);          /* a call that would wait instead of failing ends the test (SIGALRM) */
    int box = mbox_open("bad-arguments", O_CREAT | O_EXCL, 4);
    CHECK(box >= 0, "mbox_open: %s", strerror(errno));
    struct kinfo_counters before = read_counters();
    length_limits(box);
    bad_pointers(box);

    struct message m;
    CHECK_ERROR(msg_recv(MSG_ANY, &m, MSG_NONBLOCK), EAGAIN);       /* nothing slipped through */
    CHECK_ERROR(mbox_recv(box, &m, MSG_NONBLOCK), EAGAIN);
    struct kinfo_counters after = read_counters();
    CHECK_EQ(before.held_messages, after.held_messages, "held messages");
    mbox_unlink("bad-arguments");
    close(box);
    return test_finish("msg_bad_arguments_get_einval_or_efault");
}
