/* user/demos/threads/producer_consumer.c - producer and consumer threads
 * around a bounded buffer, with one mutex and two condition variables: the
 * first demo of docs/threads.md.
 *
 *     producer_consumer [PRODUCERS [CONSUMERS [ITEMS_EACH]]]   (default 2 2 8)
 *
 *   producer threads --put--> [ ring of 4 slots ] --take--> consumer threads
 *
 *   put(item):                            take():
 *     lock(mutex)                           lock(mutex)
 *     while (count == SLOTS)                while (count == 0 && !finished)
 *         wait(not_full, mutex)                 wait(not_empty, mutex)
 *     ring[in] = item, count++              item = ring[out], count--
 *     signal(not_empty)                     signal(not_full)
 *     unlock(mutex)                         unlock(mutex)
 *
 * Unlike the processes of posix-semaphores/bounded_buffer.c, the threads
 * need no shared mapping: the ring, the mutex and the condition variables
 * are ordinary globals, one copy in the one address space. The mutex lets
 * one thread at a time look at the ring; a thread that cannot go on waits
 * on a condition variable, which lets go of the mutex while it sleeps and
 * takes it again before pthread_cond_wait returns. It waits in a `while`,
 * not an `if`: when it runs again, another thread may have filled (or
 * emptied) the ring first, and a condition variable may wake a waiter for
 * nothing (POSIX allows it, and this one does: libc/thread/cond.c).
 *
 * So that both waits show, the consumers start 20 ms late (the ring fills
 * and the producers wait on not_full), and the producers make the second
 * half of their items 5 ms apart (the consumers empty the ring and wait on
 * not_empty). Every line is printed with the mutex held, so the lines come
 * in the order things happened.
 *
 * An item is PRODUCER * 1000 + N. Each side adds its items into a checksum;
 * the consumers also check that each producer's items come out in the
 * order it put them in (the ring is first in, first out). Exit status 0
 * when both counts and both checksums agree and the order held. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define SLOTS 4
#define MOST_THREADS 8
#define FINISHED (-1)                 /* what take() returns once the ring is empty for good */

static int ring[SLOTS];
static int in, out, count;            /* next slot to fill, next to empty, items in the ring */
static int finished;                  /* the producers are done: an empty ring stays empty */
static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;

struct tally {
    int number;                       /* producer or consumer 1, 2, ... */
    int items;
    unsigned checksum;
};

static int last_taken[MOST_THREADS + 1];  /* the last item of each producer taken: under `mutex` */
static int out_of_order;
static int items_each;

/* What an item adds to a checksum: addition does not care in which order
 * the consumers take the items; the mixing makes a lost or doubled item
 * very unlikely to go unnoticed. */
static unsigned mix(int item)
{
    unsigned x = (unsigned)item * 2654435761u;
    return x ^ (x >> 13);
}

static void put(int who, int item)
{
    pthread_mutex_lock(&mutex);
    while (count == SLOTS) {
        printf("producer %d [tid %d]: ring full, waits on not_full\n", who, gettid());
        pthread_cond_wait(&not_full, &mutex);
        printf("producer %d [tid %d]: woken, %d of %d full%s\n", who, gettid(), count, SLOTS,
               count == SLOTS ? ": still full" : "");
    }
    ring[in] = item;
    printf("producer %d [tid %d]: put  %d into slot %d (%d of %d full)\n", who, gettid(), item, in, count + 1,
           SLOTS);
    in = (in + 1) % SLOTS;
    count++;
    pthread_cond_signal(&not_empty);
    pthread_mutex_unlock(&mutex);
}

static int take(int who)
{
    pthread_mutex_lock(&mutex);
    while (count == 0 && !finished) {
        printf("consumer %d [tid %d]: ring empty, waits on not_empty\n", who, gettid());
        pthread_cond_wait(&not_empty, &mutex);
        printf("consumer %d [tid %d]: woken, %d of %d full%s\n", who, gettid(), count, SLOTS,
               count > 0 ? "" : finished ? ": no more items will come" : ": still empty");
    }
    int item = FINISHED;
    if (count > 0) {
        item = ring[out];
        printf("consumer %d [tid %d]: took %d from slot %d (%d of %d full)\n", who, gettid(), item, out,
               count - 1, SLOTS);
        out = (out + 1) % SLOTS;
        count--;
        int producer = item / 1000;
        if (item <= last_taken[producer])
            out_of_order++;
        last_taken[producer] = item;
        pthread_cond_signal(&not_full);
    }
    pthread_mutex_unlock(&mutex);
    return item;
}

