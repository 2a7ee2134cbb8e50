/* user/demos/threads/readers_writers.c - readers and writers of one table,
 * with a read-write lock (pthread_rwlock): readers share it, a writer has
 * it alone. A demo of docs/threads.md.
 *
 *     readers_writers [READERS [WRITERS [ROUNDS]]]   (default 3 2 3)
 *
 *   reader:                                 writer:
 *     pthread_rwlock_rdlock(&lock)            pthread_rwlock_wrlock(&lock)
 *     read the table (10 ms)                  rewrite the table (4 ms)
 *     pthread_rwlock_unlock(&lock)            pthread_rwlock_unlock(&lock)
 *
 * The table is SLOTS numbers that a writer sets one by one, with a pause in
 * the middle, from the old version to the new one: a reader that saw a
 * writer's half-done work would find two versions in it (a "torn" read).
 * Readers hold the lock 10 ms, so several are inside at once; the program
 * counts who is inside (under a mutex of its own) and prints it, and checks
 * that a writer never has company.
 *
 * Each thread first tries without waiting (pthread_rwlock_tryrdlock,
 * _trywrlock) only to be able to say why it must wait. This lock prefers
 * writers (libc/thread/rwlock.c): once a writer waits, readers
 * that come after it wait too, so a stream of readers cannot starve the
 * writer; "a writer holds or waits" is what a reader is told then.
 *
 * The readers start together (a barrier), the writers 5 ms later. Exit
 * status 0 when at least two readers were inside at once, no writer ever
 * had company, no read was torn, and the table ends at version
 * WRITERS * ROUNDS. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define SLOTS 4
#define MOST_THREADS 8

static pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;
static int table[SLOTS];              /* every slot holds the version, between writes */
static pthread_barrier_t readers_ready;
static int rounds;

/* Who is inside the read-write lock now; changed under `inside_mutex`. */
static pthread_mutex_t inside_mutex = PTHREAD_MUTEX_INITIALIZER;
static int readers_inside, writers_inside;
static int most_readers_inside, writer_with_company, torn_reads;

/* Counts the caller in (+1) or out (-1); returns how many threads are
 * inside now, readers and writers, and notes when a writer is not alone. */
static int count_inside(int reader, int change)
{
    pthread_mutex_lock(&inside_mutex);
    if (reader)
        readers_inside += change;
    else
        writers_inside += change;
    if (change > 0 && (writers_inside > 1 || (writers_inside && readers_inside)))
        writer_with_company++;
    if (readers_inside > most_readers_inside)
        most_readers_inside = readers_inside;
    int inside = readers_inside + writers_inside;
    pthread_mutex_unlock(&inside_mutex);
    return inside;
}

static void *reader(void *argument)
{
    int who = (int)(long)argument;
    pthread_barrier_wait(&readers_ready);
    for (int round = 1; round <= rounds; round++) {
        if (pthread_rwlock_tryrdlock(&lock) == EBUSY) {
            printf("reader %d [tid %d]: a writer holds or waits: waits\n", who, gettid());
            pthread_rwlock_rdlock(&lock);
        }
        int others = count_inside(1, +1) - 1;
        printf("reader %d [tid %d]: in, reads version %d (%d other reader%s inside)\n", who, gettid(), table[0],
               others, others == 1 ? "" : "s");
        int first = table[0], torn = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (i == SLOTS / 2)
                usleep(10000);        /* read slowly: the others come in meanwhile */
            torn |= table[i] != first;
        }
        if (torn) {
            pthread_mutex_lock(&inside_mutex);
            torn_reads++;
            pthread_mutex_unlock(&inside_mutex);
            printf("reader %d [tid %d]: TORN: the table changed while it read\n", who, gettid());
        }
        count_inside(1, -1);
        printf("reader %d [tid %d]: out\n", who, gettid());
        pthread_rwlock_unlock(&lock);
        usleep(3000);
    }
    return NULL;
}

static void *writer(void *argument)
{
    int who = (int)(long)argument;
    usleep(5000);                     /* the readers go first */
    for (int round = 1; round <= rounds; round++) {
        if (pthread_rwlock_trywrlock(&lock) == EBUSY) {
            pthread_mutex_lock(&inside_mutex);
            int readers = readers_inside;
            pthread_mutex_unlock(&inside_mutex);
            printf("writer %d [tid %d]: busy (%d reader%s inside): waits\n", who, gettid(), readers,
                   readers == 1 ? "" : "s");
            pthread_rwlock_wrlock(&lock);
        }
        int inside = count_inside(0, +1);
        int version = table[0];
        printf("writer %d [tid %d]: in, %s: version %d -> %d\n", who, gettid(), inside == 1 ? "alone" : "NOT ALONE",
               version, version + 1);
        for (int i = 0; i < SLOTS; i++) {
            if (i == SLOTS / 2)
                usleep(4000);         /* half the table new, half old: nobody may see it */
            table[i] = version + 1;
        }
        count_inside(0, -1);
        printf("writer %d [tid %d]: out\n", who, gettid());
        pthread_rwlock_unlock(&lock);
        usleep(8000);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    int readers = argc > 1 ? atoi(argv[1]) : 3;
    int writers = argc > 2 ? atoi(argv[2]) : 2;
    rounds = argc > 3 ? atoi(argv[3]) : 3;
    if (readers < 2 || readers > MOST_THREADS || writers < 1 || writers > MOST_THREADS || rounds < 1 ||
        rounds > 100) {
        fprintf(stderr, "usage: readers_writers [READERS 2-%d [WRITERS 1-%d [ROUNDS 1-100]]]\n", MOST_THREADS,
                MOST_THREADS);
        return 2;
    }
    setvbuf(stdout, NULL, _IONBF, 0);   /* one write per printf: lines of threads do not mix */
    printf("main [tid %d]: %d readers, %d writers, %d rounds each\n", gettid(), readers, writers, rounds);

    pthread_barrier_init(&readers_ready, NULL, readers);
    pthread_t threads[2 * MOST_THREADS];
    int started = 0;
    for (long i = 1; i <= readers; i++)
        if (pthread_create(&threads[started++], NULL, reader, (void *)i) != 0)
            return 1;
    for (long i = 1; i <= writers; i++)
        if (pthread_create(&threads[started++], NULL, writer, (void *)i) != 0)
            return 1;
    for (int i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    pthread_barrier_destroy(&readers_ready);

    printf("most readers inside at once: %d\n", most_readers_inside);
    printf("a writer had company: %d times; torn reads: %d; the table is at version %d of %d\n",
           writer_with_company, torn_reads, table[0], writers * rounds);
    int ok = most_readers_inside >= 2 && writer_with_company == 0 && torn_reads == 0 &&
             table[0] == writers * rounds;
    printf(ok ? "readers shared the lock, every writer had it alone\n" : "readers_writers: the lock failed\n");
    return ok ? 0 : 1;
}
