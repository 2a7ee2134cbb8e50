/* user/demos/message-passing/rendezvous_demo.c - a mailbox of capacity 0 holds
 * nothing, so a message can only pass from hand to hand: the sender waits
 * until a receiver takes it. That meeting is called a rendezvous.
 *
 *   sender                     mailbox (capacity 0)          receiver
 *   mbox_send ---- waits ----> [ no room at all ]            sleeps 1 s ...
 *      |                                                     mbox_recv
 *      |  <======= the message is copied once, straight from =======>
 *      |           the sender's buffer into the receiver's
 *   returns                                                  returns
 *
 * Things to watch for:
 *  - the sender prints "waiting for a receiver" and then sits in mbox_send
 *    for the whole second the receiver sleeps;
 *  - while it waits, mbox_stat shows one sender waiting and count 0: a
 *    waiting sender is not a queued message;
 *  - both calls return together: when mbox_send returns, the sender knows
 *    the message has been received - no acknowledgement needed. */
#include <ipc.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Milliseconds since the program started. */
static long elapsed_ms(void)
{
    static struct timespec start;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (start.tv_sec == 0 && start.tv_nsec == 0)
        start = now;
    return (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
}

static void receiver(int box)
{
    printf("[%4ld ms] receiver: sleeping 1 s before I receive\n", elapsed_ms());
    fflush(stdout);
    sleep(1);
    struct mbox_stat st;
    mbox_stat(box, &st);
    printf("[%4ld ms] receiver: the mailbox shows %u sender waiting, %u messages queued\n", elapsed_ms(),
           st.senders_waiting, st.count);
    struct message m;
    if (mbox_recv(box, &m, 0) != 0) {
        perror("receiver: mbox_recv");
        _exit(1);
    }
    printf("[%4ld ms] receiver: got \"%s\" from pid %d\n", elapsed_ms(), m.body, m.src);
    fflush(stdout);
    _exit(0);
}

int main(void)
{
    elapsed_ms();                             /* start the clock */
    mbox_unlink("rendezvous-demo");           /* left over from an interrupted run? */
    int box = mbox_open("rendezvous-demo", O_CREAT | O_EXCL, 0);   /* capacity 0 */
    if (box < 0) {
        perror("rendezvous_demo: mbox_open");
        return 1;
    }
    fflush(stdout);
    pid_t child = fork();
    if (child == 0)
        receiver(box);

    struct message m;
    memset(&m, 0, sizeof m);
    strcpy(m.body, "hand to hand");
    m.len = strlen(m.body) + 1;
    printf("[%4ld ms] sender:   waiting for a receiver (capacity 0: nowhere to leave it)\n", elapsed_ms());
    fflush(stdout);
    long before = elapsed_ms();
    if (mbox_send(box, &m, 0) != 0) {
        perror("sender: mbox_send");
        return 1;
    }
    printf("[%4ld ms] sender:   mbox_send returned after %ld ms: the receiver has it\n", elapsed_ms(),
           elapsed_ms() - before);
    fflush(stdout);
    waitpid(child, NULL, 0);
    mbox_unlink("rendezvous-demo");
    close(box);
    return 0;
}
