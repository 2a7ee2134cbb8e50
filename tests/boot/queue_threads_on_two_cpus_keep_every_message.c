/* tests/boot/queue_threads_on_two_cpus_keep_every_message.c - the
 * queues' and semaphores' calls of a process of several threads, which on
 * several CPUs go without the big kernel lock as a process of one
 * thread's do (docs/smp.md, "Threads without the big lock"): a POSIX queue's
 * file held by a reference while another thread changes the descriptor
 * table; a System V queue and semaphore set found by their ids.
 *   - three client threads of one process make 1500 round trips each
 *     with a server process: thread 0 on CPU 0 through two POSIX queues,
 *     thread 1 on CPU 1 through a System V queue (requests of type 1,
 *     answers of type 2), thread 2 on CPU 0 through two System V
 *     semaphores (its turn, the server's); every message and every turn
 *     is checked, while a fourth thread dups and closes the POSIX queues'
 *     descriptors without a pause;
 *   - a thread asleep in mq_receive outlives an mq_close of its
 *     descriptor by another thread, as on Linux: a message sent through
 *     another descriptor of the queue then reaches it; its next receive
 *     says EBADF.
 * On two CPUs the client threads' calls go without the big lock (the
 * kernel before sent every call of a process of several threads the
 * big lock's way); on one CPU every call takes the usual way. At the end
 * the kernel's counters (tasks, queues, sets, files, pages) are back. */
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/wait.h>

#include "boot_pairs.h"
#include "boot_thread.h"

#define ROUNDS 1500
#define BODY 64

static unsigned body_sum(unsigned sequence)
{
    unsigned sum = 0;
    for (unsigned i = 0; i < BODY; i++)
        sum += (unsigned char)(sequence * 13u + i);
    return sum;
}

static void fill_body(unsigned char *body, unsigned sequence)
{
    for (unsigned i = 0; i < BODY; i++)
        body[i] = (unsigned char)(sequence * 13u + i);
}

/* A request: its number and a body the number gives; the answer: the
 * number and the body's sum. */
struct request {
    unsigned sequence;
    unsigned char body[BODY];
};

struct answer {
    unsigned sequence, sum;
};

struct sysv_request {
    long type;
    struct request request;
};

struct sysv_answer {
    long type;
    struct answer answer;
};

/* The server's check of a request: exits with the sequence's low bits
 * when it is wrong. */
static struct answer answer_to(const struct request *request, unsigned sequence)
{
    if (request->sequence != sequence) {
        printf("server: request %u came as %u\n", sequence, request->sequence);
        _exit(1 + (int)(sequence & 0x7f));
    }
    unsigned sum = 0;
    for (unsigned i = 0; i < BODY; i++)
        sum += request->body[i];
    if (sum != body_sum(sequence)) {
        printf("server: request %u: body sum %u, %u expected\n", sequence, sum, body_sum(sequence));
        _exit(1 + (int)(sequence & 0x7f));
    }
    return (struct answer){ sequence, sum };
}

/* A call failed: says which and why, and ends the process (a client's
 * whole process: the test then fails on its status). */
static void failed(const char *who, const char *call, unsigned sequence)
{
    printf("%s: %s of round %u: %s\n", who, call, sequence, strerror(errno));
    _exit(255);
}

static int expect_answer(const struct answer *answer, unsigned sequence, const char *who)
{
    if (answer->sequence == sequence && answer->sum == body_sum(sequence))
        return 1;
    printf("%s: answer %u: number %u, sum %u\n", who, sequence, answer->sequence, answer->sum);
    _exit(2);
}

/* ---- the servers: processes of one thread ---- */

