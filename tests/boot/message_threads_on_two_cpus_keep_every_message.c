/* tests/boot/message_threads_on_two_cpus_keep_every_message.c - the
 * message calls and mailboxes of processes of several threads, which on
 * several CPUs go without the big kernel lock as a process of one
 * thread's do (docs/smp.md, "Message calls of processes of several
 * threads"). A waiting thread of such a process keeps no view of its
 * buffer: another thread may unmap the page meanwhile, or fork and share
 * its frame with a child. Its peer walks the waiter's page tables
 * instead, in a window where a shootdown of them waits for its CPU
 * (smp_view_begin, arch/x86/smp_ipi.h), and a caller looks at its own
 * message again after each spin for a lock.
 *   - a client process of two threads and a server process of two
 *     threads, the client's caller on CPU 0 and the server's on CPU 1,
 *     make 2000 msg_call / msg_reply_recv round trips, while the second
 *     thread of each process maps, touches and unmaps pages without a
 *     pause (the client's also forks);
 *   - the same with 1500 round trips through two mailboxes, requests
 *     through a rendezvous (capacity 0) and answers through one of
 *     capacity 2 (the server's churn forks).
 * Every request and answer is checked: its number, its length, every
 * byte. (A buffer unmapped, or shared by a fork, under a waiting thread:
 * thread_unmap_or_fork_under_a_receiver_writes_only_its_buffer.c.) On one
 * CPU every call takes the usual way, and the same holds. At the end the
 * kernel's counters (tasks, messages, mailboxes, pages) are back. */
#include <errno.h>
#include <fcntl.h>
#include <ipc.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "boot_pairs.h"
#include "boot_thread.h"

#define PAGE 4096

static unsigned char pattern(unsigned sequence, unsigned index)
{
    return (unsigned char)(sequence * 31u + index * 7u + 5u);
}

static unsigned body_length(unsigned sequence)
{
    return 8 + sequence * 53u % (MSG_BODY_MAX - 8);
}

static void fill(struct message *m, unsigned sequence, int type)
{
    m->type = type;
    m->len = body_length(sequence);
    memcpy(m->body, &sequence, sizeof sequence);
    for (unsigned i = sizeof sequence; i < m->len; i++)
        m->body[i] = pattern(sequence, i) ^ (unsigned char)type;
}

/* Whether `m` is message `sequence` of `type`: its number, length and
 * every byte. */
static int is_message(const struct message *m, unsigned sequence, int type)
{
    unsigned got;
    memcpy(&got, m->body, sizeof got);
    if (m->type != type || got != sequence || m->len != body_length(sequence))
        return 0;
    for (unsigned i = sizeof got; i < m->len; i++)
        if ((unsigned char)m->body[i] != (unsigned char)(pattern(sequence, i) ^ type))
            return 0;
    return 1;
}

/* Maps, touches and unmaps pages, and (`forks`) forks a child that exits
 * at once, until *stop: shootdowns of the process's page tables, and
 * copy-on-write marks, while its other thread calls. Returns how many
 * rounds it made. */
