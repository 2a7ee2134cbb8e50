/* tests/boot/thread_pools_take_every_item_and_message_exactly_once.c -
 * pools of threads sharing work through the IPC of this kernel, every
 * item handled exactly once, whole (sem_init(3), mailbox(7),
 * message(7)). Three producer and three consumer threads pass 6000 items
 * through a bounded buffer guarded by two unnamed POSIX semaphores
 * (pshared 0) and a mutex: each item is taken once, the counts and the
 * checksum are exact, the semaphores end where they began. Four threads
 * take from one mailbox what two processes and two threads send it: each
 * message once, counts and checksum exact. Four threads each serve their
 * own message port (a message goes to a thread: msg_send to its tid)
 * for three client processes that msg_call them and send MSG_ASYNC
 * messages, and for the first thread of their own process: each message
 * reaches the thread it was sent to, once, dst naming it; every call gets
 * the reply to its own request; nothing reaches the first thread. */
#include <fcntl.h>
#include <ipc.h>
#include <semaphore.h>
#include <stdint.h>

#include "boot_test.h"
#include "boot_thread.h"
#include "boot_wait.h"

static uint32_t checksum_of(uint32_t sender, uint32_t sequence)
{
    uint32_t hash = 2166136261u;
    hash = (hash ^ sender) * 16777619u;
    hash = (hash ^ sequence) * 16777619u;
    return hash;
}

static int test_and_set(volatile uint32_t *bits, unsigned bit)
{
    unsigned char old;
    __asm__ volatile("lock btsl %2, %1\n\tsetc %0"
                     : "=q"(old), "+m"(bits[bit / 32]) : "r"(bit % 32) : "memory", "cc");
    return old;
}

static volatile int duplicates, damaged;
static volatile uint32_t seen[(8 * 1000) / 32 + 1];

/* Notes item `sequence` of `sender` (senders 0..7, sequences below 1000)
 * with `checksum`; returns the checksum to add up, 0 if the item was
 * damaged or came twice. */
static uint32_t take(uint32_t sender, uint32_t sequence, uint32_t checksum)
{
    if (sender >= 8 || sequence >= 1000 || checksum != checksum_of(sender, sequence)) {
        atomic_add_int(&damaged, 1);
        return 0;
    }
    if (test_and_set(seen, sender * 1000 + sequence)) {
        atomic_add_int(&duplicates, 1);
        return 0;
    }
    return checksum;
}

static void start_counting(void)
{
    memset((void *)seen, 0, sizeof seen);
    duplicates = damaged = 0;
}

static uint64_t expected_checksum(int senders, int per_sender)
{
    uint64_t sum = 0;
    for (int s = 0; s < senders; s++)
        for (int i = 0; i < per_sender; i++)
            sum += checksum_of(s, i);
    return sum;
}

static volatile uint64_t checksum_total;
static volatile int items_total;
static pthread_mutex_t totals_lock = PTHREAD_MUTEX_INITIALIZER;

static void add_to_totals(int items, uint64_t checksum)
{
    pthread_mutex_lock(&totals_lock);
    items_total += items;
    checksum_total += checksum;
    pthread_mutex_unlock(&totals_lock);
}

/* ---- a bounded buffer of POSIX semaphores ------------------------------------------ */

#define SLOTS 8
#define PRODUCERS 3
#define CONSUMERS 3
#define ITEMS 1000                          /* per producer */
#define POISON 0xFFFFFFFFu

static sem_t empty_slots, full_slots;
static pthread_mutex_t buffer_lock = PTHREAD_MUTEX_INITIALIZER;
static uint32_t buffer[SLOTS][2];
static unsigned put_at, take_at;

static void put(uint32_t item, uint32_t checksum)
{
    while (sem_wait(&empty_slots) < 0)
        ;
    pthread_mutex_lock(&buffer_lock);
    buffer[put_at][0] = item;
    buffer[put_at][1] = checksum;
    put_at = (put_at + 1) % SLOTS;
    pthread_mutex_unlock(&buffer_lock);
    sem_post(&full_slots);
}

static void *produce(void *argument)
{
    uint32_t producer = (uint32_t)(long)argument;
    for (uint32_t i = 0; i < ITEMS; i++) {
        put(producer << 16 | i, checksum_of(producer, i));
        if (i % 97 == 0)
            sched_yield();
    }
    return 0;
}

static void *consume(void *unused)
{
    (void)unused;
    int items = 0;
    uint64_t checksum = 0;
    for (;;) {
        while (sem_wait(&full_slots) < 0)
            ;
        pthread_mutex_lock(&buffer_lock);
        uint32_t item = buffer[take_at][0], sum = buffer[take_at][1];
        take_at = (take_at + 1) % SLOTS;
        pthread_mutex_unlock(&buffer_lock);
        sem_post(&empty_slots);
        if (item == POISON)
            break;
        items++;
        checksum += take(item >> 16, item & 0xFFFF, sum);
    }
    add_to_totals(items, checksum);
    return 0;
}