static void serve_posix(mqd_t requests, mqd_t answers)
{
    for (unsigned sequence = 0; sequence < ROUNDS; sequence++) {
        struct request request;
        if (mq_receive(requests, (char *)&request, sizeof request, 0) != (ssize_t)sizeof request)
            failed("POSIX server", "mq_receive", sequence);
        struct answer answer = answer_to(&request, sequence);
        if (mq_send(answers, (const char *)&answer, sizeof answer, 0) < 0)
            failed("POSIX server", "mq_send", sequence);
    }
}

static void serve_sysv(int queue)
{
    for (unsigned sequence = 0; sequence < ROUNDS; sequence++) {
        struct sysv_request request;
        if (msgrcv(queue, &request, sizeof request.request, 1, 0) != (ssize_t)sizeof request.request)
            failed("System V server", "msgrcv", sequence);
        struct sysv_answer answer = { 2, answer_to(&request.request, sequence) };
        if (msgsnd(queue, &answer, sizeof answer.answer, 0) < 0)
            failed("System V server", "msgsnd", sequence);
    }
}

/* Semaphore 0 is the server's turn, 1 the client's; a shared word counts
 * the turns, each side checking it finds the other's last. */
static void serve_turns(int set, volatile unsigned *turns)
{
    struct sembuf take = { 0, -1, 0 }, give = { 1, 1, 0 };
    for (unsigned turn = 0; turn < ROUNDS; turn++) {
        if (semop(set, &take, 1) < 0)
            failed("semaphore server", "semop", turn);
        if (*turns != 2 * turn + 1) {
            printf("server: turn %u found the count at %u\n", turn, *turns);
            _exit(3);
        }
        *turns = 2 * turn + 2;
        if (semop(set, &give, 1) < 0)
            failed("semaphore server", "semop", turn);
    }
}

/* ---- the clients: threads of one process ---- */

static mqd_t posix_requests, posix_answers;
static int sysv_queue, semaphores;
static volatile unsigned *shared_turns;
static volatile int clients_done;

static void *posix_client(void *unused)
{
    (void)unused;
    keep_to_cpu(0);
    for (unsigned sequence = 0; sequence < ROUNDS; sequence++) {
        struct request request = { sequence, { 0 } };
        fill_body(request.body, sequence);
        struct answer answer;
        if (mq_send(posix_requests, (const char *)&request, sizeof request, 0) < 0 ||
            mq_receive(posix_answers, (char *)&answer, sizeof answer, 0) != (ssize_t)sizeof answer)
            failed("POSIX client", "mq_send or mq_receive", sequence);
        expect_answer(&answer, sequence, "POSIX client");
    }
    __atomic_add_fetch(&clients_done, 1, __ATOMIC_SEQ_CST);
    return 0;
}

static void *sysv_client(void *argument)
{
    keep_to_cpu(*(int *)argument);
    for (unsigned sequence = 0; sequence < ROUNDS; sequence++) {
        struct sysv_request request = { 1, { sequence, { 0 } } };
        fill_body(request.request.body, sequence);
        struct sysv_answer answer;
        if (msgsnd(sysv_queue, &request, sizeof request.request, 0) < 0 ||
            msgrcv(sysv_queue, &answer, sizeof answer.answer, 2, 0) != (ssize_t)sizeof answer.answer)
            failed("System V client", "msgsnd or msgrcv", sequence);
        expect_answer(&answer.answer, sequence, "System V client");
    }
    __atomic_add_fetch(&clients_done, 1, __ATOMIC_SEQ_CST);
    return 0;
}

static void *turn_client(void *unused)
{
    (void)unused;
    keep_to_cpu(0);
    struct sembuf give = { 0, 1, 0 }, take = { 1, -1, 0 };
    for (unsigned turn = 0; turn < ROUNDS; turn++) {
        if (*shared_turns != 2 * turn) {
            printf("client: turn %u found the count at %u\n", turn, *shared_turns);
            _exit(3);
        }
        *shared_turns = 2 * turn + 1;
        if (semop(semaphores, &give, 1) < 0 || semop(semaphores, &take, 1) < 0)
            failed("semaphore client", "semop", turn);
    }
    __atomic_add_fetch(&clients_done, 1, __ATOMIC_SEQ_CST);
    return 0;
}

