/* user/demos/message-passing/sync_async_demo.c - the four ways to combine
 * sending and receiving:
 *
 *                        | receive blocking (msg_recv)  | receive non-blocking (MSG_NONBLOCK, polling)
 *   ---------------------+------------------------------+---------------------------------------------
 *   send synchronous     | rendezvous: whoever comes    | the sender waits until one of the
 *   (msg_send)           | first waits for the other    | receiver's polls finds it
 *   send asynchronous    | the sender never waits; the  | nobody ever waits; the receiver
 *   (MSG_ASYNC)          | receiver waits if it is early| polls until the message is there
 *
 * For each combination the parent sends one message to a child twice:
 * once with the receiver 300 ms late, once with the sender 300 ms late.
 * Each side measures how long its own call took (a poller counts its
 * polls), and the table at the end shows who waited for whom.
 *
 * Things to watch for:
 *  - a synchronous send is a rendezvous: when it returns, the message has
 *    been received - the sender knows, but it may have to wait for that;
 *  - MSG_ASYNC leaves the message in the receiver's inbox (64 places) and
 *    returns at once: the sender learns nothing about when it is read;
 *  - polling never blocks, but costs a system call (and a sleep) per try,
 *    and the message waits up to one polling interval to be noticed. */
#include <errno.h>
#include <ipc.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define LATE_MS 300              /* how late the late side comes */
#define POLL_MS 50               /* a poller's sleep between tries */

static long now_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

struct outcome {
    long sender_ms;              /* time spent in msg_send */
    long receiver_ms;            /* time spent receiving (all polls together) */
    int polls;                   /* MSG_NONBLOCK tries that got EAGAIN */
};

/* The receiver child: receive one message, blocking or polling; report by `report_fd`. */
static void receiver(int polling, int late, int report_fd)
{
    if (late)
        usleep(LATE_MS * 1000);
    struct outcome outcome = { 0, 0, 0 };
    struct message m;
    long start = now_ms();
    if (!polling) {
        msg_recv(MSG_ANY, &m, 0);                        /* may sleep */
    } else {
        while (msg_recv(MSG_ANY, &m, MSG_NONBLOCK) != 0 && errno == EAGAIN) {
            outcome.polls++;                             /* nothing yet: do something else, try again */
            usleep(POLL_MS * 1000);
        }
    }
    outcome.receiver_ms = now_ms() - start;
    write(report_fd, &outcome, sizeof outcome);
    _exit(0);
}

/* One run: the parent sends, a child receives; `receiver_late` says who comes late. */
static struct outcome run(int async, int polling, int receiver_late)
{
    int report[2];
    pipe(report);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0)
        receiver(polling, receiver_late, report[1]);
    if (!receiver_late)
        usleep(LATE_MS * 1000);                          /* the sender is the late one */
    struct message m;
    memset(&m, 0, sizeof m);
    strcpy(m.body, "hello");
    m.len = 6;
    long start = now_ms();
    if (msg_send(child, &m, async ? MSG_ASYNC : 0) != 0)
        perror("sync_async_demo: msg_send");
    long sender_ms = now_ms() - start;
    struct outcome outcome;
    read(report[0], &outcome, sizeof outcome);
    outcome.sender_ms = sender_ms;
    waitpid(child, NULL, 0);
    close(report[0]);
    close(report[1]);
    return outcome;
}

static void describe(const char *send, const char *receive, int receiver_late, struct outcome o)
{
    char receiver_part[64];
    if (!strcmp(receive, "polling"))
        snprintf(receiver_part, sizeof receiver_part, "receiver polled %d time%s (%4ld ms)", o.polls,
                 o.polls == 1 ? "" : "s", o.receiver_ms);
    else
        snprintf(receiver_part, sizeof receiver_part, "receiver waited %4ld ms", o.receiver_ms);
    printf("  %-5s send, %-8s receive, %-14s: sender waited %4ld ms, %s\n", send, receive,
           receiver_late ? "receiver late" : "sender late", o.sender_ms, receiver_part);
    fflush(stdout);
}

int main(void)
{
    static const char *const send_names[] = { "sync", "async" };
    static const char *const receive_names[] = { "blocking", "polling" };
    printf("sync_async_demo: one message each time; the late side comes %d ms after the other\n\n", LATE_MS);
    for (int async = 0; async <= 1; async++)
        for (int polling = 0; polling <= 1; polling++)
            for (int receiver_late = 1; receiver_late >= 0; receiver_late--)
                describe(send_names[async], receive_names[polling], receiver_late,
                         run(async, polling, receiver_late));

    printf("\nwho waited for whom:\n"
           "  sync  + blocking: the early side waits for the late one (a rendezvous)\n"
           "  sync  + polling : the sender waits until a poll takes its message; the receiver never blocks\n"
           "  async + blocking: the sender never waits; an early receiver waits for the message\n"
           "  async + polling : nobody blocks; the receiver keeps asking until the message is there\n");
    return 0;
}
