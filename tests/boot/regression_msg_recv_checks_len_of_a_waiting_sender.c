/* tests/boot/regression_msg_recv_checks_len_of_a_waiting_sender.c
 *
 * Found by reading kernel/ipc/msg.c. msg_send checks len <= 240 and then
 * waits, its message still in its own memory. The receiver's msg_recv
 * (receive_from_waiting_sender) reads the header from the sender's memory
 * again and copies `len` bytes, without checking len a second time. If
 * the sender's buffer is shared memory, anyone can raise len meanwhile, and
 * the kernel then writes thousands of the sender's bytes past the end of
 * the receiver's struct message: one process overwrites another's memory. */
#include <ipc.h>
#include <signal.h>
#include <sys/mman.h>

#include "boot_test.h"

static struct {
    struct message message;
    char after[4096];                     /* must stay untouched */
} received;

int main(void)
{
    struct message *shared = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(shared != MAP_FAILED, "mmap: %s", strerror(errno));
    memset(shared, 'X', 4096);            /* what an overlong copy would carry */
    shared->type = 1;
    shared->len = 4;
    pid_t parent = getpid();
    pid_t sender = fork();
    if (sender == 0)
        _exit(msg_send(parent, shared, 0) == 0 ? 0 : 1);   /* waits until we receive */
    usleep(50000);
    shared->len = 3000;                   /* the waiting sender's header changes under it */

    int result = msg_recv(sender, &received.message, 0);
    int overwritten = 0;
    for (unsigned i = 0; i < sizeof received.after; i++)
        overwritten += received.after[i] != 0;
    CHECK_EQ(0, overwritten, "bytes written past the receiver's struct message");
    CHECK(result < 0 || received.message.len <= MSG_BODY_MAX,
          "msg_recv: expected an error or len <= %d, got %d with len %u", MSG_BODY_MAX, result,
          received.message.len);
    kill(sender, SIGKILL);
    waitpid(sender, 0, 0);
    return test_finish("regression_msg_recv_checks_len_of_a_waiting_sender");
}
