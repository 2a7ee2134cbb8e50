/* user/demos/shm/shm_ring_buffer.c - the bounded buffer of every operating
 * systems course: a producer and a consumer, two processes, pass numbers
 * through a ring of slots in a System V shared segment, guarded by three
 * System V semaphores (docs/shm.md).
 *
 *   shm_ring_buffer [ITEMS]              (default: 200 items)
 *
 * The segment holds the ring; both processes attach it, so both see the
 * same slots:
 *
 *            next_out          next_in
 *               v                 v
 *   slots: [ . ][ 7 ][ 8 ][ 9 ][ . ][ . ][ . ][ . ]     SLOTS = 8
 *                 filled: 3         free: 5
 *
 * The three semaphores of one set:
 *   FREE_SLOTS    starts at SLOTS: the producer takes one before it fills a slot
 *   FILLED_SLOTS  starts at 0:     the consumer takes one before it empties a slot
 *   MUTEX         starts at 1:     held while next_in or next_out changes
 * A full ring makes the producer wait in semop on FREE_SLOTS, an empty one
 * the consumer on FILLED_SLOTS. With one producer and one consumer each
 * index has a single writer, but with several of either the mutex is what
 * keeps two of them from taking the same slot.
 *
 * Both sum up what they saw in an order-sensitive checksum and print it at
 * the end: equal sums mean nothing was lost, doubled or reordered. The
 * producer removes the segment and the semaphores, and exits 0 if the
 * sums agree. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#define SLOTS 8

enum { FREE_SLOTS, FILLED_SLOTS, MUTEX, SEMAPHORES };

struct ring {                        /* what lives in the shared segment */
    int slots[SLOTS];
    int next_in;                     /* where the producer puts the next item */
    int next_out;                    /* where the consumer takes the next one */
    unsigned consumer_checksum;      /* the consumer's result, for the producer */
};

union semun {                        /* semctl's fourth argument: ours to declare */
    int val;
    struct semid_ds *buf;
    unsigned short *array;
};

static int semaphores;

/* Adds `delta` to semaphore `which`, waiting while that would go below 0.
 * Only MUTEX uses SEM_UNDO: undoing FREE_SLOTS or FILLED_SLOTS when a
 * process exits would forget the items it produced or consumed. */
static void change(int which, int delta)
{
    struct sembuf operation = { (unsigned short)which, (short)delta, which == MUTEX ? SEM_UNDO : 0 };
    if (semop(semaphores, &operation, 1) != 0) {
        perror("semop");
        exit(1);
    }
}

static unsigned add_to_checksum(unsigned checksum, int item)
{
    return checksum * 31 + (unsigned)item;   /* order matters: 1,2 != 2,1 */
}

static int item_number(int i)
{
    return (i * 7919) % 1000;        /* some numbers that are not simply 1, 2, 3 */
}

/* Returns 0 when the consumer's checksum matches ours. */
static int produce(struct ring *ring, int items)
{
    unsigned checksum = 0;
    for (int i = 0; i < items; i++) {
        int item = item_number(i);
        change(FREE_SLOTS, -1);      /* wait for a free slot */
        change(MUTEX, -1);
        ring->slots[ring->next_in] = item;
        ring->next_in = (ring->next_in + 1) % SLOTS;
        change(MUTEX, +1);
        change(FILLED_SLOTS, +1);    /* one more for the consumer */
        checksum = add_to_checksum(checksum, item);
    }
    wait(NULL);                      /* the consumer has taken everything */
    printf("producer: sent %d items, checksum %u\n", items, checksum);
    printf("%s\n", checksum == ring->consumer_checksum ? "checksums agree" : "CHECKSUMS DIFFER");
    return checksum == ring->consumer_checksum ? 0 : 1;
}

static void consume(struct ring *ring, int items)
{
    unsigned checksum = 0;
    for (int i = 0; i < items; i++) {
        change(FILLED_SLOTS, -1);    /* wait for an item */
        change(MUTEX, -1);
        int item = ring->slots[ring->next_out];
        ring->next_out = (ring->next_out + 1) % SLOTS;
        change(MUTEX, +1);
        change(FREE_SLOTS, +1);      /* one more slot for the producer */
        checksum = add_to_checksum(checksum, item);
    }
    ring->consumer_checksum = checksum;
    printf("consumer: received %d items, checksum %u\n", items, checksum);
}

int main(int argc, char **argv)
{
    int items = argc > 1 ? atoi(argv[1]) : 200;
    if (items < 1) {
        fprintf(stderr, "usage: shm_ring_buffer [ITEMS, at least 1]\n");
        return 2;
    }

    /* One segment for the ring, one set of three semaphores: private, so
     * only this program and its child know their ids. */
    int segment = shmget(IPC_PRIVATE, sizeof(struct ring), 0600);
    semaphores = semget(IPC_PRIVATE, SEMAPHORES, 0600);
    if (segment < 0 || semaphores < 0) {
        perror("shmget/semget");
        return 1;
    }
    unsigned short start[SEMAPHORES] = { [FREE_SLOTS] = SLOTS, [FILLED_SLOTS] = 0, [MUTEX] = 1 };
    semctl(semaphores, 0, SETALL, (union semun){ .array = start });
    printf("ring of %d slots in segment %d, semaphores %d, %d items\n", SLOTS, segment, semaphores, items);
    fflush(stdout);                  /* or the child would print our buffered line again */

    pid_t consumer = fork();
    /* Each process attaches the segment itself (a new segment reads as
     * zeros); the two addresses need not be the same. */
    struct ring *ring = shmat(segment, NULL, 0);
    if (consumer < 0 || ring == (void *)-1) {
        perror(consumer < 0 ? "fork" : "shmat");
        return 1;
    }
    if (consumer == 0) {
        consume(ring, items);
        return 0;                    /* exit detaches the segment */
    }
    int status = produce(ring, items);

    /* Tidy up: System V objects outlive their processes until removed. */
    shmdt(ring);
    shmctl(segment, IPC_RMID, NULL); /* no one attached any more: freed now */
    semctl(semaphores, 0, IPC_RMID);
    return status;
}
