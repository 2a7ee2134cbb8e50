/* tests/boot/thread_killed_in_a_blocking_call_leaves_the_object_usable.c
 * - threads that die while they wait leave nothing behind on what they
 * waited on. Three threads of a child process wait on one object: a
 * futex word in shared memory, a pipe (read), a System V semaphore
 * (semop) and message queue (msgrcv), a POSIX message queue
 * (mq_receive), a mailbox (mbox_recv, and mbox_send to a rendezvous
 * mailbox), the parent's direct-message port (msg_send, and msg_call
 * waiting for a reply). Then the child ends while they wait: killed by
 * SIGKILL, or by exit() from its first thread. Afterwards no IPC object
 * lists a waiter, the object's own counts are right (GETNCNT 0, a
 * futex_wake finds nobody, no message of a dead sender arrives, a reply
 * to a dead caller is EINVAL), and another process uses the object as
 * before: what it sends arrives once, whole. Nothing leaks. */
#include <fcntl.h>
#include <limits.h>
#include <mqueue.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>

#include "boot_test.h"
#include "boot_thread.h"
#include "boot_wait.h"

#define WAITERS 3
#define MQ_NAME "/thread_killed_mq"
#define MBOX_NAME "thread_killed_mbox"
#define RENDEZVOUS_NAME "thread_killed_rendezvous"

struct objects {
    volatile int *futex_word;
    int pipe[2];
    int semaphores, queue;
    mqd_t mq;
    int mailbox, rendezvous;
    int parent;
};

static struct objects objects;

struct sysv_message {
    long type;
    char text[16];
};

/* ---- how the waiting threads wait, one function per object ------------------- */

static void wait_on_the_futex(void)
{
    while (*objects.futex_word == 0)
        raw_futex_wait(objects.futex_word, 0, NULL);
}

static void read_the_pipe(void)
{
    char c;
    read(objects.pipe[0], &c, 1);
}

static void take_from_the_semaphore(void)
{
    struct sembuf down = { 0, -1, 0 };
    semop(objects.semaphores, &down, 1);
}

static void receive_from_the_queue(void)
{
    struct sysv_message message;
    msgrcv(objects.queue, &message, sizeof message.text, 0, 0);
}

static void receive_from_the_mq(void)
{
    char buffer[64];
    mq_receive(objects.mq, buffer, sizeof buffer, NULL);
}

static void receive_from_the_mailbox(void)
{
    struct message message;
    mbox_recv(objects.mailbox, &message, 0);
}

static void send_to_the_rendezvous(void)
{
    struct message message;
    set_text(&message, 1, "from a dead sender");
    mbox_send(objects.rendezvous, &message, 0);
}

static void send_to_the_parent(void)
{
    struct message message;
    set_text(&message, 2, "from a dead sender");
    msg_send(objects.parent, &message, 0);
}

static void call_the_parent(void)
{
    struct message message;
    set_text(&message, 3, "a call");
    msg_call(objects.parent, &message);
}

/* ---- what the parent checks afterwards -------------------------------------------- */

static void futex_has_no_dead_waiter(void)
{
    CHECK_EQ(0, raw_futex_wake(objects.futex_word, INT_MAX), "waiters woken on the futex after the deaths");
    pid_t waiter = fork();
    if (waiter == 0) {
        alarm(10);
        wait_on_the_futex();
        _exit(0);
    }
    CHECK(wait_until_blocked_on_a_futex(waiter), "a new process does not wait on the futex");
    *objects.futex_word = 1;
    CHECK_EQ(1, raw_futex_wake(objects.futex_word, INT_MAX), "waiters woken: the new one alone");
    expect_child_success(waiter, "the new futex waiter");
    *objects.futex_word = 0;
}

static void pipe_still_carries_bytes(void)
{
    pid_t reader = fork();
    if (reader == 0) {
        char buffer[4] = { 0 };
        alarm(10);
        _exit(read_fully(objects.pipe[0], buffer, 3) == 3 && !memcmp(buffer, "abc", 3) ? 0 : 1);
    }
    CHECK(wait_until_blocked(reader, "pipe read"), "a new reader does not wait on the pipe");
    CHECK_EQ(3, write(objects.pipe[1], "abc", 3), "write to the pipe");
    expect_child_success(reader, "the new reader of the pipe");
}

static void semaphore_counts_no_dead_waiter(void)
{
    CHECK_EQ(0, semctl(objects.semaphores, 0, GETNCNT), "GETNCNT after the deaths");
    struct sembuf up = { 0, 1, 0 }, down = { 0, -1, IPC_NOWAIT };
    CHECK_EQ(0, semop(objects.semaphores, &up, 1), "semop +1");
    CHECK_EQ(1, semctl(objects.semaphores, 0, GETVAL), "the value after +1 (no dead waiter took it)");
    CHECK_EQ(0, semop(objects.semaphores, &down, 1), "semop -1");
}

