/* user/tools/fuzz/ring.c - who is ours, and the last calls each of them made.
 *
 * A process's record is slot pid % 64 of the shared page, as in the
 * kernel's process table: two live (or zombie) processes never share a
 * slot, so a child's ring survives until its parent has reaped it. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

void register_process(int pid, enum process_kind kind)
{
    struct process_record *record = &shared->records[pid % PROCESS_SLOTS];
    if (record->pid != pid) {
        record->ring.next = 0;
        record->signals_sent = 0;
    }
    record->finished = 0;
    record->kind = kind;
    record->pid = pid;
    if (pid > 0 && pid < PID_LIMIT)
        atomic_or(&shared->pids[pid / 32], 1u << (pid % 32));
}

struct process_record *record_of(int pid)
{
    if (pid <= 0)
        return 0;
    struct process_record *record = &shared->records[pid % PROCESS_SLOTS];
    return record->pid == pid ? record : 0;
}

void pid_mark_ours(int pid)
{
    if (pid > 0 && pid < PID_LIMIT)
        atomic_or(&shared->pids[pid / 32], 1u << (pid % 32));
}

int pid_is_ours(int pid)
{
    return pid > 0 && pid < PID_LIMIT && (shared->pids[pid / 32] >> (pid % 32)) & 1;
}

static struct process_record *own_record(void)
{
    static int cached_pid;
    static struct process_record *cached;
    int pid = (int)raw_syscall(5 /* SYS_getpid */, 0, 0, 0, 0, 0, 0);
    if (pid != cached_pid) {
        cached_pid = pid;
        cached = &shared->records[pid % PROCESS_SLOTS];
    }
    return cached;
}

char *ring_begin(void)
{
    struct process_record *record = own_record();
    char *line = record->ring.lines[record->ring.next % RING_ENTRIES];
    line[0] = 0;
    return line;
}

/* The call is about to be made: under --trace it goes to the console now,
 * so that a kernel panic shows what came just before it. */
void ring_about_to_call(const char *line)
{
    if (shared->trace)
        say("%s\n", line);
}

/* The call came back: its result completes the line. The next slot is
 * cleared, so that a line without a result is the call a process died in. */
void ring_end(long result)
{
    struct process_record *record = own_record();
    char *slot = record->ring.lines[record->ring.next % RING_ENTRIES];
    size_t length = strlen(slot);
    if (length + 16 < RING_LINE) {
        char *end = slot + length;
        if (result < 0 && result > -4096)
            snprintf(end, RING_LINE - length, " = -%ld", -result);
        else
            snprintf(end, RING_LINE - length, " = 0x%lx", (unsigned long)result);
    }
    if (shared->trace) {                    /* "p12 #345 -> -4": the result, for the log */
        const char *space = strchr(slot, ' ');
        const char *second = space ? strchr(space + 1, ' ') : 0;
        if (second)
            say("%.*s -> %ld\n", (int)(second - slot), slot, result);
    }
    record->ring.next++;
    record->ring.lines[record->ring.next % RING_ENTRIES][0] = 0;
}

void ring_print(int pid, const char *why)
{
    struct process_record *record = &shared->records[pid % PROCESS_SLOTS];
    say("fuzz: UNEXPECTED: pid %d %s (seed %u)\n", pid, why, shared->seed);
    if (record->pid != pid) {
        say("fuzz:   (its calls were not recorded)\n");
        return;
    }
    uint32_t next = record->ring.next;
    uint32_t first = next > RING_ENTRIES - 1 ? next - (RING_ENTRIES - 1) : 0;
    say("fuzz:   its last %u calls, oldest first:\n", next - first);
    for (uint32_t i = first; i < next; i++)
        say("fuzz:   %s\n", record->ring.lines[i % RING_ENTRIES]);
    /* the call it was in when it died has no result yet */
    const char *current = record->ring.lines[next % RING_ENTRIES];
    if (current[0])
        say("fuzz:   %s   <- in this call\n", current);
}
