/* tests/boot/sched_cpu_bound_processes_share_by_nice.c - CPU-bound
 * processes share the CPU in the ratio of their slices (docs/scheduler.md):
 * a lone one gets all of it (the idle task never runs while it is ready);
 * two at the same nice value get half each; at nice 0 and nice 10, whose
 * slices are 10 and 5 ticks, two thirds and one third. (make bench
 * measures the same over one virtual second, exactly; here the machine's
 * speed varies, so the bounds are loose.) */
#include <sys/resource.h>

#include "boot_sched.h"

#define MEASURE_MS 400

static pid_t start_spinner_at(int nice_value)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        setpriority(PRIO_PROCESS, 0, nice_value);
        spin_to_the_bottom(0);
    }
    return pid;
}

/* The CPU time each of two spinners at these nice values gets in MEASURE_MS. */
static void share(int nice_a, int nice_b, long *a_ms, long *b_ms)
{
    pid_t a = start_spinner_at(nice_a), b = start_spinner_at(nice_b);
    usleep(50000);                      /* both settle at the bottom level */
    long a_before = cpu_ms_of(a), b_before = cpu_ms_of(b);
    usleep(MEASURE_MS * 1000);
    *a_ms = cpu_ms_of(a) - a_before;
    *b_ms = cpu_ms_of(b) - b_before;
    stop_process(a);
    stop_process(b);
}

int main(void)
{
    run_on_one_cpu();                       /* what one CPU does (boot_test.h) */
    pid_t lone = start_spinner_at(0);
    usleep(50000);
    long before = cpu_ms_of(lone), start = now_ms();
    usleep(MEASURE_MS * 1000);
    long lone_ms = cpu_ms_of(lone) - before, elapsed = now_ms() - start;
    stop_process(lone);
    printf("a lone spinner: %ld ms of CPU in %ld ms\n", lone_ms, elapsed);
    CHECK(lone_ms * 100 >= elapsed * 95, "a lone spinner got %ld ms of CPU in %ld ms (expected all but our own "
          "wake-ups)", lone_ms, elapsed);

    long a, b;
    share(0, 0, &a, &b);
    printf("nice 0 and nice 0: %ld ms and %ld ms\n", a, b);
    CHECK(a + b > MEASURE_MS / 2, "the spinners got only %ld ms of %d", a + b, MEASURE_MS);
    CHECK(a * 10 >= (a + b) * 4 && b * 10 >= (a + b) * 4,
          "two spinners at nice 0 got %ld ms and %ld ms (expected about half each)", a, b);

    share(0, 10, &a, &b);
    printf("nice 0 and nice 10: %ld ms and %ld ms\n", a, b);
    CHECK(b > 0 && a * 10 >= b * 15 && a * 10 <= b * 27,
          "nice 0 got %ld ms and nice 10 %ld ms (expected about twice as much: slices of 10 and 5 ticks)", a, b);
    return test_finish("sched_cpu_bound_processes_share_by_nice");
}