static void queue_still_carries_messages(void)
{
    struct sysv_message message = { 5, "hello" }, got;
    memset(&got, 0, sizeof got);
    CHECK_EQ(0, msgsnd(objects.queue, &message, sizeof message.text, 0), "msgsnd");
    CHECK_EQ((long)sizeof got.text, msgrcv(objects.queue, &got, sizeof got.text, 0, IPC_NOWAIT), "msgrcv");
    CHECK(got.type == 5 && !strcmp(got.text, "hello"), "the message came back changed");
}

static void mq_still_carries_messages(void)
{
    char buffer[64] = { 0 };
    CHECK_EQ(0, mq_send(objects.mq, "hello", 6, 1), "mq_send");
    CHECK_EQ(6, mq_receive(objects.mq, buffer, sizeof buffer, NULL), "mq_receive");
    CHECK(!strcmp(buffer, "hello"), "the message came back changed");
    struct mq_attr attributes;
    mq_getattr(objects.mq, &attributes);
    CHECK_EQ(0, attributes.mq_curmsgs, "messages left in the queue");
}

static void mailbox_has_no_dead_receiver(void)
{
    struct mbox_stat st = mbox_numbers(objects.mailbox);
    CHECK_EQ(0, st.receivers_waiting, "mailbox receivers waiting after the deaths");
    struct message message, got;
    set_text(&message, 7, "hello");
    CHECK_EQ(0, mbox_send(objects.mailbox, &message, 0), "mbox_send");
    CHECK_EQ(1, mbox_numbers(objects.mailbox).count, "messages in the mailbox (no dead receiver took it)");
    CHECK_EQ(0, mbox_recv(objects.mailbox, &got, MSG_NONBLOCK), "mbox_recv");
    CHECK(got.type == 7 && !strcmp(got.body, "hello"), "the message came back changed");
}

static void rendezvous_has_no_dead_sender(void)
{
    struct mbox_stat st = mbox_numbers(objects.rendezvous);
    CHECK_EQ(0, st.senders_waiting, "rendezvous senders waiting after the deaths");
    struct message got;
    CHECK_ERROR(mbox_recv(objects.rendezvous, &got, MSG_NONBLOCK), EAGAIN);
    pid_t sender = fork();
    if (sender == 0) {
        struct message message;
        set_text(&message, 8, "alive");
        alarm(10);
        _exit(mbox_send(objects.rendezvous, &message, 0) == 0 ? 0 : 1);
    }
    CHECK(WAIT_UNTIL(mbox_numbers(objects.rendezvous).senders_waiting == 1), "a new sender does not wait");
    CHECK_EQ(0, mbox_recv(objects.rendezvous, &got, 0), "mbox_recv from the new sender");
    CHECK(got.type == 8 && !strcmp(got.body, "alive"), "the rendezvous message is not the new sender's");
    expect_child_success(sender, "the new rendezvous sender");
}

static void port_gets_no_message_of_a_dead_sender(void)
{
    struct message got;
    CHECK_ERROR(msg_recv(MSG_ANY, &got, MSG_NONBLOCK), EAGAIN);
    pid_t sender = fork();
    if (sender == 0) {
        struct message message;
        set_text(&message, 9, "alive");
        alarm(10);
        _exit(msg_send(objects.parent, &message, 0) == 0 ? 0 : 1);
    }
    CHECK_EQ(0, msg_recv(sender, &got, 0), "msg_recv from a new sender");
    CHECK(got.type == 9 && !strcmp(got.body, "alive"), "the message is not the new sender's");
    expect_child_success(sender, "the new sender");
}

/* The calls of the dead threads were taken (the parent received them)
 * before the deaths: the replies find nobody (msg_reply(2): EINVAL). */
static int callers[WAITERS];

static void take_the_calls(void)
{
    for (int i = 0; i < WAITERS; i++) {
        struct message got;
        callers[i] = msg_recv(MSG_ANY, &got, 0) == 0 ? got.src : 0;
        CHECK(callers[i] > 0 && got.type == 3, "call %d was not received", i);
    }
}

static void replies_to_dead_callers_fail(void)
{
    struct message reply;
    set_text(&reply, 4, "too late");
    for (int i = 0; i < WAITERS; i++)
        CHECK(msg_reply(callers[i], &reply) == -1 && errno == EINVAL, "the reply to dead caller %d: %s",
              callers[i], strerror(errno));
    port_gets_no_message_of_a_dead_sender();
}

/* ---- the cases ------------------------------------------------------------------- */

struct mechanism {
    const char *name;
    void (*wait)(void);
    const char *reason;                     /* part of the wait reason ps -T shows */
    void (*before_death)(void);             /* in the parent, once all three wait */
    void (*check)(void);
};

static const struct mechanism mechanisms[] = {
    { "futex", wait_on_the_futex, "futex", 0, futex_has_no_dead_waiter },
    { "pipe read", read_the_pipe, "pipe read", 0, pipe_still_carries_bytes },
    { "semop", take_from_the_semaphore, "semop", 0, semaphore_counts_no_dead_waiter },
    { "msgrcv", receive_from_the_queue, "msgrcv", 0, queue_still_carries_messages },
    { "mq_receive", receive_from_the_mq, "mq_recv", 0, mq_still_carries_messages },
    { "mbox_recv", receive_from_the_mailbox, "mbox_recv", 0, mailbox_has_no_dead_receiver },
    { "mbox_send", send_to_the_rendezvous, "mbox_send", 0, rendezvous_has_no_dead_sender },
    { "msg_send", send_to_the_parent, "msg_send", 0, port_gets_no_message_of_a_dead_sender },
    { "msg_call", call_the_parent, "msg_call", take_the_calls, replies_to_dead_callers_fail },
};

