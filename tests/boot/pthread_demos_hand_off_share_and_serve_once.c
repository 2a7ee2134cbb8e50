/* tests/boot/pthread_demos_hand_off_share_and_serve_once.c - the demos of
 * docs/threads.md (user/demos/threads/), run as a student runs them, and
 * their output read back:
 *
 *  - /bin/producer_consumer 2 2 8: every item 1001..1008, 2001..2008 is
 *    put once and taken once, both waits show (not_full, not_empty; on
 *    several CPUs the consumers may keep up, and only not_empty must),
 *    the two checksums agree, and the threads' tids are their own;
 *  - /bin/readers_writers 3 2 3: readers were inside together, every
 *    writer was alone, no read was torn, and the versions go 1 to 6 in
 *    order;
 *  - /bin/thread_pool 3 3 4: each of the 12 requests is answered exactly
 *    once, rightly, by one of the worker threads (the answer's src is a
 *    worker's tid, not the server's pid), and the mailbox is gone after.
 *
 * Each exits 0, and nothing leaks: no thread, stack or mailbox is left. */
#include <ipc.h>

#include "boot_test.h"
#include "boot_wait.h"

#define OUTPUT_MAX 16384

/* Runs `command` (its words separated by spaces) with its output into
 * `output`; returns its wait status. */
static int run(const char *command, char *output)
{
    char words[128], *argv[8];
    int count = 0;
    snprintf(words, sizeof words, "%s", command);
    for (char *word = strtok(words, " "); word && count < 7; word = strtok(NULL, " "))
        argv[count++] = word;
    argv[count] = NULL;
    return run_capturing(argv, output, OUTPUT_MAX);
}

/* The next line of `*cursor` into `line`; 0 at the end. */
static int next_line(const char **cursor, char *line, int size)
{
    const char *p = *cursor;
    if (!*p)
        return 0;
    const char *end = strchr(p, '\n');
    int length = end ? (int)(end - p) : (int)strlen(p);
    snprintf(line, size, "%.*s", length, p);
    *cursor = end ? end + 1 : p + length;
    return 1;
}

static void producer_consumer_takes_every_item_once(void)
{
    static char output[OUTPUT_MAX];
    int status = run("/bin/producer_consumer 2 2 8", output);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "producer_consumer: status 0x%x\n%s", status, output);
    int put[3][9] = { { 0 } }, taken[3][9] = { { 0 } }, tid_of[5] = { 0 }, odd_lines = 0, main_tid = 0;
    char line[160];
    for (const char *cursor = output; next_line(&cursor, line, sizeof line);) {
        char role[16];
        int who, tid, item;
        sscanf(line, "main [tid %d]", &main_tid);
        if (sscanf(line, "%15s %d [tid %d]:", role, &who, &tid) == 3 && who >= 1 && who <= 2) {
            int index = (strcmp(role, "consumer") == 0) * 2 + who;      /* producers 1-2, consumers 3-4 */
            if (tid_of[index] == 0)
                tid_of[index] = tid;
            odd_lines += tid_of[index] != tid;
        }
        const char *what = strchr(line, ':');
        if (what && (sscanf(what, ": put %d", &item) == 1 || sscanf(what, ": took %d", &item) == 1)) {
            int producer = item / 1000, n = item % 1000;
            if (producer >= 1 && producer <= 2 && n >= 1 && n <= 8)
                (strncmp(what, ": put", 5) == 0 ? put : taken)[producer][n]++;
            else
                odd_lines++;
        }
    }
    for (int producer = 1; producer <= 2; producer++)
        for (int n = 1; n <= 8; n++) {
            CHECK_EQ(1, put[producer][n], "times an item was put");
            CHECK_EQ(1, taken[producer][n], "times an item was taken");
        }
    CHECK_EQ(0, odd_lines, "lines with an unknown item or a thread's tid changing");
    tid_of[0] = main_tid;                 /* the first thread's tid: the process's pid */
    for (int i = 0; i <= 4; i++)
        for (int j = i + 1; j <= 4; j++)
            CHECK(tid_of[i] > 0 && tid_of[i] != tid_of[j], "threads %d and %d: tids %d and %d", i, j, tid_of[i],
                  tid_of[j]);
    /* Which waits show is the schedule's. On one CPU both always do. On
     * several the consumers run beside the producers, and since their
     * condition waits left the big lock they may keep the ring from ever
     * being full (a run on 2 CPUs: the producers never waited). */
    if (sysconf(_SC_NPROCESSORS_ONLN) == 1)
        CHECK(strstr(output, "waits on not_full") != NULL, "no producer waited on not_full:\n%s", output);
    CHECK(strstr(output, "waits on not_empty") != NULL, "no consumer waited on not_empty:\n%s", output);
    unsigned made = 0, consumed = 1;
    const char *producers_line = strstr(output, "the producers are done:");
    const char *consumers_line = strstr(output, "the consumers took");
    CHECK(producers_line && sscanf(producers_line, "the producers are done: 16 items, checksum %x", &made) == 1,
          "the producers' summary:\n%s", output);
    CHECK(consumers_line && sscanf(consumers_line, "the consumers took 16 items, checksum %x", &consumed) == 1,
          "the consumers' summary:\n%s", output);
    CHECK(made == consumed, "checksums: producers %08x, consumers %08x", made, consumed);
}

