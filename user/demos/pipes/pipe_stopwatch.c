/* user/demos/pipes/pipe_stopwatch.c - how long does one pipe round trip
 * take? Time each with the clock, as you would any program.
 *
 *     parent: t0 = clock_gettime()  --- 1 byte --->  child
 *             t1 = clock_gettime()  <-- 1 byte ----  (it echoes it)
 *
 * A round trip is a few microseconds: two writes, two reads, two task
 * switches. The clock counts ticks of about a millisecond, and a read adds
 * the time-stamp counter's time since the last one (docs/scheduler.md,
 * "The real-time clock"), so it can time something this short; a clock
 * that moved only at ticks would read 0 for nearly every trip and a whole
 * tick for the rest.
 *
 * A single trip is noisy (a timer interrupt may land in it), so it times
 * many and prints the fastest, the median and the slowest, with what one
 * clock read itself costs. Under QEMU the times are QEMU's, not a real
 * machine's: compare them with each other, not with the books.
 *
 *     pipe_stopwatch [trips]     (default 1000, at most 100000) */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_TRIPS 1000
#define MAX_TRIPS     100000
#define WARMUP_TRIPS  100

static long long now_ns(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long long)now.tv_sec * 1000000000ll + now.tv_nsec;
}

static int by_value(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? -1 : x > y;
}

/* One byte there and back; 0 when the child has gone. */
static int round_trip(int to_child, int from_child)
{
    char byte = 'x';
    return write(to_child, &byte, 1) == 1 && read(from_child, &byte, 1) == 1;
}

int main(int argc, char **argv)
{
    int trips = argc > 1 ? atoi(argv[1]) : DEFAULT_TRIPS;
    if (trips < 1 || trips > MAX_TRIPS) {
        fprintf(stderr, "usage: pipe_stopwatch [trips]   (1 to %d)\n", MAX_TRIPS);
        return 2;
    }
    long long *took = malloc(trips * sizeof *took);
    int to_child[2], from_child[2];
    if (!took || pipe(to_child) < 0 || pipe(from_child) < 0) {
        perror("pipe_stopwatch");
        return 1;
    }
    pid_t child = fork();
    if (child < 0) {
        perror("fork");
        return 1;
    }
    if (child == 0) {                       /* the echo: a byte in, the same byte out */
        close(to_child[1]);
        close(from_child[0]);
        char byte;
        while (read(to_child[0], &byte, 1) == 1)
            write(from_child[1], &byte, 1);
        _exit(0);
    }
    close(to_child[0]);
    close(from_child[1]);

    for (int i = 0; i < WARMUP_TRIPS; i++)  /* both sides running, their pages in */
        round_trip(to_child[1], from_child[0]);
    for (int i = 0; i < trips; i++) {
        long long start = now_ns();
        if (!round_trip(to_child[1], from_child[0])) {
            fprintf(stderr, "pipe_stopwatch: the child went away\n");
            return 1;
        }
        took[i] = now_ns() - start;
    }
    close(to_child[1]);                     /* end of file: the child ends */
    waitpid(child, NULL, 0);

    long long start = now_ns();             /* what the stopwatch itself costs */
    for (int i = 0; i < 1000; i++)
        now_ns();
    long long clock_read = (now_ns() - start) / 1000;

    struct timespec resolution = { 0, 0 };
    int resolution_known = clock_getres(CLOCK_MONOTONIC, &resolution) == 0;   /* not in PROFILE=core */
    qsort(took, trips, sizeof *took, by_value);
    int zero = 0;
    for (int i = 0; i < trips; i++)
        zero += took[i] == 0;
    printf("%d pipe round trips, each timed with clock_gettime(CLOCK_MONOTONIC)\n", trips);
    printf("  fastest %lld ns, median %lld ns, slowest %lld ns\n", took[0], took[trips / 2], took[trips - 1]);
    printf("  trips that read 0 ns: %d\n", zero);
    printf("  one clock read: about %lld ns", clock_read);
    if (resolution_known)
        printf("; the clock's resolution: %ld ns", resolution.tv_nsec);
    printf("\n");
    free(took);
    return 0;
}
