/* user/demos/message-passing/message_pipeline.c - an assembly line of
 * processes joined by direct messages: each stage receives a work item,
 * changes it, and sends it on to the next stage, whose pid it was given when
 * it was forked.
 *
 *   source --> double --> add ten --> square --> printer
 *   (parent)     (each stage a child: msg_recv, transform, msg_send)
 *
 * Things to watch for:
 *  - the sends are synchronous: a stage that has an item ready waits until
 *    the next stage is ready to receive it, so no stage ever runs ahead by
 *    more than one item and nothing piles up in the kernel;
 *  - items from one sender arrive in the order sent, so the printer sees
 *    them in order although four processes handle each one;
 *  - a DONE message travels down the line after the last item and tells
 *    each stage to stop - the stages end in order, source to printer;
 *  - the stages are forked from the end of the line backwards, so that
 *    each one knows the pid of the next when it starts.
 *
 * Usage: message_pipeline [N]   sends the items 1..N (default 5). */
#include <ipc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { ITEM = 1, DONE = 2 };

struct stage {
    const char *name;
    long (*transform)(long);
};

static long twice(long x) { return 2 * x; }
static long plus_ten(long x) { return x + 10; }
static long squared(long x) { return x * x; }

static const struct stage stages[] = {
    { "double", twice },
    { "add ten", plus_ten },
    { "square", squared },
};
#define STAGES (int)(sizeof stages / sizeof stages[0])

static void send_value(pid_t to, int type, long value)
{
    struct message m;
    memset(&m, 0, sizeof m);
    m.type = type;
    m.len = sizeof value;
    memcpy(m.body, &value, sizeof value);
    if (msg_send(to, &m, 0) != 0) {          /* waits until `to` receives it */
        perror("message_pipeline: msg_send");
        _exit(1);
    }
}

/* A middle stage: receive, transform, pass on, until DONE. */
static void run_stage(const struct stage *stage, pid_t next)
{
    for (;;) {
        struct message m;
        if (msg_recv(MSG_ANY, &m, 0) != 0) {
            perror("message_pipeline: msg_recv");
            _exit(1);
        }
        if (m.type == DONE) {
            printf("  stage %-8s (pid %d): done\n", stage->name, getpid());
            fflush(stdout);
            send_value(next, DONE, 0);
            _exit(0);
        }
        long in, out;
        memcpy(&in, m.body, sizeof in);
        out = stage->transform(in);
        printf("  stage %-8s (pid %d): %ld -> %ld\n", stage->name, getpid(), in, out);
        fflush(stdout);
        send_value(next, ITEM, out);
    }
}

/* The last stage: print what arrives. */
static void run_printer(void)
{
    for (;;) {
        struct message m;
        if (msg_recv(MSG_ANY, &m, 0) != 0) {
            perror("message_pipeline: msg_recv");
            _exit(1);
        }
        if (m.type == DONE) {
            printf("  printer        (pid %d): done\n", getpid());
            _exit(0);
        }
        long value;
        memcpy(&value, m.body, sizeof value);
        printf("  printer        (pid %d): result %ld (from pid %d)\n", getpid(), value, m.src);
        fflush(stdout);
    }
}

int main(int argc, char **argv)
{
    int items = argc > 1 ? atoi(argv[1]) : 5;
    fflush(stdout);

    /* fork the line from its end: each stage learns the next one's pid */
    pid_t next = fork();
    if (next == 0)
        run_printer();
    pid_t children[STAGES + 1];
    children[STAGES] = next;
    for (int s = STAGES - 1; s >= 0; s--) {
        pid_t pid = fork();
        if (pid == 0)
            run_stage(&stages[s], next);
        children[s] = pid;
        next = pid;
    }

    for (long i = 1; i <= items; i++) {
        printf("source (pid %d): item %ld\n", getpid(), i);
        fflush(stdout);
        send_value(next, ITEM, i);
    }
    send_value(next, DONE, 0);
    for (int s = 0; s <= STAGES; s++)
        waitpid(children[s], NULL, 0);
    printf("source: all %d items went through %d stages\n", items, STAGES);
    return 0;
}