static void readers_writers_share_reads_not_writes(void)
{
    static char output[OUTPUT_MAX];
    int status = run("/bin/readers_writers 3 2 3", output);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "readers_writers: status 0x%x\n%s", status, output);
    int most = 0, versions = 0, readers_together = 0;
    char line[160];
    for (const char *cursor = output; next_line(&cursor, line, sizeof line);) {
        int who, tid, from, to, others;
        if (sscanf(line, "writer %d [tid %d]: in, alone: version %d -> %d", &who, &tid, &from, &to) == 4) {
            versions++;
            CHECK(from == versions - 1 && to == versions, "write %d: version %d -> %d", versions, from, to);
        }
        if (sscanf(line, "reader %d [tid %d]: in, reads version %d (%d other", &who, &tid, &from, &others) == 4)
            readers_together |= others > 0;
        sscanf(line, "most readers inside at once: %d", &most);
    }
    CHECK_EQ(6, versions, "writes, each alone");
    CHECK(readers_together && most >= 2, "readers were never inside together (most %d):\n%s", most, output);
    CHECK(strstr(output, "NOT ALONE") == NULL && strstr(output, "TORN") == NULL,
          "a writer had company or a read was torn:\n%s", output);
    CHECK(strstr(output, "a writer had company: 0 times; torn reads: 0; the table is at version 6 of 6") != NULL,
          "the summary:\n%s", output);
}

static void thread_pool_answers_every_request_once(void)
{
    static char output[OUTPUT_MAX];
    int status = run("/bin/thread_pool 3 3 4", output);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "thread_pool: status 0x%x\n%s", status, output);
    int server = 0, worker_tids[4] = { 0 }, answered[4][5] = { { 0 } }, served = 0, odd_lines = 0;
    char line[200];
    for (const char *cursor = output; next_line(&cursor, line, sizeof line);) {
        int who, tid, client, request, operand, result, worker, count;
        sscanf(line, "server [pid %d]", &server);
        if (sscanf(line, "worker %d [tid %d]: waits in mbox_recv", &who, &tid) == 2 && who >= 1 && who <= 3)
            worker_tids[who] = tid;
        if (sscanf(line, "client %d [pid %*d]: answer to request %d: %d squared is %d, from worker %d (tid %d)",
                   &client, &request, &operand, &result, &worker, &tid) == 6) {
            int right = client >= 1 && client <= 3 && request >= 1 && request <= 4 && worker >= 1 &&
                        worker <= 3 && operand == client * 10 + request && result == operand * operand &&
                        tid == worker_tids[worker] && tid != server;
            if (right)
                answered[client][request]++;
            else
                odd_lines++;
        }
        if (sscanf(line, "worker %d served %d request", &who, &count) == 2)
            served += count;
    }
    CHECK(server > 0, "the server's line:\n%s", output);
    for (int client = 1; client <= 3; client++)
        for (int request = 1; request <= 4; request++)
            CHECK_EQ(1, answered[client][request], "right answers to one request, from a worker's tid");
    CHECK_EQ(0, odd_lines, "wrong answers, or answers from a tid that is no worker's");
    CHECK_EQ(12, served, "requests the workers say they served");
    CHECK(strstr(output, "12 requests, each answered exactly once") != NULL, "the summary:\n%s", output);
    CHECK_ERROR(mbox_open("pool", 0, 0), ENOENT);
}

int main(void)
{
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_warm_up(tasks);
    producer_consumer_takes_every_item_once();
    readers_writers_share_reads_not_writes();
    thread_pool_answers_every_request_once();
    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("pthread_demos_hand_off_share_and_serve_once");
}
