/* user/bin/lslocks.c - lslocks: every file lock held, record locks
 * (fcntl(2)'s F_SETLK, lockf(3): TYPE POSIX; F_OFD_SETLK: TYPE OFDLCK,
 * with the pid of the process that took it) and flock(2)'s (TYPE FLOCK,
 * always the whole file), and every process waiting for one, as
 * util-linux's lslocks prints them, with the file's inode number for its
 * path:
 *
 *   COMMAND            PID  TYPE  MODE    INODE      START        END  BLOCKER
 *   counter             12  POSIX WRITE      41        100        103  -
 *   counter             13  POSIX WRITE*     41        100        103  12
 *   counter             14  OFDLCK READ      41          0        EOF  -
 *
 * A MODE with a '*' is a request waiting in F_SETLKW, and BLOCKER the
 * process whose lock is in its way. END "EOF" is a lock to the end of
 * the file, however far it grows. The locks come from
 * kinfo_table(KINFO_RECORD_LOCKS), the commands from KINFO_PROCESSES
 * (kinfo_table(3); docs/record-locks.md). */
#include <errno.h>
#include <fcntl.h>
#include <kernel.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *command_of(const struct kinfo_process *processes, int count, int pid)
{
    for (int i = 0; i < count; i++)
        if (processes[i].pid == pid)
            return processes[i].name;
    return "?";
}

int main(void)
{
    int count, process_count;
    struct kinfo_record_lock *locks = kinfo_table(KINFO_RECORD_LOCKS, sizeof *locks, &count);
    struct kinfo_process *processes = kinfo_table(KINFO_PROCESSES, sizeof *processes, &process_count);
    if (!locks || !processes) {
        fprintf(stderr, "lslocks: %s\n", strerror(errno));
        return 1;
    }
    printf("%-16s %5s  %-5s %-6s %6s %10s %10s  %s\n", "COMMAND", "PID", "TYPE", "MODE", "INODE", "START", "END",
           "BLOCKER");
    for (int i = 0; i < count; i++) {
        const struct kinfo_record_lock *lock = &locks[i];
        char mode[8], end[24], blocker[16];
        snprintf(mode, sizeof mode, "%s%s", lock->type == F_WRLCK ? "WRITE" : "READ", lock->waiting_for ? "*" : "");
        if (lock->end == KINFO_LOCK_TO_THE_END)
            strcpy(end, "EOF");
        else
            snprintf(end, sizeof end, "%llu", lock->end);
        if (lock->waiting_for > 0)
            snprintf(blocker, sizeof blocker, "%d", lock->waiting_for);
        else
            strcpy(blocker, "-");
        const char *type = lock->kind == KINFO_LOCK_FLOCK ? "FLOCK" : lock->kind == KINFO_LOCK_OFD ? "OFDLCK" : "POSIX";
        printf("%-16.16s %5d  %-5s %-6s %6u %10llu %10s  %s\n", command_of(processes, process_count, lock->pid),
               lock->pid, type, mode, lock->inode, lock->start, end, blocker);
    }
    free(locks);
    free(processes);
    return 0;
}