static unsigned table_changes;

/* Dups and closes the POSIX queues' descriptors until the clients are
 * done: slots of the table change while the POSIX client looks its up. */
static void *table_changer(void *unused)
{
    (void)unused;
    while (__atomic_load_n(&clients_done, __ATOMIC_SEQ_CST) < 3) {
        int a = dup(posix_requests), b = dup2(posix_answers, 200);
        if (a < 0 || b != 200) {
            printf("table changer: dup %d, dup2 %d: %s\n", a, b, strerror(errno));
            _exit(4);
        }
        close(a);
        close(b);
        table_changes++;
    }
    return 0;
}

static pid_t start_server(int cpu)
{
    fflush(stdout);
    pid_t server = fork();
    if (server == 0)
        keep_to_cpu(cpu);
    return server;
}

static void expect_server_done(pid_t server, const char *name)
{
    int status;
    CHECK(waitpid(server, &status, 0) == server, "waitpid for the %s server", name);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the %s server: every request right (status 0x%x)", name,
          status);
}

static void client_threads_keep_every_message(void)
{
    int cpus = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
    int second_cpu = 1 % cpus;
    struct kinfo_counters before = read_counters();
    struct mq_attr attributes = { .mq_maxmsg = 4, .mq_msgsize = sizeof(struct request) };
    struct mq_attr answers_attributes = { .mq_maxmsg = 4, .mq_msgsize = sizeof(struct answer) };
    char requests_name[40], answers_name[40];
    snprintf(requests_name, sizeof requests_name, "/queue_threads_%d_requests", (int)getpid());
    snprintf(answers_name, sizeof answers_name, "/queue_threads_%d_answers", (int)getpid());
    posix_requests = mq_open(requests_name, O_RDWR | O_CREAT | O_EXCL, 0600, &attributes);
    posix_answers = mq_open(answers_name, O_RDWR | O_CREAT | O_EXCL, 0600, &answers_attributes);
    CHECK(posix_requests >= 0 && posix_answers >= 0, "mq_open: %s", strerror(errno));
    mq_unlink(requests_name);
    mq_unlink(answers_name);
    sysv_queue = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    semaphores = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
    CHECK(sysv_queue >= 0 && semaphores >= 0, "msgget, semget: %s", strerror(errno));
    shared_turns = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(shared_turns != MAP_FAILED, "mmap of the turns' count: %s", strerror(errno));

    pid_t servers[3];
    if ((servers[0] = start_server(0)) == 0) {
        serve_posix(posix_requests, posix_answers);
        _exit(0);
    }
    if ((servers[1] = start_server(second_cpu)) == 0) {
        serve_sysv(sysv_queue);
        _exit(0);
    }
    if ((servers[2] = start_server(0)) == 0) {
        serve_turns(semaphores, shared_turns);
        _exit(0);
    }
    pthread_t threads[4];
    CHECK_EQ(0, pthread_create(&threads[0], 0, posix_client, 0), "pthread_create, POSIX client");
    CHECK_EQ(0, pthread_create(&threads[1], 0, sysv_client, &second_cpu), "pthread_create, System V client");
    CHECK_EQ(0, pthread_create(&threads[2], 0, turn_client, 0), "pthread_create, semaphore client");
    CHECK_EQ(0, pthread_create(&threads[3], 0, table_changer, 0), "pthread_create, table changer");
    for (int i = 0; i < 4; i++)
        CHECK(pthread_join(threads[i], 0) == 0, "pthread_join %d", i);
    expect_server_done(servers[0], "POSIX queue");
    expect_server_done(servers[1], "System V queue");
    expect_server_done(servers[2], "semaphore");
    CHECK_EQ(2u * ROUNDS, *shared_turns, "every turn taken, in turn");
    if (cpus > 1)                       /* (on one CPU the changer, which only computes, may wait for the end) */
        CHECK(table_changes >= 10, "the table changed while the clients ran (%u rounds)", table_changes);
    mq_close(posix_requests);
    mq_close(posix_answers);
    msgctl(sysv_queue, IPC_RMID, 0);
    semctl(semaphores, 0, IPC_RMID);
    munmap((void *)shared_turns, 4096);

    /* the kernel before, whose processes of several threads sent every
     * call the big lock's way: 3,307 (some of the servers' calls: the
     * others met a queue or set the clients used with the big lock); now
     * 18,000, every call of the 9,000 round trips */
    char what[200];
    snprintf(what, sizeof what, "client threads: 1500 round trips each (POSIX queues, a System V queue, System V "
             "semaphores), each checked, the table changed %u times meanwhile", table_changes);
    expect_calls_without_big_lock(what, before, cpus, 13000);
}

