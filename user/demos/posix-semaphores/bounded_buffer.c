/* user/demos/posix-semaphores/bounded_buffer.c - producers and consumers
 * around a ring buffer in shared memory, guarded by three POSIX semaphores
 * (the textbook solution).
 *
 *   producer 1 --+                                        +--> consumer 1
 *   producer 2 --+--> [ ring of SLOTS items in MAP_SHARED ] +--> consumer 2
 *                      memory, made before fork              +--> consumer 3
 *
 *   empty  counts free slots    (starts at SLOTS): a producer waits on it
 *   full   counts filled slots  (starts at 0):     a consumer waits on it
 *   mutex  lets one process at a time move `in` or `out` (starts at 1)
 *
 *   producer                          consumer
 *     sem_wait(empty)                   sem_wait(full)
 *     sem_wait(mutex)                   sem_wait(mutex)
 *     ring[in] = item; in++             item = ring[out]; out++
 *     sem_post(mutex)                   sem_post(mutex)
 *     sem_post(full)                    sem_post(empty)
 *
 * The order matters: a producer that took the mutex first and then waited
 * for a free slot would hold the mutex while the ring is full, and no
 * consumer could ever free a slot - a deadlock.
 *
 * The semaphores live in the shared memory too, made with sem_init(..., 1,
 * ...) (pshared = 1): every process after fork sees the same counters, and a
 * process that has to wait sleeps in the kernel, on the counter's word.
 *
 * When the producers are done, the parent puts one STOP item per consumer
 * into the ring. Each consumer counts what it took and adds it into a
 * checksum; at the end the sums of both sides must agree.
 *
 * Usage: bounded_buffer [PRODUCERS [CONSUMERS [ITEMS_EACH]]]   (default 2 3 500) */
#include <sched.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define SLOTS 8
#define MOST_PROCESSES 8
#define STOP (-1)                     /* the item that tells a consumer to finish */

struct tally {
    int items;
    unsigned checksum;
};

struct shared {
    sem_t empty, full, mutex;
    int ring[SLOTS];
    int in, out;                      /* next slot to fill / to empty; under `mutex` */
    struct tally produced[MOST_PROCESSES];
    struct tally consumed[MOST_PROCESSES];
    int out_of_order;                 /* a producer's items taken in the wrong order */
};

static struct shared *shared;

/* What an item adds to a checksum. Addition does not care in which order
 * the consumers take the items; the mixing makes a lost or doubled item
 * very unlikely to go unnoticed. */
static unsigned mix(int item)
{
    unsigned x = (unsigned)item * 2654435761u;
    return x ^ (x >> 13);
}

static void put(int item)
{
    sem_wait(&shared->empty);
    sem_wait(&shared->mutex);
    shared->ring[shared->in] = item;
    shared->in = (shared->in + 1) % SLOTS;
    sem_post(&shared->mutex);
    sem_post(&shared->full);
}

static int take(void)
{
    sem_wait(&shared->full);
    sem_wait(&shared->mutex);
    int item = shared->ring[shared->out];
    shared->out = (shared->out + 1) % SLOTS;
    sem_post(&shared->mutex);
    sem_post(&shared->empty);
    return item;
}

/* Items are producer * 1000000 + sequence number, so a consumer can tell
 * whose item it is and check that each producer's items come in order. */
static void producer(int number, int items)
{
    struct tally *tally = &shared->produced[number];
    for (int i = 0; i < items; i++) {
        int item = number * 1000000 + i;
        put(item);
        tally->items++;
        tally->checksum += mix(item);
    }
}

static void consumer(int number, int producers)
{
    struct tally *tally = &shared->consumed[number];
    int last_seen[MOST_PROCESSES];
    for (int p = 0; p < producers; p++)
        last_seen[p] = -1;
    for (;;) {
        int item = take();
        if (item == STOP)
            break;
        int from = item / 1000000, sequence = item % 1000000;
        if (sequence <= last_seen[from])
            __sync_fetch_and_add(&shared->out_of_order, 1);
        last_seen[from] = sequence;
        tally->items++;
        tally->checksum += mix(item);
        sched_yield();                /* stands for the work of using the item: others go meanwhile */
    }
}

/* argv[index] as a number from 1 to `most`, or `fallback`. */
static int argument(int argc, char *argv[], int index, int fallback, int most)
{
    int value = argc > index ? atoi(argv[index]) : fallback;
    return value >= 1 && value <= most ? value : fallback;
}

int main(int argc, char *argv[])
{
    int producers = argument(argc, argv, 1, 2, MOST_PROCESSES);
    int consumers = argument(argc, argv, 2, 3, MOST_PROCESSES);
    int items = argument(argc, argv, 3, 500, 999999);

    shared = mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    sem_init(&shared->empty, 1, SLOTS);
    sem_init(&shared->full, 1, 0);
    sem_init(&shared->mutex, 1, 1);
    printf("%d producers x %d items -> ring of %d slots -> %d consumers\n", producers, items, SLOTS, consumers);
    fflush(stdout);                   /* or each child would print our buffer again */

    pid_t children[2 * MOST_PROCESSES];
    for (int c = 0; c < consumers; c++)
        if ((children[producers + c] = fork()) == 0) {
            consumer(c, producers);
            _exit(0);
        }
    for (int p = 0; p < producers; p++)
        if ((children[p] = fork()) == 0) {
            producer(p, items);
            _exit(0);
        }
    for (int p = 0; p < producers; p++)
        waitpid(children[p], NULL, 0);
    for (int c = 0; c < consumers; c++)
        put(STOP);                    /* every consumer takes exactly one and stops */
    for (int c = 0; c < consumers; c++)
        waitpid(children[producers + c], NULL, 0);

    struct tally made = { 0, 0 }, taken = { 0, 0 };
    for (int p = 0; p < producers; p++) {
        printf("producer %d: %4d items, checksum %08x\n", p, shared->produced[p].items, shared->produced[p].checksum);
        made.items += shared->produced[p].items;
        made.checksum += shared->produced[p].checksum;
    }
    for (int c = 0; c < consumers; c++) {
        printf("consumer %d: %4d items, checksum %08x\n", c, shared->consumed[c].items, shared->consumed[c].checksum);
        taken.items += shared->consumed[c].items;
        taken.checksum += shared->consumed[c].checksum;
    }
    int values[3];
    sem_getvalue(&shared->empty, &values[0]);
    sem_getvalue(&shared->full, &values[1]);
    sem_getvalue(&shared->mutex, &values[2]);
    printf("produced %d items, checksum %08x\n", made.items, made.checksum);
    printf("consumed %d items, checksum %08x\n", taken.items, taken.checksum);
    printf("items taken out of their producer's order: %d\n", shared->out_of_order);
    printf("semaphores at the end: empty %d, full %d, mutex %d (expected %d, 0, 1)\n", values[0], values[1],
           values[2], SLOTS);
    int ok = made.items == taken.items && made.checksum == taken.checksum && shared->out_of_order == 0 &&
             values[0] == SLOTS && values[1] == 0 && values[2] == 1;
    printf("%s\n", ok ? "OK: every item was consumed exactly once" : "MISMATCH");
    sem_destroy(&shared->empty);
    sem_destroy(&shared->full);
    sem_destroy(&shared->mutex);
    munmap(shared, sizeof *shared);
    return ok ? 0 : 1;
}