static unsigned churn_memory(volatile int *stop, int forks)
{
    unsigned rounds = 0;
    while (!__atomic_load_n(stop, __ATOMIC_SEQ_CST)) {
        unsigned char *pages = mmap(0, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (pages == MAP_FAILED) {
            printf("churn: mmap: %s\n", strerror(errno));
            _exit(250);
        }
        for (int i = 0; i < 4; i++)
            pages[i * PAGE] = (unsigned char)rounds;
        munmap(pages, 4 * PAGE);
        if (forks && rounds % 16 == 0) {
            pid_t child = fork();
            if (child == 0)
                _exit(0);
            if (child < 0 || waitpid(child, 0, 0) != child) {
                printf("churn: fork or waitpid: %s\n", strerror(errno));
                _exit(251);
            }
        }
        rounds++;
    }
    return rounds;
}

/* ---- round trips between two processes of two threads ---- */

/* One kind of round trip: the server thread's loop, which _exits
 * non-zero at the first wrong message, and the client's, which returns
 * how many answers were right; which process's churn also forks. */
struct round_trips {
    const char *what;
    unsigned rounds;
    void (*serve)(void);
    unsigned (*call)(void);
    int server_forks, client_forks;
};

static volatile int *shared;         /* [0]: the server thread's tid; [1]: its churn's rounds; [2]: stop it */
static volatile int client_done;

static void *server_churn(void *forks)
{
    shared[1] = (int)churn_memory(&shared[2], (int)(long)forks);
    return 0;
}

static void *client_churn(void *forks)
{
    return (void *)(long)churn_memory(&client_done, (int)(long)forks);
}

/* The server process: one thread serves, kept to the last CPU, the other
 * churns. Exit status 0 when every request was right. */
static void run_server(const struct round_trips *kind, int last_cpu)
{
    pthread_t churn;
    if (pthread_create(&churn, 0, server_churn, (void *)(long)kind->server_forks) != 0)
        _exit(252);
    keep_to_cpu(last_cpu);
    __atomic_store_n(&shared[0], kernel_tid(), __ATOMIC_SEQ_CST);
    kind->serve();
    __atomic_store_n(&shared[2], 1, __ATOMIC_SEQ_CST);
    pthread_join(churn, 0);
    _exit(0);
}

static void round_trips_with_memory_churning(const struct round_trips *kind)
{
    int cpus = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
    struct kinfo_counters before = read_counters();
    shared = mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(shared != MAP_FAILED, "mmap of the shared words: %s", strerror(errno));
    fflush(stdout);
    pid_t server = fork();
    if (server == 0)
        run_server(kind, cpus - 1);
    CHECK(server > 0, "fork of the server: %s", strerror(errno));
    while (!__atomic_load_n(&shared[0], __ATOMIC_SEQ_CST))
        usleep(1000);
    client_done = 0;
    pthread_t churn;
    CHECK_EQ(0, pthread_create(&churn, 0, client_churn, (void *)(long)kind->client_forks),
             "pthread_create of the client's churn");
    keep_to_cpu(0);
    unsigned right = kind->call();
    __atomic_store_n(&client_done, 1, __ATOMIC_SEQ_CST);
    void *churned;
    pthread_join(churn, &churned);
    int status;
    CHECK(waitpid(server, &status, 0) == server, "waitpid for the server");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the server: every request right (status 0x%x)", status);
    CHECK_EQ(kind->rounds, right, "every answer right");
    if (cpus > 1)
        CHECK((long)churned > 0 && shared[1] > 0, "both processes' pages changed meanwhile (%ld, %d rounds)",
              (long)churned, shared[1]);
    char what[200];
    snprintf(what, sizeof what, "%u %s round trips between two processes of two threads, each checked, their "
             "pages changed %ld and %d times meanwhile", kind->rounds, kind->what, (long)churned, shared[1]);
    munmap((void *)shared, PAGE);
    /* the kernel before, which sent every message call and mailbox call
     * of a process of several threads the big lock's way: none */
    expect_calls_without_big_lock(what, before, cpus, kind->rounds);
}

/* ---- msg_call, answered by msg_reply_recv ---- */

#define CALL_ROUNDS 2000

static void serve_calls(void)
{
    static struct message m __attribute__((aligned(256)));   /* in one page: the usual way (above) */
    if (msg_recv(MSG_ANY, &m, 0) != 0)
        _exit(253);
    pid_t client = m.src;
    for (unsigned sequence = 0;; sequence++) {
        if (m.src != client || !is_message(&m, sequence, 1)) {
            printf("server: call %u: from %d type %d length %u\n", sequence, m.src, m.type, m.len);
            _exit(1 + (int)(sequence & 0x7f));
        }
        fill(&m, sequence, 2);
        if (sequence + 1 == CALL_ROUNDS) {
            if (msg_reply(client, &m) != 0)
                _exit(254);
            return;
        }
        if (msg_reply_recv(client, &m, client, 0) != 0) {
            printf("server: msg_reply_recv %u: %s\n", sequence, strerror(errno));
            _exit(255);
        }
    }
}

static unsigned make_calls(void)
{
    pid_t server_thread = shared[0];
    static struct message m __attribute__((aligned(256)));
    for (unsigned sequence = 0; sequence < CALL_ROUNDS; sequence++) {
        fill(&m, sequence, 1);
        if (msg_call(server_thread, &m) != 0) {
            printf("client: msg_call %u: %s\n", sequence, strerror(errno));
            return sequence;
        }
        if (!is_message(&m, sequence, 2) || m.src != server_thread) {
            printf("client: reply %u: from %d type %d length %u\n", sequence, m.src, m.type, m.len);
            return sequence;
        }
    }
    return CALL_ROUNDS;
}

/* ---- mailboxes: requests through a rendezvous, answers through a bounded one ---- */

#define BOX_ROUNDS 1500

static int requests, answers;

static void serve_mailboxes(void)
{
    static struct message m __attribute__((aligned(256)));
    for (unsigned sequence = 0; sequence < BOX_ROUNDS; sequence++) {
        if (mbox_recv(requests, &m, 0) != 0 || !is_message(&m, sequence, 3)) {
            printf("mailbox server: request %u: type %d length %u (%s)\n", sequence, m.type, m.len, strerror(errno));
            _exit(1 + (int)(sequence & 0x7f));
        }
        fill(&m, sequence, 4);
        if (mbox_send(answers, &m, 0) != 0)
            _exit(255);
    }
}

static unsigned send_through_mailboxes(void)
{
    static struct message m __attribute__((aligned(256)));
    for (unsigned sequence = 0; sequence < BOX_ROUNDS; sequence++) {
        fill(&m, sequence, 3);
        if (mbox_send(requests, &m, 0) != 0 || mbox_recv(answers, &m, 0) != 0) {
            printf("client: mailbox round %u: %s\n", sequence, strerror(errno));
            return sequence;
        }
        if (!is_message(&m, sequence, 4)) {
            printf("client: answer %u: type %d length %u\n", sequence, m.type, m.len);
            return sequence;
        }
    }
    return BOX_ROUNDS;
}

static void calls_with_memory_churning(void)
{
    static const struct round_trips calls = { "msg_call", CALL_ROUNDS, serve_calls, make_calls, 0, 1 };
    round_trips_with_memory_churning(&calls);
}

static void mailboxes_with_memory_churning(void)
{
    static const struct round_trips mailboxes = { "mailbox", BOX_ROUNDS, serve_mailboxes, send_through_mailboxes,
                                                  1, 0 };
    char requests_name[40], answers_name[40];
    snprintf(requests_name, sizeof requests_name, "/message_threads_%d_requests", (int)getpid());
    snprintf(answers_name, sizeof answers_name, "/message_threads_%d_answers", (int)getpid());
    requests = mbox_open(requests_name, O_CREAT | O_EXCL, 0);    /* a rendezvous */
    answers = mbox_open(answers_name, O_CREAT | O_EXCL, 2);      /* two held at most */
    CHECK(requests >= 0 && answers >= 0, "mbox_open: %s", strerror(errno));
    mbox_unlink(requests_name);
    mbox_unlink(answers_name);
    round_trips_with_memory_churning(&mailboxes);
    close(requests);
    close(answers);
}

static void cases(void)
{
    calls_with_memory_churning();
    mailboxes_with_memory_churning();
}

int main(void)
{
    alarm(200);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    run_cases_checking_leaks(cases);
    return test_finish("message_threads_on_two_cpus_keep_every_message");
}
