/* tests/boot/regression_mbox_recv_checks_len_of_a_rendezvous_sender.c
 *
 * Found by reading kernel/ipc/mbox.c: the same as msg_recv's (see
 * regression_msg_recv_checks_len_of_a_waiting_sender). A
 * rendezvous sender (capacity 0) waits with its message in its own memory;
 * take_from_waiting_sender reads the header there again and copies `len`
 * bytes unchecked. With the message in shared memory, len can grow while
 * the sender waits, and the receiver's memory past its buffer is overwritten. */
#include <fcntl.h>
#include <ipc.h>
#include <signal.h>
#include <sys/mman.h>

#include "boot_test.h"

static struct {
    struct message message;
    char after[4096];
} received;

int main(void)
{
    struct message *shared = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(shared != MAP_FAILED, "mmap: %s", strerror(errno));
    memset(shared, 'X', 4096);
    shared->type = 1;
    shared->len = 4;
    mbox_unlink("regression-rendezvous");
    int box = mbox_open("regression-rendezvous", O_CREAT | O_EXCL, 0);
    CHECK(box >= 0, "mbox_open: %s", strerror(errno));
    pid_t sender = fork();
    if (sender == 0)
        _exit(mbox_send(box, shared, 0) == 0 ? 0 : 1);     /* waits for a receiver */
    usleep(50000);
    shared->len = 3000;

    int result = mbox_recv(box, &received.message, 0);
    int overwritten = 0;
    for (unsigned i = 0; i < sizeof received.after; i++)
        overwritten += received.after[i] != 0;
    CHECK_EQ(0, overwritten, "bytes written past the receiver's struct message");
    CHECK(result < 0 || received.message.len <= MSG_BODY_MAX,
          "mbox_recv: expected an error or len <= %d, got %d with len %u", MSG_BODY_MAX, result,
          received.message.len);
    kill(sender, SIGKILL);
    waitpid(sender, 0, 0);
    mbox_unlink("regression-rendezvous");
    close(box);
    return test_finish("regression_mbox_recv_checks_len_of_a_rendezvous_sender");
}
