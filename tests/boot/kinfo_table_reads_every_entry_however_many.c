/* tests/boot/kinfo_table_reads_every_entry_however_many.c - kinfo_table(3)
 * reads a whole kinfo(2) table, however many entries it has: with 40 pipes
 * open (more than its first guess of room, twice over) it gives the same
 * entries as one kinfo call with room for 256, in the same order; a
 * one-record table is one entry; bad arguments get errors and leave
 * *count alone. This kernel's own call: Linux has no kinfo. */
#include "boot_test.h"

#define PIPES 40
#define ROOM_FOR_ALL 256                /* entries: more than the test makes */

static int pipe_entries(const struct kinfo_ipc_object *objects, int count)
{
    int pipes = 0;
    for (int i = 0; i < count; i++)
        if (!strncmp(objects[i].kind, "pipe", sizeof objects[i].kind))
            pipes++;
    return pipes;
}

/* The table read whole matches one kinfo call with room for everything. */
static void check_ipc_objects(void)
{
    static struct kinfo_ipc_object all[ROOM_FOR_ALL];
    int count = -1;
    struct kinfo_ipc_object *objects = kinfo_table(KINFO_IPC_OBJECTS, sizeof *objects, &count);
    int bytes = kinfo(KINFO_IPC_OBJECTS, all, sizeof all);
    CHECK(objects != NULL, "kinfo_table(KINFO_IPC_OBJECTS): %s", strerror(errno));
    CHECK(bytes > 0 && bytes < (int)sizeof all, "kinfo(KINFO_IPC_OBJECTS) with room for %d: %d bytes",
          ROOM_FOR_ALL, bytes);
    if (!objects || bytes <= 0)
        return;
    int expected = bytes / (int)sizeof all[0];
    CHECK_EQ(expected, count, "entries kinfo_table read");
    CHECK(pipe_entries(objects, count) >= PIPES, "%d pipe entries, expected at least the test's %d",
          pipe_entries(objects, count), PIPES);
    CHECK(count == expected && !memcmp(objects, all, (size_t)count * sizeof all[0]),
          "kinfo_table's entries differ from one kinfo call's");
    free(objects);
}

static void check_processes_and_one_record(void)
{
    int count = -1, found = 0;
    struct kinfo_process *processes = kinfo_table(KINFO_PROCESSES, sizeof *processes, &count);
    CHECK(processes != NULL && count >= 1, "kinfo_table(KINFO_PROCESSES): %d entries, %s", count,
          processes ? "" : strerror(errno));
    for (int i = 0; processes && i < count; i++)
        found += processes[i].pid == getpid();
    CHECK_EQ(1, found, "entries of this process in the table of processes");
    free(processes);

    struct kinfo_counters *counters = kinfo_table(KINFO_COUNTERS, sizeof *counters, &count);
    CHECK(counters != NULL, "kinfo_table(KINFO_COUNTERS): %s", strerror(errno));
    CHECK_EQ(1, count, "entries of KINFO_COUNTERS, one record");
    CHECK(!counters || counters->processes >= 1, "KINFO_COUNTERS read whole says %u processes",
          counters ? counters->processes : 0);
    free(counters);
}

static void check_bad_arguments(void)
{
    int count = 77;
    CHECK_ERROR(kinfo_table(0, sizeof(struct kinfo_process), &count) ? 0 : -1, EINVAL);
    CHECK_ERROR(kinfo_table(999, sizeof(struct kinfo_process), &count) ? 0 : -1, EINVAL);
    CHECK_ERROR(kinfo_table(KINFO_PROCESSES, 0, &count) ? 0 : -1, EINVAL);
    CHECK_ERROR(kinfo_table(KINFO_PROCESSES, sizeof(struct kinfo_process), NULL) ? 0 : -1, EINVAL);
    /* room for 16 entries of this size is more than kinfo's unsigned size */
    CHECK_ERROR(kinfo_table(KINFO_PROCESSES, (size_t)-1 / 4, &count) ? 0 : -1, ENOMEM);
    CHECK_EQ(77, count, "*count after the failed calls");
}

int main(void)
{
    int fds[PIPES][2];
    /* the first round grows our heap to the size the table needs, so that
     * the counted round takes no page the kernel would count as leaked */
    for (int round = 0; round < 2; round++) {
        struct kinfo_counters before = settled_counters(read_counters().tasks);
        int opened = 0;
        while (opened < PIPES && pipe(fds[opened]) == 0)
            opened++;
        CHECK_EQ(PIPES, opened, "pipes opened");
        check_ipc_objects();
        check_processes_and_one_record();
        for (int i = 0; i < opened; i++) {
            close(fds[i][0]);
            close(fds[i][1]);
        }
        if (round == 1)
            CHECK_NO_LEAK(before, settled_counters(before.tasks));
    }
    check_bad_arguments();
    return test_finish("kinfo_table_reads_every_entry_however_many");
}