static mqd_t blocked_queue;
static volatile int receiver_tid;
static ssize_t first_receive = -2, second_receive = -2;
static int second_errno;
static struct answer received;

/* Receives one message of blocked_queue, kept to the last CPU, then again. */
static void *receive_twice(void *argument)
{
    keep_to_cpu(*(int *)argument);
    receiver_tid = kernel_tid();
    first_receive = mq_receive(blocked_queue, (char *)&received, sizeof received, 0);
    struct answer again;
    second_receive = mq_receive(blocked_queue, (char *)&again, sizeof again, 0);
    second_errno = errno;
    return 0;
}

static void receive_outlives_a_close(void)
{
    int last_cpu = (sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1) - 1;
    unsigned files = read_counters().open_files, queues = read_counters().posix_message_queues;
    struct mq_attr attributes = { .mq_maxmsg = 4, .mq_msgsize = sizeof(struct answer) };
    char name[40];
    snprintf(name, sizeof name, "/queue_threads_%d_closed", (int)getpid());
    blocked_queue = mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &attributes);
    mqd_t sender = mq_open(name, O_WRONLY);
    CHECK(blocked_queue >= 0 && sender >= 0, "mq_open: %s", strerror(errno));
    mq_unlink(name);
    pthread_t receiver;
    CHECK_EQ(0, pthread_create(&receiver, 0, receive_twice, &last_cpu), "pthread_create");
    while (!__atomic_load_n(&receiver_tid, __ATOMIC_SEQ_CST))
        usleep(1000);
    CHECK(wait_until_thread_blocked_in(receiver_tid, "mq_recv"), "the receiver sleeps in mq_receive");
    CHECK_EQ(0, mq_close(blocked_queue), "mq_close of the descriptor the receiver waits on");
    usleep(20000);
    CHECK(thread_is_blocked_in(receiver_tid, "mq_recv"), "the close did not end the receive");
    struct answer message = { 7, 77 };
    CHECK_EQ(0, mq_send(sender, (const char *)&message, sizeof message, 0), "mq_send through the other descriptor");
    CHECK_EQ(0, pthread_join(receiver, 0), "pthread_join");
    CHECK(first_receive == (ssize_t)sizeof message && received.sequence == 7 && received.sum == 77,
          "the receive returned the message sent after the close (%d bytes)", (int)first_receive);
    CHECK(second_receive == -1 && second_errno == EBADF, "the next receive on the closed descriptor: EBADF (%d, %s)",
          (int)second_receive, strerror(second_errno));
    mq_close(sender);
    CHECK_EQ(files, read_counters().open_files, "both descriptors' files released");
    CHECK_EQ(queues, read_counters().posix_message_queues, "the queue freed");
}

static void cases(void)
{
    client_threads_keep_every_message();
    receive_outlives_a_close();
}

int main(void)
{
    alarm(200);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    run_cases_checking_leaks(cases);
    return test_finish("queue_threads_on_two_cpus_keep_every_message");
}
