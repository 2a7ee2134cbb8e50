/* user/tools/fuzz/ticker.c - a helper of the supervisor that keeps the run
 * moving: every 20 ms it looks at the process list, and a process of ours
 * found blocked twice in a row gets SIGALRM (its wait ends with EINTR),
 * or SIGCONT if it is stopped. The alarm each fuzzer arms before a call
 * that may wait would end the wait too, but only after a second. */
#include <kernel.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fuzz.h"

#define LISTED_MAX 64

void ticker_main(void) __attribute__((noreturn));
void ticker_main(void)
{
    static struct kinfo_process listed[LISTED_MAX];
    static uint8_t blocked_before[PID_LIMIT / 8], blocked_now[PID_LIMIT / 8];
    struct timespec pause = { 0, 20000000 };
    for (;;) {
        if (getppid() != shared->supervisor_pid)
            _exit(0);
        nanosleep(&pause, 0);
        int bytes = kinfo(KINFO_PROCESSES, listed, sizeof listed);
        memset(blocked_now, 0, sizeof blocked_now);
        for (int i = 0; i < bytes / (int)sizeof listed[0]; i++) {
            int pid = listed[i].pid;
            if (!pid_is_ours(pid) || listed[i].state != 'B')
                continue;
            blocked_now[pid / 8] |= (uint8_t)(1u << (pid % 8));
            if (!(blocked_before[pid / 8] & (1u << (pid % 8))))
                continue;
            kill(pid, strcmp(listed[i].wait_reason, "stopped") ? SIGALRM : SIGCONT);
        }
        memcpy(blocked_before, blocked_now, sizeof blocked_now);
    }
}