static void semaphores_carry_a_bounded_buffer(void)
{
    start_counting();
    items_total = 0;
    checksum_total = 0;
    CHECK_EQ(0, sem_init(&empty_slots, 0, SLOTS), "sem_init(pshared 0)");
    CHECK_EQ(0, sem_init(&full_slots, 0, 0), "sem_init(pshared 0)");
    pthread_t producers[PRODUCERS], consumers[CONSUMERS];
    start_threads(consumers, CONSUMERS, consume);
    start_threads(producers, PRODUCERS, produce);
    join_threads(producers, PRODUCERS);
    for (int c = 0; c < CONSUMERS; c++)
        put(POISON, 0);
    join_threads(consumers, CONSUMERS);
    CHECK_EQ(PRODUCERS * ITEMS, items_total, "items the consumers took");
    CHECK_EQ(0, duplicates, "items taken twice");
    CHECK_EQ(0, damaged, "items damaged");
    CHECK(checksum_total == expected_checksum(PRODUCERS, ITEMS), "the sum of the checksums taken is wrong");
    int value = -1;
    sem_getvalue(&empty_slots, &value);
    CHECK_EQ(SLOTS, value, "empty slots at the end");
    sem_getvalue(&full_slots, &value);
    CHECK_EQ(0, value, "full slots at the end");
    sem_destroy(&empty_slots);
    sem_destroy(&full_slots);
}

/* ---- a pool of threads on one mailbox ------------------------------------------------ */

#define WORKERS 4
#define MAILBOX "thread_pool_box"
#define MESSAGES 400                        /* per sender */
#define SENDER_PROCESSES 2
#define SENDER_THREADS 2
#define STOP_TYPE 99

static int mailbox;

static void fill(struct message *message, int type, uint32_t sender, uint32_t sequence)
{
    memset(message, 0, sizeof *message);
    message->type = type;
    uint32_t words[3] = { sender, sequence, checksum_of(sender, sequence) };
    memcpy(message->body, words, sizeof words);
    message->len = sizeof words;
}

static uint32_t take_message(const struct message *message)
{
    uint32_t words[3];
    if (message->len != sizeof words) {
        atomic_add_int(&damaged, 1);
        return 0;
    }
    memcpy(words, message->body, sizeof words);
    return take(words[0], words[1], words[2]);
}

static void send_to_the_mailbox(uint32_t sender)
{
    struct message message;
    for (uint32_t i = 0; i < MESSAGES; i++) {
        fill(&message, 1, sender, i);
        while (mbox_send(mailbox, &message, 0) < 0)
            if (errno != EINTR) {
                printf("FAIL: mbox_send: %s\n", strerror(errno));
                return;
            }
    }
}

static void *send_from_a_thread(void *argument)
{
    send_to_the_mailbox(SENDER_PROCESSES + (uint32_t)(long)argument);
    return 0;
}

static void *serve_the_mailbox(void *unused)
{
    (void)unused;
    int items = 0;
    uint64_t checksum = 0;
    struct message message;
    for (;;) {
        if (mbox_recv(mailbox, &message, 0) < 0) {
            if (errno == EINTR)
                continue;
            printf("FAIL: mbox_recv: %s\n", strerror(errno));   /* a wait that failed: stop, do not spin */
            break;
        }
        if (message.type == STOP_TYPE)
            break;
        items++;
        checksum += take_message(&message);
    }
    add_to_totals(items, checksum);
    return 0;
}

static void mailbox_pool_takes_each_message_once(void)
{
    start_counting();
    items_total = 0;
    checksum_total = 0;
    mbox_unlink(MAILBOX);
    mailbox = mbox_open(MAILBOX, O_CREAT | O_EXCL, 4);
    CHECK(mailbox >= 0, "mbox_open: %s", strerror(errno));
    pthread_t workers[WORKERS], senders[SENDER_THREADS];
    start_threads(workers, WORKERS, serve_the_mailbox);
    pid_t processes[SENDER_PROCESSES];
    for (int p = 0; p < SENDER_PROCESSES; p++) {
        processes[p] = fork();
        if (processes[p] == 0) {
            send_to_the_mailbox((uint32_t)p);
            _exit(0);
        }
    }
    start_threads(senders, SENDER_THREADS, send_from_a_thread);
    join_threads(senders, SENDER_THREADS);
    for (int p = 0; p < SENDER_PROCESSES; p++)
        expect_child_success(processes[p], "a sending process");
    struct message stop;
    for (int w = 0; w < WORKERS; w++) {
        fill(&stop, STOP_TYPE, 0, 0);
        mbox_send(mailbox, &stop, 0);
    }
    join_threads(workers, WORKERS);
    int senders_in_all = SENDER_PROCESSES + SENDER_THREADS;
    CHECK_EQ(senders_in_all * MESSAGES, items_total, "messages the pool took from the mailbox");
    CHECK_EQ(0, duplicates, "messages taken twice");
    CHECK_EQ(0, damaged, "messages damaged");
    CHECK(checksum_total == expected_checksum(senders_in_all, MESSAGES), "the sum of the checksums is wrong");
    CHECK_EQ(0, mbox_numbers(mailbox).count, "messages left in the mailbox");
    close(mailbox);
    mbox_unlink(MAILBOX);
}

