/* tests/boot/mq_job_queue_demo_takes_jobs_by_priority.c - the demo
 * /bin/mq_job_queue, run with one worker, does every job once, most
 * urgent first (the jobs are all queued before the worker starts, so the
 * order is exactly the queue's: priority 9, then 5, then 1, oldest first
 * within each), exits 0, and leaves no queue behind. */
#include <mqueue.h>

#include "boot_test.h"
#include "boot_wait.h"

/* Runs `program` with `argument`, its output into `output`; returns its status. */
static int run(const char *program, const char *argument, char *output, int size)
{
    char *argv[] = { (char *)program, (char *)argument, NULL };
    return run_capturing(argv, output, size);
}

int main(void)
{
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_warm_up(tasks);

    static char output[8192];
    int status = run("/bin/mq_job_queue", "1", output, sizeof output);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "mq_job_queue 1: status 0x%x\n%s", status, output);
    /* the worker's lines, in the order it did the jobs */
    const int expected[] = { 3, 6, 9, 2, 5, 7, 10, 12, 1, 4, 8, 11 };
    int done = 0;
    for (char *line = strstr(output, "worker 1: job"); line; line = strstr(line + 1, "worker 1: job")) {
        int id = atoi(line + strlen("worker 1: job"));
        if (done < 12)
            CHECK(id == expected[done], "job %d done: expected job %d, got job %d", done + 1, expected[done], id);
        done++;
    }
    CHECK_EQ(12, done, "jobs the worker reported");
    CHECK(strstr(output, "all 12 jobs done") != NULL, "the demo's summary line is missing:\n%s", output);
    CHECK_ERROR(mq_open("/jobs", O_RDONLY), ENOENT);

    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("mq_job_queue_demo_takes_jobs_by_priority");
}
