/* tests/boot/thread_stdio_and_malloc_are_thread_safe.c - the libc under
 * threads (flockfile(3), malloc(3)): four threads fprintf long lines into
 * one stream and every line comes back whole, each thread's in its order;
 * a thread holding flockfile across three calls keeps the others' lines
 * out from between them; four threads malloc, fill, realloc and free
 * blocks and every block keeps its pattern; a fork while another thread
 * holds stdout's lock gives a child that can still print; ftrylockfile
 * fails on a stream another thread holds. Nothing leaks. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "boot_test.h"

#define THREADS 4
#define LINES 300
#define PATH "/tmp/thread_stdio_lines"

static FILE *shared_stream;

/* A line that tells who wrote it and where it belongs, long enough that
 * printf hands it to the stream in two chunks (PRINTF_CHUNK is 256). */
static void *write_lines(void *argument)
{
    long thread = (long)argument;
    char filler[400];
    memset(filler, 'a' + thread, sizeof filler - 1);
    filler[sizeof filler - 1] = '\0';
    for (int line = 0; line < LINES; line++) {
        if (thread == 0 && line % 50 == 0) {        /* three calls, one group */
            flockfile(shared_stream);
            fputs("group-begin ", shared_stream);
            sched_yield();                          /* the others find the lock taken */
            fprintf(shared_stream, "group-middle %d ", line);
            fputs("group-end\n", shared_stream);
            funlockfile(shared_stream);
        }
        fprintf(shared_stream, "T%ld L%d %s E%ld\n", thread, line, filler, thread);
        if (line % 64 == 0)
            sched_yield();
    }
    return NULL;
}

static void lines_stay_whole(void)
{
    shared_stream = fopen(PATH, "w");
    CHECK(shared_stream != NULL, "fopen %s", PATH);
    if (!shared_stream)
        return;
    pthread_t threads[THREADS];
    for (long i = 0; i < THREADS; i++)
        CHECK_EQ(0, pthread_create(&threads[i], NULL, write_lines, (void *)i), "pthread_create");
    for (long i = 0; i < THREADS; i++)
        pthread_join(threads[i], NULL);
    CHECK_EQ(0, fclose(shared_stream), "fclose");

    FILE *in = fopen(PATH, "r");
    CHECK(in != NULL, "fopen to read back");
    if (!in)
        return;
    static char line[1024];
    int next_line[THREADS] = { 0 }, groups = 0, broken = 0;
    while (fgets(line, sizeof line, in)) {
        long thread;
        int number, consumed = 0;
        int group_line = -1;
        if (sscanf(line, "group-begin group-middle %d group-end%n", &group_line, &consumed) == 1 &&
            strcmp(line + consumed, "\n") == 0 && group_line % 50 == 0) {
            groups++;
            continue;
        }
        if (sscanf(line, "T%ld L%d %n", &thread, &number, &consumed) != 2 ||
            thread < 0 || thread >= THREADS || consumed == 0) {
            broken++;
            continue;
        }
        const char *filler = line + consumed;
        size_t span = strspn(filler, (char[]){ (char)('a' + thread), 0 });
        char tail[16];
        snprintf(tail, sizeof tail, " E%ld\n", thread);
        if (span != 399 || strcmp(filler + span, tail) != 0 || number != next_line[thread])
            broken++;
        next_line[thread] = number + 1;
    }
    fclose(in);
    unlink(PATH);
    CHECK_EQ(0, broken, "lines mixed with another thread's");
    CHECK_EQ(LINES / 50, groups, "flockfile groups kept whole");
    for (int i = 0; i < THREADS; i++)
        CHECK_EQ(LINES, next_line[i], "lines of each thread, in order");
}

/* Blocks of sizes from 1 to 3000 bytes, each filled with its owner's
 * pattern, grown with realloc and freed in a shuffled order. */
static void *churn_heap(void *argument)
{
    long thread = (long)argument;
    enum { SLOTS = 32, ROUNDS = 3000 };
    unsigned char *blocks[SLOTS] = { 0 };
    size_t sizes[SLOTS] = { 0 };
    unsigned seed = 12345u + (unsigned)thread * 7919u;
    long bad = 0;
    for (int round = 0; round < ROUNDS; round++) {
        seed = seed * 1103515245u + 12345u;
        int slot = (int)((seed >> 8) % SLOTS);
        unsigned char mark = (unsigned char)(thread * 64 + slot);
        if (blocks[slot]) {
            for (size_t i = 0; i < sizes[slot]; i++)
                bad += blocks[slot][i] != mark;
            if (seed & 0x10000) {
                size_t grown = sizes[slot] * 2 + 1;
                unsigned char *moved = realloc(blocks[slot], grown);
                if (!moved) {
                    bad++;
                    continue;
                }
                for (size_t i = 0; i < sizes[slot]; i++)
                    bad += moved[i] != mark;
                memset(moved, mark, grown);
                blocks[slot] = moved;
                sizes[slot] = grown;
                continue;
            }
            free(blocks[slot]);
            blocks[slot] = NULL;
        } else {
            sizes[slot] = 1 + (seed >> 16) % 3000;
            blocks[slot] = malloc(sizes[slot]);
            if (!blocks[slot]) {
                bad++;
                continue;
            }
            memset(blocks[slot], mark, sizes[slot]);
        }
    }
    for (int slot = 0; slot < SLOTS; slot++)
        free(blocks[slot]);
    return (void *)bad;
}

static void heap_blocks_keep_their_contents(void)
{
    pthread_t threads[THREADS];
    for (long i = 0; i < THREADS; i++)
        CHECK_EQ(0, pthread_create(&threads[i], NULL, churn_heap, (void *)i), "pthread_create");
    long bad = 0;
    for (long i = 0; i < THREADS; i++) {
        void *result;
        pthread_join(threads[i], &result);
        bad += (long)result;
    }
    CHECK_EQ(0, bad, "bytes of a block changed by another thread, or failed allocations");
}

static volatile int holder_has_lock, holder_may_go;

static void *hold_stdout(void *argument)
{
    (void)argument;
    flockfile(stdout);
    holder_has_lock = 1;
    while (!holder_may_go)
        sched_yield();
    funlockfile(stdout);
    return NULL;
}

static void fork_while_another_thread_holds_a_stream(void)
{
    fflush(stdout);
    pthread_t holder;
    CHECK_EQ(0, pthread_create(&holder, NULL, hold_stdout, NULL), "pthread_create");
    while (!holder_has_lock)
        sched_yield();
    CHECK_EQ(-1, ftrylockfile(stdout), "ftrylockfile of a stream another thread holds");
    pid_t child = fork();
    if (child == 0) {
        printf("the child of a fork prints though another thread held stdout\n");
        fflush(stdout);
        _exit(0);
    }
    int status = -1;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child printed and exited: 0x%x", status);
    holder_may_go = 1;
    pthread_join(holder, NULL);
    CHECK_EQ(0, ftrylockfile(stdout), "ftrylockfile once it is free");
    CHECK_EQ(0, ftrylockfile(stdout), "and again: the lock is recursive");
    funlockfile(stdout);
    funlockfile(stdout);
}

static void cases(void)
{
    lines_stay_whole();
    heap_blocks_keep_their_contents();
    fork_while_another_thread_holds_a_stream();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("thread_stdio_and_malloc_are_thread_safe");
}
