/* libc/stdlib/random.c - random, srandom, initstate, setstate: the BSD
 * additive feedback generator, with the state sizes, seeding and state
 * layout of glibc, so a seed gives the same numbers as on Linux.
 *
 * The state is an array of 32-bit words; word 0 records the kind of
 * generator and where its rear pointer stands (so setstate can go on from
 * there), the others are the generator's `degree` words r[]:
 *
 *   state: | kind + 5 * rear | r[0] r[1] ... r[degree-1] |
 *                              ^rear      ^front = rear + separation
 *
 * Each step adds r[rear] into r[front] (mod 2^32), returns that sum
 * shifted right by one (0 .. 2^31-1), and moves both on, wrapping. The
 * smallest state (8 bytes, degree 0) is a linear congruential generator
 * instead. Seeding fills r[] from the seed by Park and Miller's minimal
 * standard (16807 * x mod 2^31-1) and runs the generator 10 * degree steps
 * to mix it. The period of the default (degree 31) is about 16 * (2^31-1).
 *
 * Threads: one lock guards the current state. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "../thread/thread_internal.h"

#define KINDS 5                       /* of generator, by state size */
static const int degrees[KINDS]     = { 0, 7, 15, 31, 63 };
static const int separations[KINDS] = { 0, 3, 1, 3, 1 };
static const size_t sizes[KINDS]    = { 8, 32, 64, 128, 256 };   /* the bytes each needs */

#define DEFAULT_KIND 3                /* 128 bytes, degree 31 */
#define MINIMAL_STANDARD_MODULUS 2147483647   /* 2^31 - 1 */

struct generator {
    int32_t *r;                       /* the words after the kind word */
    int kind;
    int degree, separation;
    int front, rear;                  /* indexes in r */
};

static int32_t default_state[1 + 31];
static struct generator current;      /* current.r == NULL: not seeded yet */
static volatile int random_lock;

/* Stores the kind and rear position in the word before r[] (as glibc). */
static void save_position(struct generator *g)
{
    g->r[-1] = g->kind == 0 ? 0 : KINDS * g->rear + g->kind;
}

/* One step of the generator: the next number, 0 .. 2^31-1. */
static long step(struct generator *g)
{
    if (g->kind == 0) {
        g->r[0] = (int32_t)(((uint32_t)g->r[0] * 1103515245u + 12345u) & 0x7fffffff);
        return g->r[0];
    }
    uint32_t sum = (uint32_t)g->r[g->front] + (uint32_t)g->r[g->rear];
    g->r[g->front] = (int32_t)sum;
    g->front = (g->front + 1) % g->degree;
    g->rear = (g->rear + 1) % g->degree;
    return (long)(sum >> 1);
}

/* Fills the generator's words from `seed` and mixes them. */
static void seed_generator(struct generator *g, unsigned int seed)
{
    int32_t word = seed == 0 ? 1 : (int32_t)seed;
    g->r[0] = word;
    if (g->kind == 0)
        return;
    for (int i = 1; i < g->degree; i++) {
        /* word = 16807 * word mod (2^31-1), without overflow (Schrage) */
        int32_t high = word / 127773, low = word % 127773;
        word = 16807 * low - 2836 * high;
        if (word < 0)
            word += MINIMAL_STANDARD_MODULUS;
        g->r[i] = word;
    }
    g->rear = 0;
    g->front = g->separation;
    for (int i = 0; i < 10 * g->degree; i++)
        step(g);
}

/* Points `g` at the state `words` (word 0 the kind) of kind `kind`. */
static void attach(struct generator *g, int32_t *words, int kind)
{
    g->r = words + 1;
    g->kind = kind;
    g->degree = degrees[kind];
    g->separation = separations[kind];
}

/* The default state, seeded with 1, on first use. Caller holds the lock. */
static void ensure_seeded(void)
{
    if (!current.r) {
        attach(&current, default_state, DEFAULT_KIND);
        seed_generator(&current, 1);
    }
}

/* The next pseudo-random number, 0 .. 2^31-1 (RAND_MAX of glibc). */
long random(void)
{
    __libc_lock(&random_lock);
    ensure_seeded();
    long value = step(&current);
    __libc_unlock(&random_lock);
    return value;
}

/* Starts the current state's sequence again from `seed`. */
void srandom(unsigned int seed)
{
    __libc_lock(&random_lock);
    ensure_seeded();
    seed_generator(&current, seed);
    __libc_unlock(&random_lock);
}

/* Makes the `size` bytes at `state` the generator's state, seeded with
 * `seed`: the larger (8, 32, 64, 128, 256 bytes and more), the longer the
 * period. Returns the previous state, or NULL with EINVAL if size < 8. */
char *initstate(unsigned int seed, char *state, size_t size)
{
    int kind = KINDS - 1;
    while (kind >= 0 && size < sizes[kind])
        kind--;
    if (kind < 0) {
        errno = EINVAL;
        return NULL;
    }
    __libc_lock(&random_lock);
    ensure_seeded();
    save_position(&current);
    char *previous = (char *)(current.r - 1);
    attach(&current, (int32_t *)(void *)state, kind);
    seed_generator(&current, seed);
    save_position(&current);
    __libc_unlock(&random_lock);
    return previous;
}

/* Goes on with a state initstate set up before (and another call of
 * initstate or setstate left). Returns the previous state, or NULL with
 * EINVAL if `state` does not hold a valid kind. */
char *setstate(char *state)
{
    int32_t *words = (int32_t *)(void *)state;
    int kind = words[0] % KINDS;
    if (words[0] < 0 || kind < 0) {
        errno = EINVAL;
        return NULL;
    }
    __libc_lock(&random_lock);
    ensure_seeded();
    save_position(&current);
    char *previous = (char *)(current.r - 1);
    attach(&current, words, kind);
    if (kind != 0) {
        current.rear = words[0] / KINDS % current.degree;
        current.front = (current.rear + current.separation) % current.degree;
    }
    __libc_unlock(&random_lock);
    return previous;
}