/* ---- a pool of threads, each its own port --------------------------------------------- */

#define CLIENTS 3
#define REQUESTS 300                        /* per client */
#define CALL_TYPE 1
#define ASYNC_TYPE 2
#define REPLY_MARK 0x0F0F0F0Fu

static volatile int worker_tids[WORKERS], misdelivered;

static void *serve_my_port(void *argument)
{
    long index = (long)argument;
    worker_tids[index] = gettid();
    int items = 0;
    uint64_t checksum = 0;
    struct message message;
    for (;;) {
        if (msg_recv(MSG_ANY, &message, 0) < 0)
            continue;
        if (message.type == STOP_TYPE)
            break;
        uint32_t words[3];
        memcpy(words, message.body, sizeof words);
        uint32_t addressed_to = words[1] % WORKERS;     /* the client's choice of worker */
        if (message.dst != gettid() || (int)addressed_to != index)
            atomic_add_int(&misdelivered, 1);
        items++;
        checksum += take_message(&message);
        if (message.type == CALL_TYPE) {
            int client = message.src;
            struct message reply;
            memset(&reply, 0, sizeof reply);
            reply.type = (int32_t)(words[2] ^ REPLY_MARK);
            msg_reply(client, &reply);
        }
    }
    add_to_totals(items, checksum);
    return 0;
}

/* A client process: request i goes to worker i % WORKERS, a call for even
 * i, an asynchronous message for odd; exits with its wrong replies. */
static void client(uint32_t number)
{
    int wrong = 0;
    struct message message;
    for (uint32_t i = 0; i < REQUESTS; i++) {
        int worker = worker_tids[i % WORKERS];
        if (i % 2 == 0) {
            fill(&message, CALL_TYPE, number, i);
            if (msg_call(worker, &message) < 0 || message.src != worker ||
                (uint32_t)message.type != (checksum_of(number, i) ^ REPLY_MARK))
                wrong++;
        } else {
            fill(&message, ASYNC_TYPE, number, i);
            while (msg_send(worker, &message, MSG_ASYNC) < 0)
                if (errno == EAGAIN || errno == ENOMEM)
                    sched_yield();
                else {
                    wrong++;
                    break;
                }
        }
    }
    _exit(wrong > 255 ? 255 : wrong);
}

static void port_pool_serves_each_message_where_it_was_sent(void)
{
    start_counting();
    items_total = 0;
    checksum_total = 0;
    misdelivered = 0;
    memset((void *)worker_tids, 0, sizeof worker_tids);
    pthread_t workers[WORKERS];
    start_threads(workers, WORKERS, serve_my_port);
    for (int w = 0; w < WORKERS; w++)
        CHECK(WAIT_UNTIL(worker_tids[w] && thread_is_blocked_in(worker_tids[w], "msg_recv")),
              "worker %d does not wait for messages", w);
    pid_t clients[CLIENTS];
    for (int c = 0; c < CLIENTS; c++) {
        clients[c] = fork();
        if (clients[c] == 0)
            client((uint32_t)c);
    }
    for (int c = 0; c < CLIENTS; c++)
        expect_child_success(clients[c], "a client (exit: its calls without the right reply)");
    /* a thread of the same process calls each worker too: as client
     * number CLIENTS, request w to worker w */
    for (int w = 0; w < WORKERS; w++) {
        struct message call;
        fill(&call, CALL_TYPE, CLIENTS, (uint32_t)w);
        CHECK(msg_call(worker_tids[w], &call) == 0 && call.src == worker_tids[w] &&
                  (uint32_t)call.type == (checksum_of(CLIENTS, (uint32_t)w) ^ REPLY_MARK),
              "the first thread's call to worker %d of its own process got no right reply", w);
    }
    for (int w = 0; w < WORKERS; w++) {
        struct message stop;
        fill(&stop, STOP_TYPE, 0, 0);
        msg_send(worker_tids[w], &stop, MSG_ASYNC);
    }
    join_threads(workers, WORKERS);
    CHECK_EQ(CLIENTS * REQUESTS + WORKERS, items_total, "messages the workers took");
    CHECK_EQ(0, misdelivered, "messages that reached a thread they were not sent to");
    CHECK_EQ(0, duplicates, "messages taken twice");
    CHECK_EQ(0, damaged, "messages damaged");
    uint64_t expected = expected_checksum(CLIENTS, REQUESTS);
    for (int w = 0; w < WORKERS; w++)
        expected += checksum_of(CLIENTS, (uint32_t)w);
    CHECK(checksum_total == expected, "the sum of the checksums is wrong");
    struct message left;
    CHECK_ERROR(msg_recv(MSG_ANY, &left, MSG_NONBLOCK), EAGAIN);
}

static void cases(void)
{
    semaphores_carry_a_bounded_buffer();
    mailbox_pool_takes_each_message_once();
    port_pool_serves_each_message_where_it_was_sent();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("thread_pools_take_every_item_and_message_exactly_once");
}