static volatile int thread_tids[WAITERS];
static const struct mechanism *current;

static void *wait_in_the_call(void *argument)
{
    thread_tids[(long)argument] = gettid();
    current->wait();
    return 0;                               /* should not come back: nobody ends the wait */
}

static int no_object_lists_a_waiter(void)
{
    static struct kinfo_ipc_object listed[128];
    int count = kinfo(KINFO_IPC_OBJECTS, listed, sizeof listed) / (int)sizeof listed[0];
    for (int i = 0; i < count; i++)
        if (listed[i].senders_waiting || listed[i].receivers_waiting) {
            printf("FAIL: %s %s lists %u senders and %u receivers waiting\n", listed[i].kind, listed[i].name,
                   listed[i].senders_waiting, listed[i].receivers_waiting);
            return 0;
        }
    return 1;
}

enum death { KILLED, EXIT_FROM_THE_FIRST_THREAD };

static void die_while_waiting(const struct mechanism *mechanism, enum death death)
{
    current = mechanism;
    int ready[2], go[2];
    pipe(ready);
    pipe(go);
    pid_t child = fork();
    if (child == 0) {
        pthread_t threads[WAITERS];
        memset((void *)thread_tids, 0, sizeof thread_tids);
        start_threads(threads, WAITERS, wait_in_the_call);
        for (int i = 0; i < WAITERS; i++)
            while (!thread_tids[i] || !thread_is_blocked_in(thread_tids[i], mechanism->reason))
                usleep(1000);
        write(ready[1], (const void *)thread_tids, sizeof thread_tids);
        char word;
        read(go[0], &word, 1);              /* the parent's word: die now */
        if (death == EXIT_FROM_THE_FIRST_THREAD)
            exit(0);
        for (;;)
            pause();
    }
    int tids[WAITERS];
    alarm(20);
    CHECK_EQ((int)sizeof tids, read_fully(ready[0], tids, sizeof tids), "the child's three threads waiting");
    alarm(0);
    if (mechanism->before_death)
        mechanism->before_death();
    for (int i = 0; i < WAITERS; i++)
        CHECK(wait_until_thread_blocked_in(tids[i], mechanism->reason), "%s: thread %d does not wait",
              mechanism->name, i);
    if (death == KILLED)
        kill(child, SIGKILL);
    else
        write(go[1], "g", 1);
    int status = 0;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
    CHECK(death == KILLED ? WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL
                          : WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "%s: status 0x%x", mechanism->name, status);
    close(ready[0]);
    close(ready[1]);
    close(go[0]);
    close(go[1]);
    CHECK(no_object_lists_a_waiter(), "%s (%s): a dead thread still waits", mechanism->name,
          death == KILLED ? "killed" : "exit");
    mechanism->check();
}

static void open_the_objects(void)
{
    objects.futex_word = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    *objects.futex_word = 0;
    pipe(objects.pipe);
    objects.semaphores = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
    objects.queue = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    mq_unlink(MQ_NAME);
    struct mq_attr attributes;
    memset(&attributes, 0, sizeof attributes);
    attributes.mq_maxmsg = 4;
    attributes.mq_msgsize = 64;
    objects.mq = mq_open(MQ_NAME, O_RDWR | O_CREAT, 0600, &attributes);
    mbox_unlink(MBOX_NAME);
    mbox_unlink(RENDEZVOUS_NAME);
    objects.mailbox = mbox_open(MBOX_NAME, O_CREAT, 4);
    objects.rendezvous = mbox_open(RENDEZVOUS_NAME, O_CREAT, 0);
    objects.parent = getpid();
    CHECK(objects.semaphores >= 0 && objects.queue >= 0 && objects.mq != (mqd_t)-1 && objects.mailbox >= 0 &&
          objects.rendezvous >= 0, "an object could not be made: %s", strerror(errno));
}

static void close_the_objects(void)
{
    munmap((void *)objects.futex_word, 4096);
    close(objects.pipe[0]);
    close(objects.pipe[1]);
    semctl(objects.semaphores, 0, IPC_RMID);
    msgctl(objects.queue, IPC_RMID, NULL);
    mq_close(objects.mq);
    mq_unlink(MQ_NAME);
    close(objects.mailbox);
    close(objects.rendezvous);
    mbox_unlink(MBOX_NAME);
    mbox_unlink(RENDEZVOUS_NAME);
}

static void cases(void)
{
    open_the_objects();
    for (unsigned i = 0; i < sizeof mechanisms / sizeof mechanisms[0]; i++) {
        die_while_waiting(&mechanisms[i], KILLED);
        die_while_waiting(&mechanisms[i], EXIT_FROM_THE_FIRST_THREAD);
    }
    close_the_objects();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("thread_killed_in_a_blocking_call_leaves_the_object_usable");
}
