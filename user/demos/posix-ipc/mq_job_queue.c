/* user/demos/posix-ipc/mq_job_queue.c - a priority job queue on a POSIX
 * message queue: the demo of docs/posix-ipc.md.
 *
 *     mq_job_queue [workers]          (default 2)
 *
 * The dispatcher creates the queue /jobs and submits a dozen jobs of
 * three priorities (urgent 9, normal 5, background 1) before any worker
 * runs. Then it starts the workers; each takes jobs with mq_receive,
 * which always hands out the most urgent job waiting (and, among equally
 * urgent ones, the oldest), "does" it (sleeps a little) and reports it.
 * Last come one "stop" job per worker at priority 0, behind every real
 * job. The dispatcher waits for the workers and removes the queue; it
 * exits 0 if every job was done exactly once. */
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define QUEUE_NAME "/jobs"
#define WORKERS_DEFAULT 2
#define WORKERS_MAX 8
#define STOP_PRIORITY 0               /* below every real job: received last */

struct job {
    int id;                           /* 1, 2, ...; 0 means "stop" */
    unsigned priority;
    unsigned work_ms;                 /* how long it "takes" */
    char title[40];
};

static const struct job jobs[] = {
    { 1, 1, 20, "rotate the logs" },
    { 2, 5, 10, "resize a photo" },
    { 3, 9, 5, "page the on-call engineer" },
    { 4, 1, 20, "rebuild the search index" },
    { 5, 5, 10, "send the newsletter" },
    { 6, 9, 5, "restart the crashed server" },
    { 7, 5, 10, "compress yesterday's data" },
    { 8, 1, 20, "defragment the archive" },
    { 9, 9, 5, "answer the fire alarm" },
    { 10, 5, 10, "render the thumbnails" },
    { 11, 1, 20, "count the spoons" },
    { 12, 5, 10, "back up the database" },
};
#define JOB_COUNT ((int)(sizeof jobs / sizeof jobs[0]))

static const char *urgency(unsigned priority)
{
    return priority >= 9 ? "urgent" : priority >= 5 ? "normal" : "background";
}

/* A worker: takes jobs until it gets a stop; writes the ids it did to `report_fd`. */
static void worker_main(mqd_t queue, int number, int report_fd)
{
    struct job job;
    unsigned priority;
    for (;;) {
        ssize_t length = mq_receive(queue, (char *)&job, sizeof job, &priority);
        if (length != sizeof job) {
            fprintf(stderr, "worker %d: mq_receive: %s\n", number, strerror(errno));
            _exit(1);
        }
        if (job.id == 0)
            break;
        printf("worker %d: job %2d (%s, priority %u): %s\n", number, job.id, urgency(priority), priority, job.title);
        fflush(stdout);
        usleep(job.work_ms * 1000);
        write(report_fd, &job.id, sizeof job.id);
    }
    _exit(0);
}

int main(int argc, char **argv)
{
    int workers = argc > 1 ? atoi(argv[1]) : WORKERS_DEFAULT;
    if (workers < 1 || workers > WORKERS_MAX) {
        fprintf(stderr, "usage: mq_job_queue [workers: 1-%d]\n", WORKERS_MAX);
        return 2;
    }
    mq_unlink(QUEUE_NAME);            /* a queue left by an earlier run */
    struct mq_attr attributes = { .mq_maxmsg = JOB_COUNT + WORKERS_MAX, .mq_msgsize = sizeof(struct job) };
    mqd_t queue = mq_open(QUEUE_NAME, O_RDWR | O_CREAT | O_EXCL, 0600, &attributes);
    if (queue < 0) {
        fprintf(stderr, "mq_job_queue: mq_open %s: %s\n", QUEUE_NAME, strerror(errno));
        return 1;
    }
    for (int i = 0; i < JOB_COUNT; i++) {
        mq_send(queue, (const char *)&jobs[i], sizeof jobs[i], jobs[i].priority);
        printf("submitted job %2d (%s, priority %u): %s\n", jobs[i].id, urgency(jobs[i].priority),
               jobs[i].priority, jobs[i].title);
    }
    struct mq_attr now;
    mq_getattr(queue, &now);
    printf("%ld jobs waiting; starting %d worker(s)\n", now.mq_curmsgs, workers);
    fflush(stdout);

    int done[2];
    pipe(done);
    pid_t pids[WORKERS_MAX];
    for (int w = 0; w < workers; w++)
        if ((pids[w] = fork()) == 0) {
            close(done[0]);
            worker_main(queue, w + 1, done[1]);
        }
    close(done[1]);
    struct job stop = { 0, STOP_PRIORITY, 0, "stop" };
    for (int w = 0; w < workers; w++)
        mq_send(queue, (const char *)&stop, sizeof stop, STOP_PRIORITY);

    int times_done[JOB_COUNT + 1] = { 0 }, id, failed = 0;
    while (read(done[0], &id, sizeof id) == sizeof id)
        if (id >= 1 && id <= JOB_COUNT)
            times_done[id]++;
    for (int w = 0; w < workers; w++) {
        int status = -1;
        waitpid(pids[w], &status, 0);
        failed |= !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    }
    for (int i = 1; i <= JOB_COUNT; i++)
        failed |= times_done[i] != 1;
    mq_close(queue);
    mq_unlink(QUEUE_NAME);
    if (failed)
        printf("mq_job_queue: some jobs were lost or done twice\n");
    else
        printf("all %d jobs done\n", JOB_COUNT);
    return failed;
}