static void *producer(void *argument)
{
    struct tally *tally = argument;
    for (int n = 1; n <= items_each; n++) {
        if (n > items_each / 2)
            usleep(5000);             /* the second half slowly: the ring runs empty */
        int item = tally->number * 1000 + n;
        put(tally->number, item);
        tally->items++;
        tally->checksum += mix(item);
    }
    return tally;
}

static void *consumer(void *argument)
{
    struct tally *tally = argument;
    usleep(20000);                    /* start late: the ring fills up first */
    for (int item; (item = take(tally->number)) != FINISHED;) {
        tally->items++;
        tally->checksum += mix(item);
    }
    return tally;
}

/* Starts `count` threads running `body`, each with its own tally. */
static void start(pthread_t *threads, struct tally *tallies, int count, void *(*body)(void *), const char *what)
{
    for (int i = 0; i < count; i++) {
        tallies[i] = (struct tally){ i + 1, 0, 0 };
        if (pthread_create(&threads[i], NULL, body, &tallies[i]) != 0) {
            fprintf(stderr, "producer_consumer: cannot start %s %d\n", what, i + 1);
            exit(1);
        }
    }
}

/* Waits for `count` threads and sums their tallies. */
static struct tally join_all(pthread_t *threads, int count)
{
    struct tally sum = { 0, 0, 0 };
    for (int i = 0; i < count; i++) {
        struct tally *tally;
        pthread_join(threads[i], (void **)&tally);
        sum.items += tally->items;
        sum.checksum += tally->checksum;
    }
    return sum;
}

int main(int argc, char **argv)
{
    int producers = argc > 1 ? atoi(argv[1]) : 2;
    int consumers = argc > 2 ? atoi(argv[2]) : 2;
    items_each = argc > 3 ? atoi(argv[3]) : 8;
    if (producers < 1 || producers > MOST_THREADS || consumers < 1 || consumers > MOST_THREADS ||
        items_each < 1 || items_each > 999) {
        fprintf(stderr, "usage: producer_consumer [PRODUCERS 1-%d [CONSUMERS 1-%d [ITEMS_EACH 1-999]]]\n",
                MOST_THREADS, MOST_THREADS);
        return 2;
    }
    setvbuf(stdout, NULL, _IONBF, 0);   /* one write per printf: lines of threads do not mix */
    printf("main [tid %d]: %d producer(s), %d consumer(s), %d items each, a ring of %d slots\n", gettid(),
           producers, consumers, items_each, SLOTS);

    pthread_t producer_threads[MOST_THREADS], consumer_threads[MOST_THREADS];
    struct tally producer_tallies[MOST_THREADS], consumer_tallies[MOST_THREADS];
    start(producer_threads, producer_tallies, producers, producer, "producer");
    start(consumer_threads, consumer_tallies, consumers, consumer, "consumer");

    struct tally made = join_all(producer_threads, producers);
    pthread_mutex_lock(&mutex);
    finished = 1;                     /* no more items: wake every consumer to see it */
    printf("main [tid %d]: the producers are done: %d items, checksum %08x\n", gettid(), made.items,
           made.checksum);
    pthread_cond_broadcast(&not_empty);
    pthread_mutex_unlock(&mutex);
    struct tally taken = join_all(consumer_threads, consumers);
    printf("main [tid %d]: the consumers took %d items, checksum %08x\n", gettid(), taken.items, taken.checksum);

    int ok = made.items == producers * items_each && taken.items == made.items &&
             taken.checksum == made.checksum && out_of_order == 0;
    if (ok)
        printf("every item was taken once, each producer's in the order it put them\n");
    else
        printf("producer_consumer: items lost, doubled or out of order (%d out of order)\n", out_of_order);
    return ok ? 0 : 1;
}
